/**
 * A stand-alone solve worker for another machine: takes jobs from the BullMQ queue on
 * REDIS_URL and runs them (each in a worker thread) until stopped with SIGINT/SIGTERM.
 *
 *     REDIS_URL=redis://queue-host:6379 node -r @swc-node/register apps/api/src/jobs/worker-main.ts
 *
 * WORKER_CONCURRENCY (default 1) sets how many solves run at once; JOB_QUEUE_NAME must match the API's.
 */
import { BullJobQueue } from './bullmq-queue';
import { jobQueueName } from './queue-name';

async function main(): Promise<void> {
  const redisUrl = process.env['REDIS_URL'];
  if (!redisUrl || !/^rediss?:\/\//.test(redisUrl)) {
    process.stderr.write('REDIS_URL must be set to redis://host:port (or rediss://) for a stand-alone worker\n');
    process.exit(2);
  }
  const raw = process.env['WORKER_CONCURRENCY'] ?? '1';
  if (!/^[1-9]\d*$/.test(raw)) {
    process.stderr.write(`WORKER_CONCURRENCY must be a whole number >= 1 (got "${raw}")\n`);
    process.exit(2);
  }
  const queue = new BullJobQueue({ redisUrl, name: jobQueueName(), concurrency: Number(raw) });
  await queue.ready();
  process.stdout.write(
    `${JSON.stringify({ level: 30, msg: 'solve worker ready', queue: queue.name, concurrency: Number(raw) })}\n`,
  );
  const stop = (): void => {
    void queue.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
