import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The months after an event at which its clusters are asked what came of it, unless the organiser sets others. */
export const DEFAULT_FOLLOW_UP_MONTHS: readonly number[] = [3, 6, 12, 36];

/** What came of a relationship started at an event, as the cluster says at a follow-up. */
export const FOLLOW_UP_OUTCOMES = ['nothing', 'in-contact', 'collaboration'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

/** The organiser's follow-up plan of an event: the months, comma-separated and ascending (e.g. `3,6,12,36`). */
@Entity('follow_up_plan')
export class FollowUpPlanEntity {
  @PrimaryColumn('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('varchar', { length: 100 }) months!: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt!: string;
}

/**
 * A round of follow-ups that is over: `sent` (the mails were queued at `sentAt`) or `skipped` (a later round was
 * due as well when the service looked, e.g. after a long stop, and only the latest is sent). The row is the claim:
 * its primary key keeps two instances from sending the same round.
 */
@Entity('follow_up_round')
export class FollowUpRoundEntity {
  @PrimaryColumn('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @PrimaryColumn('integer') months!: number;
  @Column('varchar', { name: 'due_at', length: 30 }) dueAt!: string;
  @Column('varchar', { length: 16 }) state!: 'sent' | 'skipped';
  @Column('varchar', { name: 'sent_at', length: 30 }) sentAt!: string;
  /** The clusters asked, and the mails queued to their delegates. */
  @Column('integer') clusters!: number;
  @Column('integer') mails!: number;
}

/**
 * A cluster's answer about one relationship started at an event (the other cluster), for one round (`months`, 0
 * before the first round). It belongs to the cluster: any of its delegates may change it.
 */
@Entity('follow_up_answer')
export class FollowUpAnswerEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('integer') months!: number;
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId!: string;
  @Column('varchar', { name: 'other_cluster_id', length: 36 }) otherClusterId!: string;
  @Column('varchar', { length: 16 }) outcome!: FollowUpOutcome;
  @Column('text') note!: string;
  /** The delegate or organiser who answered last (for the record; access goes by cluster). */
  @Column('varchar', { name: 'answered_by', length: 36 }) answeredBy!: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt!: string;
}
