/**
 * A small job queue for long work (solves) that must not block the API. Two implementations:
 * `InProcessJobQueue` (default: a worker thread in this process) and `BullJobQueue` (BullMQ on
 * Redis when `REDIS_URL` is set, so solves can run on other machines).
 */
import type { Problem, Schedule } from '@clustermatch/domain';

/** The kinds of job the queue runs, with their payload and result. */
export interface JobTypes {
  solve: { payload: SolveJobPayload; result: Schedule };
}
export type JobKind = keyof JobTypes;

/** What a solve job needs: the problem (contract v1), limits, and a published schedule to keep. */
export interface SolveJobPayload {
  readonly problem: Problem;
  readonly options?: {
    readonly timeLimitSeconds?: number;
    readonly seed?: number;
    readonly maxIterations?: number;
  };
  /** A published schedule whose meetings should stay where they are. */
  readonly keep?: Schedule;
}

/** The state of the search as last reported by the worker. */
export interface JobProgress {
  readonly phase: string;
  readonly objective: number;
  readonly bound: number | null;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobStatus<K extends JobKind = JobKind> {
  readonly id: string;
  readonly kind: K;
  readonly state: JobState;
  /** 0..100; 100 exactly when the job is done. */
  readonly percent: number;
  readonly progress?: JobProgress;
  readonly result?: JobTypes[K]['result'];
  readonly error?: string;
  /** Small caller-defined labels (e.g. the event id) kept with the job. */
  readonly meta: Readonly<Record<string, string>>;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly finishedAt?: string;
}

export type JobEvent = 'progress' | 'done' | 'failed';
export type JobListener = (status: JobStatus) => void;

export interface JobQueue {
  /** Queues a job and returns its id at once. */
  enqueue<K extends JobKind>(kind: K, payload: JobTypes[K]['payload'], meta?: Record<string, string>): Promise<string>;
  /** The status of a job, or undefined for an unknown id. */
  get(id: string): Promise<JobStatus | undefined>;
  /** The payload a job was queued with (kept as long as its status), or undefined. */
  getPayload(id: string): Promise<JobTypes[JobKind]['payload'] | undefined>;
  /** Listens to job events; returns a function that removes the listener. */
  on(event: JobEvent, fn: JobListener): () => void;
  /** Stops taking work and releases connections and threads (in-process jobs still running are
   * stopped; BullMQ lets the running job finish, or another worker takes it up later). */
  close(): Promise<void>;
}

/** Nest injection token of the JobQueue. */
export const JOB_QUEUE = Symbol('JOB_QUEUE');

/** Percent shown while a job runs: never 100 before it is done. */
export function runningPercent(fraction: number): number {
  if (!Number.isFinite(fraction)) return 0;
  return Math.max(0, Math.min(99, Math.floor(fraction * 100)));
}
