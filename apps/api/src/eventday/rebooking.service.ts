/**
 * On-site rebooking (issue 10, item 4). When a meeting will not happen, its checked-in counterpart is offered a
 * replacement in the same or a later slot of that day: another checked-in delegate, free then, with whom a request
 * (pending, or accepted but not scheduled) or a recommendation exists, at a free table. The offers come from the
 * solver in keep mode with every other meeting of the published schedule pinned, so nothing else moves. Booking
 * one publishes a new version (the missed meeting out, the replacement in), which mails both parties the change and
 * updates their agendas and calendar feeds (same UID, higher SEQUENCE for the cancelled meeting).
 */
import { meetingWeight, type Meeting, type Problem, type Schedule } from '@clustermatch/domain';
import { solve } from '@clustermatch/solver';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { AccessService, Permission } from '../access/access.service';
import type { Principal } from '../auth/decorators';
import { nowIso } from '../common/clock';
import { tagList } from '../common/tags';
import { badField, conflict, notFound } from '../common/errors';
import { LOGGER } from '../common/logger';
import { Db } from '../database/db.service';
import { MailService } from '../mail/mail.service';
import { RecommendationsService } from '../recommendations/recommendations.service';
import type { MeetingRequestEntity, RequestPartyEntity } from '../requests/request.entity';
import { RequestsRepository } from '../requests/requests.repository';
import { pairKey } from '../requests/requests.service';
import type { ScheduleAssignmentEntity, ScheduleVersionEntity, VersionChanges } from '../schedules/schedule.entity';
import { ScheduleVersions } from '../schedules/schedule-versions';
import { dayOf, missed, type DayFacts } from './day-facts';
import type { RebookingOfferResponse, RebookingOffersResponse, RebookingResponse } from './dto/eventday-responses.dto';
import type { BookRebookingDto } from './dto/eventday.dto';
import { RebookingEntity } from './eventday.entity';
import { EventDayService } from './eventday.service';

type Basis = 'accepted' | 'request' | 'recommendation';

interface Candidate {
  readonly partnerDelegateId: string;
  readonly partnerClusterId: string;
  readonly basis: Basis;
  readonly requestId: string | null;
  readonly weight: number;
}

/**
 * The tables a replacement meeting of these people may use, as the solve does for the published schedule
 * (`problem-builder`): at a stand of one of their clusters, and where someone needs table features only at tables
 * that have them all (at such a stand when there is one: a need wins over a stand). Undefined: any table.
 */
export function tablesFor(facts: DayFacts, people: readonly string[]): string[] | undefined {
  const clusters = new Set(people.map((d) => facts.delegates.get(d)?.clusterId ?? ''));
  const stands = facts.tables
    .filter((t) => t.standClusterId !== null && clusters.has(t.standClusterId))
    .map((t) => t.id);
  const needs = [...new Set(people.flatMap((d) => tagList(facts.delegates.get(d)?.needs)))];
  if (needs.length === 0) return stands.length > 0 ? stands : undefined;
  const equipped = facts.tables.filter((t) => needs.every((n) => tagList(t.features).includes(n))).map((t) => t.id);
  const both = stands.filter((t) => equipped.includes(t));
  return both.length > 0 ? both : equipped;
}

/** How many candidate partners one solve considers at most (the best first). */
const MAX_CANDIDATES = 40;

@Injectable()
export class RebookingService {
  private readonly log: Logger;

  constructor(
    private readonly db: Db,
    private readonly day: EventDayService,
    private readonly access: AccessService,
    private readonly mail: MailService,
    private readonly recommendations: RecommendationsService,
    @Inject(LOGGER) log: Logger,
    private readonly requests: RequestsRepository,
    private readonly versions: ScheduleVersions,
  ) {
    this.log = log.child({ component: 'rebooking' });
  }

  /** The delegate's meetings that will not happen (they being present), oldest first. */
  private missedOf(facts: DayFacts, delegateId: string, at: Date): ScheduleAssignmentEntity[] {
    const clusterId = facts.delegates.get(delegateId)?.clusterId;
    const done = new Set(facts.rebookings.filter((r) => r.delegateId === delegateId).map((r) => r.replacesRequestId));
    return facts.meetings.filter((r) => {
      if (!r.delegateIds.includes(delegateId) || done.has(r.requestId)) return false;
      if (Date.parse(r.endsAt) <= at.getTime()) return false;
      const why = missed(facts, r, at);
      return why !== null && !why.absent.includes(clusterId ?? '');
    });
  }

