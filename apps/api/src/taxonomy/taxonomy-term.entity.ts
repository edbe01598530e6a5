import { Column, Entity, PrimaryColumn } from 'typeorm';

export const TERM_KINDS = ['sector', 'technology'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/** A sector or technology area; the organiser edits the list. */
@Entity('taxonomy_term')
export class TaxonomyTermEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 16 }) kind!: TermKind;
  @Column('varchar', { length: 120 }) name!: string;
}
