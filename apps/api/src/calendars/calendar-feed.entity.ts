import { Column, Entity, PrimaryColumn } from 'typeorm';

export type FeedKind = 'delegate' | 'organiser';

/**
 * A secret calendar feed URL (`/calendars/<token>.ics`): a delegate's agenda in one event, or the
 * organiser's whole event. Revoked feeds keep their row (revokedAt set) and answer 404.
 */
@Entity('calendar_feed')
export class CalendarFeedEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  /** 32 random bytes, base64url (43 characters). */
  @Column('varchar', { length: 64 }) token!: string;
  @Column('varchar', { length: 16 }) kind!: FeedKind;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  /** The delegate of a `delegate` feed; null for the organiser's. */
  @Column('varchar', { name: 'delegate_id', length: 36, nullable: true }) delegateId!: string | null;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
  @Column('varchar', { name: 'revoked_at', length: 30, nullable: true }) revokedAt!: string | null;
}
