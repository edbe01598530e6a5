/**
 * Read models of the schedules: the organiser's review of a version, the delegate's agenda,
 * and the CSV/XLSX exports (schedule and table plan).
 */
import { Injectable } from '@nestjs/common';
import type { ScheduleStats } from '@clustermatch/domain';
import { ClustersRepository } from '../clusters/clusters.repository';
import { notFound } from '../common/errors';
import { addTextRows, excel, toSafeCsv } from '../common/spreadsheet';
import { Db } from '../database/db.service';
import { ReadCache } from '../database/read-cache';
import type { DelegateEntity } from '../delegates/delegate.entity';
import type { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { AgendaResponse, VersionReviewResponse } from './dto/schedule-responses.dto';
import { ScheduleVersionEntity, type ScheduleAssignmentEntity } from './schedule.entity';
import { ScheduleVersions } from './schedule-versions';
import { SchedulesService, type ClusterRef } from './schedules.service';
import { reasonCode } from './unscheduled-reasons';

export interface VersionSummary {
  readonly id: string;
  readonly number: number;
  readonly state: string;
  readonly mode: string;
  readonly solverStatus: string;
  readonly objective: number;
  readonly bound: number | null;
  /** (bound - objective) / bound, 0 when proven optimal; null without a bound. */
  readonly gap: number | null;
  readonly meetingsScheduled: number;
  readonly meetingsUnscheduled: number;
  readonly basedOnVersion: number | null;
  readonly jobId: string;
  readonly createdAt: string;
  readonly publishedAt: string | null;
}

export interface ExportFile {
  readonly filename: string;
  readonly contentType: string;
  readonly body: Buffer;
}

function gapOf(v: ScheduleVersionEntity): number | null {
  if (v.bound === null) return null;
  if (v.bound <= 0) return 0;
  return Math.max(0, (v.bound - v.objective) / v.bound);
}

const unknownCluster = (id: string): ClusterRef => ({ id, name: id, country: '' });

/** The tables an agenda is read from. */
export const AGENDA_TABLES = [
  'event',
  'participation',
  'schedule_version',
  'schedule_assignment',
  'cluster',
  'delegate',
  'slot',
] as const;

/** What agendas are built from: the event, its published version, and the names of the people in it. */
interface AgendaParts {
  readonly event: EventEntity;
  readonly version: ScheduleVersionEntity | null;
  readonly clusters: ReadonlyMap<string, ClusterRef>;
  readonly delegates: ReadonlyMap<string, DelegateEntity>;
  readonly codes: ReadonlyMap<string, string>;
}

/** The agendas of a whole event: every delegate's meetings of the published version, in agenda order. */
interface AgendaBook extends AgendaParts {
  readonly participants: ReadonlySet<string>;
  readonly meetings: ReadonlyMap<string, readonly ScheduleAssignmentEntity[]>;
}

/**
 * One delegate's agenda from their meetings (`mine`). Names are looked up only among the clusters and delegates
 * of these meetings, so the answer is the same whether `parts` holds this agenda's names or a whole event's.
 */
function agendaFrom(
  parts: AgendaParts,
  mine: readonly ScheduleAssignmentEntity[],
  delegateId: string,
  clusterId: string,
): AgendaResponse {
  const { event, version: v, codes } = parts;
  const clusterIds = new Set(mine.flatMap((r) => r.clusterIds));
  const cluster = (id: string): ClusterRef | undefined => (clusterIds.has(id) ? parts.clusters.get(id) : undefined);
  return {
    event: { id: event.id, name: event.name, timezone: event.timezone },
    delegateId,
    version: v ? { number: v.number, publishedAt: v.publishedAt } : null,
    meetings: mine.map((r) => ({
      requestId: r.requestId,
      slot: codes.get(r.slotId) ?? null,
      start: r.startsAt,
      end: r.endsAt,
      table: r.tableName,
      with: r.clusterIds.filter((c) => c !== clusterId).map((c) => cluster(c) ?? unknownCluster(c)),
      people: r.delegateIds.map((id) => {
        const d = parts.delegates.get(id);
        const c = d ? cluster(d.clusterId) : undefined;
        return { id, name: d?.name ?? null, role: d?.role ?? null, cluster: c?.name ?? d?.clusterId ?? null };
      }),
    })),
  };
}

@Injectable()
export class ScheduleViews {
  constructor(
    private readonly db: Db,
    private readonly schedules: SchedulesService,
    private readonly cache: ReadCache,
    private readonly versions: ScheduleVersions,
    private readonly events: EventsRepository,
    private readonly clusterRows: ClustersRepository,
  ) {}

  private async numberOf(id: string | null): Promise<number | null> {
    if (!id) return null;
    const v = await this.db.manager.findOne(ScheduleVersionEntity, { where: { id } });
    return v ? v.number : null;
  }

  private summary(v: ScheduleVersionEntity, scheduled: number, basedOn: number | null): VersionSummary {
    return {
      id: v.id,
      number: v.number,
      state: v.state,
      mode: v.mode,
      solverStatus: v.solverStatus,
      objective: v.objective,
      bound: v.bound,
      gap: gapOf(v),
      meetingsScheduled: scheduled,
      meetingsUnscheduled: v.unscheduled.length,
      basedOnVersion: basedOn,
      jobId: v.jobId,
      createdAt: v.createdAt,
      publishedAt: v.publishedAt,
    };
  }

  async list(eventId: string): Promise<VersionSummary[]> {
    await this.schedules.event(eventId);
    const versions = await this.db.manager.find(ScheduleVersionEntity, {
      where: { eventId },
      order: { number: 'ASC' },
    });
    const numbers = new Map(versions.map((v) => [v.id, v.number]));
    const counts = await this.db.manager
      .createQueryBuilder()
      .select('a.version_id', 'versionId')
      .addSelect('COUNT(*)', 'n')
      .from('schedule_assignment', 'a')
      .where('a.event_id = :eventId', { eventId })
      .groupBy('a.version_id')
      .getRawMany<{ versionId: string; n: string | number }>();
    const count = new Map(counts.map((c) => [c.versionId, Number(c.n)]));
    return versions.map((v) =>
      this.summary(v, count.get(v.id) ?? 0, v.basedOnVersionId ? (numbers.get(v.basedOnVersionId) ?? null) : null),
    );
  }

  /** Everything the organiser needs to judge a draft before publishing it. */
  async review(eventId: string, versionId: string): Promise<VersionReviewResponse> {
    const event = await this.schedules.event(eventId);
    const v = await this.schedules.version(eventId, versionId);
    const rows = await this.schedules.assignments(v.id);
    const participants = await this.clusterRows.participantIds(eventId);
    const clusters = await this.schedules.clusters([
      ...participants,
      ...rows.flatMap((r) => r.clusterIds),
      ...v.unscheduled.flatMap((u) => u.clusterIds),
    ]);
    const whyNot = v.unscheduled.map((u) => reasonCode(u.reason));
    const named = whyNot.flatMap((w) => (typeof w.params['person'] === 'string' ? [w.params['person']] : []));
    const delegates = await this.schedules.delegates([...rows.flatMap((r) => r.delegateIds), ...named]);
    const codes = await this.schedules.slotCodes(eventId);
    const cluster = (id: string): ClusterRef => clusters.get(id) ?? unknownCluster(id);

    const perCluster = new Map<string, { meetings: number; requested: number }>();
    for (const p of participants) perCluster.set(p, { meetings: 0, requested: 0 });
    for (const r of rows) {
      for (const c of r.clusterIds) {
        const e = perCluster.get(c) ?? { meetings: 0, requested: 0 };
        e.meetings++;
        e.requested++;
        perCluster.set(c, e);
      }
    }
    for (const u of v.unscheduled) {
      for (const c of u.clusterIds) {
        const e = perCluster.get(c) ?? { meetings: 0, requested: 0 };
        e.requested++;
        perCluster.set(c, e);
      }
    }
    const perCountry = new Map<string, { clusters: number; meetings: number }>();
    for (const id of perCluster.keys()) {
      const country = cluster(id).country;
      const e = perCountry.get(country) ?? { clusters: 0, meetings: 0 };
      e.clusters++;
      perCountry.set(country, e);
    }
    for (const r of rows) {
      for (const country of new Set(r.clusterIds.map((c) => cluster(c).country))) {
        const e = perCountry.get(country) ?? { clusters: 0, meetings: 0 };
        e.meetings++;
        perCountry.set(country, e);
      }
    }
    const clusterRows = [...perCluster.entries()]
      .map(([id, e]) => ({ ...cluster(id), meetings: e.meetings, requested: e.requested }))
      .sort((a, b) => a.name.localeCompare(b.name));

    return {
      ...this.summary(v, rows.length, await this.numberOf(v.basedOnVersionId)),
      event: { id: event.id, name: event.name, timezone: event.timezone },
      stats: {
        // Stored from the solver's Schedule.stats.
        ...(v.stats as ScheduleStats),
        meetingsRequested: rows.length + v.unscheduled.length,
        meetingsScheduled: rows.length,
        meetingsUnscheduled: v.unscheduled.length,
        clustersWithoutMeeting: clusterRows.filter((c) => c.requested > 0 && c.meetings === 0).length,
        slotsUsed: new Set(rows.map((r) => r.slotId)).size,
        tablesUsed: new Set(rows.map((r) => r.tableId)).size,
      },
      assignments: rows.map((r) => ({
        requestId: r.requestId,
        slot: { id: r.slotId, code: codes.get(r.slotId) ?? null, start: r.startsAt, end: r.endsAt },
        table: { id: r.tableId, name: r.tableName },
        clusters: r.clusterIds.map(cluster),
        people: r.delegateIds.map((id) => ({
          id,
          name: delegates.get(id)?.name ?? null,
          clusterId: delegates.get(id)?.clusterId ?? null,
        })),
        weight: r.weight,
        pinned: r.pinned,
      })),
      unscheduled: v.unscheduled.map((u, i) => {
        const { code, params } = whyNot[i] ?? reasonCode(u.reason);
        const person = typeof params['person'] === 'string' ? delegates.get(params['person'])?.name : undefined;
        return {
          requestId: u.requestId,
          clusters: u.clusterIds.map(cluster),
          reason: u.reason,
          reasonCode: code,
          reasonParams: { ...params, ...(person ? { personName: person } : {}) },
        };
      }),
      meetingsPerCluster: clusterRows,
      meetingsPerCountry: [...perCountry.entries()]
        .map(([country, e]) => ({ country, ...e }))
        .sort((a, b) => a.country.localeCompare(b.country)),
      changes: v.changes
        ? {
            ...v.changes,
            removed: v.changes.removed.map((x) => {
              const { code, params } = reasonCode(x.reason);
              return { ...x, reasonCode: code, reasonParams: params };
            }),
          }
        : null,
    };
  }

  /** A delegate's own meetings in the published schedule. */
  /** Any delegate's agenda (organisers). */
  async agendaOf(eventId: string, delegateId: string): Promise<AgendaResponse> {
    await this.schedules.event(eventId);
    const d = (await this.schedules.delegates([delegateId])).get(delegateId);
    if (!d) throw notFound('Delegate', delegateId);
    return this.agenda(eventId, d.id, d.clusterId);
  }

  /**
   * A delegate's agenda. Built from the event's agenda book, which is read once and kept until one of the tables
   * it comes from changes (`ReadCache`); with the cache off, from queries for this delegate alone.
   */
  async agenda(eventId: string, delegateId: string, clusterId: string): Promise<AgendaResponse> {
    if (!this.cache.enabled) return this.agendaUncached(eventId, delegateId, clusterId);
    const book = await this.cache.get(`agenda-book:${eventId}`, AGENDA_TABLES, () => this.agendaBook(eventId));
    if (!book.participants.has(clusterId)) throw notFound('Event', eventId);
    return agendaFrom(book, book.meetings.get(delegateId) ?? [], delegateId, clusterId);
  }

  /** Everything the agendas of one event are built from. */
  private async agendaBook(eventId: string): Promise<AgendaBook> {
    const event = await this.schedules.event(eventId);
    const participants = await this.clusterRows.participantIds(eventId);
    const v = await this.versions.publishedVersion(eventId);
    const rows = v ? await this.schedules.assignments(v.id) : [];
    const meetings = new Map<string, ScheduleAssignmentEntity[]>();
    for (const r of rows) for (const d of new Set(r.delegateIds)) meetings.set(d, [...(meetings.get(d) ?? []), r]);
    return {
      event,
      participants: new Set(participants),
      version: v,
      meetings,
      clusters: await this.schedules.clusters(rows.flatMap((r) => r.clusterIds)),
      delegates: await this.schedules.delegates(rows.flatMap((r) => r.delegateIds)),
      codes: v ? await this.schedules.slotCodes(eventId) : new Map(),
    };
  }

  /** The agenda from queries for this delegate alone (the path without the cache; tests compare the two). */
  async agendaUncached(eventId: string, delegateId: string, clusterId: string): Promise<AgendaResponse> {
    const event = await this.schedules.event(eventId);
    if (!(await this.schedules.participates(eventId, clusterId))) throw notFound('Event', eventId);
    const v = await this.versions.publishedVersion(eventId);
    if (!v)
      return agendaFrom(
        { event, version: null, clusters: new Map(), delegates: new Map(), codes: new Map() },
        [],
        delegateId,
        clusterId,
      );
    const mine = (await this.schedules.assignments(v.id)).filter((r) => r.delegateIds.includes(delegateId));
    const clusters = await this.schedules.clusters(mine.flatMap((r) => r.clusterIds));
    const delegates = await this.schedules.delegates(mine.flatMap((r) => r.delegateIds));
    const codes = await this.schedules.slotCodes(eventId);
    return agendaFrom({ event, version: v, clusters, delegates, codes }, mine, delegateId, clusterId);
  }

  /** The schedule (one row per meeting) or the table plan (slots x tables) as CSV or XLSX. */
  async export(
    eventId: string,
    versionId: string,
    format: 'csv' | 'xlsx',
    kind: 'schedule' | 'tables',
  ): Promise<ExportFile> {
    const event = await this.schedules.event(eventId);
    const v = await this.schedules.version(eventId, versionId);
    const rows = await this.schedules.assignments(v.id);
    const clusters = await this.schedules.clusters(rows.flatMap((r) => r.clusterIds));
    const codes = await this.schedules.slotCodes(eventId);
    const name = (id: string): string => clusters.get(id)?.name ?? id;
    const table: string[][] =
      kind === 'schedule'
        ? await this.scheduleTable(rows, codes, name)
        : await this.tablePlan(eventId, rows, codes, name);
    const base = `${event.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'event'}-v${v.number}-${kind === 'schedule' ? 'schedule' : 'table-plan'}`;
    if (format === 'csv') {
      return {
        filename: `${base}.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: toSafeCsv(table),
      };
    }
    const wb = new (excel().Workbook)();
    wb.creator = 'clustermatch';
    const ws = wb.addWorksheet(kind === 'schedule' ? 'Schedule' : 'Table plan', {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    addTextRows(ws, table);
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((col, i) => {
      col.width = Math.min(60, Math.max(8, ...table.map((line) => (line[i] ?? '').length + 2)));
    });
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    return {
      filename: `${base}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body,
    };
  }

  private async scheduleTable(
    rows: readonly ScheduleAssignmentEntity[],
    codes: Map<string, string>,
    name: (id: string) => string,
  ): Promise<string[][]> {
    const delegates = await this.schedules.delegates(rows.flatMap((r) => r.delegateIds));
    const clusters = await this.schedules.clusters(rows.flatMap((r) => r.clusterIds));
    const header = ['Date', 'Start', 'End', 'Slot', 'Table', 'Clusters', 'Countries', 'Delegates', 'Weight', 'Request'];
    const body = rows.map((r) => [
      r.startsAt.slice(0, 10),
      r.startsAt.slice(11, 16),
      r.endsAt.slice(11, 16),
      codes.get(r.slotId) ?? '',
      r.tableName,
      r.clusterIds.map(name).join(' x '),
      r.clusterIds.map((c) => clusters.get(c)?.country ?? '').join(' / '),
      r.delegateIds.map((d) => delegates.get(d)?.name ?? d).join('; '),
      String(r.weight),
      r.requestId,
    ]);
    return [header, ...body];
  }

  private async tablePlan(
    eventId: string,
    rows: readonly ScheduleAssignmentEntity[],
    codes: Map<string, string>,
    name: (id: string) => string,
  ): Promise<string[][]> {
    const tables = await this.events.tables(eventId);
    const columns: { id: string; name: string }[] = tables.map((t) => ({ id: t.id, name: t.name }));
    for (const r of rows)
      if (!columns.some((c) => c.id === r.tableId)) columns.push({ id: r.tableId, name: r.tableName });
    // Every slot of the event (empty ones too), plus any slot of the version no longer in the event.
    const slots = new Map<string, { start: string; end: string }>();
    for (const s of await this.events.slots(eventId)) slots.set(s.id, { start: s.startsAt, end: s.endsAt });
    for (const r of rows) if (!slots.has(r.slotId)) slots.set(r.slotId, { start: r.startsAt, end: r.endsAt });
    const at = new Map(rows.map((r) => [`${r.slotId}|${r.tableId}`, r]));
    const header = ['Date', 'Start', 'End', 'Slot', ...columns.map((c) => c.name)];
    const body = [...slots.entries()]
      .sort((a, b) => Date.parse(a[1].start) - Date.parse(b[1].start))
      .map(([slotId, s]) => [
        s.start.slice(0, 10),
        s.start.slice(11, 16),
        s.end.slice(11, 16),
        codes.get(slotId) ?? '',
        ...columns.map((c) => {
          const r = at.get(`${slotId}|${c.id}`);
          return r ? r.clusterIds.map(name).join(' x ') : '';
        }),
      ]);
    return [header, ...body];
  }
}
