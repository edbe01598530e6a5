/**
 * Worker-thread entry: runs one job from `workerData` and posts progress, then the result or
 * the error, to the parent. Loaded through @swc-node/register (see worker-thread.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { SolveProgress } from '@clustermatch/solver';
import { runSolveTask } from './solve-task';
import type { WorkerMessage, WorkerInput } from './worker-thread';

const port = parentPort;
if (!port) throw new Error('solve.worker.ts must run in a worker thread');
const input = workerData as WorkerInput;

let lastSent = -Infinity;
let lastPercent = -1;
function onProgress(p: SolveProgress): void {
  const now = performance.now();
  const percent = Math.floor(p.fraction * 100);
  // At most ~10 messages a second, plus every change of whole percent.
  if (now - lastSent < 100 && percent === lastPercent) return;
  lastSent = now;
  lastPercent = percent;
  const msg: WorkerMessage = {
    type: 'progress',
    fraction: p.fraction,
    phase: p.phase,
    objective: p.objective,
    bound: p.bound,
  };
  port?.postMessage(msg);
}

runSolveTask(input.payload, onProgress).then(
  (result) => {
    const msg: WorkerMessage = { type: 'done', result };
    port.postMessage(msg);
  },
  (err: unknown) => {
    const msg: WorkerMessage = { type: 'failed', error: err instanceof Error ? err.message : String(err) };
    port.postMessage(msg);
  },
);
