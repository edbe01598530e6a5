import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An organisation runs events (issue 9): its organisers, events and clusters (with their delegates) belong to it,
 * and nobody of another organisation sees them.
 */
@Entity('organisation')
export class OrganisationEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 200 }) name!: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
}

/** An organiser's role in their organisation: owners manage organisers, organisers run events, viewers read. */
export const ORGANISER_ROLES = ['owner', 'organiser', 'viewer'] as const;
export type OrganiserRole = (typeof ORGANISER_ROLES)[number];
