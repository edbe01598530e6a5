import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrganiserRole } from '../organisations/organisation.entity';

@Entity('organiser')
export class OrganiserEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 254 }) email!: string;
  @Column('varchar', { length: 200 }) name!: string;
  @Column('varchar', { name: 'password_hash', length: 100 }) passwordHash!: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
  /** The organisation the organiser belongs to (issue 9); '' only for a row written without one (belongs to none). */
  @Column('varchar', { name: 'organisation_id', length: 36, default: '' }) organisationId!: string;
  @Column('varchar', { length: 16, default: 'owner' }) role!: OrganiserRole;
  /** The organiser's language, `en` or `da` (issue 16): their mails and error messages; null: not chosen. */
  @Column('varchar', { length: 2, nullable: true }) language?: 'en' | 'da' | null;
}
