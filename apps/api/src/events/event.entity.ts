import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A conference. Times are stored as ISO 8601 strings (UTC for instants, with offset for slots). */
@Entity('event')
export class EventEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 200 }) name!: string;
  @Column('varchar', { length: 300 }) venue!: string;
  /** IANA zone, e.g. Europe/Berlin. */
  @Column('varchar', { length: 64 }) timezone!: string;
  /** UTC instant; pending requests expire then. */
  @Column('varchar', { name: 'request_deadline', length: 30 }) requestDeadline!: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
  /** The organisation running the event (issue 9). */
  @Column('varchar', { name: 'organisation_id', length: 36, default: '' }) organisationId!: string;
  /** When an organiser archived the event (issue 9); null while it is current. */
  @Column('varchar', { name: 'archived_at', length: 30, nullable: true }) archivedAt?: string | null;
  /** The language of the event's mails to delegates who chose none, `en` or `da` (issue 16); null: by country. */
  @Column('varchar', { length: 2, nullable: true }) language?: 'en' | 'da' | null;
  /** The demo event the first start seeds (issue 16): in development its delegates can be signed in as directly. */
  @Column('boolean', { default: false }) demo?: boolean;
}

/** A break inside a day plan, local times `HH:mm`. */
export interface DayBreak {
  readonly start: string;
  readonly end: string;
}

/** One day of an event with its plan; slots are generated from it. */
@Entity('event_day')
export class EventDayEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  /** 1-based day number. */
  @Column('integer', { name: 'day_index' }) dayIndex!: number;
  /** Local date YYYY-MM-DD in the event's zone. */
  @Column('varchar', { length: 10 }) date!: string;
  @Column('varchar', { name: 'start_time', length: 5 }) startTime!: string;
  @Column('varchar', { name: 'end_time', length: 5 }) endTime!: string;
  @Column('integer', { name: 'meeting_minutes' }) meetingMinutes!: number;
  @Column('simple-json') breaks!: DayBreak[];
}

/** A generated time slot. `code` (d1s01) is stable for a given day plan. */
@Entity('slot')
export class SlotEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('varchar', { name: 'day_id', length: 36 }) dayId!: string;
  @Column('varchar', { length: 16 }) code!: string;
  /** Order over the whole event, 0-based. */
  @Column('integer') position!: number;
  /** ISO 8601 with the event zone's offset. */
  @Column('varchar', { name: 'starts_at', length: 30 }) startsAt!: string;
  @Column('varchar', { name: 'ends_at', length: 30 }) endsAt!: string;
}

@Entity('event_table')
export class EventTableEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('varchar', { length: 64 }) name!: string;
  @Column('integer') seats!: number;
  @Column('integer') position!: number;
  /** Organiser-defined features (tags such as "accessible"), a JSON list. */
  @Column('varchar', { length: 500, default: '[]' }) features!: string;
  /** The cluster whose stand this table is: it hosts its meetings here. */
  @Column('varchar', { name: 'stand_cluster_id', length: 36, nullable: true }) standClusterId!: string | null;
}
