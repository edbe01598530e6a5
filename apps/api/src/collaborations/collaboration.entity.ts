import { Column, Entity, PrimaryColumn } from 'typeorm';

export const COLLABORATION_TYPES = [
  'project',
  'application',
  'partnership',
  'commercial',
  'knowledge-exchange',
  'other',
] as const;
export type CollaborationType = (typeof COLLABORATION_TYPES)[number];
export const COLLABORATION_STATUSES = ['planned', 'running', 'completed', 'stopped'] as const;
export type CollaborationStatus = (typeof COLLABORATION_STATUSES)[number];

/** A collaboration between clusters, optionally launched at an event; it belongs to its partner clusters. */
@Entity('collaboration')
export class CollaborationEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36, nullable: true }) eventId!: string | null;
  @Column('varchar', { length: 24 }) type!: CollaborationType;
  @Column('varchar', { length: 16 }) status!: CollaborationStatus;
  @Column('varchar', { length: 200 }) title!: string;
  @Column('integer', { name: 'new_ideas' }) newIdeas!: number;
  @Column('integer', { name: 'new_products' }) newProducts!: number;
  @Column('integer', { name: 'new_competences' }) newCompetences!: number;
  /** The delegate or organiser who wrote it last (for the record; access goes by cluster). */
  @Column('varchar', { name: 'recorded_by', length: 36 }) recordedBy!: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt!: string;
}

/** A partner cluster of a collaboration, optionally with how many of its member companies and SMEs take part. */
@Entity('collaboration_partner')
export class CollaborationPartnerEntity {
  @PrimaryColumn('varchar', { name: 'collaboration_id', length: 36 }) collaborationId!: string;
  @PrimaryColumn('varchar', { name: 'cluster_id', length: 36 }) clusterId!: string;
  @Column('integer', { nullable: true }) companies!: number | null;
  @Column('integer', { nullable: true }) smes!: number | null;
}
