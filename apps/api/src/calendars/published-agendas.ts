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
import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { ClusterEntity } from '../clusters/cluster.entity';
import { notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { DelegateEntity } from '../delegates/delegate.entity';
import { EventEntity } from '../events/event.entity';
import { MeetingRequestEntity } from '../requests/request.entity';
import { ScheduleAssignmentEntity, ScheduleVersionEntity } from '../schedules/schedule.entity';
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

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Builds agendas from the published schedule versions (read-only use of H5's entities).
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
    private readonly db: Db,
    @Inject(MAIL_CONFIG) private readonly mail: MailConfig,
  ) {}

  async eventOf(eventId: string, m: EntityManager = this.db.manager): Promise<EventEntity> {
    const event = await m.findOne(EventEntity, { where: { id: eventId } });
    if (!event) throw notFound('Event', eventId);
    return event;
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
  async history(eventId: string, m: EntityManager = this.db.manager): Promise<PublishedHistory> {
    const event = await this.eventOf(eventId, m);
    const versions = (await m.find(ScheduleVersionEntity, { where: { eventId, publishedAt: Not(IsNull()) } })).sort(
      (a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.number - b.number,
    );
    const rowsByVersion = new Map<string, ScheduleAssignmentEntity[]>();
    for (const v of versions)
      rowsByVersion.set(v.id, await m.find(ScheduleAssignmentEntity, { where: { versionId: v.id } }));
    const allRows = [...rowsByVersion.values()].flat();

    // Names, e-mails and notes as they are now (the rows keep the ids and the places).
    const delegateIds = [...new Set(allRows.flatMap((r) => r.delegateIds))];
    const delegates = new Map<string, DelegateEntity>();
    for (const part of chunks(delegateIds, 500))
      for (const d of await m.find(DelegateEntity, { where: { id: In(part) } })) delegates.set(d.id, d);
    const clusterIds = [
      ...new Set([...allRows.flatMap((r) => r.clusterIds), ...[...delegates.values()].map((d) => d.clusterId)]),
    ];
    const partyNames: Record<string, string> = {};
    for (const part of chunks(clusterIds, 500))
      for (const c of await m.find(ClusterEntity, { where: { id: In(part) } })) partyNames[c.id] = c.name;
    const notes: Record<string, string> = {};
    const requestIds = [...new Set(allRows.map((r) => r.requestId))];
    for (const part of chunks(requestIds, 500)) {
      for (const r of await m.find(MeetingRequestEntity, { where: { id: In(part) } }))
        if (r.note.trim() !== '') notes[r.id] = r.note;
    }

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
