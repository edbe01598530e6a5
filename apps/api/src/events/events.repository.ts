import { Injectable, Module } from '@nestjs/common';
import { In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { EventDayEntity, EventEntity, EventTableEntity, SlotEntity } from './event.entity';

/** The events feature's tables, as other features read them. Pass the caller's transaction manager to read inside it. */
@Injectable()
export class EventsRepository {
  constructor(private readonly db: Db) {}

  // Read by the reports and the relationships (issue 15, item 4).

  /** The organisation's events, oldest first. */
  ofOrganisation(organisationId: string, m: EntityManager = this.db.manager): Promise<EventEntity[]> {
    return m.find(EventEntity, { where: { organisationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Those of these events that belong to the organisation. */
  byIdsInOrganisation(
    ids: readonly string[],
    organisationId: string,
    m: EntityManager = this.db.manager,
  ): Promise<EventEntity[]> {
    return m.find(EventEntity, { where: { id: In([...ids]), organisationId } });
  }

  /** The dates of these events' days (event id and date), in no order. */
  datesOf(
    eventIds: readonly string[],
    m: EntityManager = this.db.manager,
  ): Promise<Pick<EventDayEntity, 'eventId' | 'date'>[]> {
    return m.find(EventDayEntity, { where: { eventId: In([...eventIds]) }, select: { eventId: true, date: true } });
  }

  find(id: string, m: EntityManager = this.db.manager): Promise<EventEntity | null> {
    return m.findOne(EventEntity, { where: { id } });
  }

  /** The demo events the first start seeded (issue 16). */
  demoEvents(m: EntityManager = this.db.manager): Promise<EventEntity[]> {
    return m.find(EventEntity, { where: { demo: true }, order: { createdAt: 'ASC' } });
  }

  /** Whether there is such an event. */
  async exists(id: string, m: EntityManager = this.db.manager): Promise<boolean> {
    return (await m.countBy(EventEntity, { id })) > 0;
  }

  /** These events (unknown ids are left out). */
  byIds(ids: readonly string[], m: EntityManager = this.db.manager): Promise<EventEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return m.find(EventEntity, { where: { id: In([...new Set(ids)]) } });
  }

  /** The event; 404 when there is none. */
  async get(id: string, m: EntityManager = this.db.manager): Promise<EventEntity> {
    const event = await m.findOne(EventEntity, { where: { id } });
    if (!event) throw notFound('Event', id);
    return event;
  }

  /**
   * Locks the event's row until the end of the caller's transaction (PostgreSQL; SQLite's transactions run one at a
   * time anyway), so two transactions that check and write for the same event run one after the other.
   */
  async lock(id: string, m: EntityManager): Promise<void> {
    if (m.connection.options.type === 'postgres')
      await m.findOne(EventEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The ids of the events (or only `eventId`) whose request deadline is `now` or earlier. */
  async deadlinePassed(now: string, eventId?: string, m: EntityManager = this.db.manager): Promise<string[]> {
    const rows = await m.find(EventEntity, {
      where: { requestDeadline: LessThanOrEqual(now), ...(eventId === undefined ? {} : { id: eventId }) },
      select: { id: true },
    });
    return rows.map((e) => e.id);
  }

  /** The event's slots, in their order. */
  slots(eventId: string, m: EntityManager = this.db.manager): Promise<SlotEntity[]> {
    return m.find(SlotEntity, { where: { eventId }, order: { position: 'ASC' } });
  }

  /** The event's tables, in their order. */
  tables(eventId: string, m: EntityManager = this.db.manager): Promise<EventTableEntity[]> {
    return m.find(EventTableEntity, { where: { eventId }, order: { position: 'ASC' } });
  }

  /** When each event's last slot ends, by event id (events without slots are left out). */
  async lastSlotEnds(m: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const rows = await m
      .createQueryBuilder(SlotEntity, 's')
      .select('s.eventId', 'eventId')
      .addSelect('MAX(s.endsAt)', 'lastEnd')
      .groupBy('s.eventId')
      .getRawMany<{ eventId: string; lastEnd: string }>();
    return new Map(rows.map((r) => [r.eventId, r.lastEnd]));
  }

  /** The event's first day; null when it has none. */
  firstDay(eventId: string, m: EntityManager = this.db.manager): Promise<EventDayEntity | null> {
    return m.findOne(EventDayEntity, { where: { eventId }, order: { dayIndex: 'ASC' } });
  }

  /** The event's days. */
  days(eventId: string, m: EntityManager = this.db.manager): Promise<EventDayEntity[]> {
    return m.find(EventDayEntity, { where: { eventId } });
  }

  // Privacy (issue 17): the export.

  /** These events in id order (unknown ids are left out). */
  inIdOrder(ids: readonly string[], m: EntityManager = this.db.manager): Promise<EventEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return m.find(EventEntity, { where: { id: In([...new Set(ids)]) }, order: { id: 'ASC' } });
  }

  /** These slots (of any event) by start (unknown ids are left out). */
  slotsByStart(ids: readonly string[], m: EntityManager = this.db.manager): Promise<SlotEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return m.find(SlotEntity, { where: { id: In([...new Set(ids)]) }, order: { startsAt: 'ASC' } });
  }
}

@Module({ providers: [EventsRepository], exports: [EventsRepository] })
export class EventsRepositoryModule {}
