/**
 * Builds the solver's Problem (contract 1.1) for one event from the database:
 * slots, tables (seats), people = delegates of the taking-part clusters (party = cluster id,
 * unavailable slots), meetings = accepted requests (people = the delegates chosen by each side;
 * weight = meetingWeight(requester interest, receiver interest, or the mean of the accepting
 * receivers' interest for a group)).
 *
 * `allowedTables` (contract 1.1): a meeting of a cluster that has a stand at this event (a table
 * whose `standClusterId` is that cluster) is held at one of the stands of its clusters; a meeting
 * with a delegate who needs table features (e.g. "accessible") only at tables that have all of
 * them (at a stand that has them when there is one, else at any table that has them: a need wins
 * over a stand). The problem says version 1.1 when any meeting has such a list.
 *
 * Mutual fit (issue 12, optional, `PUT events/:id/recommendations/settings`): with a bonus set, an accepted 1:1
 * request whose two clusters are each in the other's top 10 suggestions weighs `bonus` more.
 */
import {
  countIdleGaps,
  meetingWeight,
  partiesWithoutMeeting,
  type Meeting,
  type Person,
  type Problem,
  type Schedule,
  type Slot,
  type Table,
} from '@clustermatch/domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClustersRepository } from '../clusters/clusters.repository';
import { tagList } from '../common/tags';
import type { DelegateEntity } from '../delegates/delegate.entity';
import { DelegatesRepository } from '../delegates/delegates.repository';
import type { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import type { RequestDelegateEntity, RequestPartyEntity } from '../requests/request.entity';
import { RequestsRepository } from '../requests/requests.repository';
import type { ScheduleAssignmentEntity, StoredUnscheduled } from './schedule.entity';

export interface BuiltProblem {
  readonly problem: Problem;
  /** Accepted requests that cannot go to the solver at all (e.g. a side without delegates). */
  readonly excluded: readonly StoredUnscheduled[];
}

/** The optional mutual-fit rule: pairs as sorted cluster ids joined by `\u0000`, and the weight they add. */
export interface MutualFit {
  readonly bonus: number;
  readonly pairs: ReadonlySet<string>;
}

/** Reads the event's problem from the events, clusters, delegates and requests features (through `m`, a snapshot). */
@Injectable()
export class ProblemBuilder {
  constructor(
    private readonly events: EventsRepository,
    private readonly clusters: ClustersRepository,
    private readonly delegates: DelegatesRepository,
    private readonly requests: RequestsRepository,
  ) {}

  async build(m: EntityManager, event: EventEntity, mutualFit: MutualFit | null = null): Promise<BuiltProblem> {
    // One statement after the other: `m` is usually a transaction's, one PostgreSQL connection, which runs one query at
    // a time anyway (queries sent to it while one runs are deprecated in pg 8 and refused from pg 9).
    const slotRows = await this.events.slots(event.id, m);
    const tableRows = await this.events.tables(event.id, m);
    const participantIds = await this.clusters.participantIds(event.id, m);
    const unavailable = await this.delegates.unavailabilityOfEvent(event.id, m);
    const requests = await this.requests.acceptedOfEvent(event.id, m);
    const requestIds = requests.map((r) => r.id);
    const parties = await this.requests.partiesOf(requestIds, m);
    const chosen = await this.requests.namedDelegatesOf(requestIds, m);
    const clusterIds = new Set(participantIds);
    for (const p of parties) clusterIds.add(p.clusterId);
    const clusters = await this.clusters.byIds([...clusterIds], m);
    const delegates = await this.delegates.ofClusters([...clusterIds], m);
    const clusterName = new Map(clusters.map((c) => [c.id, c.name]));

    const slots: Slot[] = slotRows.map((s) => ({ id: s.id, start: s.startsAt, end: s.endsAt }));
    const slotIds = new Set(slots.map((s) => s.id));
    const tables: Table[] = tableRows.map((t) => ({ id: t.id, seats: t.seats, name: t.name }));

    const unavailableOf = new Map<string, string[]>();
    for (const u of unavailable) {
      if (!slotIds.has(u.slotId)) continue;
      const list = unavailableOf.get(u.delegateId) ?? [];
      list.push(u.slotId);
      unavailableOf.set(u.delegateId, list);
    }
    const delegatesOf = new Map<string, DelegateEntity[]>();
    for (const d of [...delegates].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))) {
      const list = delegatesOf.get(d.clusterId) ?? [];
      list.push(d);
      delegatesOf.set(d.clusterId, list);
    }
    const people: Person[] = delegates.map((d) => {
      const un = unavailableOf.get(d.id);
      return {
        id: d.id,
        party: d.clusterId,
        name: d.name,
        ...(un && un.length > 0 ? { unavailable: [...un].sort() } : {}),
      };
    });
    const personIds = new Set(people.map((p) => p.id));

    // Stands and features: which tables a meeting may use (see the file comment).
    const standsOf = new Map<string, string[]>();
    for (const t of tableRows)
      if (t.standClusterId) standsOf.set(t.standClusterId, [...(standsOf.get(t.standClusterId) ?? []), t.id]);
    const featuresOf = new Map(tableRows.map((t) => [t.id, new Set(tagList(t.features))]));
    const needsOf = new Map(delegates.map((d) => [d.id, tagList(d.needs)]));
    const tablesFor = (sides: readonly string[], attendees: readonly string[]): string[] | undefined => {
      const stands = [...new Set(sides.flatMap((c) => standsOf.get(c) ?? []))];
      const needs = [...new Set(attendees.flatMap((d) => needsOf.get(d) ?? []))];
      const equipped = tableRows.filter((t) => needs.every((n) => featuresOf.get(t.id)?.has(n))).map((t) => t.id);
      if (needs.length === 0) return stands.length > 0 ? stands : undefined;
      const both = stands.filter((t) => equipped.includes(t));
      return both.length > 0 ? both : equipped;
    };

    const partiesOf = new Map<string, RequestPartyEntity[]>();
    for (const p of parties) partiesOf.set(p.requestId, [...(partiesOf.get(p.requestId) ?? []), p]);
    const chosenOf = new Map<string, RequestDelegateEntity[]>();
    for (const c of chosen) chosenOf.set(c.requestId, [...(chosenOf.get(c.requestId) ?? []), c]);

    const meetings: Meeting[] = [];
    const excluded: StoredUnscheduled[] = [];
    for (const r of requests) {
      const ps = partiesOf.get(r.id) ?? [];
      const receivers = ps.filter((p) => p.role === 'receiver' && p.response === 'accepted' && p.interest !== null);
      const sides = [r.requesterClusterId, ...receivers.map((p) => p.clusterId)];
      if (receivers.length === 0) {
        excluded.push({
          requestId: r.id,
          clusterIds: sides,
          reason: 'no receiving cluster has accepted it with an interest',
        });
        continue;
      }
      const receiverInterest = receivers.reduce((s, p) => s + (p.interest ?? 0), 0) / receivers.length;
      const attendees: string[] = [];
      const missing: string[] = [];
      for (const cluster of sides) {
        const picked = (chosenOf.get(r.id) ?? [])
          .filter((c) => c.clusterId === cluster && personIds.has(c.delegateId))
          .map((c) => c.delegateId);
        // A side that chose nobody sends all its delegates.
        const who = picked.length > 0 ? picked : (delegatesOf.get(cluster) ?? []).map((d) => d.id);
        if (who.length === 0) missing.push(clusterName.get(cluster) ?? cluster);
        for (const id of who) if (!attendees.includes(id)) attendees.push(id);
      }
      if (missing.length > 0) {
        excluded.push({
          requestId: r.id,
          clusterIds: sides,
          reason: `${missing.join(', ')} has no delegate registered for this event`,
        });
        continue;
      }
      const allowedTables = tablesFor(sides, attendees);
      meetings.push({
        id: r.id,
        people: attendees,
        weight:
          meetingWeight(r.requesterInterest, receiverInterest) +
          (mutualFit && sides.length === 2 && mutualFit.pairs.has([...sides].sort().join('\u0000'))
            ? mutualFit.bonus
            : 0),
        ...(allowedTables ? { allowedTables } : {}),
        title: sides.map((c) => clusterName.get(c) ?? c).join(' x '),
      });
    }
    const version = meetings.some((mt) => mt.allowedTables) ? 1.1 : 1;
    return {
      problem: { version, event: { name: event.name, timezone: event.timezone }, slots, tables, people, meetings },
      excluded,
    };
  }
}

