import { Global, Inject, Module, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import type * as bullmqQueue from './bullmq-queue';
import { InProcessJobQueue } from './in-process-queue';
import { JOB_QUEUE, type JobQueue } from './job-queue';

/**
 * Builds the queue the configuration asks for: BullMQ when REDIS_URL is set, else in-process. BullMQ is loaded
 * only then, so a service without Redis does not pay for loading it at start-up.
 */
export function createJobQueue(config: Pick<AppConfig, 'redisUrl' | 'jobQueueName'>): JobQueue {
  if (!config.redisUrl) return new InProcessJobQueue();
  const { BullJobQueue } = require('./bullmq-queue') as typeof bullmqQueue;
  return new BullJobQueue({ redisUrl: config.redisUrl, name: config.jobQueueName });
}

/** Provides the JobQueue (`@Inject(JOB_QUEUE)`) and closes it when the app stops. */
@Global()
@Module({
  providers: [{ provide: JOB_QUEUE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createJobQueue(config) }],
  exports: [JOB_QUEUE],
})
export class JobsModule implements OnModuleDestroy {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}
