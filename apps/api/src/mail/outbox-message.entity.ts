import type { OutboxStatus } from '@clustermatch/mail';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One mail of the durable outbox. Times are ISO 8601 UTC strings (`toISOString()`), which sort
 * as text the same way on SQLite and PostgreSQL. `mail` is the complete `OutgoingMail` as JSON,
 * fixed at enqueue (Message-ID and Date included), so every attempt sends the same bytes.
 */
@Entity('outbox_message')
export class OutboxMessageEntity {
  @PrimaryColumn('varchar', { length: 160 }) id!: string;
  /** The template (magic-link, schedule-published, ...). */
  @Column('varchar', { length: 32 }) kind!: string;
  @Column('varchar', { name: 'event_id', length: 36, nullable: true }) eventId!: string | null;
  /** The organisation whose organisers see the mail (issue 9): its event's, or its recipient's. */
  @Column('varchar', { name: 'organisation_id', length: 36, default: '' }) organisationId!: string;
  @Column('varchar', { length: 254 }) recipient!: string;
  @Column('varchar', { length: 400 }) subject!: string;
  @Column('text') mail!: string;
  @Column('varchar', { length: 16 }) status!: OutboxStatus;
  @Column('integer', { default: 0 }) attempts!: number;
  @Column('integer', { default: 0 }) interrupted!: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
  @Column('varchar', { name: 'next_attempt_at', length: 30 }) nextAttemptAt!: string;
  @Column('varchar', { name: 'lease_owner', length: 120, nullable: true }) leaseOwner!: string | null;
  @Column('varchar', { name: 'lease_until', length: 30, nullable: true }) leaseUntil!: string | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('varchar', { name: 'sent_at', length: 30, nullable: true }) sentAt!: string | null;
  @Column('text', { nullable: true }) response!: string | null;
}
