/**
 * What the day of an event looks like at one moment (issue 10), read in one go: the published version and its
 * meetings, slots and tables, check-ins, marks and rebookings. The board, the offers, the figures and the checks of
 * a booking all read it, so they agree on what "missed" and "free" mean.
 */
import type { EntityManager } from 'typeorm';
import type { ClusterEntity } from '../clusters/cluster.entity';
import type { ClustersRepository } from '../clusters/clusters.repository';
import type { DelegateEntity } from '../delegates/delegate.entity';
import type { DelegatesRepository } from '../delegates/delegates.repository';
import type { EventEntity, EventTableEntity, SlotEntity } from '../events/event.entity';
import type { EventsRepository } from '../events/events.repository';
import type { ScheduleAssignmentEntity, ScheduleVersionEntity } from '../schedules/schedule.entity';
import type { ScheduleVersions } from '../schedules/schedule-versions';
import {
  CheckinEntity,
  MeetingMarkEntity,
  RebookingEntity,
  type MarkStatus,
  type MeetingStatus,
} from './eventday.entity';

/** Minutes before a meeting from which a party not checked in puts it at risk. */
export const AT_RISK_MINUTES = 10;

export interface DerivedStatus {
  readonly status: MeetingStatus;
  /** The marks disagree (different status or different absent parties). */
  readonly conflict: boolean;
  /** The clusters named missing by the mark that decides the status (no-show only). */
  readonly absent: readonly string[];
  readonly marks: readonly MeetingMarkEntity[];
}

/**
 * The status of a meeting from its marks: none is `scheduled`; an organiser's latest mark decides over the
 * attendees'; otherwise the latest mark. Every mark is kept; `conflict` says they disagree.
 */
export function deriveStatus(marks: readonly MeetingMarkEntity[]): DerivedStatus {
  if (marks.length === 0) return { status: 'scheduled', conflict: false, absent: [], marks };
  const sorted = [...marks].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const organisers = sorted.filter((m) => m.markerKind === 'organiser');
  const decisive = (organisers.length > 0 ? organisers : sorted)[(organisers.length || sorted.length) - 1];
  const views = new Set(sorted.map((m) => `${m.status}|${[...m.absent].sort().join(',')}`));
  return {
    status: (decisive?.status ?? 'scheduled') as MarkStatus,
    conflict: views.size > 1,
    absent: decisive?.status === 'no-show' ? decisive.absent : [],
    marks: sorted,
  };
}

export interface DayFacts {
  readonly event: EventEntity;
  readonly version: ScheduleVersionEntity | null;
  readonly meetings: readonly ScheduleAssignmentEntity[];
  readonly slots: readonly SlotEntity[];
  readonly tables: readonly EventTableEntity[];
  /** Delegates of the clusters taking part. */
  readonly delegates: ReadonlyMap<string, DelegateEntity>;
  readonly clusters: ReadonlyMap<string, ClusterEntity>;
  readonly checkins: ReadonlyMap<string, CheckinEntity>;
  readonly marks: ReadonlyMap<string, MeetingMarkEntity[]>;
  readonly rebookings: readonly RebookingEntity[];
}

/**
 * The other features' repositories the day is read from (a plain record: the event-day and feedback modules both
 * read the day, and the figures are computed outside dependency injection).
 */
export interface DaySources {
  readonly versions: ScheduleVersions;
  readonly events: EventsRepository;
  readonly clusters: ClustersRepository;
  readonly delegates: DelegatesRepository;
}

export async function readDay(from: DaySources, m: EntityManager, event: EventEntity): Promise<DayFacts> {
  const eventId = event.id;
  const version = await from.versions.publishedVersion(eventId, m);
  // One after the other: inside a transaction on PostgreSQL the queries share one connection.
  const meetings = version ? await from.versions.meetings(version.id, m) : [];
  const slots = await from.events.slots(eventId, m);
  const tables = await from.events.tables(eventId, m);
  const participants = await from.clusters.participantIds(eventId, m);
  const checkins = await m.find(CheckinEntity, { where: { eventId } });
  const marks = await m.find(MeetingMarkEntity, { where: { eventId } });
  const rebookings = await m.find(RebookingEntity, { where: { eventId }, order: { createdAt: 'ASC' } });
  const clusterIds = [...new Set([...participants, ...meetings.flatMap((r) => r.clusterIds)])];
  const clusters = new Map((await from.clusters.byIds(clusterIds, m)).map((c) => [c.id, c]));
  const delegates = new Map((await from.delegates.ofClusters(clusterIds, m)).map((d) => [d.id, d]));
  const byMeeting = new Map<string, MeetingMarkEntity[]>();
  for (const x of marks) byMeeting.set(x.requestId, [...(byMeeting.get(x.requestId) ?? []), x]);
  return {
    event,
    version,
    meetings,
    slots,
    tables,
    delegates,
    clusters,
    checkins: new Map(checkins.map((c) => [c.delegateId, c])),
    marks: byMeeting,
    rebookings,
  };
}

const minutes = (n: number): number => n * 60_000;

/** The clusters of a meeting none of whose attendees is checked in. */
export function partiesNotIn(facts: DayFacts, row: ScheduleAssignmentEntity): string[] {
  return row.clusterIds.filter(
    (c) => !row.delegateIds.some((d) => facts.delegates.get(d)?.clusterId === c && facts.checkins.has(d)),
  );
}

/**
 * Whether a meeting will not happen at `at`: marked no-show or cancelled on site, or a party has nobody checked
 * in while the meeting starts within AT_RISK_MINUTES (or has started). Returns the missing clusters, or null.
 */
export function missed(facts: DayFacts, row: ScheduleAssignmentEntity, at: Date): { absent: string[] } | null {
  const st = deriveStatus(facts.marks.get(row.requestId) ?? []);
  if (st.status === 'held') return null;
  if (st.status === 'no-show') return { absent: [...st.absent] };
  if (st.status === 'cancelled-on-site') return { absent: [] };
  const notIn = partiesNotIn(facts, row);
  if (notIn.length > 0 && Date.parse(row.startsAt) - minutes(AT_RISK_MINUTES) <= at.getTime()) return { absent: notIn };
  return null;
}

/** The calendar day (YYYY-MM-DD in the event's zone) of a slot start. */
export function dayOf(zone: string, iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );
}
