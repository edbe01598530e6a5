import { Column, Entity, PrimaryColumn } from 'typeorm';

export const SCOPES = ['local', 'regional', 'national', 'international'] as const;
export type GeographicScope = (typeof SCOPES)[number];
export const LABELS = ['gold', 'silver', 'bronze', 'in_process', 'none'] as const;
export type ExcellenceLabel = (typeof LABELS)[number];

/** A cluster organisation (the party). Clusters outlive events. */
@Entity('cluster')
export class ClusterEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 200 }) name!: string;
  /** ISO 3166-1 alpha-2, upper case. */
  @Column('varchar', { length: 2 }) country!: string;
  @Column('varchar', { length: 200 }) region!: string;
  @Column('varchar', { length: 16 }) scope!: GeographicScope;
  @Column('varchar', { length: 16 }) label!: ExcellenceLabel;
  /** YYYY-MM-DD or null. */
  @Column('varchar', { name: 'label_valid_until', length: 10, nullable: true }) labelValidUntil!: string | null;
  @Column('integer') companies!: number;
  /** Of the companies, those under 50 staff. */
  @Column('integer') smes!: number;
  @Column('integer', { name: 'knowledge_institutions' }) knowledgeInstitutions!: number;
  @Column('integer', { name: 'public_bodies' }) publicBodies!: number;
  @Column('integer', { name: 'industry_associations' }) industryAssociations!: number;
  @Column('integer', { name: 'financial_actors' }) financialActors!: number;
  @Column('integer', { name: 'secretariat_size' }) secretariatSize!: number;
  @Column('text') offers!: string;
  @Column('text') seeks!: string;
  @Column('varchar', { length: 300, nullable: true }) website!: string | null;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt!: string;
  /** The organisation whose events the cluster takes part in (issue 9); shared by all of its events. */
  @Column('varchar', { name: 'organisation_id', length: 36, default: '' }) organisationId!: string;
}

@Entity('cluster_term')
export class ClusterTermEntity {
  @PrimaryColumn('varchar', { name: 'cluster_id', length: 36 }) clusterId!: string;
  @PrimaryColumn('varchar', { name: 'term_id', length: 36 }) termId!: string;
}

/** A cluster takes part in an event. */
@Entity('participation')
export class ParticipationEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId!: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
}
