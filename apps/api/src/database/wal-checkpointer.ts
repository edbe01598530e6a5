/**
 * Checkpoints of the SQLite write-ahead log in a worker thread of their own (issue 18).
 *
 * By default SQLite checkpoints inside the COMMIT that takes the log past 1,000 pages: the connection that commits
 * copies the logged pages into the database file and syncs both files, on the service's one thread, while every
 * request waits. Measured on 4,400 meeting requests created over HTTP, a COMMIT took 551 µs on average with those
 * checkpoints and 221 µs without them. So the service's connection does not checkpoint (`wal_autocheckpoint = 0`)
 * and a worker thread, on a connection of its own, runs a `PASSIVE` checkpoint every `intervalMs` (nothing to copy
 * when the log has not grown): it never blocks the service's reads or writes (it copies what no reader still needs
 * and stops where a lock is taken), and the work and the syncs run beside the event loop. Nothing changes for durability: with WAL and
 * `synchronous = NORMAL` a commit is in the log, and the log is synced before each checkpoint copies it.
 *
 * If the worker cannot start or fails, the service's connection checkpoints again as SQLite does by default (the
 * log never grows without bound), and the failure is logged. On shutdown the worker closes its connection first
 * (the service's connection, closed last, then checkpoints the rest and removes the log as before).
 */
import { Worker } from 'node:worker_threads';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Db } from './db.service';

/** SQLite's own default (`wal_autocheckpoint`), in pages: what the service's connection uses without the worker. */
export const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

/** The worker: plain JavaScript (it runs as it is from the compiled service and under the TypeScript loader). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// Errors go to the service as text (an SQLite error does not cross threads as an Error), then the worker ends.
const fail = (e) => {
  parentPort.postMessage({ failed: String((e && e.message) || e) });
  process.exit(1);
};
let db;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.file, { fileMustExist: true, timeout: 0 });
} catch (e) {
  fail(e);
}
let last = -1;
const tick = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    // r.log: frames in the log; r.checkpointed: frames copied. Reported when the log changed.
    if (r && r.log !== last) {
      last = r.log;
      parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
    }
  } catch (e) {
    // SQLITE_BUSY and the like: the next tick tries again.
    if (!/busy|locked/i.test(String(e && e.message))) fail(e);
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointerOptions {
  /** The SQLite database file. */
  file: string;
  /** How often the worker checkpoints (default 200 ms). */
  intervalMs?: number;
  /** Called when the worker stops unexpectedly, with the error; the caller turns automatic checkpoints back on. */
  onFailure(error: Error): void;
}

export class WalCheckpointer {
  private worker: Worker | undefined;
  private closing = false;
  /** The last figures the worker reported (frames in the log, frames copied into the database file). */
  last: { log: number; checkpointed: number } | undefined;

  constructor(private readonly o: WalCheckpointerOptions) {}

  start(): void {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file: this.o.file,
        driver: require.resolve('better-sqlite3'),
        intervalMs: this.o.intervalMs ?? 200,
      },
    });
    // A failure is followed by the exit: it is reported once, with the worker's message when there is one.
    let error: Error | undefined;
    worker.on('message', (m: { log: number; checkpointed: number } | { failed: string }) => {
      if ('failed' in m) error = new Error(`WAL checkpoint worker: ${m.failed}`);
      else this.last = m;
    });
    worker.on('error', (e) => (error ??= e));
    worker.on('exit', (code) => {
      if (!this.closing) this.o.onFailure(error ?? new Error(`checkpoint worker exited with ${code}`));
      this.worker = undefined;
    });
    // The worker never keeps the process alive on its own.
    worker.unref();
    this.worker = worker;
  }

  /** Closes the worker's connection and waits for the worker to end. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.closing = true;
    if (!worker) return;
    const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('close');
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
    await Promise.race([ended, timeout]);
    if (this.worker) await worker.terminate();
  }
}

/** Runs the `WalCheckpointer` for the service's SQLite file from start to shutdown (nothing on PostgreSQL). */
@Injectable()
export class WalCheckpoints implements OnApplicationBootstrap, OnModuleDestroy {
  private checkpointer: WalCheckpointer | undefined;

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** The last figures of the worker (tests read them), or undefined when there is no worker. */
  get last(): { log: number; checkpointed: number } | undefined {
    return this.checkpointer?.last;
  }

  onApplicationBootstrap(): void {
    if (this.config.database.kind !== 'sqlite') return;
    this.checkpointer = new WalCheckpointer({
      file: this.config.database.file,
      onFailure: (error) => {
        this.log.error({ err: error }, 'WAL checkpoint worker failed: the service checkpoints itself from now on');
        void this.db
          .outsideTransactions((m) => m.query(`PRAGMA wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`))
          .catch((e: unknown) => this.log.error({ err: e }, 'could not turn automatic WAL checkpoints back on'));
      },
    });
    this.checkpointer.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.checkpointer?.stop();
  }
}
