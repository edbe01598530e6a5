import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A custom mail the organiser sent to a segment of an event. Its mails are outbox messages with the
 * ids `mailing.<id>.<delegateId>`, which give the queued/sent/failed counts. `segment`, `subject`
 * and `body` are JSON (`subject`/`body`: `{ en?, da? }`).
 */
@Entity('mailing')
export class MailingEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('text') segment!: string;
  @Column('text') subject!: string;
  @Column('text') body!: string;
  /** How many mails were queued. */
  @Column('integer') recipients!: number;
  /** The organiser's e-mail address. */
  @Column('varchar', { name: 'created_by', length: 254 }) createdBy!: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
}

/**
 * What a delegate chose about optional mail: `unsubscribedAt` stops custom mailings and nudges
 * (transactional mail, agendas included, still goes out). `bouncedAt` marks an address the mail
 * server refused permanently.
 */
@Entity('contact_preference')
export class ContactPreferenceEntity {
  @PrimaryColumn('varchar', { name: 'delegate_id', length: 36 }) delegateId!: string;
  @Column('varchar', { name: 'unsubscribed_at', length: 30, nullable: true }) unsubscribedAt!: string | null;
  @Column('varchar', { name: 'bounced_at', length: 30, nullable: true }) bouncedAt!: string | null;
  @Column('text', { name: 'bounce_reason', nullable: true }) bounceReason!: string | null;
}

/**
 * The organiser's nudge settings of one event: each nudge switched on or off with its interval.
 * `noMeetingEveryDays`: how often delegates of clusters without an accepted meeting are reminded;
 * `unansweredAfterDays`: a request waiting longer than this is nudged to its receiver, again at most
 * every as many days; `lastCallHours`: the last call goes this many hours before the request deadline.
 */
@Entity('nudge_setting')
export class NudgeSettingEntity {
  @PrimaryColumn('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('boolean', { name: 'no_meeting_enabled' }) noMeetingEnabled!: boolean;
  @Column('integer', { name: 'no_meeting_every_days' }) noMeetingEveryDays!: number;
  @Column('boolean', { name: 'unanswered_enabled' }) unansweredEnabled!: boolean;
  @Column('integer', { name: 'unanswered_after_days' }) unansweredAfterDays!: number;
  @Column('boolean', { name: 'last_call_enabled' }) lastCallEnabled!: boolean;
  @Column('integer', { name: 'last_call_hours' }) lastCallHours!: number;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt!: string;
}

/** One nudge sent to one delegate: what keeps anybody from getting the same nudge twice within its interval. */
@Entity('nudge_sent')
export class NudgeSentEntity {
  /** The outbox message id: `nudge.<kind>.<eventId>.<delegateId>.<sentAt>`. */
  @PrimaryColumn('varchar', { length: 160 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('varchar', { length: 16 }) kind!: string;
  @Column('varchar', { name: 'delegate_id', length: 36 }) delegateId!: string;
  @Column('varchar', { name: 'sent_at', length: 30 }) sentAt!: string;
}

/**
 * The organiser's rewording of one transactional mail in one language (issue 19). Without a row the
 * mail keeps its built-in layout. Service-wide, like the mails themselves (login links belong to no event).
 */
@Entity('mail_template')
export class MailTemplateEntity {
  @PrimaryColumn('varchar', { length: 32 }) template!: string;
  @PrimaryColumn('varchar', { length: 2 }) language!: string;
  @Column('text') subject!: string;
  @Column('text') body!: string;
  @Column('varchar', { name: 'updated_by', length: 254 }) updatedBy!: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt!: string;
}
