/**
 * Runs a job in a fresh worker thread so a long solve never blocks the API's event loop.
 * Under `npm start` the worker is the compiled `solve.worker.js`; run from the TypeScript sources
 * (jest, @swc-node/register) it loads `solve.worker.ts` through @swc-node/register with the
 * workspace's tsconfig (path aliases).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Schedule } from '@clustermatch/domain';
import type { JobKind, JobProgress, JobTypes, SolveJobPayload } from './job-queue';

export interface WorkerInput {
  readonly kind: JobKind;
  readonly payload: SolveJobPayload;
}

export type WorkerMessage =
  | {
      readonly type: 'progress';
      readonly fraction: number;
      readonly phase: string;
      readonly objective: number;
      readonly bound: number | null;
    }
  | { readonly type: 'done'; readonly result: Schedule }
  | { readonly type: 'failed'; readonly error: string };

export interface WorkerProgress extends JobProgress {
  readonly fraction: number;
}

/** The workspace root: the nearest folder above this file with an nx.json. */
export function workspaceRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'nx.json')) && existsSync(join(dir, 'tsconfig.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no workspace root (nx.json) above ${from}`);
    dir = up;
  }
}

/** Compiled JavaScript (`npm start` runs `dist/`), or the TypeScript sources (tests, @swc-node/register). */
const COMPILED = __filename.endsWith('.js');

const WORKER_FILES: Record<JobKind, string> = {
  solve: join(__dirname, COMPILED ? 'solve.worker.js' : 'solve.worker.ts'),
};

/** Runs one job in a new worker thread; resolves with its result, rejects with its error.
 * Aborting `signal` stops the thread at once. */
export function runInWorkerThread<K extends JobKind>(
  kind: K,
  payload: JobTypes[K]['payload'],
  onProgress: (p: WorkerProgress) => void,
  signal?: AbortSignal,
): Promise<JobTypes[K]['result']> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error(`the ${kind} job was cancelled`));
      return;
    }
    const root = workspaceRoot();
    const input: WorkerInput = { kind, payload };
    const worker = new Worker(WORKER_FILES[kind], {
      workerData: input,
      execArgv: COMPILED ? [] : ['-r', require.resolve('@swc-node/register')],
      env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.json') },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'progress') {
        if (!settled)
          onProgress({ fraction: msg.fraction, phase: msg.phase, objective: msg.objective, bound: msg.bound });
      } else if (msg.type === 'done') {
        finish(() => resolve(msg.result));
      } else {
        finish(() => reject(new Error(msg.error)));
      }
    });
    signal?.addEventListener('abort', () => finish(() => reject(new Error(`the ${kind} job was cancelled`))), {
      once: true,
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`the ${kind} worker stopped (exit code ${code}) without a result`))),
    );
  });
}
