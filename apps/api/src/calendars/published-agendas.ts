import { agendasFromSchedule, nextSequences } from '@clustermatch/domain';
import type {
  Agenda,
  AgendaEvent,
  CancelledMeeting,
  Meeting,
  Person,
  Problem,
  Schedule,
  Slot,
  Table,
} from '@clustermatch/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClustersRepository } from '../clusters/clusters.repository';
import { DelegatesRepository } from '../delegates/delegates.repository';
import type { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { RequestsRepository } from '../requests/requests.repository';
import { ScheduleVersions } from '../schedules/schedule-versions';
import { type MailConfig } from '../config/config';
import { MAIL_CONFIG } from '../config/config.module';

/** Every person's agenda as of one published version, with SEQUENCE and cancellations from the history. */
export interface AgendaSnapshot {
  readonly versionId: string;
  readonly versionNumber: number;
  readonly publishedAt: string;
  readonly agendas: readonly Agenda[];
}

export interface PublishedHistory {
  readonly event: AgendaEvent;
  readonly eventId: string;
  /** One snapshot per version ever published, oldest first; empty before the first publish. */
  readonly snapshots: readonly AgendaSnapshot[];
}

interface Placement {
  slot: string;
  table: string;
  sequence: number;
  cancelled: boolean;
}

/**
 * Builds agendas from the published schedule versions, read through the features that own them (`ScheduleVersions`,
 * and the events', clusters', delegates' and requests' repositories).
 *
 * SEQUENCE and CANCELLED need history: the versions that were published (state `published` or
 * `superseded`, with a `publishedAt`) are replayed oldest first with `nextSequences`: a meeting
 * keeps its sequence while it keeps its slot and table, +1 when it moves or disappears; a meeting
 * that disappears stays in later agendas as `cancelled` at its last place, so calendars drop it.
 * Drafts never published play no part.
 */
@Injectable()
export class PublishedAgendas {
  constructor(
    private readonly events: EventsRepository,
    private readonly clusters: ClustersRepository,
    private readonly delegates: DelegatesRepository,
    private readonly requests: RequestsRepository,
    private readonly versions: ScheduleVersions,
    @Inject(MAIL_CONFIG) private readonly mail: MailConfig,
  ) {}

  eventOf(eventId: string, m?: EntityManager): Promise<EventEntity> {
    return this.events.get(eventId, m);
  }

  agendaEvent(event: EventEntity): AgendaEvent {
    return {
      name: event.name,
      venue: event.venue,
      timezone: event.timezone,
      organiserName: this.mail.fromName,
      organiserEmail: this.mail.fromAddress,
    };
  }

  /** The history of an event's published schedule; `m` lets callers read inside their transaction. */
  async history(eventId: string, m?: EntityManager): Promise<PublishedHistory> {
    const event = await this.eventOf(eventId, m);
    const published = await this.versions.publishedHistory(eventId, m);
    const versions = published.map((p) => p.version);
    const rowsByVersion = new Map(published.map((p) => [p.version.id, p.meetings]));
    const allRows = published.flatMap((p) => p.meetings);

    // Names, e-mails and notes as they are now (the rows keep the ids and the places).
    const delegates = new Map(
      (
        await this.delegates.byIds(
          allRows.flatMap((r) => r.delegateIds),
          m,
        )
      ).map((d) => [d.id, d]),
    );
    const clusterIds = [...allRows.flatMap((r) => r.clusterIds), ...[...delegates.values()].map((d) => d.clusterId)];
    const partyNames: Record<string, string> = Object.fromEntries(await this.clusters.names(clusterIds, m));
    const notes = await this.requests.notes(
      allRows.map((r) => r.requestId),
      m,
    );

    const slots = new Map<string, Slot>();
    const tables = new Map<string, Table>();
    const meetings = new Map<string, Meeting>();
    const people = new Map<string, Person>();
    for (const r of allRows) {
      // Later versions overwrite: a meeting's people are those of its latest placement.
      slots.set(r.slotId, { id: r.slotId, start: r.startsAt, end: r.endsAt });
      tables.set(r.tableId, { id: r.tableId, seats: Math.max(1, r.delegateIds.length), name: r.tableName });
      meetings.set(r.requestId, { id: r.requestId, people: r.delegateIds, weight: 1 });
      r.delegateIds.forEach((id, i) => {
        const d = delegates.get(id);
        people.set(id, {
          id,
          party: d?.clusterId ?? r.clusterIds[Math.min(i, r.clusterIds.length - 1)] ?? id,
          ...(d ? { name: d.name, email: d.email } : {}),
        });
      });
    }
    const problem: Problem = {
      version: 1,
      event: { name: event.name, timezone: event.timezone },
      slots: [...slots.values()],
      tables: [...tables.values()],
      people: [...people.values()],
      meetings: [...meetings.values()],
    };
    const agendaEvent = this.agendaEvent(event);

    const state = new Map<string, Placement>();
    const snapshots: AgendaSnapshot[] = [];
    for (const v of versions) {
      const rows = rowsByVersion.get(v.id) ?? [];
      const schedule: Schedule = {
        version: 1,
        status: 'feasible',
        objective: 0,
        bound: null,
        assignments: rows.map((r) => ({ meeting: r.requestId, slot: r.slotId, table: r.tableId })),
        unscheduled: [],
        stats: { seconds: 0, idleGaps: 0, partiesWithoutMeeting: 0 },
      };
      const sequences = nextSequences(Object.fromEntries(state), schedule);
      const held = new Set<string>();
      for (const a of schedule.assignments) {
        held.add(a.meeting);
        state.set(a.meeting, { slot: a.slot, table: a.table, sequence: sequences[a.meeting] ?? 0, cancelled: false });
      }
      const cancelled: CancelledMeeting[] = [];
      for (const [id, p] of state) {
        if (held.has(id)) continue;
        state.set(id, { ...p, sequence: sequences[id] ?? p.sequence, cancelled: true });
        cancelled.push({ meeting: id, slot: p.slot, table: p.table });
      }
      const agendas = agendasFromSchedule(problem, schedule, {
        event: agendaEvent,
        partyNames,
        notes,
        sequences: Object.fromEntries([...state].map(([id, p]) => [id, p.sequence])),
        cancelled,
      });
      snapshots.push({ versionId: v.id, versionNumber: v.number, publishedAt: v.publishedAt ?? v.createdAt, agendas });
    }
    return { event: agendaEvent, eventId, snapshots };
  }
}
