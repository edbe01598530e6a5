import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What came of a meeting, as one attendee sees it. */
export const NEXT_STEPS = [
  'none',
  'follow-up-call',
  'visit',
  'joint-application',
  'partnership',
  'commercial-deal',
  'other',
] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

/**
 * The meeting-feedback survey of an event: the mails went out at `sentAt`, answers can be changed until
 * `closesAt`, and `reminderAfterDays` after sending those who have not answered every meeting get one reminder.
 */
@Entity('feedback_survey')
export class FeedbackSurveyEntity {
  @PrimaryColumn('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('varchar', { name: 'sent_at', length: 30 }) sentAt!: string;
  @Column('varchar', { name: 'closes_at', length: 30 }) closesAt!: string;
  @Column('integer', { name: 'reminder_after_days' }) reminderAfterDays!: number;
  @Column('varchar', { name: 'reminded_at', length: 30, nullable: true }) remindedAt!: string | null;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt!: string;
}

/** One attendee's answer about one meeting (a meeting is an accepted request held in the published schedule). */
@Entity('meeting_feedback')
export class MeetingFeedbackEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('varchar', { name: 'request_id', length: 36 }) requestId!: string;
  @Column('varchar', { name: 'delegate_id', length: 36 }) delegateId!: string;
  /** The attendee's cluster when answering. */
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId!: string;
  @Column('boolean') held!: boolean;
  /** 1-5 when held, else null. */
  @Column('integer', { nullable: true }) usefulness!: number | null;
  @Column('varchar', { name: 'next_step', length: 32, nullable: true }) nextStep!: NextStep | null;
  @Column('text') note!: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt!: string;
}
