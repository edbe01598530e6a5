/**
 * JobQueue on BullMQ (Redis), used when REDIS_URL is set. Any process that starts a
 * `BullJobQueue` with `work: true` (the API by default, or `jobs/worker-main.ts` on another
 * machine) takes jobs and runs each in a worker thread, reporting progress through Redis.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import type { JobEvent, JobKind, JobListener, JobProgress, JobQueue, JobState, JobStatus, JobTypes } from './job-queue';
import { runningPercent } from './job-queue';
import { runInWorkerThread } from './worker-thread';

interface BullData {
  readonly payload: JobTypes[JobKind]['payload'];
  readonly meta: Record<string, string>;
}
interface BullProgress extends JobProgress {
  readonly percent: number;
}
type BullJob = Job<BullData, JobTypes[JobKind]['result'], JobKind>;

function isBullProgress(p: unknown): p is BullProgress {
  return typeof p === 'object' && p !== null && typeof (p as { percent?: unknown }).percent === 'number';
}

export interface BullJobQueueOptions {
  readonly redisUrl: string;
  /** Queue name (default 'clustermatch-jobs'); tests use a unique one. */
  readonly name?: string;
  /** Take and run jobs in this process (default true). */
  readonly work?: boolean;
  /** Jobs this process runs at the same time (default 1). */
  readonly concurrency?: number;
  /** Seconds finished jobs stay in Redis (default one week). */
  readonly keepSeconds?: number;
  /** Connection and bookkeeping errors (job errors go to the job's status). Default: stderr. */
  readonly onError?: (err: unknown) => void;
}

const KINDS: readonly JobKind[] = ['solve'];
function isKind(name: string): name is JobKind {
  return (KINDS as readonly string[]).includes(name);
}

function stateOf(s: string): JobState {
  switch (s) {
    case 'active':
      return 'running';
    case 'completed':
      return 'done';
    case 'failed':
      return 'failed';
    default:
      return 'queued';
  }
}

export class BullJobQueue implements JobQueue {
  readonly name: string;
  private readonly queue: Queue<BullData, JobTypes[JobKind]['result'], JobKind>;
  private readonly queueEvents: QueueEvents;
  private readonly worker?: Worker<BullData, JobTypes[JobKind]['result'], JobKind>;
  private readonly events = new EventEmitter();
  private readonly keepSeconds: number;
  private readonly onError: (err: unknown) => void;

  constructor(options: BullJobQueueOptions) {
    this.onError =
      options.onError ??
      ((err) =>
        process.stderr.write(`job queue ${options.name ?? ''}: ${err instanceof Error ? err.message : String(err)}\n`));
    this.name = options.name ?? 'clustermatch-jobs';
    this.keepSeconds = options.keepSeconds ?? 7 * 24 * 3600;
    const connection = { url: options.redisUrl, maxRetriesPerRequest: null };
    this.queue = new Queue(this.name, { connection });
    this.queueEvents = new QueueEvents(this.name, { connection });
    this.queue.on('error', (err) => this.onError(err));
    this.queueEvents.on('error', (err) => this.onError(err));
    this.queueEvents.on('progress', ({ jobId }) => void this.emitStatus('progress', jobId));
    this.queueEvents.on('completed', ({ jobId }) => void this.emitStatus('done', jobId));
    this.queueEvents.on('failed', ({ jobId }) => void this.emitStatus('failed', jobId));
    if (options.work ?? true) {
      this.worker = new Worker(this.name, (job) => this.process(job), {
        connection,
        concurrency: Math.max(1, options.concurrency ?? 1),
      });
      // Errors of a job are reported through its status; this only keeps connection trouble visible.
      this.worker.on('error', (err) => this.onError(err));
    }
  }

  /** Resolves when the connections are up (useful before the first enqueue in tests). */
  async ready(): Promise<void> {
    await Promise.all([this.queue.waitUntilReady(), this.queueEvents.waitUntilReady(), this.worker?.waitUntilReady()]);
  }

  async enqueue<K extends JobKind>(
    kind: K,
    payload: JobTypes[K]['payload'],
    meta: Record<string, string> = {},
  ): Promise<string> {
    const id = randomUUID();
    await this.queue.add(
      kind,
      { payload, meta: { ...meta } },
      {
        jobId: id,
        attempts: 1,
        removeOnComplete: { age: this.keepSeconds },
        removeOnFail: { age: this.keepSeconds },
      },
    );
    return id;
  }

  async get(id: string): Promise<JobStatus | undefined> {
    const job = (await this.queue.getJob(id)) as BullJob | undefined;
    if (!job || !isKind(job.name)) return undefined;
    const state = stateOf(await job.getState());
    const p = isBullProgress(job.progress) ? job.progress : undefined;
    const result = state === 'done' ? job.returnvalue : undefined;
    const progress: JobProgress | undefined = result
      ? { phase: 'done', objective: result.objective, bound: result.bound }
      : p
        ? { phase: p.phase, objective: p.objective, bound: p.bound }
        : undefined;
    return {
      id,
      kind: job.name,
      state,
      percent: state === 'done' ? 100 : (p?.percent ?? 0),
      ...(progress ? { progress } : {}),
      ...(result ? { result } : {}),
      ...(state === 'failed' ? { error: job.failedReason || 'the job failed' } : {}),
      meta: job.data.meta ?? {},
      createdAt: new Date(job.timestamp).toISOString(),
      ...(job.finishedOn ? { finishedAt: new Date(job.finishedOn).toISOString() } : {}),
    };
  }

  async getPayload(id: string): Promise<JobTypes[JobKind]['payload'] | undefined> {
    const job = (await this.queue.getJob(id)) as BullJob | undefined;
    return job?.data.payload;
  }

  on(event: JobEvent, fn: JobListener): () => void {
    this.events.on(event, fn);
    return () => this.events.off(event, fn);
  }

  async close(): Promise<void> {
    this.events.removeAllListeners();
    await this.worker?.close();
    await this.queueEvents.close();
    await this.queue.close();
  }

  /** Removes the queue and all its jobs from Redis (tests clean up with this). */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }

  private async process(job: BullJob): Promise<JobTypes[JobKind]['result']> {
    if (!isKind(job.name)) throw new Error(`unknown job kind ${job.name}`);
    let pending: Promise<void> = Promise.resolve();
    const result = await runInWorkerThread(job.name, job.data.payload, (p) => {
      const data: BullProgress = {
        percent: runningPercent(p.fraction),
        phase: p.phase,
        objective: p.objective,
        bound: p.bound,
      };
      // Keep the updates in order; a lost update only delays the percent.
      pending = pending.then(() => job.updateProgress(data)).catch(() => undefined);
    });
    await pending;
    return result;
  }

  private async emitStatus(event: JobEvent, id: string): Promise<void> {
    if (this.events.listenerCount(event) === 0) return;
    try {
      const status = await this.get(id);
      if (!status) return;
      // A late progress message of a job that has finished meanwhile: its done/failed event follows.
      if (event === 'progress' && status.state !== 'running') return;
      this.events.emit(event, status);
    } catch (err) {
      this.onError(err);
    }
  }
}
