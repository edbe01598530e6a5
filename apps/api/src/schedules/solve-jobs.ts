/**
 * The record of solve jobs in the database (`solve_job`). The job queue runs the jobs (a worker thread here, or
 * BullMQ on Redis) and keeps their live progress; this record outlives the process: a job whose process died
 * is marked `interrupted` at the next start (when the queue no longer knows it), its id keeps answering, and
 * the organiser starts the solve again.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { In } from 'typeorm';
import { LOGGER } from '../common/logger';
import { Db } from '../database/db.service';
import { JOB_QUEUE, type JobQueue, type JobStatus } from '../jobs/job-queue';
import { ScheduleVersionEntity } from './schedule.entity';
import { SolveJobEntity, type SolveJobState } from './solve-job.entity';

/** Progress is written at most this often per job (the live percent comes from the queue meanwhile). */
const PROGRESS_EVERY_MS = 1000;

export const INTERRUPTED_MESSAGE =
  'The service stopped while this solve was running (a crash or a restart), so it did not finish: start the solve again.';

const nowIso = (): string => new Date().toISOString();

@Injectable()
export class SolveJobs {
  private readonly lastWrite = new Map<string, number>();
  private readonly log: Logger;

  constructor(
    private readonly db: Db,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ component: 'solve-jobs' });
  }

  async created(id: string, eventId: string, mode: string): Promise<void> {
    const at = nowIso();
    await this.db.transaction((m) =>
      m.insert(SolveJobEntity, {
        id,
        eventId,
        mode,
        state: 'queued',
        percent: 0,
        phase: null,
        objective: null,
        bound: null,
        error: null,
        createdAt: at,
        updatedAt: at,
        finishedAt: null,
      }),
    );
  }

  /** Records a running job's progress, at most once a second per job. */
  async progress(s: JobStatus): Promise<void> {
    const last = this.lastWrite.get(s.id) ?? 0;
    if (Date.now() - last < PROGRESS_EVERY_MS) return;
    this.lastWrite.set(s.id, Date.now());
    await this.db.transaction((m) =>
      m.update(
        SolveJobEntity,
        { id: s.id, state: In(['queued', 'running']) },
        {
          state: 'running',
          percent: s.percent,
          phase: s.progress?.phase.slice(0, 40) ?? null,
          objective: s.progress?.objective ?? null,
          bound: s.progress?.bound ?? null,
          updatedAt: nowIso(),
        },
      ),
    );
  }

  /** Records the end of a job (done or failed). */
  async finished(s: JobStatus): Promise<void> {
    this.lastWrite.delete(s.id);
    const state: SolveJobState = s.state === 'done' ? 'done' : 'failed';
    await this.db.transaction((m) =>
      m.update(
        SolveJobEntity,
        { id: s.id },
        {
          state,
          percent: state === 'done' ? 100 : s.percent,
          phase: s.progress?.phase.slice(0, 40) ?? null,
          objective: s.progress?.objective ?? null,
          bound: s.progress?.bound ?? null,
          error: s.error ?? null,
          updatedAt: nowIso(),
          finishedAt: s.finishedAt ?? nowIso(),
        },
      ),
    );
  }

  /** The newest `n` jobs of an event, newest first. */
  recent(eventId: string, n: number): Promise<SolveJobEntity[]> {
    return this.db.manager.find(SolveJobEntity, {
      where: { eventId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: n,
    });
  }

  get(id: string): Promise<SolveJobEntity | null> {
    return this.db.manager.findOne(SolveJobEntity, { where: { id } });
  }

  /**
   * At start-up: every job recorded as queued or running that the queue no longer knows (an in-process queue
   * forgets everything with its process) is marked interrupted. Jobs the queue still has (BullMQ on Redis, run by
   * another process or taken up again) are left to finish; ones it finished meanwhile are recorded, and returned
   * so the caller can store their drafts.
   */
  async recover(): Promise<{ interrupted: number; finished: JobStatus[] }> {
    const open = await this.db.manager.find(SolveJobEntity, { where: { state: In(['queued', 'running']) } });
    let interrupted = 0;
    const finished: JobStatus[] = [];
    for (const job of open) {
      const live = await this.queue.get(job.id);
      if (live?.state === 'done' || live?.state === 'failed') {
        await this.finished(live);
        finished.push(live);
      } else if (!live) {
        const at = nowIso();
        // Its draft was stored before the process stopped: it did finish.
        if (await this.db.manager.exists(ScheduleVersionEntity, { where: { jobId: job.id } })) {
          await this.db.transaction((m) =>
            m.update(SolveJobEntity, { id: job.id }, { state: 'done', percent: 100, updatedAt: at, finishedAt: at }),
          );
          continue;
        }
        await this.db.transaction((m) =>
          m.update(
            SolveJobEntity,
            { id: job.id, state: In(['queued', 'running']) },
            { state: 'interrupted', error: INTERRUPTED_MESSAGE, updatedAt: at, finishedAt: at },
          ),
        );
        interrupted++;
      }
    }
    if (interrupted > 0) this.log.warn({ interrupted }, 'solve jobs left running by a stopped process are interrupted');
    return { interrupted, finished };
  }
}
