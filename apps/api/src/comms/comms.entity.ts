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
