/**
 * A stand-alone solve worker for another machine: takes jobs from the BullMQ queue on
 * REDIS_URL and runs them (each in a worker thread) until stopped with SIGINT/SIGTERM.
 *
 *     REDIS_URL=redis://queue-host:6379 node -r @swc-node/register apps/api/src/jobs/worker-main.ts
 *
 * WORKER_CONCURRENCY (default 1) sets how many solves run at once; JOB_QUEUE_NAME must match the API's.
 * The variables are read and checked by `loadWorkerConfig`; a bad one stops it with exit code 2.
 */
import { ConfigError, loadWorkerConfig, type WorkerConfig } from '../config/config';
import { BullJobQueue } from './bullmq-queue';

async function main(): Promise<void> {
  let config: WorkerConfig;
  try {
    config = loadWorkerConfig(process.env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  const queue = new BullJobQueue({
    redisUrl: config.redisUrl,
    name: config.jobQueueName,
    concurrency: config.concurrency,
  });
  await queue.ready();
  process.stdout.write(
    `${JSON.stringify({ level: 30, msg: 'solve worker ready', queue: queue.name, concurrency: config.concurrency })}\n`,
  );
  const stop = (): void => {
    void queue.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