  /** The clusters the delegate's cluster could meet instead, with the basis and a weight (best first). */
  private async candidates(
    m: EntityManager,
    facts: DayFacts,
    delegateId: string,
    exclude: ReadonlySet<string>,
  ): Promise<Candidate[]> {
    const clusterId = facts.delegates.get(delegateId)?.clusterId ?? '';
    const scheduled = new Set(facts.meetings.map((r) => r.requestId));
    const replaced = new Set(facts.rebookings.map((r) => r.replacesRequestId));
    const { requests, parties: allParties } = await this.requests.openOfClusterInEvent(facts.event.id, clusterId, m);
    const byClusterPair = new Map<string, { basis: Basis; requestId: string; weight: number }>();
    for (const r of requests) {
      if (scheduled.has(r.id) || replaced.has(r.id)) continue;
      const ps = allParties.filter((p) => p.requestId === r.id);
      if (ps.length !== 2) continue; // on site: 1:1 only
      const other = ps.find((p) => p.clusterId !== clusterId);
      if (!other || exclude.has(other.clusterId)) continue;
      const receiver = ps.find((p) => p.role === 'receiver');
      const basis: Basis = r.status === 'accepted' ? 'accepted' : 'request';
      const weight = (basis === 'accepted' ? 200 : 100) + meetingWeight(r.requesterInterest, receiver?.interest ?? 3);
      const known = byClusterPair.get(other.clusterId);
      if (!known || known.weight < weight) byClusterPair.set(other.clusterId, { basis, requestId: r.id, weight });
    }
    const recs = await this.recommendations.top(facts.event.id, clusterId, 10);
    for (const rec of recs) {
      if (byClusterPair.has(rec.clusterId) || exclude.has(rec.clusterId)) continue;
      byClusterPair.set(rec.clusterId, {
        basis: 'recommendation',
        requestId: '',
        weight: 1 + Math.round(rec.score * 60),
      });
    }
    const out: Candidate[] = [];
    for (const [partnerClusterId, c] of byClusterPair) {
      for (const d of facts.delegates.values()) {
        if (d.clusterId !== partnerClusterId || !facts.checkins.has(d.id)) continue;
        out.push({
          partnerDelegateId: d.id,
          partnerClusterId,
          basis: c.basis,
          requestId: c.requestId || null,
          weight: c.weight,
        });
      }
    }
    return out
      .sort((a, b) => b.weight - a.weight || a.partnerDelegateId.localeCompare(b.partnerDelegateId))
      .slice(0, MAX_CANDIDATES);
  }

  /** The meetings that hold their place: every published one that will happen (the others free their table). */
  private standing(facts: DayFacts, at: Date): ScheduleAssignmentEntity[] {
    return facts.meetings.filter((r) => missed(facts, r, at) === null);
  }

  /**
   * The solver's problem for one missed meeting: every standing meeting pinned where it is (and kept), one
   * candidate meeting per possible partner, allowed in the same or a later slot of that day that has not ended.
   */
  problemFor(
    facts: DayFacts,
    delegateId: string,
    miss: ScheduleAssignmentEntity,
    candidates: readonly Candidate[],
    at: Date,
  ): { problem: Problem; keep: Schedule; ids: Map<string, Candidate> } {
    const standing = this.standing(facts, at);
    const missSlot = facts.slots.find((s) => s.id === miss.slotId);
    const day = dayOf(facts.event.timezone, miss.startsAt);
    const allowedSlots = facts.slots
      .filter(
        (s) =>
          (missSlot === undefined || s.position >= missSlot.position) &&
          dayOf(facts.event.timezone, s.startsAt) === day &&
          Date.parse(s.endsAt) > at.getTime(),
      )
      .map((s) => s.id);
    const people = new Set<string>([delegateId, ...candidates.map((c) => c.partnerDelegateId)]);
    for (const r of standing) for (const d of r.delegateIds) people.add(d);
    const pinned: Meeting[] = standing
      .filter((r) => r.delegateIds.every((d) => facts.delegates.has(d)))
      .map((r) => ({
        id: r.requestId,
        people: r.delegateIds,
        weight: Math.max(r.weight, 1),
        pin: { slot: r.slotId, table: r.tableId },
      }));
    const ids = new Map<string, Candidate>();
    const offered: Meeting[] = allowedSlots.length
      ? candidates.map((c, i) => {
          const id = `offer-${i}`;
          ids.set(id, c);
          const allowedTables = tablesFor(facts, [delegateId, c.partnerDelegateId]);
          return {
            id,
            people: [delegateId, c.partnerDelegateId],
            weight: c.weight,
            allowedSlots,
            ...(allowedTables ? { allowedTables } : {}),
          };
        })
      : [];
    const problem: Problem = {
      version: offered.some((o) => o.allowedTables) ? 1.1 : 1,
      event: { name: facts.event.name, timezone: facts.event.timezone },
      slots: facts.slots.map((s) => ({ id: s.id, start: s.startsAt, end: s.endsAt })),
      tables: facts.tables.map((t) => ({ id: t.id, seats: t.seats, name: t.name })),
      people: [...people]
        .filter((id) => facts.delegates.has(id))
        .map((id) => ({ id, party: facts.delegates.get(id)?.clusterId ?? id })),
      meetings: [...pinned, ...offered],
    };
    const keep: Schedule = {
      version: 1,
      status: 'feasible',
      objective: 0,
      bound: null,
      assignments: pinned.map((p) => ({ meeting: p.id, slot: p.pin?.slot ?? '', table: p.pin?.table ?? '' })),
      unscheduled: offered.map((o) => ({ meeting: o.id, reason: 'not yet placed' })),
      stats: { seconds: 0, idleGaps: 0, partiesWithoutMeeting: 0 },
    };
    return { problem, keep, ids };
  }

