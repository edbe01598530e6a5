import { Column, Entity, PrimaryColumn } from 'typeorm';

export const TERM_KINDS = ['sector', 'technology'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/** A sector or technology area; the organiser edits the list. */
@Entity('taxonomy_term')
export class TaxonomyTermEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 16 }) kind!: TermKind;
  /** The English label (also what imports and the directory filters match). */
  @Column('varchar', { length: 120 }) name!: string;
  /** The Danish label; null: the English one is shown. */
  @Column('varchar', { name: 'name_da', length: 120, nullable: true }) nameDa?: string | null;
}
