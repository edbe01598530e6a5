/**
 * HiGHS in a worker thread, for the runs that must end on time: the caller waits at most
 * `hardStopSeconds` and then terminates the worker (HiGHS cannot be stopped from inside during
 * some of its steps, see `highs-run.ts`). One worker per process, made on first use and not
 * keeping the process alive while idle; a terminated one is replaced on the next call, which
 * loads HiGHS again (a tenth of a second or so).
 */
import { Worker } from 'node:worker_threads';
import { HIGHS_RUN_SOURCE, type HighsRunModel, type HighsRunOptions, type HighsRunResult } from './highs-run';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const mod = require(workerData.highs);
const loader = typeof mod.default === 'function' ? mod.default : mod;
const run = (${HIGHS_RUN_SOURCE});
const ready = loader();
parentPort.on('message', (job) => {
  ready.then((highs) => {
    let out = null;
    try { out = run(highs, job.lp, job.opts); } catch (e) { out = null; }
    parentPort.postMessage({ id: job.id, out });
  }, () => parentPort.postMessage({ id: job.id, out: null }));
});
`;

let worker: Worker | undefined;
let nextId = 1;
/** Whether a worker could be made here (false once making one failed: the caller runs in-process). */
let available = true;

function getWorker(): Worker | undefined {
  if (worker || !available) return worker;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { highs: require.resolve('highs') } });
    worker.unref();
    worker.on('error', () => {
      worker = undefined;
    });
  } catch {
    available = false;
    worker = undefined;
  }
  return worker;
}

/**
 * Runs the model in the worker. Resolves to the run's result, to null when HiGHS gave no answer or
 * the worker was stopped at `hardStopSeconds`, or to `undefined` when no worker can be made here
 * (the caller then runs in its own thread).
 */
export function runInWorker(
  lp: HighsRunModel,
  opts: HighsRunOptions,
  hardStopSeconds: number,
): Promise<HighsRunResult | null | undefined> {
  const w = getWorker();
  if (!w) return Promise.resolve(undefined);
  const id = nextId++;
  return new Promise((resolve) => {
    let done = false;
    const finish = (out: HighsRunResult | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('exit', onExit);
      w.unref();
      resolve(out);
    };
    const onMessage = (msg: { id: number; out: HighsRunResult | null }): void => {
      if (msg.id === id) finish(msg.out);
    };
    const onExit = (): void => {
      if (worker === w) worker = undefined;
      finish(null);
    };
    const timer = setTimeout(
      () => {
        if (worker === w) worker = undefined;
        finish(null);
        void w.terminate();
      },
      Math.max(1, hardStopSeconds * 1000),
    );
    w.ref();
    w.on('message', onMessage);
    w.on('exit', onExit);
    w.postMessage({ id, lp, opts });
  });
}
