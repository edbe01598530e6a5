import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager, In } from 'typeorm';
import { AccessService } from '../access/access.service';
import type { OrganiserPrincipal } from '../auth/decorators';
import { ClustersRepository } from '../clusters/clusters.repository';
import { nowIso } from '../common/clock';
import { storeTags, tagList } from '../common/tags';
import { AppError, badField, conflict, ErrorCode, FieldError, notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { DelegatesRepository } from '../delegates/delegates.repository';
import type { ScheduleAssignmentEntity, ScheduleVersionEntity } from '../schedules/schedule.entity';
import { ScheduleVersions } from '../schedules/schedule-versions';
import { CreateEventDto, DayPlanDto, NewEventDto, TableDto, UpdateEventDto } from './dto/event.dto';
import { EventDayEntity, EventEntity, EventTableEntity, SlotEntity } from './event.entity';
import { checkDayPlans, DayPlan, generateSlots } from './slots';

export interface EventView {
  id: string;
  name: string;
  venue: string;
  timezone: string;
  requestDeadline: string;
  language: 'en' | 'da' | null;
  days: {
    date: string;
    startTime: string;
    endTime: string;
    meetingMinutes: number;
    breaks: { start: string; end: string }[];
  }[];
  tables: { id: string; name: string; seats: number; features: string[]; standClusterId: string | null }[];
  slotCount: number;
  archivedAt: string | null;
}

/** An event as listed, with its first and last day. */
export interface EventListItem {
  id: string;
  name: string;
  venue: string;
  timezone: string;
  requestDeadline: string;
  createdAt: string;
  archivedAt: string | null;
  firstDay: string | null;
  lastDay: string | null;
}

/** What a new event took over from an earlier one. */
export interface Copied {
  fromEventId: string;
  days: number;
  tables: number;
  clusters: number;
  delegates: number;
}

/** ISO instant in UTC (the deadline may be given with any offset). */
export function toUtc(iso: string, path: string): string {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw badField(path, 'must be an ISO 8601 date-time');
  if (!/[zZ]|[+-]\d\d:?\d\d$/.test(iso)) throw badField(path, 'must include a time zone offset or Z');
  return dt.toUTC().toISO() ?? '';
}

const plan = (d: DayPlanDto): DayPlan => ({ ...d, breaks: d.breaks ?? [] });

/** How many affected meetings a refusal names. */
const NAMED_MEETINGS = 5;

/** The same instant (slot times carry the zone's offset; compare instants, not strings). */
const sameInstant = (a: string, b: string): boolean =>
  DateTime.fromISO(a).toMillis() === DateTime.fromISO(b).toMillis();

/** A slot or table the published schedule uses that an edit would remove or change. */
interface Clash {
  /** Where in the request body (e.g. `days[0]`, `tables[2].seats`, or `days` for a removed one). */
  readonly path: string;
  /** What happens to it, e.g. `slot d1s03 (2027-05-11T10:00:00+02:00 to 2027-05-11T10:30:00+02:00) would be removed`. */
  readonly what: string;
  readonly meetings: ScheduleAssignmentEntity[];
}

@Injectable()
export class EventsService {
  constructor(
    private readonly db: Db,
    private readonly versions: ScheduleVersions,
    private readonly access: AccessService,
    private readonly clusters: ClustersRepository,
    private readonly delegates: DelegatesRepository,
  ) {}

  async get(id: string): Promise<EventEntity> {
    const e = await this.db.manager.findOneBy(EventEntity, { id });
    if (!e) throw notFound('Event', id);
    return e;
  }

  /** The events of one organisation, newest first, with their first and last day. */
  async list(organisationId: string): Promise<EventListItem[]> {
    const m = this.db.manager;
    const events = await m.find(EventEntity, { where: { organisationId }, order: { createdAt: 'DESC' } });
    const days = events.length
      ? await m.find(EventDayEntity, {
          where: { eventId: In(events.map((e) => e.id)) },
          select: { eventId: true, date: true },
        })
      : [];
    const span = new Map<string, { first: string; last: string }>();
    for (const d of days) {
      const s = span.get(d.eventId);
      span.set(d.eventId, {
        first: s && s.first < d.date ? s.first : d.date,
        last: s && s.last > d.date ? s.last : d.date,
      });
    }
    return events.map((e) => ({
      id: e.id,
      name: e.name,
      venue: e.venue,
      timezone: e.timezone,
      requestDeadline: e.requestDeadline,
      createdAt: e.createdAt,
      archivedAt: e.archivedAt ?? null,
      firstDay: span.get(e.id)?.first ?? null,
      lastDay: span.get(e.id)?.last ?? null,
    }));
  }

  /**
   * Archives a past event (issue 9, item 2) or takes it back out of the archive. The archive files the event away
   * from the switcher; it stays open as usual, since its feedback and follow-up rounds go on for years. An event
   * whose last meeting has not ended yet is not archived (409).
   */
  async setArchived(id: string, archived: boolean): Promise<EventView> {
    await this.db.transaction(async (m) => {
      const e = await m.findOneBy(EventEntity, { id });
      if (!e) throw notFound('Event', id);
      if (!archived) {
        if (e.archivedAt) await m.update(EventEntity, { id }, { archivedAt: null });
        return;
      }
      if (e.archivedAt) return;
      const last = await m.findOne(SlotEntity, { where: { eventId: id }, order: { position: 'DESC' } });
      if (last && DateTime.fromISO(last.endsAt).toMillis() > Date.now())
        throw conflict(`The event has not ended yet: its last meeting ends at ${last.endsAt}. Archive it afterwards.`);
      await m.update(EventEntity, { id }, { archivedAt: nowIso() });
    });
    return this.view(id);
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
      language: e.language ?? null,
      days: days.map((d) => ({
        date: d.date,
        startTime: d.startTime,
        endTime: d.endTime,
        meetingMinutes: d.meetingMinutes,
        breaks: d.breaks,
      })),
      tables: tables.map((t) => ({
        id: t.id,
        name: t.name,
        seats: t.seats,
        features: tagList(t.features),
        standClusterId: t.standClusterId ?? null,
      })),
      slotCount,
      archivedAt: e.archivedAt ?? null,
    };
  }

  /**
   * A new event of the organiser's organisation; `copyFrom` takes over parts of an earlier event of the same
   * organisation (issue 9, item 2): its day plans shifted to `firstDay`, its tables, and its participants (the
   * clusters, whose delegates come with them). Requests, schedules and feedback stay with the earlier event.
   * Everything is checked first and written in one transaction: on an error nothing is written.
   */
  async create(dto: NewEventDto, p: OrganiserPrincipal): Promise<EventView & { copied: Copied | null }> {
    const deadline = toUtc(dto.requestDeadline, 'requestDeadline');
    const copy = dto.copyFrom;
    let source: EventEntity | null = null;
    let days: readonly DayPlanDto[] = dto.days ?? [];
    if (copy) {
      // Another organisation's event does not exist for this organiser (404, as if it were not there).
      await this.access.requireInOrganisation(p, 'event', [copy.eventId]);
      source = await this.get(copy.eventId);
      if (copy.dayPlan && dto.days)
        throw badField('copyFrom.dayPlan', 'give the days or copy the day plan of the earlier event, not both');
      if (copy.tables && dto.tables)
        throw badField('copyFrom.tables', 'give the tables or copy those of the earlier event, not both');
      if (copy.dayPlan) {
        if (!copy.firstDay) throw badField('copyFrom.firstDay', 'the new first day is needed to copy the day plan');
        days = await this.shiftedDays(source.id, copy.firstDay);
      }
    }
    this.checkDays(days, dto.timezone);
    this.checkTables(dto.tables ?? []);
    const id = randomUUID();
    const copied = await this.db.transaction(async (m): Promise<Copied | null> => {
      await m.insert(EventEntity, {
        id,
        name: dto.name,
        venue: dto.venue,
        timezone: dto.timezone,
        requestDeadline: deadline,
        language: dto.language ?? null,
        createdAt: new Date().toISOString(),
        organisationId: p.organisationId,
      });
      if (days.length) await this.writeDays(m, id, dto.timezone, days);
      let clusters: string[] = [];
      if (source && copy?.participants) {
        clusters = [...new Set(await this.clusters.participantIds(source.id, m))];
        await this.clusters.addParticipants(id, clusters, nowIso(), m);
      }
      let tables = dto.tables;
      if (source && copy?.tables) {
        const taking = new Set(clusters);
        tables = (await m.find(EventTableEntity, { where: { eventId: source.id }, order: { position: 'ASC' } })).map(
          (t) => ({
            name: t.name,
            seats: t.seats,
            features: tagList(t.features),
            // A stand stays a stand when its cluster comes along.
            standClusterId: t.standClusterId && taking.has(t.standClusterId) ? t.standClusterId : null,
          }),
        );
      }
      if (tables) await this.writeTables(m, id, tables);
      if (!source) return null;
      const delegates = await this.delegates.countActiveOfClusters(clusters, m);
      return {
        fromEventId: source.id,
        days: copy?.dayPlan ? days.length : 0,
        tables: copy?.tables ? (tables?.length ?? 0) : 0,
        clusters: clusters.length,
        delegates,
      };
    });
    return { ...(await this.view(id)), copied };
  }

  /** The earlier event's day plans, moved so that its first day falls on `firstDay` (the gaps between days kept). */
  private async shiftedDays(sourceId: string, firstDay: string): Promise<DayPlanDto[]> {
    const start = DateTime.fromISO(firstDay, { zone: 'UTC' });
    if (!start.isValid) throw badField('copyFrom.firstDay', 'must be a date YYYY-MM-DD');
    const old = await this.db.manager.find(EventDayEntity, { where: { eventId: sourceId }, order: { date: 'ASC' } });
    const first = old[0];
    if (!first) return [];
    const shift = start.diff(DateTime.fromISO(first.date, { zone: 'UTC' }), 'days').days;
    return old.map((d) => ({
      date: DateTime.fromISO(d.date, { zone: 'UTC' }).plus({ days: shift }).toISODate() ?? d.date,
      startTime: d.startTime,
      endTime: d.endTime,
      meetingMinutes: d.meetingMinutes,
      breaks: d.breaks.map((b) => ({ start: b.start, end: b.end })),
    }));
  }

  async update(id: string, dto: UpdateEventDto): Promise<EventView> {
    const e = await this.get(id);
    const patch: Partial<EventEntity> = {};
    if (dto.name !== undefined) patch.name = dto.name;
    if (dto.venue !== undefined) patch.venue = dto.venue;
    if (dto.language !== undefined) patch.language = dto.language;
    if (dto.requestDeadline !== undefined) patch.requestDeadline = toUtc(dto.requestDeadline, 'requestDeadline');
    await this.db.transaction(async (m) => {
      if (dto.timezone !== undefined && dto.timezone !== e.timezone) {
        const published = await this.versions.publishedVersion(id, m);
        if (published) {
          const message =
            `The time zone cannot change from ${e.timezone} to ${dto.timezone} while schedule version ${published.number} is published: ` +
            'every slot would move to another instant, but the published agendas, calendar files and mails already sent keep the old times ' +
            `and nobody would be told. Keep ${e.timezone}; if that zone is wrong, create the event again with the right zone and publish there.`;
          throw new AppError(ErrorCode.Conflict, message, [
            { path: 'timezone', message: `cannot change while version ${published.number} is published` },
          ]);
        }
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
    await this.db.transaction(async (m) => {
      await this.guardDays(m, id, e.timezone, days);
      await this.writeDays(m, id, e.timezone, days);
    });
    return this.view(id);
  }

  async replaceTables(id: string, tables: TableDto[]): Promise<EventView> {
    await this.get(id);
    this.checkTables(tables);
    await this.db.transaction(async (m) => {
      await this.guardTables(m, id, tables);
      await this.writeTables(m, id, tables);
    });
    return this.view(id);
  }

  /**
   * Refuses new day plans that remove a slot the published schedule uses or change its times: the published
   * meetings keep their slot id, so they would show no slot (or other times than those published and mailed).
   */
  private async guardDays(
    m: EntityManager,
    eventId: string,
    timezone: string,
    days: readonly DayPlanDto[],
  ): Promise<void> {
    const published = await this.versions.publishedVersion(eventId, m);
    if (!published) return;
    const meetings = await this.versions.meetings(published.id, m);
    if (!meetings.length) return;
    const slots = new Map((await m.find(SlotEntity, { where: { eventId } })).map((s) => [s.id, s]));
    const next = new Map(generateSlots(days.map(plan), timezone).map((g) => [g.code, g]));
    const clashes = new Map<string, Clash>();
    for (const a of meetings) {
      const slot = slots.get(a.slotId);
      const g = slot ? next.get(slot.code) : undefined;
      if (g && sameInstant(g.start, a.startsAt) && sameInstant(g.end, a.endsAt)) continue;
      const date = a.startsAt.slice(0, 10);
      const dayIndex = days.findIndex((d) => d.date === date);
      const name = `slot ${slot?.code ?? a.slotId} (${a.startsAt} to ${a.endsAt})`;
      const what = g ? `${name} would change to ${g.start} to ${g.end}` : `${name} would be removed`;
      const clash = clashes.get(a.slotId) ?? { path: dayIndex >= 0 ? `days[${dayIndex}]` : 'days', what, meetings: [] };
      clash.meetings.push(a);
      clashes.set(a.slotId, clash);
    }
    await this.refuse(m, published, 'slots', [...clashes.values()]);
  }

  /** Refuses tables that drop a table the published schedule uses or give it fewer seats than a meeting there has people. */
  private async guardTables(m: EntityManager, eventId: string, tables: readonly TableDto[]): Promise<void> {
    const published = await this.versions.publishedVersion(eventId, m);
    if (!published) return;
    const meetings = await this.versions.meetings(published.id, m);
    if (!meetings.length) return;
    const names = new Map((await m.find(EventTableEntity, { where: { eventId } })).map((t) => [t.id, t.name]));
    const next = new Map(tables.map((t, i) => [t.name, { seats: t.seats, index: i }]));
    const hit = new Map<string, ScheduleAssignmentEntity[]>();
    for (const a of meetings) {
      const t = next.get(names.get(a.tableId) ?? a.tableName);
      if (t && t.seats >= a.delegateIds.length) continue;
      hit.set(a.tableId, [...(hit.get(a.tableId) ?? []), a]);
    }
    const clashes = [...hit.entries()].map(([tableId, affected]): Clash => {
      const name = names.get(tableId) ?? affected[0]?.tableName ?? tableId;
      const t = next.get(name);
      if (!t) return { path: 'tables', what: `table ${name} would be removed`, meetings: affected };
      const people = Math.max(...affected.map((a) => a.delegateIds.length));
      return {
        path: `tables[${t.index}].seats`,
        what: `table ${name} would have ${t.seats} seats, fewer than the ${people} people of a meeting there`,
        meetings: affected,
      };
    });
    await this.refuse(m, published, 'tables', clashes);
  }

  /** A 409 naming the slots/tables in use and the first few meetings affected (with their clusters). */
  private async refuse(
    m: EntityManager,
    published: ScheduleVersionEntity,
    kind: 'slots' | 'tables',
    clashes: readonly Clash[],
  ): Promise<void> {
    if (!clashes.length) return;
    const affected = [...new Map(clashes.flatMap((c) => c.meetings).map((a) => [a.requestId, a])).values()];
    const named = affected.slice(0, NAMED_MEETINGS);
    const clusterIds = [...new Set(named.flatMap((a) => a.clusterIds))];
    const clusterName = await this.clusters.names(clusterIds, m);
    const meeting = (a: ScheduleAssignmentEntity): string =>
      `request ${a.requestId} (${a.clusterIds
        .map((c) => clusterName.get(c) ?? c)
        .sort((x, y) => x.localeCompare(y))
        .join(' + ')}, ${a.startsAt} at table ${a.tableName})`;
    const more = affected.length > named.length ? ` and ${affected.length - named.length} more` : '';
    const fields: FieldError[] = clashes.map((c) => ({
      path: c.path,
      message: `${c.what}; used by ${c.meetings.length} published meeting(s)`,
    }));
    const message =
      `Schedule version ${published.number} is published and its meetings use ${kind} this change removes or changes: ` +
      `${clashes.map((c) => `${c.what} (${c.meetings.length} meeting(s))`).join('; ')}. ` +
      `Meetings affected (${affected.length}): ${named.map(meeting).join('; ')}${more}. ` +
      `Keep those ${kind} as they are (adding ${kind === 'slots' ? 'days or slots' : 'tables'} or changing unused ones is fine), ` +
      'or first take those meetings out (withdraw their requests), re-solve and publish the new version.';
    throw new AppError(ErrorCode.Conflict, message, fields);
  }

  /**
   * Issue 9, item 7: the whole setup form in one step. Every field is checked first (all problems named at once),
   * then the published-schedule guards, then everything is written in one transaction: an error leaves nothing
   * half-saved. `days` or `tables` left out keep what the event has.
   */
  async setup(id: string, dto: CreateEventDto): Promise<EventView> {
    const e = await this.get(id);
    const problems: FieldError[] = [];
    const collect = (check: () => void): void => {
      try {
        check();
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== ErrorCode.Unprocessable) throw err;
        problems.push(...(err.fields ?? [{ path: 'body', message: err.message }]));
      }
    };
    let deadline = e.requestDeadline;
    collect(() => {
      deadline = toUtc(dto.requestDeadline, 'requestDeadline');
    });
    if (dto.days) collect(() => this.checkDays(dto.days ?? [], dto.timezone));
    if (dto.tables) collect(() => this.checkTables(dto.tables ?? []));
    if (problems.length)
      throw new AppError(ErrorCode.Unprocessable, problems.map((f) => `${f.path}: ${f.message}`).join('; '), problems);
    await this.db.transaction(async (m) => {
      const zoneChanged = dto.timezone !== e.timezone;
      if (zoneChanged) {
        const published = await this.versions.publishedVersion(id, m);
        if (published)
          throw new AppError(
            ErrorCode.Conflict,
            `The time zone cannot change from ${e.timezone} to ${dto.timezone} while schedule version ${published.number} is published: keep ${e.timezone}`,
            [{ path: 'timezone', message: `cannot change while version ${published.number} is published` }],
          );
      }
      const days = dto.days ?? (await m.find(EventDayEntity, { where: { eventId: id } }));
      if (dto.days) await this.guardDays(m, id, dto.timezone, dto.days);
      if (dto.tables) await this.guardTables(m, id, dto.tables);
      await m.update(
        EventEntity,
        { id },
        {
          name: dto.name,
          venue: dto.venue,
          timezone: dto.timezone,
          requestDeadline: deadline,
          // Left out: kept as it is (the setup form of older clients knows no language).
          ...(dto.language !== undefined ? { language: dto.language } : {}),
        },
      );
      if (dto.days || zoneChanged) await this.writeDays(m, id, dto.timezone, days);
      if (dto.tables) await this.writeTables(m, id, dto.tables);
    });
    return this.view(id);
  }

  async slots(id: string): Promise<SlotEntity[]> {
    await this.get(id);
    return this.db.manager.find(SlotEntity, { where: { eventId: id }, order: { position: 'ASC' } });
  }

  private checkDays(days: readonly DayPlanDto[], timezone: string): void {
    const errors = checkDayPlans(days.map(plan), timezone);
    if (errors.length)
      throw new AppError(ErrorCode.Unprocessable, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    if (days.length && generateSlots(days.map(plan), timezone).length === 0)
      throw badField('days', 'the day plans give no slot');
  }

  private checkTables(tables: readonly TableDto[]): void {
    const seen = new Set<string>();
    tables.forEach((t, i) => {
      if (seen.has(t.name)) throw badField(`tables[${i}].name`, `duplicate table name ${t.name}`);
      seen.add(t.name);
    });
  }

  /** Replaces the day plans; slots keep their id when their code stays (so unavailability survives). */
  private async writeDays(
    m: EntityManager,
    eventId: string,
    timezone: string,
    days: readonly DayPlan[] | readonly DayPlanDto[],
  ): Promise<void> {
    const plans = (days as readonly (DayPlan | DayPlanDto)[])
      .map((d) => ({ ...d, breaks: d.breaks ?? [] }))
      .sort((a, b) => a.date.localeCompare(b.date));
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
      const fields = {
        dayIndex: i + 1,
        startTime: d.startTime,
        endTime: d.endTime,
        meetingMinutes: d.meetingMinutes,
        breaks: d.breaks.map((b) => ({ start: b.start, end: b.end })),
      };
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
      else
        await m.insert(SlotEntity, {
          id: randomUUID(),
          eventId,
          dayId,
          code: g.code,
          position,
          startsAt: g.start,
          endsAt: g.end,
        });
    }
    const dropDays = oldDays.filter((d) => !dayIds.includes(d.id)).map((d) => d.id);
    if (dropDays.length) await m.delete(EventDayEntity, { id: In(dropDays) });
  }

  /** Replaces the tables; a table keeps its id when its name stays. A stand belongs to a cluster taking part. */
  private async writeTables(m: EntityManager, eventId: string, tables: readonly TableDto[]): Promise<void> {
    const taking = new Set(await this.clusters.participantIds(eventId, m));
    tables.forEach((t, i) => {
      if (t.standClusterId && !taking.has(t.standClusterId))
        throw badField(`tables[${i}].standClusterId`, `cluster ${t.standClusterId} does not take part in this event`);
    });
    const old = await m.find(EventTableEntity, { where: { eventId } });
    const byName = new Map(old.map((t) => [t.name, t]));
    const keep = new Set(tables.map((t) => t.name));
    const drop = old.filter((t) => !keep.has(t.name)).map((t) => t.id);
    if (drop.length) await m.delete(EventTableEntity, { id: In(drop) });
    for (const [position, t] of tables.entries()) {
      const o = byName.get(t.name);
      const extra = { features: storeTags(t.features), standClusterId: t.standClusterId ?? null };
      if (o) await m.update(EventTableEntity, { id: o.id }, { seats: t.seats, position, ...extra });
      else
        await m.insert(EventTableEntity, {
          id: randomUUID(),
          eventId,
          name: t.name,
          seats: t.seats,
          position,
          ...extra,
        });
    }
  }
}
