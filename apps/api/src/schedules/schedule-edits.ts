/**
 * Hand edits of a draft (issue 9, item 5): move a meeting to another slot and table, swap two meetings, unschedule
 * one, place an unscheduled one, pin or unpin. Every edit is checked against the event as it is now (the problem the
 * solver would get) before anything is written: the rule it would break is named (double-booked person, unavailable
 * slot, seats, table taken, a table the meeting may not use) with the meeting it clashes with, and nothing changes.
 * The independent validator of `libs/domain` then checks the whole edited schedule; a violation the draft did not
 * have before refuses the edit too. An edited draft gets its objective, gap, idle gaps and change list again.
 * Only drafts are edited: a published version stays as it was published.
 */
import { Injectable } from '@nestjs/common';
import {
  countIdleGaps,
  partiesWithoutMeeting,
  validateSchedule,
  type Assignment,
  type Problem,
  type Schedule,
} from '@clustermatch/domain';
import type { EntityManager } from 'typeorm';
import { AppError, ErrorCode, badField, conflict, notFound } from '../common/errors';
import { Db } from '../database/db.service';
import type { EventEntity, EventTableEntity, SlotEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { ProblemBuilder } from './problem-builder';
import {
  ScheduleAssignmentEntity,
  ScheduleVersionEntity,
  type PlaceRef,
  type StoredUnscheduled,
  type VersionChanges,
} from './schedule.entity';
import { SchedulesService, type ClusterRef } from './schedules.service';

/** The rules a hand edit can break, as the error body's `rule`. */
export const EDIT_RULES = [
  'double-booked',
  'unavailable',
  'seats',
  'table-taken',
  'table-not-allowed',
  'not-accepted',
  'validator',
] as const;
export type EditRule = (typeof EDIT_RULES)[number];

/** What one edit asks: `slot` null unschedules; undefined keeps what the meeting has. */
export interface EditRequest {
  readonly slot?: string | null;
  readonly table?: string;
  readonly pinned?: boolean;
}

export interface EditedMeeting {
  readonly requestId: string;
  readonly scheduled: boolean;
  readonly slot: { id: string; code: string | null; start: string; end: string } | null;
  readonly table: { id: string; name: string } | null;
  readonly pinned: boolean;
  readonly clusters: readonly ClusterRef[];
  readonly weight: number;
}

export interface EditedVersion {
  readonly id: string;
  readonly number: number;
  readonly solverStatus: string;
  readonly objective: number;
  readonly bound: number | null;
  readonly gap: number | null;
  readonly idleGaps: number;
  readonly meetingsScheduled: number;
  readonly meetingsUnscheduled: number;
}

export interface EditResult {
  readonly meeting: EditedMeeting;
  readonly version: EditedVersion;
}

export interface SwapResult {
  readonly meetings: readonly EditedMeeting[];
  readonly version: EditedVersion;
}

const UNSCHEDULED_BY_HAND = 'unscheduled by the organiser';

/** Everything one edit works on, read in its transaction. */
interface EditContext {
  readonly m: EntityManager;
  readonly version: ScheduleVersionEntity;
  readonly event: EventEntity;
  readonly problem: Problem;
  readonly rows: ScheduleAssignmentEntity[];
  readonly slots: Map<string, SlotEntity>;
  readonly slotByCode: Map<string, SlotEntity>;
  readonly dayIndex: Map<string, number>;
  readonly tables: EventTableEntity[];
  readonly clusters: Map<string, ClusterRef>;
}

interface Place {
  readonly slotId: string;
  readonly tableId: string;
}

function gapOf(objective: number, bound: number | null): number | null {
  if (bound === null) return null;
  if (bound <= 0) return 0;
  return Math.max(0, (bound - objective) / bound);
}

@Injectable()
export class ScheduleEdits {
  constructor(
    private readonly db: Db,
    private readonly schedules: SchedulesService,
    private readonly events: EventsRepository,
    private readonly problems: ProblemBuilder,
  ) {}

  /** `PATCH .../versions/:versionId/meetings/:meetingId`: move, place, unschedule, pin or unpin one meeting. */
  async edit(eventId: string, versionId: string, meetingId: string, req: EditRequest): Promise<EditResult> {
    if (req.slot === undefined && req.table === undefined && req.pinned === undefined)
      throw new AppError(ErrorCode.Validation, 'body: give slot, table or pinned (nothing to change)', [
        { path: 'body', message: 'give slot, table or pinned (nothing to change)' },
      ]);
    return this.inTransaction(eventId, versionId, async (ctx) => {
      const row = ctx.rows.find((r) => r.requestId === meetingId);
      const unscheduled = ctx.version.unscheduled.find((u) => u.requestId === meetingId);
      if (!row && !unscheduled) throw notFound('Meeting', meetingId);
      let target: Place | null;
      if (req.slot === null) {
        if (req.pinned === true) throw badField('pinned', 'an unscheduled meeting cannot be pinned');
        target = null;
      } else {
        const slot = req.slot !== undefined ? this.slotOf(ctx, req.slot) : row ? ctx.slots.get(row.slotId) : undefined;
        if (!slot) throw badField('slot', 'is required to place an unscheduled meeting');
        const table =
          req.table !== undefined
            ? this.tableOf(ctx, req.table)
            : row
              ? ctx.tables.find((t) => t.id === row.tableId)
              : this.freeTable(ctx, meetingId, slot);
        if (!table) throw badField('table', `the table this meeting was at is no longer in the event: name one`);
        target = { slotId: slot.id, tableId: table.id };
      }
      const pinned = target === null ? false : (req.pinned ?? row?.pinned ?? false);
      const moves = new Map<string, Place | null>([[meetingId, target]]);
      await this.apply(ctx, moves, new Map([[meetingId, pinned]]));
      return this.result(ctx, [meetingId]);
    }).then(({ meetings, version }) => ({ meeting: meetings[0] as EditedMeeting, version }));
  }

  /** Swaps the slots and tables of two held meetings of a draft, in one step (pins stay with their meetings). */
  async swap(eventId: string, versionId: string, meetingId: string, otherId: string): Promise<SwapResult> {
    if (meetingId === otherId) throw badField('with', 'name another meeting than the one to swap');
    return this.inTransaction(eventId, versionId, async (ctx) => {
      const a = ctx.rows.find((r) => r.requestId === meetingId);
      const b = ctx.rows.find((r) => r.requestId === otherId);
      for (const [id, row, path] of [
        [meetingId, a, 'meetingId'],
        [otherId, b, 'with'],
      ] as const) {
        if (row) continue;
        if (ctx.version.unscheduled.some((u) => u.requestId === id))
          throw badField(path, 'is not scheduled: place it instead of swapping');
        throw notFound('Meeting', id);
      }
      if (!a || !b) throw notFound('Meeting', meetingId);
      const moves = new Map<string, Place | null>([
        [a.requestId, { slotId: b.slotId, tableId: b.tableId }],
        [b.requestId, { slotId: a.slotId, tableId: a.tableId }],
      ]);
      await this.apply(
        ctx,
        moves,
        new Map([
          [a.requestId, a.pinned],
          [b.requestId, b.pinned],
        ]),
      );
      return this.result(ctx, [a.requestId, b.requestId]);
    });
  }

  private async inTransaction<T>(
    eventId: string,
    versionId: string,
    work: (ctx: EditContext) => Promise<T>,
  ): Promise<T> {
    await this.schedules.event(eventId);
    return this.db.transaction(async (m) => {
      const found =
        versionId === 'published'
          ? await m.findOne(ScheduleVersionEntity, { where: { eventId, state: 'published' } })
          : await m.findOne(ScheduleVersionEntity, { where: { id: versionId, eventId } });
      if (!found) throw notFound('Schedule version', versionId);
      // One edit of a version at a time (PostgreSQL; SQLite runs transactions one after the other).
      const version = this.db.isPostgres
        ? await m.findOneOrFail(ScheduleVersionEntity, {
            where: { id: found.id },
            lock: { mode: 'pessimistic_write' },
          })
        : found;
      if (version.state !== 'draft')
        throw conflict(
          `Version ${version.number} is ${version.state} and cannot be edited: edit a draft (solve or re-solve for a new one)`,
        );
      const event = await this.events.get(eventId, m);
      // In turn: one transaction is one connection (see `ProblemBuilder.build`).
      const { problem } = await this.problems.build(m, event);
      const rows = await m.find(ScheduleAssignmentEntity, { where: { versionId: version.id } });
      const slotRows = await this.events.slots(eventId, m);
      const days = await this.events.days(eventId, m);
      const tables = await this.events.tables(eventId, m);
      const clusters = await this.schedules.clusters([
        ...rows.flatMap((r) => r.clusterIds),
        ...version.unscheduled.flatMap((u) => u.clusterIds),
      ]);
      return work({
        m,
        version,
        event,
        problem,
        rows,
        slots: new Map(slotRows.map((s) => [s.id, s])),
        slotByCode: new Map(slotRows.map((s) => [s.code.toLowerCase(), s])),
        dayIndex: new Map(days.map((d) => [d.id, d.dayIndex])),
        tables,
        clusters,
      });
    });
  }

  private slotOf(ctx: EditContext, code: string): SlotEntity {
    const slot = ctx.slotByCode.get(code.trim().toLowerCase()) ?? ctx.slots.get(code);
    if (!slot) throw badField('slot', `no slot "${code}" in this event (slot codes look like d1s01)`);
    return slot;
  }

  private tableOf(ctx: EditContext, code: string): EventTableEntity {
    const want = code.trim().toLowerCase();
    const table = ctx.tables.find((t) => t.name.toLowerCase() === want) ?? ctx.tables.find((t) => t.id === code);
    if (!table) throw badField('table', `no table "${code}" in this event`);
    return table;
  }

  /** For placing with a slot only: the first table, in the event's order, that is free, allowed and big enough. */
  private freeTable(ctx: EditContext, meetingId: string, slot: SlotEntity): EventTableEntity | undefined {
    const meeting = ctx.problem.meetings.find((x) => x.id === meetingId);
    const taken = new Set(ctx.rows.filter((r) => r.slotId === slot.id).map((r) => r.tableId));
    const size = meeting?.people.length ?? 2;
    return (
      ctx.tables.find(
        (t) => !taken.has(t.id) && t.seats >= size && (!meeting?.allowedTables || meeting.allowedTables.includes(t.id)),
      ) ?? ctx.tables.find((t) => !taken.has(t.id))
    );
  }

  /** "Day 1, 09:30" in the event's zone, as organisers read a slot. */
  private slotLabel(ctx: EditContext, slotId: string): string {
    const s = ctx.slots.get(slotId);
    if (!s) return slotId;
    const day = ctx.dayIndex.get(s.dayId);
    return `Day ${day ?? '?'}, ${s.startsAt.slice(11, 16)}`;
  }

  private meetingRef(ctx: EditContext, requestId: string): { requestId: string; clusters: ClusterRef[] } {
    const row = ctx.rows.find((r) => r.requestId === requestId);
    const ids = row?.clusterIds ?? ctx.version.unscheduled.find((u) => u.requestId === requestId)?.clusterIds ?? [];
    return { requestId, clusters: ids.map((id) => ctx.clusters.get(id) ?? { id, name: id, country: '' }) };
  }

  private refuse(
    ctx: EditContext,
    code: ErrorCode,
    rule: EditRule,
    message: string,
    at: { meetingId: string; slotId?: string; tableId?: string; conflictingId?: string; person?: string },
  ): AppError {
    const slot = at.slotId ? ctx.slots.get(at.slotId) : undefined;
    const table = at.tableId ? ctx.tables.find((t) => t.id === at.tableId) : undefined;
    return new AppError(code, message, undefined, undefined, {
      rule,
      meeting: this.meetingRef(ctx, at.meetingId),
      conflictingMeeting: at.conflictingId ? this.meetingRef(ctx, at.conflictingId) : null,
      slot: slot
        ? { id: slot.id, code: slot.code, start: slot.startsAt, day: ctx.dayIndex.get(slot.dayId) ?? null }
        : null,
      table: table ? { id: table.id, name: table.name, seats: table.seats } : null,
      person: at.person ?? null,
    });
  }

  /**
   * Checks the moves against the rules (each moved meeting against the schedule as it is after all the moves), then
   * the validator over the whole schedule, then writes: rows, unscheduled list, figures and the change list.
   */
  private async apply(ctx: EditContext, moves: Map<string, Place | null>, pins: Map<string, boolean>): Promise<void> {
    const meetings = new Map(ctx.problem.meetings.map((x) => [x.id, x]));
    const people = new Map(ctx.problem.people.map((p) => [p.id, p]));
    const after = new Map<string, Place>();
    for (const r of ctx.rows) after.set(r.requestId, { slotId: r.slotId, tableId: r.tableId });
    for (const [id, place] of moves) {
      if (place) after.set(id, place);
      else after.delete(id);
    }
    const label = (id: string): string =>
      this.meetingRef(ctx, id)
        .clusters.map((c) => c.name)
        .join(' × ');
    for (const [id, place] of moves) {
      if (!place) continue;
      const meeting = meetings.get(id);
      const row = ctx.rows.find((r) => r.requestId === id);
      const unchanged = row && row.slotId === place.slotId && row.tableId === place.tableId;
      if (!meeting) {
        if (unchanged) continue; // only a pin changes on a meeting the solver would no longer get
        throw this.refuse(
          ctx,
          ErrorCode.Unprocessable,
          'not-accepted',
          `${label(id)} is no longer an accepted request with delegates on every side, so it cannot be placed`,
          { meetingId: id },
        );
      }
      const where = this.slotLabel(ctx, place.slotId);
      const table = ctx.tables.find((t) => t.id === place.tableId);
      const tableName = table?.name ?? place.tableId;
      for (const pid of meeting.people) {
        if (people.get(pid)?.unavailable?.includes(place.slotId)) {
          const who = people.get(pid)?.name ?? pid;
          throw this.refuse(
            ctx,
            ErrorCode.Unprocessable,
            'unavailable',
            `${who} (${label(id)}) is not available in ${where}`,
            { meetingId: id, slotId: place.slotId, person: who },
          );
        }
      }
      // People first (a double-booked person is the clash to fix), then the table.
      const sameSlot = [...after].filter(([otherId, p]) => otherId !== id && p.slotId === place.slotId);
      for (const [otherId] of sameSlot) {
        const other = meetings.get(otherId);
        const otherPeople = other?.people ?? ctx.rows.find((r) => r.requestId === otherId)?.delegateIds ?? [];
        const shared = meeting.people.find((p) => otherPeople.includes(p));
        if (shared === undefined) continue;
        const who = people.get(shared)?.name ?? shared;
        throw this.refuse(
          ctx,
          ErrorCode.Conflict,
          'double-booked',
          `${who} would be in two meetings in ${where}: ${label(id)} and ${label(otherId)}`,
          { meetingId: id, slotId: place.slotId, conflictingId: otherId, person: who },
        );
      }
      const taken = sameSlot.find(([, p]) => p.tableId === place.tableId);
      if (taken) {
        throw this.refuse(
          ctx,
          ErrorCode.Conflict,
          'table-taken',
          `Table ${tableName} is taken in ${where} by ${label(taken[0])}`,
          { meetingId: id, slotId: place.slotId, tableId: place.tableId, conflictingId: taken[0] },
        );
      }
      if (table && table.seats < meeting.people.length) {
        throw this.refuse(
          ctx,
          ErrorCode.Unprocessable,
          'seats',
          `Table ${tableName} has ${table.seats} seats but ${label(id)} brings ${meeting.people.length} people`,
          { meetingId: id, slotId: place.slotId, tableId: place.tableId },
        );
      }
      if (meeting.allowedTables && !meeting.allowedTables.includes(place.tableId)) {
        const allowed = meeting.allowedTables.map((t) => ctx.tables.find((x) => x.id === t)?.name ?? t).join(', ');
        throw this.refuse(
          ctx,
          ErrorCode.Unprocessable,
          'table-not-allowed',
          `${label(id)} may only use table ${allowed} (a stand or a table with the features its people need), not ${tableName}`,
          { meetingId: id, slotId: place.slotId, tableId: place.tableId },
        );
      }
    }

    // The independent validator over the whole schedule: no violation the draft did not have already.
    const toSchedule = (places: Iterable<[string, Place]>): Schedule => {
      const assignments: Assignment[] = [...places]
        .filter(([id]) => meetings.has(id))
        .map(([id, p]) => ({ meeting: id, slot: p.slotId, table: p.tableId }));
      const held = new Set(assignments.map((a) => a.meeting));
      const weight = assignments.reduce((s, a) => s + (meetings.get(a.meeting)?.weight ?? 0), 0);
      return {
        version: 1,
        status: 'feasible',
        objective: weight,
        bound: null,
        assignments,
        unscheduled: ctx.problem.meetings.filter((x) => !held.has(x.id)).map((x) => ({ meeting: x.id, reason: '-' })),
        stats: {
          seconds: 0,
          idleGaps: countIdleGaps(ctx.problem, assignments),
          partiesWithoutMeeting: partiesWithoutMeeting(ctx.problem, assignments).length,
        },
      };
    };
    const before = new Set(
      validateSchedule(
        ctx.problem,
        toSchedule(ctx.rows.map((r) => [r.requestId, { slotId: r.slotId, tableId: r.tableId }])),
      ).map((v) => v.message),
    );
    const afterSchedule = toSchedule(after);
    const fresh = validateSchedule(ctx.problem, afterSchedule).filter((v) => !before.has(v.message));
    const first = fresh[0];
    if (first) {
      const id = [...moves.keys()][0] ?? '';
      throw this.refuse(
        ctx,
        ErrorCode.Unprocessable,
        'validator',
        `The edited schedule breaks rule ${first.rule}: ${first.message}`,
        {
          meetingId: id,
        },
      );
    }

    await this.write(ctx, moves, pins, afterSchedule);
  }

  private async write(
    ctx: EditContext,
    moves: Map<string, Place | null>,
    pins: Map<string, boolean>,
    afterSchedule: Schedule,
  ): Promise<void> {
    const { m, version } = ctx;
    const meetings = new Map(ctx.problem.meetings.map((x) => [x.id, x]));
    const partyOf = new Map(ctx.problem.people.map((p) => [p.id, p.party]));
    let unscheduled: StoredUnscheduled[] = [...version.unscheduled];
    // The moved meetings' rows go first, then come back at their new places: a slot and table hold one meeting
    // (a unique index), so a swap cannot update one row after the other.
    const old = new Map<string, ScheduleAssignmentEntity>();
    for (const id of moves.keys()) {
      const row = ctx.rows.find((r) => r.requestId === id);
      if (!row) continue;
      old.set(id, row);
      await m.delete(ScheduleAssignmentEntity, { versionId: version.id, requestId: id });
      ctx.rows.splice(ctx.rows.indexOf(row), 1);
    }
    for (const [id, place] of moves) {
      const row = old.get(id);
      if (!place) {
        if (row)
          unscheduled = [
            ...unscheduled.filter((u) => u.requestId !== id),
            { requestId: id, clusterIds: row.clusterIds, reason: UNSCHEDULED_BY_HAND },
          ];
        continue;
      }
      const slot = ctx.slots.get(place.slotId);
      const table = ctx.tables.find((t) => t.id === place.tableId);
      const meeting = meetings.get(id);
      const created = new ScheduleAssignmentEntity();
      Object.assign(created, {
        versionId: version.id,
        requestId: id,
        eventId: version.eventId,
        slotId: place.slotId,
        tableId: place.tableId,
        startsAt: slot?.startsAt ?? '',
        endsAt: slot?.endsAt ?? '',
        tableName: table?.name ?? place.tableId,
        pinned: pins.get(id) ?? false,
        weight: row?.weight ?? meeting?.weight ?? 0,
        clusterIds: row?.clusterIds ?? [...new Set((meeting?.people ?? []).map((p) => partyOf.get(p) ?? p))],
        delegateIds: row?.delegateIds ?? [...(meeting?.people ?? [])],
      } satisfies ScheduleAssignmentEntity);
      await m.insert(ScheduleAssignmentEntity, created);
      ctx.rows.push(created);
      unscheduled = unscheduled.filter((u) => u.requestId !== id);
    }

    const objective = ctx.rows.reduce((s, r) => s + r.weight, 0);
    const eps = 1e-6 * Math.max(1, Math.abs(objective));
    // The gaps bound held for the solver's levels 1 and 2; an edit may change them, so it is dropped.
    const kept = Object.fromEntries(Object.entries(version.stats).filter(([k]) => k !== 'idleGapsBound'));
    const stats: Record<string, number> = {
      ...kept,
      idleGaps: afterSchedule.stats.idleGaps,
      partiesWithoutMeeting: afterSchedule.stats.partiesWithoutMeeting,
      handEdits: (version.stats['handEdits'] ?? 0) + 1,
    };
    // The bound stays a proven bound on the problem; "optimal" only while the edited draft still reaches it.
    const solverStatus =
      version.bound !== null && objective >= version.bound - eps
        ? 'optimal'
        : version.solverStatus === 'infeasible'
          ? 'infeasible'
          : 'feasible';
    const changes = version.changes ? await this.changesAfter(ctx, version.changes, [...moves.keys()]) : null;
    await m.update(ScheduleVersionEntity, { id: version.id }, { objective, stats, solverStatus, unscheduled, changes });
    Object.assign(version, { objective, stats, solverStatus, unscheduled, changes });
  }

  /** The change list against the published version it was based on, with the edited meetings' entries redone. */
  private async changesAfter(ctx: EditContext, changes: VersionChanges, edited: string[]): Promise<VersionChanges> {
    const ids = new Set(edited);
    const baseId = ctx.version.basedOnVersionId;
    const base = baseId
      ? await ctx.m.find(ScheduleAssignmentEntity, { where: { versionId: baseId } })
      : ([] as ScheduleAssignmentEntity[]);
    const place = (a: ScheduleAssignmentEntity): PlaceRef => ({
      slotId: a.slotId,
      startsAt: a.startsAt,
      tableId: a.tableId,
      tableName: a.tableName,
    });
    const added = changes.added.filter((x) => !ids.has(x.requestId));
    const moved = changes.moved.filter((x) => !ids.has(x.requestId));
    const removed = changes.removed.filter((x) => !ids.has(x.requestId));
    let unchanged = changes.unchanged;
    for (const id of ids) {
      const b = base.find((x) => x.requestId === id);
      const listed = [...changes.added, ...changes.moved, ...changes.removed].some((x) => x.requestId === id);
      // A meeting of the base in none of the lists was counted as unchanged.
      if (b && !listed) unchanged--;
      const cur = ctx.rows.find((x) => x.requestId === id);
      if (!b && cur) added.push({ requestId: id, clusterIds: cur.clusterIds, to: place(cur) });
      else if (b && !cur)
        removed.push({ requestId: id, clusterIds: b.clusterIds, from: place(b), reason: UNSCHEDULED_BY_HAND });
      else if (b && cur && (b.slotId !== cur.slotId || b.tableId !== cur.tableId))
        moved.push({ requestId: id, clusterIds: cur.clusterIds, from: place(b), to: place(cur) });
      else if (b && cur) unchanged++;
    }
    return { basedOnVersion: changes.basedOnVersion, added, removed, moved, unchanged: Math.max(0, unchanged) };
  }

  private result(ctx: EditContext, ids: string[]): { meetings: EditedMeeting[]; version: EditedVersion } {
    const v = ctx.version;
    const meetings = ids.map((id): EditedMeeting => {
      const row = ctx.rows.find((r) => r.requestId === id);
      const ref = this.meetingRef(ctx, id);
      const slot = row ? ctx.slots.get(row.slotId) : undefined;
      return {
        requestId: id,
        scheduled: row !== undefined,
        slot: row ? { id: row.slotId, code: slot?.code ?? null, start: row.startsAt, end: row.endsAt } : null,
        table: row ? { id: row.tableId, name: row.tableName } : null,
        pinned: row?.pinned ?? false,
        clusters: ref.clusters,
        weight: row?.weight ?? ctx.problem.meetings.find((x) => x.id === id)?.weight ?? 0,
      };
    });
    return {
      meetings,
      version: {
        id: v.id,
        number: v.number,
        solverStatus: v.solverStatus,
        objective: v.objective,
        bound: v.bound,
        gap: gapOf(v.objective, v.bound),
        idleGaps: v.stats['idleGaps'] ?? 0,
        meetingsScheduled: ctx.rows.length,
        meetingsUnscheduled: v.unscheduled.length,
      },
    };
  }
}
