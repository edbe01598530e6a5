import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Issue 10: a delegate checked in at an event (the row is removed when the check-in is undone). */
@Entity('checkin')
export class CheckinEntity {
  @PrimaryColumn('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @PrimaryColumn('varchar', { name: 'delegate_id', length: 36 }) delegateId!: string;
  @Column('varchar', { name: 'checked_in_at', length: 30 }) checkedInAt!: string;
  /** Who checked them in: an organiser's e-mail or `delegate:<id>`. */
  @Column('varchar', { name: 'checked_in_by', length: 300 }) checkedInBy!: string;
  /** `qr`, `search` or `list`. */
  @Column('varchar', { length: 16 }) method!: string;
}

export const MEETING_STATUSES = ['scheduled', 'held', 'no-show', 'cancelled-on-site'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MARK_STATUSES = ['held', 'no-show', 'cancelled-on-site'] as const;
export type MarkStatus = (typeof MARK_STATUSES)[number];

/**
 * One person's mark of a meeting on the day (issue 10). Each marker (a delegate, or an organiser) has one mark per
 * meeting, replaced when they mark again; marks of different people are all kept, so a conflict stays visible.
 */
@Entity('meeting_mark')
export class MeetingMarkEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  /** The meeting (its request id). */
  @Column('varchar', { name: 'request_id', length: 36 }) requestId!: string;
  /** `delegate:<id>` or `organiser:<e-mail>`. */
  @Column('varchar', { name: 'marker_key', length: 320 }) markerKey!: string;
  @Column('varchar', { name: 'marker_kind', length: 16 }) markerKind!: 'delegate' | 'organiser';
  @Column('varchar', { name: 'marker_name', length: 300 }) markerName!: string;
  @Column('varchar', { length: 24 }) status!: MarkStatus;
  /** For a no-show: the clusters that were missing. */
  @Column('simple-json') absent!: string[];
  /** The meeting's clusters when marked (figures by cluster and country after a rebooking removed it). */
  @Column('simple-json', { name: 'cluster_ids' }) clusterIds!: string[];
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
}

/** A replacement meeting booked on site for a meeting that did not happen (issue 10). */
@Entity('rebooking')
export class RebookingEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  /** The meeting that did not happen (request id). */
  @Column('varchar', { name: 'replaces_request_id', length: 36 }) replacesRequestId!: string;
  /** The new meeting (request id). */
  @Column('varchar', { name: 'request_id', length: 36 }) requestId!: string;
  /** The delegate it was offered to, and their new partner. */
  @Column('varchar', { name: 'delegate_id', length: 36 }) delegateId!: string;
  @Column('varchar', { name: 'partner_delegate_id', length: 36 }) partnerDelegateId!: string;
  /** The attendees of the meeting that did not happen (figures: who was expected). */
  @Column('simple-json', { name: 'replaced_delegate_ids' }) replacedDelegateIds!: string[];
  /** `accepted` (an accepted request not scheduled), `request` (a pending one), `recommendation`. */
  @Column('varchar', { length: 16 }) basis!: string;
  @Column('varchar', { name: 'slot_id', length: 36 }) slotId!: string;
  @Column('varchar', { name: 'table_id', length: 36 }) tableId!: string;
  /** The published version the rebooking created. */
  @Column('varchar', { name: 'version_id', length: 36 }) versionId!: string;
  @Column('varchar', { name: 'created_by', length: 320 }) createdBy!: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
}

/** The organiser's settings for the day of the event. */
@Entity('event_day_setting')
export class EventDaySettingEntity {
  @PrimaryColumn('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  /** Delegates may book a replacement offer themselves. */
  @Column('boolean', { name: 'self_service_rebooking' }) selfServiceRebooking!: boolean;
  /** Minutes before each meeting that attendees get a reminder mail; null = off (the default). */
  @Column('integer', { name: 'reminder_minutes', nullable: true }) reminderMinutes!: number | null;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt!: string;
}
