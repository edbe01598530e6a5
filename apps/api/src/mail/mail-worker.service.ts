import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EmlTransport, OutboxWorker, SmtpTransport } from '@clustermatch/mail';
import type { MailTransport, OutboxLogEvent, RunReport } from '@clustermatch/mail';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { LOGGER } from '../common/logger';
import { PeriodicJob } from '../common/periodic-job';
import { type MailConfig } from '../config/config';
import { MAIL_CONFIG } from '../config/config.module';
import { MailService } from './mail.service';
import { TypeOrmOutboxStore } from './typeorm-outbox.store';

/** Writes `bytes` to `dir/name` atomically (temporary file, then rename), readable by the owner only. */
export async function writeEml(dir: string, name: string, bytes: Buffer): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(tmp, bytes, { mode: 0o600 });
  await rename(tmp, join(dir, name));
}

/** Every e-mail address in the event's texts (a server's answer or error) replaced by `[address]`. */
export function redactAddresses<T extends object>(e: T): T {
  return Object.fromEntries(
    Object.entries(e).map(([k, v]) => [
      k,
      typeof v === 'string' ? v.replace(/[^\s<>"'@,;:]+@[^\s<>"',;:]+/g, '[address]') : v,
    ]),
  ) as T;
}

/** SMTP when SMTP_URL is set, else .eml files in the outbox folder. */
export function transportFor(config: MailConfig): MailTransport {
  if (config.smtpUrl !== undefined) return new SmtpTransport(config.smtpUrl);
  return new EmlTransport((name, bytes) => writeEml(config.outboxDir, name, bytes));
}

/**
 * Runs the OutboxWorker: started when the application has booted (unless OUTBOX_WORKER=false),
 * stopped on shutdown after the send in progress has recorded its outcome, so a normal restart
 * sends nothing twice. Also queues the day-before reminders every REMINDER_EVERY_MS.
 * Tests call `runOnce()` and `queueReminders()` themselves.
 */
@Injectable()
export class MailWorkerService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly transport: MailTransport;
  private readonly worker: OutboxWorker<EntityManager>;
  private readonly log: Logger;
  private readonly reminders: PeriodicJob;

  constructor(
    store: TypeOrmOutboxStore,
    private readonly mail: MailService,
    @Inject(MAIL_CONFIG) private readonly config: MailConfig,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ component: 'outbox' });
    this.reminders = new PeriodicJob(() => this.mail.queueReminders(), this.log, 'could not queue reminders');
    this.transport = transportFor(config);
    this.worker = new OutboxWorker(
      store,
      this.transport,
      () => new Date(),
      {
        owner: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
        leaseMs: config.leaseMs,
        maxAttempts: config.maxAttempts,
        pollMs: config.pollMs,
        backoff: { baseMs: config.retryBaseMs, factor: 2, maxMs: config.retryMaxMs, jitter: 0.2 },
      },
      Math.random,
      (e) => this.logEvent(e),
    );
  }

  private readonly bounceListeners: ((bounce: { id: string; error: string }) => Promise<void>)[] = [];

  /**
   * Calls `listener` for every mail the server refused permanently (an SMTP 5xx reply): the address
   * bounced. Listeners run after the outbox recorded the failure; their errors are logged.
   */
  onPermanentFailure(listener: (bounce: { id: string; error: string }) => Promise<void>): void {
    this.bounceListeners.push(listener);
  }

  private logEvent(raw: OutboxLogEvent): void {
    // A server's answer may quote the recipient's address; the log keeps no address (issue 17).
    const e = redactAddresses(raw);
    if (e.kind === 'failed' && /\b5\d\d\b/.test(e.error))
      for (const l of this.bounceListeners)
        void l({ id: e.id, error: e.error }).catch((err: unknown) =>
          this.log.error({ err, id: e.id }, 'could not record a bounce'),
        );
    if (e.kind === 'sent') this.log.info(e, 'mail sent');
    else if (e.kind === 'retry') this.log.warn(e, 'mail failed, will retry');
    else this.log.error(e, `outbox: ${e.kind}`);
  }

  onApplicationBootstrap(): void {
    this.log.info(
      {
        transport: this.config.smtpUrl !== undefined ? 'smtp' : 'eml',
        outboxDir: this.config.smtpUrl !== undefined ? undefined : this.config.outboxDir,
        worker: this.config.workerEnabled,
      },
      'mail outbox ready',
    );
    if (!this.config.workerEnabled) return;
    this.worker.start();
    this.reminders.start(this.config.reminderEveryMs, true);
  }

  /** One pass of the worker (claim due mails and send them). */
  runOnce(): Promise<RunReport> {
    return this.worker.runOnce();
  }

  async onModuleDestroy(): Promise<void> {
    await this.reminders.stop();
    await this.worker.stop();
    this.transport.close?.();
  }
}
