import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager, In } from 'typeorm';
import { AppError, badField, ErrorCode, notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { CreateEventDto, DayPlanDto, TableDto, UpdateEventDto } from './dto/event.dto';
import { EventDayEntity, EventEntity, EventTableEntity, SlotEntity } from './event.entity';
import { checkDayPlans, DayPlan, generateSlots } from './slots';

export interface EventView {
  id: string;
  name: string;
  venue: string;
  timezone: string;
  requestDeadline: string;
  days: { date: string; startTime: string; endTime: string; meetingMinutes: number; breaks: { start: string; end: string }[] }[];
  tables: { id: string; name: string; seats: number }[];
  slotCount: number;
}

/** ISO instant in UTC (the deadline may be given with any offset). */
export function toUtc(iso: string, path: string): string {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw badField(path, 'must be an ISO 8601 date-time');
  if (!/[zZ]|[+-]\d\d:?\d\d$/.test(iso)) throw badField(path, 'must include a time zone offset or Z');
  return dt.toUTC().toISO() ?? '';
}

const plan = (d: DayPlanDto): DayPlan => ({ ...d, breaks: d.breaks ?? [] });

@Injectable()
export class EventsService {
  constructor(private readonly db: Db) {}

  async get(id: string): Promise<EventEntity> {
    const e = await this.db.manager.findOneBy(EventEntity, { id });
    if (!e) throw notFound('Event', id);
    return e;
  }

  async list(): Promise<EventEntity[]> {
    return this.db.manager.find(EventEntity, { order: { createdAt: 'DESC' } });
  }

  async view(id: string): Promise<EventView> {
    const e = await this.get(id);
    const m = this.db.manager;
    const [days, tables, slotCount] = await Promise.all([
      m.find(EventDayEntity, { where: { eventId: id }, order: { dayIndex: 'ASC' } }),
      m.find(EventTableEntity, { where: { eventId: id }, order: { position: 'ASC' } }),
      m.countBy(SlotEntity, { eventId: id }),
    ]);
    return {
      id: e.id,
      name: e.name,
      venue: e.venue,
      timezone: e.timezone,
      requestDeadline: e.requestDeadline,
      days: days.map((d) => ({ date: d.date, startTime: d.startTime, endTime: d.endTime, meetingMinutes: d.meetingMinutes, breaks: d.breaks })),
      tables: tables.map((t) => ({ id: t.id, name: t.name, seats: t.seats })),
      slotCount,
    };
  }

  async create(dto: CreateEventDto): Promise<EventView> {
    const deadline = toUtc(dto.requestDeadline, 'requestDeadline');
    this.checkDays(dto.days ?? [], dto.timezone);
    this.checkTables(dto.tables ?? []);
    const id = randomUUID();
    await this.db.transaction(async (m) => {
      await m.insert(EventEntity, { id, name: dto.name, venue: dto.venue, timezone: dto.timezone, requestDeadline: deadline, createdAt: new Date().toISOString() });
      if (dto.days) await this.writeDays(m, id, dto.timezone, dto.days);
      if (dto.tables) await this.writeTables(m, id, dto.tables);
    });
    return this.view(id);
  }

  async update(id: string, dto: UpdateEventDto): Promise<EventView> {
    const e = await this.get(id);
    const patch: Partial<EventEntity> = {};
    if (dto.name !== undefined) patch.name = dto.name;
    if (dto.venue !== undefined) patch.venue = dto.venue;
    if (dto.requestDeadline !== undefined) patch.requestDeadline = toUtc(dto.requestDeadline, 'requestDeadline');
    await this.db.transaction(async (m) => {
      if (dto.timezone !== undefined && dto.timezone !== e.timezone) {
        patch.timezone = dto.timezone;
        // Slot times depend on the zone: regenerate them from the stored day plans.
        const days = await m.find(EventDayEntity, { where: { eventId: id } });
        await this.writeDays(m, id, dto.timezone, days);
      }
      if (Object.keys(patch).length) await m.update(EventEntity, { id }, patch);
    });
    return this.view(id);
  }

  async replaceDays(id: string, days: DayPlanDto[]): Promise<EventView> {
    const e = await this.get(id);
    this.checkDays(days, e.timezone);
    await this.db.transaction((m) => this.writeDays(m, id, e.timezone, days));
    return this.view(id);
  }

  async replaceTables(id: string, tables: TableDto[]): Promise<EventView> {
    await this.get(id);
    this.checkTables(tables);
    await this.db.transaction((m) => this.writeTables(m, id, tables));
    return this.view(id);
  }

  async slots(id: string): Promise<SlotEntity[]> {
    await this.get(id);
    return this.db.manager.find(SlotEntity, { where: { eventId: id }, order: { position: 'ASC' } });
  }

  private checkDays(days: readonly DayPlanDto[], timezone: string): void {
    const errors = checkDayPlans(days.map(plan), timezone);
    if (errors.length) throw new AppError(ErrorCode.Unprocessable, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    if (days.length && generateSlots(days.map(plan), timezone).length === 0) throw badField('days', 'the day plans give no slot');
  }

  private checkTables(tables: readonly TableDto[]): void {
    const seen = new Set<string>();
    tables.forEach((t, i) => {
      if (seen.has(t.name)) throw badField(`tables[${i}].name`, `duplicate table name ${t.name}`);
      seen.add(t.name);
    });
  }

  /** Replaces the day plans; slots keep their id when their code stays (so unavailability survives). */
  private async writeDays(m: EntityManager, eventId: string, timezone: string, days: readonly DayPlan[] | readonly DayPlanDto[]): Promise<void> {
    const plans = (days as readonly (DayPlan | DayPlanDto)[]).map((d) => ({ ...d, breaks: d.breaks ?? [] })).sort((a, b) => a.date.localeCompare(b.date));
    const generated = generateSlots(plans, timezone);
    const oldSlots = await m.find(SlotEntity, { where: { eventId } });
    const byCode = new Map(oldSlots.map((s) => [s.code, s]));
    const keep = new Set(generated.map((g) => g.code));
    const drop = oldSlots.filter((s) => !keep.has(s.code)).map((s) => s.id);
    if (drop.length) await m.delete(SlotEntity, { id: In(drop) });
    // Days are kept by date, so slots never lose their day on the way.
    const oldDays = await m.find(EventDayEntity, { where: { eventId } });
    const dayByDate = new Map(oldDays.map((d) => [d.date, d]));
    const dayIds: string[] = [];
    for (const [i, d] of plans.entries()) {
      const fields = { dayIndex: i + 1, startTime: d.startTime, endTime: d.endTime, meetingMinutes: d.meetingMinutes, breaks: d.breaks.map((b) => ({ start: b.start, end: b.end })) };
      const old = dayByDate.get(d.date);
      if (old) {
        await m.update(EventDayEntity, { id: old.id }, fields);
        dayIds.push(old.id);
      } else {
        const id = randomUUID();
        await m.insert(EventDayEntity, { id, eventId, date: d.date, ...fields });
        dayIds.push(id);
      }
    }
    for (const [position, g] of generated.entries()) {
      const dayId = dayIds[g.day - 1] ?? '';
      const old = byCode.get(g.code);
      if (old) await m.update(SlotEntity, { id: old.id }, { dayId, position, startsAt: g.start, endsAt: g.end });
      else await m.insert(SlotEntity, { id: randomUUID(), eventId, dayId, code: g.code, position, startsAt: g.start, endsAt: g.end });
    }
    const dropDays = oldDays.filter((d) => !dayIds.includes(d.id)).map((d) => d.id);
    if (dropDays.length) await m.delete(EventDayEntity, { id: In(dropDays) });
  }

  /** Replaces the tables; a table keeps its id when its name stays. */
  private async writeTables(m: EntityManager, eventId: string, tables: readonly TableDto[]): Promise<void> {
    const old = await m.find(EventTableEntity, { where: { eventId } });
    const byName = new Map(old.map((t) => [t.name, t]));
    const keep = new Set(tables.map((t) => t.name));
    const drop = old.filter((t) => !keep.has(t.name)).map((t) => t.id);
    if (drop.length) await m.delete(EventTableEntity, { id: In(drop) });
    for (const [position, t] of tables.entries()) {
      const o = byName.get(t.name);
      if (o) await m.update(EventTableEntity, { id: o.id }, { seats: t.seats, position });
      else await m.insert(EventTableEntity, { id: randomUUID(), eventId, name: t.name, seats: t.seats, position });
    }
  }
}
