import { ConfigError } from '../config/config';

/** The BullMQ queue name: JOB_QUEUE_NAME, default `clustermatch-jobs` (stand-alone workers use the same). */
export function jobQueueName(env: NodeJS.ProcessEnv = process.env): string {
  const name = env['JOB_QUEUE_NAME'] ?? 'clustermatch-jobs';
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(name))
    throw new ConfigError('JOB_QUEUE_NAME', `must be 1-100 letters, digits, - or _ (got "${name}")`);
  return name;
}