/**
 * The published schedule as a contract Schedule over the new problem, for `keep`: its meetings
 * that still exist (same request, slot and table still there), every other meeting unscheduled.
 */
export function keepSchedule(problem: Problem, published: readonly ScheduleAssignmentEntity[]): Schedule {
  const meetings = new Map(problem.meetings.map((mt) => [mt.id, mt]));
  const slots = new Set(problem.slots.map((s) => s.id));
  const tables = new Set(problem.tables.map((t) => t.id));
  const assignments = published
    .filter((a) => meetings.has(a.requestId) && slots.has(a.slotId) && tables.has(a.tableId))
    .map((a) => ({ meeting: a.requestId, slot: a.slotId, table: a.tableId }));
  const kept = new Set(assignments.map((a) => a.meeting));
  const objective = assignments.reduce((s, a) => s + (meetings.get(a.meeting)?.weight ?? 0), 0);
  return {
    version: 1,
    status: 'feasible',
    objective,
    bound: null,
    assignments,
    unscheduled: problem.meetings
      .filter((mt) => !kept.has(mt.id))
      .map((mt) => ({ meeting: mt.id, reason: 'not in the published schedule' })),
    stats: {
      seconds: 0,
      idleGaps: countIdleGaps(problem, assignments),
      partiesWithoutMeeting: partiesWithoutMeeting(problem, assignments).length,
    },
  };
}
