/**
 * The default JobQueue: jobs wait in memory and run one (or `concurrency`) at a time, each in
 * its own worker thread. Statuses live in memory (the newest `keep` finished jobs).
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { JobEvent, JobKind, JobListener, JobQueue, JobStatus, JobTypes } from './job-queue';
import { runningPercent } from './job-queue';
import { runInWorkerThread } from './worker-thread';

interface Entry {
  status: JobStatus;
  readonly payload: JobTypes[JobKind]['payload'];
}

export interface InProcessJobQueueOptions {
  /** Jobs run at the same time (default 1: a solve uses a whole core). */
  readonly concurrency?: number;
  /** Finished jobs whose status (and payload and result) is kept in memory (default 50). */
  readonly keep?: number;
}

export class InProcessJobQueue implements JobQueue {
  private readonly jobs = new Map<string, Entry>();
  private readonly waiting: string[] = [];
  private readonly events = new EventEmitter();
  private running = 0;
  private readonly stop = new AbortController();
  private closed = false;
  private readonly concurrency: number;
  private readonly keep: number;

  constructor(options: InProcessJobQueueOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.keep = Math.max(1, options.keep ?? 50);
  }

  async enqueue<K extends JobKind>(
    kind: K,
    payload: JobTypes[K]['payload'],
    meta: Record<string, string> = {},
  ): Promise<string> {
    if (this.closed) throw new Error('the job queue is closed');
    const id = randomUUID();
    const status: JobStatus = {
      id,
      kind,
      state: 'queued',
      percent: 0,
      meta: { ...meta },
      createdAt: new Date().toISOString(),
    };
    this.jobs.set(id, { status, payload });
    this.waiting.push(id);
    this.pump();
    return id;
  }

  async get(id: string): Promise<JobStatus | undefined> {
    return this.jobs.get(id)?.status;
  }

  async getPayload(id: string): Promise<JobTypes[JobKind]['payload'] | undefined> {
    return this.jobs.get(id)?.payload;
  }

  on(event: JobEvent, fn: JobListener): () => void {
    this.events.on(event, fn);
    return () => this.events.off(event, fn);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    this.stop.abort();
    this.events.removeAllListeners();
  }

  private update(id: string, patch: Partial<JobStatus>, event?: JobEvent): void {
    const entry = this.jobs.get(id);
    if (!entry) return;
    entry.status = { ...entry.status, ...patch };
    if (event && !this.closed) this.events.emit(event, entry.status);
  }

  private pump(): void {
    while (!this.closed && this.running < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift();
      const entry = id === undefined ? undefined : this.jobs.get(id);
      if (!id || !entry) continue;
      this.running++;
      this.update(id, { state: 'running' });
      runInWorkerThread(
        entry.status.kind,
        entry.payload,
        (p) => {
          this.update(
            id,
            {
              percent: runningPercent(p.fraction),
              progress: { phase: p.phase, objective: p.objective, bound: p.bound },
            },
            'progress',
          );
        },
        this.stop.signal,
      )
        .then(
          (result) => {
            const progress = { phase: 'done', objective: result.objective, bound: result.bound };
            this.update(
              id,
              { state: 'done', percent: 100, progress, result, finishedAt: new Date().toISOString() },
              'done',
            );
          },
          (err: unknown) => {
            const error = err instanceof Error ? err.message : String(err);
            this.update(id, { state: 'failed', error, finishedAt: new Date().toISOString() }, 'failed');
          },
        )
        .finally(() => {
          this.running--;
          this.prune();
          this.pump();
        });
    }
  }

  /** Forgets the oldest finished jobs beyond `keep`. */
  private prune(): void {
    const finished = [...this.jobs.values()].filter((e) => e.status.state === 'done' || e.status.state === 'failed');
    for (const e of finished.slice(0, Math.max(0, finished.length - this.keep))) this.jobs.delete(e.status.id);
  }
}
