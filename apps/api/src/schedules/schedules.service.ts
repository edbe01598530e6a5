import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AuditLog, type AuditActor } from '../privacy/audit-log';
import type { Problem, Schedule } from '@clustermatch/domain';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { ClustersRepository } from '../clusters/clusters.repository';
import { AppError, conflict, ErrorCode, notFound } from '../common/errors';
import { LOGGER } from '../common/logger';
import { Db } from '../database/db.service';
import type { DelegateEntity } from '../delegates/delegate.entity';
import { DelegatesRepository } from '../delegates/delegates.repository';
import type { EventEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { RequestsRepository } from '../requests/requests.repository';
import { JOB_QUEUE, type JobQueue, type JobStatus } from '../jobs/job-queue';
import { MailService } from '../mail/mail.service';
import { keepSchedule, ProblemBuilder } from './problem-builder';
import {
  ScheduleAssignmentEntity,
  ScheduleVersionEntity,
  type PlaceRef,
  type StoredUnscheduled,
  type VersionChanges,
} from './schedule.entity';
import type { SolveDto } from './schedules.dto';
import type { SolveJobState } from './solve-job.entity';
import { ScheduleVersions } from './schedule-versions';
import { SolveJobs } from './solve-jobs';
import { RecommendationsService } from '../recommendations/recommendations.service';

export type SolveMode = 'solve' | 'resolve';

export interface JobView {
  readonly id: string;
  readonly mode: string;
  /** `interrupted`: the service stopped while the job ran; start the solve again. */
  readonly state: SolveJobState;
  readonly percent: number;
  readonly phase: string | null;
  readonly objective: number | null;
  readonly bound: number | null;
  readonly error: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  /** The draft the finished job stored. */
  readonly version: { readonly id: string; readonly number: number } | null;
}

export interface ClusterRef {
  readonly id: string;
  readonly name: string;
  readonly country: string;
}

const now = (): string => new Date().toISOString();

function place(a: ScheduleAssignmentEntity): PlaceRef {
  return { slotId: a.slotId, startsAt: a.startsAt, tableId: a.tableId, tableName: a.tableName };
}

/**
 * The problem with the pins of a draft: each pinned meeting that the solver still gets, at a slot and table the
 * event still has, is pinned there. Pins that no longer apply are dropped and counted out.
 */
function withPins(
  built: { problem: Problem; excluded: readonly StoredUnscheduled[] },
  pins: readonly ScheduleAssignmentEntity[],
): { problem: Problem; excluded: readonly StoredUnscheduled[]; pinned: number } {
  if (pins.length === 0) return { ...built, pinned: 0 };
  const slots = new Set(built.problem.slots.map((s) => s.id));
  const tables = new Set(built.problem.tables.map((t) => t.id));
  const pinOf = new Map(
    pins.filter((p) => slots.has(p.slotId) && tables.has(p.tableId)).map((p) => [p.requestId, p] as const),
  );
  let pinned = 0;
  const meetings = built.problem.meetings.map((mt) => {
    const p = pinOf.get(mt.id);
    if (!p) return mt;
    pinned++;
    return { ...mt, pin: { slot: p.slotId, table: p.tableId } };
  });
  return { problem: { ...built.problem, meetings }, excluded: built.excluded, pinned };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

@Injectable()
export class SchedulesService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly storing = new Map<string, Promise<ScheduleVersionEntity | undefined>>();
  private readonly off: (() => void)[] = [];
  private readonly log: Logger;

  constructor(
    private readonly db: Db,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly mail: MailService,
    private readonly jobs: SolveJobs,
    private readonly versions: ScheduleVersions,
    private readonly recommendations: RecommendationsService,
    @Inject(LOGGER) log: Logger,
    private readonly audit: AuditLog,
    private readonly events: EventsRepository,
    private readonly clustersRepo: ClustersRepository,
    private readonly delegatesRepo: DelegatesRepository,
    private readonly requests: RequestsRepository,
    private readonly problems: ProblemBuilder,
  ) {
    this.log = log.child({ component: 'schedules' });
  }

  onModuleInit(): void {
    const ours = (s: JobStatus): boolean => s.kind === 'solve' && s.meta['app'] === 'schedules';
    const logged = (what: string, jobId: string) => (err: unknown) => this.log.error({ err, jobId }, what);
    // Store the draft as soon as a solve finishes (GET of the job does it too, whichever is first).
    this.off.push(
      this.queue.on('done', (status) => {
        if (!ours(status)) return;
        this.storeResult(status.id)
          .then(() => this.jobs.finished(status))
          .catch(logged('could not store the solved schedule', status.id));
      }),
      this.queue.on('failed', (status) => {
        if (ours(status)) this.jobs.finished(status).catch(logged('could not record the failed job', status.id));
      }),
      this.queue.on('progress', (status) => {
        if (ours(status)) this.jobs.progress(status).catch(logged('could not record the progress', status.id));
      }),
    );
  }

  /** Jobs a stopped process left running are interrupted; drafts of jobs finished meanwhile (BullMQ) are stored. */
  async onApplicationBootstrap(): Promise<void> {
    const { finished } = await this.jobs.recover();
    for (const s of finished) if (s.state === 'done') await this.storeResult(s.id);
  }

  onModuleDestroy(): void {
    for (const off of this.off.splice(0)) off();
  }

  async event(eventId: string): Promise<EventEntity> {
    return this.events.get(eventId);
  }

  /** The version with this id, or the published one for the alias `published`; 404 otherwise. */
  async version(eventId: string, versionId: string): Promise<ScheduleVersionEntity> {
    const v =
      versionId === 'published'
        ? await this.versions.publishedVersion(eventId)
        : await this.db.manager.findOne(ScheduleVersionEntity, { where: { id: versionId, eventId } });
    if (!v) throw notFound('Schedule version', versionId);
    return v;
  }

  assignments(versionId: string): Promise<ScheduleAssignmentEntity[]> {
    return this.db.manager.find(ScheduleAssignmentEntity, {
      where: { versionId },
      order: { startsAt: 'ASC', tableName: 'ASC' },
    });
  }

  /**
   * Builds the problem from the database and queues a solve; `resolve` keeps the published meetings. With
   * `aroundVersionId` (a solve "around the pins" of a draft), every meeting pinned in that version is pinned in the
   * problem to its slot and table, so the new draft holds it exactly there.
   */
  async start(
    eventId: string,
    mode: SolveMode,
    dto: SolveDto,
    aroundVersionId?: string,
  ): Promise<{ jobId: string; meetings: number; pinned: number }> {
    const event = await this.event(eventId);
    const around = aroundVersionId !== undefined ? await this.version(eventId, aroundVersionId) : undefined;
    // Issue 12: the optional mutual-fit bonus (null when off), from the recommendations just before the snapshot.
    const mutualFit = await this.recommendations.mutualFit(eventId);
    // One consistent snapshot of requests, delegates, slots and the published version.
    const snapshot = async (m: EntityManager) => {
      const pub = await this.versions.publishedVersion(eventId, m);
      const built = await this.problems.build(m, event, mutualFit);
      const rows = pub ? await m.find(ScheduleAssignmentEntity, { where: { versionId: pub.id } }) : [];
      const pins = around
        ? await m.find(ScheduleAssignmentEntity, { where: { versionId: around.id, pinned: true } })
        : [];
      return { published: pub, ...withPins(built, pins), publishedRows: rows };
    };
    const { published, problem, excluded, publishedRows, pinned } = this.db.isPostgres
      ? await this.db.dataSource.transaction('REPEATABLE READ', snapshot)
      : await this.db.transaction(snapshot);
    if (mode === 'resolve' && !published) {
      throw conflict('Nothing is published for this event yet: start a solve, review the draft and publish it first');
    }
    const missing = [
      problem.slots.length === 0
        ? { path: 'slots', message: 'the event has no slots: add days with a day plan' }
        : undefined,
      problem.tables.length === 0 ? { path: 'tables', message: 'the event has no tables' } : undefined,
      problem.meetings.length === 0
        ? { path: 'meetings', message: 'there are no accepted meeting requests to schedule' }
        : undefined,
    ].filter((f): f is { path: string; message: string } => f !== undefined);
    if (missing.length > 0) {
      throw new AppError(ErrorCode.Unprocessable, `Cannot solve: ${missing.map((f) => f.message).join('; ')}`, missing);
    }
    const keep = mode === 'resolve' && published ? keepSchedule(problem, publishedRows) : undefined;
    const options = {
      ...(dto.timeLimitSeconds !== undefined ? { timeLimitSeconds: dto.timeLimitSeconds } : {}),
      ...(dto.seed !== undefined ? { seed: dto.seed } : {}),
      ...(dto.maxIterations !== undefined ? { maxIterations: dto.maxIterations } : {}),
    };
    const jobId = await this.queue.enqueue(
      'solve',
      { problem, options, ...(keep ? { keep } : {}) },
      { app: 'schedules', eventId, mode, basedOnVersionId: published?.id ?? '', excluded: JSON.stringify(excluded) },
    );
    await this.jobs.created(jobId, eventId, mode);
    // A job that ended at once may have finished before it was recorded.
    const early = await this.queue.get(jobId);
    if (early?.state === 'failed' || early?.state === 'done') await this.jobs.finished(early);
    this.log.info({ eventId, jobId, mode, meetings: problem.meetings.length, pinned }, 'solve queued');
    return { jobId, meetings: problem.meetings.length, pinned };
  }

  /** The event's newest solve jobs (at most 10), newest first: the solve page finds a running one again. */
  async recentJobs(eventId: string): Promise<JobView[]> {
    await this.event(eventId);
    const views: JobView[] = [];
    for (const row of await this.jobs.recent(eventId, 10)) views.push(await this.job(eventId, row.id));
    return views;
  }

  /**
   * A job's state: live from the queue while it knows the job, else as recorded (a job of a stopped process is
   * `interrupted`; a finished one keeps its state and draft after a restart).
   */
  async job(eventId: string, jobId: string): Promise<JobView> {
    await this.event(eventId);
    const [status, row] = await Promise.all([this.queue.get(jobId), this.jobs.get(jobId)]);
    const live = status && status.kind === 'solve' && status.meta['eventId'] === eventId ? status : undefined;
    if (row ? row.eventId !== eventId : !live) throw notFound('Job', jobId);
    const finishedLive = live?.state === 'done' || live?.state === 'failed';
    if (live && finishedLive && row && row.state !== live.state) await this.jobs.finished(live);
    const version =
      live?.state === 'done'
        ? await this.storeResult(jobId)
        : row?.state === 'done'
          ? await this.db.manager.findOne(ScheduleVersionEntity, { where: { jobId } })
          : undefined;
    if (live)
      return {
        id: live.id,
        mode: live.meta['mode'] ?? 'solve',
        state: live.state,
        percent: live.percent,
        phase: live.progress?.phase ?? null,
        objective: live.progress?.objective ?? null,
        bound: live.progress?.bound ?? null,
        error: live.error ?? null,
        createdAt: live.createdAt,
        finishedAt: live.finishedAt ?? null,
        version: version ? { id: version.id, number: version.number } : null,
      };
    if (!row) throw notFound('Job', jobId);
    return {
      id: row.id,
      mode: row.mode,
      state: row.state,
      percent: row.percent,
      phase: row.phase,
      objective: row.objective,
      bound: row.bound,
      error: row.error,
      createdAt: row.createdAt,
      finishedAt: row.finishedAt,
      version: version ? { id: version.id, number: version.number } : null,
    };
  }

  /** Stores a finished solve as a draft version, once (safe to call again and from two places). */
  storeResult(jobId: string): Promise<ScheduleVersionEntity | undefined> {
    const running = this.storing.get(jobId);
    if (running) return running;
    const work = this.doStore(jobId).finally(() => this.storing.delete(jobId));
    this.storing.set(jobId, work);
    return work;
  }

  private async doStore(jobId: string): Promise<ScheduleVersionEntity | undefined> {
    const existing = await this.db.manager.findOne(ScheduleVersionEntity, { where: { jobId } });
    if (existing) return existing;
    const status = await this.queue.get(jobId);
    if (!status || status.state !== 'done' || !status.result) return undefined;
    const payload = await this.queue.getPayload(jobId);
    if (!payload) throw new Error(`job ${jobId} has no payload any more`);
    const eventId = status.meta['eventId'];
    if (!eventId) throw new Error(`job ${jobId} has no event id`);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction((m) =>
          this.insertVersion(m, jobId, eventId, status, payload.problem, status.result as Schedule),
        );
      } catch (err) {
        // Two stores of one job, or two jobs of one event taking the same number: look again.
        if (!(err instanceof QueryFailedError) || attempt >= 4) throw err;
        const again = await this.db.manager.findOne(ScheduleVersionEntity, { where: { jobId } });
        if (again) return again;
      }
    }
  }

  private async insertVersion(
    m: EntityManager,
    jobId: string,
    eventId: string,
    status: JobStatus,
    problem: Problem,
    schedule: Schedule,
  ): Promise<ScheduleVersionEntity> {
    const already = await m.findOne(ScheduleVersionEntity, { where: { jobId } });
    if (already) return already;
    const max = await m
      .createQueryBuilder(ScheduleVersionEntity, 'v')
      .select('MAX(v.number)', 'max')
      .where('v.eventId = :eventId', { eventId })
      .getRawOne<{ max: number | string | null }>();
    const number = Number(max?.max ?? 0) + 1;
    const versionId = randomUUID();

    const meetings = new Map(problem.meetings.map((mt) => [mt.id, mt]));
    const partyOf = new Map(problem.people.map((p) => [p.id, p.party]));
    const slots = new Map(problem.slots.map((s) => [s.id, s]));
    const tables = new Map(problem.tables.map((t) => [t.id, t]));
    const clustersOf = (meetingId: string): string[] => [
      ...new Set((meetings.get(meetingId)?.people ?? []).map((p) => partyOf.get(p) ?? p)),
    ];

    const rows: ScheduleAssignmentEntity[] = schedule.assignments.map((a) => {
      const row = new ScheduleAssignmentEntity();
      row.versionId = versionId;
      row.requestId = a.meeting;
      row.eventId = eventId;
      row.slotId = a.slot;
      row.tableId = a.table;
      row.startsAt = slots.get(a.slot)?.start ?? '';
      row.endsAt = slots.get(a.slot)?.end ?? '';
      row.tableName = tables.get(a.table)?.name ?? a.table;
      row.weight = meetings.get(a.meeting)?.weight ?? 0;
      row.clusterIds = clustersOf(a.meeting);
      row.delegateIds = [...(meetings.get(a.meeting)?.people ?? [])];
      row.pinned = meetings.get(a.meeting)?.pin !== undefined;
      return row;
    });
    const excluded = JSON.parse(status.meta['excluded'] ?? '[]') as StoredUnscheduled[];
    const unscheduled: StoredUnscheduled[] = [
      ...schedule.unscheduled.map((u) => ({
        requestId: u.meeting,
        clusterIds: clustersOf(u.meeting),
        reason: u.reason,
      })),
      ...excluded,
    ];

    const basedOnVersionId = status.meta['basedOnVersionId'] || null;
    let changes: VersionChanges | null = null;
    if (basedOnVersionId) {
      const base = await m.findOne(ScheduleVersionEntity, { where: { id: basedOnVersionId } });
      const baseRows = await m.find(ScheduleAssignmentEntity, { where: { versionId: basedOnVersionId } });
      const stillRequested = new Set([...meetings.keys(), ...excluded.map((e) => e.requestId)]);
      const whyNot = new Map(unscheduled.map((u) => [u.requestId, u.reason]));
      const current = new Map(rows.map((r) => [r.requestId, r]));
      const baseIds = new Set(baseRows.map((r) => r.requestId));
      const gone = baseRows.map((r) => r.requestId).filter((id) => !stillRequested.has(id));
      const statusOf = await this.requests.statuses(gone, m);
      const moved: VersionChanges['moved'][number][] = [];
      const removed: VersionChanges['removed'][number][] = [];
      let unchanged = 0;
      for (const b of baseRows) {
        const cur = current.get(b.requestId);
        if (!cur) {
          const reason = stillRequested.has(b.requestId)
            ? (whyNot.get(b.requestId) ?? 'not scheduled')
            : `the request is no longer accepted (${statusOf.get(b.requestId) ?? 'deleted'})`;
          removed.push({ requestId: b.requestId, clusterIds: b.clusterIds, from: place(b), reason });
        } else if (cur.slotId !== b.slotId || cur.tableId !== b.tableId) {
          moved.push({ requestId: b.requestId, clusterIds: cur.clusterIds, from: place(b), to: place(cur) });
        } else unchanged++;
      }
      const added = rows
        .filter((r) => !baseIds.has(r.requestId))
        .map((r) => ({ requestId: r.requestId, clusterIds: r.clusterIds, to: place(r) }));
      changes = { basedOnVersion: base?.number ?? 0, added, removed, moved, unchanged };
    }

    const version = new ScheduleVersionEntity();
    Object.assign(version, {
      id: versionId,
      eventId,
      number,
      state: 'draft',
      solverStatus: schedule.status,
      objective: schedule.objective,
      bound: schedule.bound,
      stats: { ...schedule.stats },
      unscheduled,
      basedOnVersionId,
      changes,
      jobId,
      mode: status.meta['mode'] ?? 'solve',
      createdAt: now(),
      publishedAt: null,
    } satisfies ScheduleVersionEntity);
    await m.insert(ScheduleVersionEntity, version);
    for (const part of chunks(rows, 200)) await m.insert(ScheduleAssignmentEntity, part);
    this.log.info(
      { eventId, jobId, version: number, assignments: rows.length, unscheduled: unscheduled.length },
      'draft schedule stored',
    );
    return version;
  }

  /** Publishes a draft; the published version it replaces becomes superseded. `queued`: the mails to attendees. */
  async publish(
    eventId: string,
    versionId: string,
    actor?: AuditActor,
  ): Promise<ScheduleVersionEntity & { queued: number }> {
    await this.event(eventId);
    const v = await this.db.transaction((m) => this.publishIn(m, eventId, versionId, actor));
    this.log.info({ eventId, version: v.number, queued: v.queued }, 'schedule published');
    return v;
  }

  /**
   * What publishing would do, without doing it: the same checks (409 as publish would answer) and the number of
   * attendees who would be mailed (agendas on the first publish, "schedule changed" to the affected ones after).
   * Runs the publish in a transaction that is rolled back.
   */
  async publishPreview(eventId: string, versionId: string): Promise<{ attendees: number; firstPublish: boolean }> {
    await this.event(eventId);
    const dryRun = new Error('publish preview: roll back');
    let out: { attendees: number; firstPublish: boolean } | undefined;
    try {
      await this.db.transaction(async (m) => {
        const first = (await this.versions.publishedVersion(eventId, m)) === null;
        const v = await this.publishIn(m, eventId, versionId);
        out = { attendees: v.queued, firstPublish: first };
        throw dryRun;
      });
    } catch (err) {
      if (err !== dryRun) throw err;
    }
    if (!out) throw new Error('publish preview gave no answer');
    return out;
  }

  private async publishIn(
    m: EntityManager,
    eventId: string,
    versionId: string,
    actor?: AuditActor,
  ): Promise<ScheduleVersionEntity & { queued: number }> {
    {
      const v = await m.findOne(ScheduleVersionEntity, { where: { id: versionId, eventId } });
      if (!v) throw notFound('Schedule version', versionId);
      if (v.state !== 'draft')
        throw conflict(`Version ${v.number} is already ${v.state}; only a draft can be published`);
      if (v.solverStatus === 'infeasible')
        throw conflict(`Version ${v.number} is infeasible (the kept meetings cannot all hold) and cannot be published`);
      const current = await this.versions.publishedVersion(eventId, m);
      if ((current?.id ?? null) !== v.basedOnVersionId) {
        const base = v.basedOnVersionId
          ? await m.findOne(ScheduleVersionEntity, { where: { id: v.basedOnVersionId } })
          : null;
        throw conflict(
          `Version ${v.number} was solved against ${base ? `version ${base.number}` : 'no published version'}, but ${
            current ? `version ${current.number}` : 'none'
          } is published now: solve again`,
        );
      }
      // A request cancelled after this draft was solved must not be published as a meeting.
      const held = await m.find(ScheduleAssignmentEntity, { where: { versionId: v.id } });
      const accepted = await this.requests.acceptedAmong(
        held.map((a) => a.requestId),
        m,
      );
      const gone = held.map((a) => a.requestId).filter((id) => !accepted.has(id));
      if (gone.length > 0) {
        throw conflict(
          `Version ${v.number} holds ${gone.length} meeting(s) whose request is no longer accepted (${gone.slice(0, 5).join(', ')}): re-solve first`,
        );
      }
      // A table removed (or renamed) since the solve: its meetings would be published at a table that is gone.
      const tablesNow = new Set((await this.events.tables(eventId, m)).map((t) => t.id));
      const removed = [...new Set(held.filter((a) => !tablesNow.has(a.tableId)).map((a) => a.tableName))].sort();
      if (removed.length > 0) {
        const moved = held.filter((a) => !tablesNow.has(a.tableId)).length;
        throw conflict(
          `Version ${v.number} has ${moved} meeting(s) at table(s) removed since it was solved (${removed.join(', ')}): solve again, or move those meetings to other tables, before publishing`,
        );
      }
      const at = now();
      if (current) {
        const r = await m.update(
          ScheduleVersionEntity,
          { id: current.id, state: 'published' },
          { state: 'superseded' },
        );
        if (r.affected !== 1) throw conflict('Another version was published at the same time; solve again');
      }
      const r = await m.update(
        ScheduleVersionEntity,
        { id: v.id, state: 'draft' },
        { state: 'published', publishedAt: at },
      );
      if (r.affected !== 1) throw conflict(`Version ${v.number} was published at the same time by someone else`);
      if (actor)
        await this.audit.record(m, actor, {
          action: 'publish',
          targetType: 'schedule-version',
          targetId: v.id,
          eventId,
          summary: `schedule version ${v.number} published${current ? ` (replacing version ${current.number})` : ''}`,
        });
      // Agendas (first publish) or "schedule changed" to the affected attendees only, in this transaction.
      const queued = await this.mail.queueSchedulePublished(m, eventId);
      return { ...v, state: 'published', publishedAt: at, queued };
    }
  }

  /**
   * The organiser's "send agendas": queues every attendee's agenda of the published version again,
   * all in one transaction. 404 unknown event, 409 when nothing is published.
   */
  async sendAgendas(eventId: string): Promise<{ versionId: string; versionNumber: number; queued: number }> {
    await this.event(eventId);
    return this.db.transaction(async (m) => {
      const v = await this.versions.publishedVersion(eventId, m);
      if (!v) throw conflict('Nothing is published for this event yet: review a draft and publish it first');
      const queued = await this.mail.queueAgendas(m, eventId);
      return { versionId: v.id, versionNumber: v.number, queued };
    });
  }

  async clusters(ids: Iterable<string>): Promise<Map<string, ClusterRef>> {
    const out = new Map<string, ClusterRef>();
    for (const c of await this.clustersRepo.byIds([...ids]))
      out.set(c.id, { id: c.id, name: c.name, country: c.country });
    return out;
  }

  async delegates(ids: Iterable<string>): Promise<Map<string, DelegateEntity>> {
    return new Map((await this.delegatesRepo.byIds([...ids])).map((d) => [d.id, d]));
  }

  async slotCodes(eventId: string): Promise<Map<string, string>> {
    const slots = await this.events.slots(eventId);
    return new Map(slots.map((s) => [s.id, s.code]));
  }

  async participates(eventId: string, clusterId: string): Promise<boolean> {
    return this.clustersRepo.takesPart(eventId, clusterId);
  }
}
