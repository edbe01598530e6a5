import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A cluster marked another "not interested" in an event: never suggested to it there again. */
@Entity('recommendation_dismissal')
export class RecommendationDismissalEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId!: string;
  @Column('varchar', { name: 'target_cluster_id', length: 36 }) targetClusterId!: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
}

/** The organiser sent a cluster its top suggestions (a nudge mail to each of its delegates). */
@Entity('recommendation_nudge')
export class RecommendationNudgeEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId!: string;
  @Column('integer') recipients!: number;
  @Column('varchar', { name: 'sent_at', length: 30 }) sentAt!: string;
}

/** An event's recommendation settings; no row means the defaults. */
@Entity('recommendation_setting')
export class RecommendationSettingEntity {
  @PrimaryColumn('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  /** Added to the solver weight of an accepted 1:1 request whose pair is a mutual suggestion (0 = off). */
  @Column('integer', { name: 'mutual_fit_bonus', default: 0 }) mutualFitBonus!: number;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt!: string;
}