  /**
   * Solves one problem in keep mode; returns the schedule, the solver's wall time and the CPU time of this process
   * meanwhile, in ms (on a machine other work keeps busy the CPU time is the fairer measure).
   */
  static async solveKept(problem: Problem, keep: Schedule): Promise<{ schedule: Schedule; ms: number; cpuMs: number }> {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const schedule = await solve(problem, {
      keep,
      seed: 1,
      timeLimitSeconds: 0.5,
      maxIterations: 200,
      clock: () => performance.now(),
    });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { schedule, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
  }

  /** The replacement offers for a delegate's missed meetings (organisers and the delegate themselves). */
  async offers(
    eventId: string,
    delegateId: string,
    atIso: string | undefined,
    p: Principal,
  ): Promise<RebookingOffersResponse> {
    await this.access.require(p, Permission.CheckinSelf, [delegateId]);
    const at = atIso !== undefined ? new Date(atIso) : new Date();
    const facts = await this.day.readDay(this.db.manager, await this.day.event(eventId));
    EventDayService.requirePublished(facts);
    const me = facts.delegates.get(delegateId);
    if (!me) throw notFound('Delegate', delegateId);
    const settings = await this.day.settings(eventId);
    const base = {
      delegateId,
      checkedIn: facts.checkins.has(delegateId),
      canBook: p.kind === 'organiser' || settings.selfServiceRebooking,
    };
    if (!facts.checkins.has(delegateId)) return { ...base, missed: [], offers: [], solverMs: 0, solverCpuMs: 0 };
    const misses = this.missedOf(facts, delegateId, at);
    const offers: RebookingOfferResponse[] = [];
    let solverMs = 0;
    let solverCpuMs = 0;
    for (const miss of misses) {
      const exclude = new Set(miss.clusterIds);
      const candidates = await this.candidates(this.db.manager, facts, delegateId, exclude);
      if (candidates.length === 0) continue;
      const { problem, keep, ids } = this.problemFor(facts, delegateId, miss, candidates, at);
      if (ids.size === 0) continue;
      const { schedule, ms, cpuMs } = await RebookingService.solveKept(problem, keep);
      solverMs += ms;
      solverCpuMs += cpuMs;
      const slots = new Map(facts.slots.map((s) => [s.id, s]));
      const tables = new Map(facts.tables.map((t) => [t.id, t]));
      for (const a of schedule.assignments) {
        const c = ids.get(a.meeting);
        if (!c) continue;
        const partner = facts.delegates.get(c.partnerDelegateId);
        const cluster = facts.clusters.get(c.partnerClusterId);
        offers.push({
          replacesMeetingId: miss.requestId,
          partnerDelegateId: c.partnerDelegateId,
          partnerName: partner?.name ?? '',
          partnerClusterId: c.partnerClusterId,
          partnerClusterName: cluster?.name ?? '',
          partnerCountry: cluster?.country ?? '',
          basis: c.basis,
          requestId: c.requestId,
          slotId: a.slot,
          startsAt: slots.get(a.slot)?.startsAt ?? '',
          endsAt: slots.get(a.slot)?.endsAt ?? '',
          tableId: a.table,
          tableName: tables.get(a.table)?.name ?? a.table,
        });
      }
    }
    offers.sort((x, y) => x.startsAt.localeCompare(y.startsAt) || x.partnerName.localeCompare(y.partnerName));
    return {
      ...base,
      missed: misses.map((r) => ({
        meetingId: r.requestId,
        startsAt: r.startsAt,
        tableName: r.tableName,
        clusterIds: r.clusterIds,
        names: r.clusterIds.map((c) => facts.clusters.get(c)?.name ?? c),
      })),
      offers,
      solverMs: Math.round(solverMs * 10) / 10,
      solverCpuMs: Math.round(solverCpuMs * 10) / 10,
    };
  }

  /**
   * Books one offer: checked again inside the transaction (both present, the meeting still missed, the slot of
   * that day and not over, the table and both people free there), then the request is made or accepted as needed,
   * a new version is published (the missed meeting and any missed one in the way out, the new one in) and the
   * affected attendees are mailed the change.
   */
  async book(eventId: string, dto: BookRebookingDto, p: Principal, atIso?: string): Promise<RebookingResponse> {
    await this.access.require(p, Permission.CheckinSelf, [dto.delegateId]);
    await this.day.requireSelfService(eventId, p);
    const at = atIso !== undefined ? new Date(atIso) : new Date();
    const result = await this.db.transaction(async (m) => {
      const facts = await this.day.readDay(m, await this.day.event(eventId, m));
      EventDayService.requirePublished(facts);
      const version = facts.version as ScheduleVersionEntity;
      const me = facts.delegates.get(dto.delegateId);
      if (!me) throw notFound('Delegate', dto.delegateId);
      if (!facts.checkins.has(dto.delegateId)) throw conflict('The delegate is not checked in');
      if (!facts.checkins.has(dto.partnerDelegateId) || !facts.delegates.has(dto.partnerDelegateId))
        throw badField('partnerDelegateId', 'is not a checked-in delegate of this event');
      const miss = this.missedOf(facts, dto.delegateId, at).find((r) => r.requestId === dto.meetingId);
      if (!miss) throw badField('meetingId', 'is not a meeting of this delegate that will not happen');
      const candidate = (await this.candidates(m, facts, dto.delegateId, new Set(miss.clusterIds))).find(
        (c) => c.partnerDelegateId === dto.partnerDelegateId,
      );
      if (!candidate) throw badField('partnerDelegateId', 'has no request or recommendation with this delegate');
      const { problem, ids } = this.problemFor(facts, dto.delegateId, miss, [candidate], at);
      const offer = problem.meetings.find((x) => ids.has(x.id));
      if (!offer?.allowedSlots?.includes(dto.slotId))
        throw badField('slotId', 'is not the same or a later slot of that day that has not ended');
      const table = facts.tables.find((t) => t.id === dto.tableId);
      if (!table) throw badField('tableId', 'is not a table of this event');
      const allowedTables = tablesFor(facts, [dto.delegateId, dto.partnerDelegateId]);
      if (allowedTables && !allowedTables.includes(table.id))
        throw badField('tableId', 'is not a stand of these clusters or lacks a feature one of them needs');
      // What stands in that slot: a meeting that will happen at the table or with either person blocks it.
      const people = [dto.delegateId, dto.partnerDelegateId];
      const inSlot = facts.meetings.filter((r) => r.slotId === dto.slotId && r.requestId !== miss.requestId);
      const clash = inSlot.filter((r) => r.tableId === dto.tableId || r.delegateIds.some((d) => people.includes(d)));
      const blocking = clash.filter((r) => missed(facts, r, at) === null);
      if (blocking.length > 0)
        throw conflict(
          `The table or a person is taken in that slot (meeting ${blocking[0]?.requestId}); ask for offers again`,
        );
      const slot = facts.slots.find((s) => s.id === dto.slotId);
      if (!slot) throw badField('slotId', 'is not a slot of this event');

      const requestId = await this.ensureRequest(m, facts, dto.delegateId, candidate, p);
      const newVersionId = randomUUID();
      const removed = [miss, ...clash];
      const removedIds = new Set(removed.map((r) => r.requestId));
      const keptRows = facts.meetings.filter((r) => !removedIds.has(r.requestId));
      const partnerClusterId = candidate.partnerClusterId;
      const newRow: ScheduleAssignmentEntity = {
        versionId: newVersionId,
        requestId,
        eventId,
        slotId: slot.id,
        tableId: table.id,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        tableName: table.name,
        weight: candidate.weight,
        clusterIds: [me.clusterId, partnerClusterId],
        delegateIds: [dto.delegateId, dto.partnerDelegateId],
        pinned: false,
      };
      const number = (await this.versions.lastNumber(eventId, m)) + 1;
      const now = nowIso();
      const place = (r: ScheduleAssignmentEntity) => ({
        slotId: r.slotId,
        startsAt: r.startsAt,
        tableId: r.tableId,
        tableName: r.tableName,
      });
      const changes: VersionChanges = {
        basedOnVersion: version.number,
        added: [{ requestId, clusterIds: newRow.clusterIds, to: place(newRow) }],
        removed: removed.map((r) => ({
          requestId: r.requestId,
          clusterIds: r.clusterIds,
          from: place(r),
          reason: 'did not happen on the day (rebooked on site)',
        })),
        moved: [],
        unchanged: keptRows.length,
      };
      if (!(await this.versions.supersede(version.id, m)))
        throw conflict('The schedule changed at the same time; ask for offers again');
      const rows = [...keptRows.map((r) => ({ ...r, versionId: newVersionId })), newRow];
      const newVersion: ScheduleVersionEntity = {
        ...version,
        id: newVersionId,
        number,
        state: 'published',
        objective: keptRows.reduce((s, r) => s + r.weight, 0) + newRow.weight,
        basedOnVersionId: version.id,
        changes,
        jobId: randomUUID(),
        mode: 'rebook',
        createdAt: now,
        publishedAt: now,
      };
      await this.versions.insert(newVersion, rows, m);
      const rebooking: RebookingEntity = {
        id: randomUUID(),
        eventId,
        replacesRequestId: miss.requestId,
        requestId,
        delegateId: dto.delegateId,
        partnerDelegateId: dto.partnerDelegateId,
        replacedDelegateIds: [...new Set(removed.flatMap((r) => r.delegateIds))],
        basis: candidate.basis,
        slotId: slot.id,
        tableId: table.id,
        versionId: newVersionId,
        createdBy: p.kind === 'organiser' ? p.email : `delegate:${p.delegateId}`,
        createdAt: now,
      };
      await m.insert(RebookingEntity, rebooking);
      const mailed = await this.mail.queueSchedulePublished(m, eventId);
      return {
        rebookingId: rebooking.id,
        meetingId: requestId,
        replacesMeetingId: miss.requestId,
        basis: candidate.basis,
        versionId: newVersionId,
        versionNumber: number,
        slotId: slot.id,
        startsAt: slot.startsAt,
        tableId: table.id,
        tableName: table.name,
        mailed,
      };
    });
    this.log.info({ eventId, rebooking: result.rebookingId, version: result.versionNumber }, 'rebooked on site');
    return result;
  }

  /** The request the new meeting holds: the accepted one, a pending one accepted now, or a new accepted one. */
  private async ensureRequest(
    m: EntityManager,
    facts: DayFacts,
    delegateId: string,
    c: Candidate,
    p: Principal,
  ): Promise<string> {
    const now = nowIso();
    const clusterId = facts.delegates.get(delegateId)?.clusterId ?? '';
    if (c.requestId && c.basis === 'accepted') return c.requestId;
    if (c.requestId && c.basis === 'request') {
      await this.requests.acceptOnSite(c.requestId, now, m);
      return c.requestId;
    }
    const id = randomUUID();
    const key = pairKey([clusterId, c.partnerClusterId]);
    if (await this.requests.active(facts.event.id, key, m))
      throw conflict('A request between these clusters exists already; ask for offers again');
    const request: MeetingRequestEntity = {
      id,
      eventId: facts.event.id,
      requesterClusterId: clusterId,
      status: 'accepted',
      requesterInterest: 3,
      note: 'Booked on site',
      pairKey: key,
      activeKey: key,
      createdAt: now,
      updatedAt: now,
      createdByOrganiser: p.kind === 'organiser' ? p.email : null,
    };
    const parties: RequestPartyEntity[] = [
      {
        id: randomUUID(),
        requestId: id,
        clusterId,
        role: 'requester',
        response: 'accepted',
        interest: 3,
        respondedAt: now,
      },
      {
        id: randomUUID(),
        requestId: id,
        clusterId: c.partnerClusterId,
        role: 'receiver',
        response: 'accepted',
        interest: 3,
        respondedAt: now,
      },
    ];
    await this.requests.insert(
      request,
      parties,
      [
        { requestId: id, delegateId, clusterId },
        { requestId: id, delegateId: c.partnerDelegateId, clusterId: c.partnerClusterId },
      ],
      m,
    );
    return id;
  }
}
