import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, type EntityTarget } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { TableVersions } from './table-versions';

/** A transaction waiting in the SQLite queue, and its caller's promise. */
interface QueuedTransaction {
  work: (m: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * At most this many queued transactions share one SQLite transaction: the first caller waits for all of them, and the
 * event loop turns only between groups (a group of 128 creations takes about 45 ms). Measured with 200 clients
 * creating requests: 256 gave 1.1-1.3x the creations per second of 32, both with p99 at 185-410 ms.
 */
export const MAX_GROUP = 128;

/** An insert statement for one shape of rows (table, columns, row count). */
interface InsertPlan {
  sql: string;
  columns: ColumnMetadata[];
}

/**
 * All writes go through `transaction()`. With SQLite, TypeORM shares one connection, so two
 * interleaved transactions would nest (and one's rollback could undo the other's rows): here they
 * queue one after the other. PostgreSQL transactions run concurrently on the pool.
 *
 * Group commit (SQLite): the transactions asked for in one turn of the event loop (the requests it read) run together
 * at the start of the next turn, each in a savepoint of one SQLite transaction with one COMMIT, and each caller is
 * answered once that COMMIT is done. A COMMIT writes every page the transaction changed to the write-ahead log;
 * under the 9:00 rush consecutive creations change the same pages, so one COMMIT for many costs about what one costs
 * alone (measured: a COMMIT took 160 µs of the 600 µs of CPU a meeting request's creation takes). Each transaction
 * keeps its own outcome: one that fails is rolled back to its savepoint and its caller gets its error, the others are
 * committed; if the COMMIT itself fails, every caller of the group gets that error and nothing of the group is stored.
 * A transaction alone in the queue runs as before.
 */
@Injectable()
export class Db {
  private tail: Promise<unknown> = Promise.resolve();
  /** The group of transactions waiting for its turn, which later ones join until it starts or is full. */
  private waiting: QueuedTransaction[] | undefined;
  private readonly serial: boolean;

  constructor(
    readonly dataSource: DataSource,
    private readonly versions: TableVersions,
  ) {
    this.serial = dataSource.options.type === 'better-sqlite3';
  }

  private readonly plans = new Map<string, InsertPlan | null>();

  /**
   * Inserts `rows` of `target` with one statement built once per shape (table, the columns the rows set, number of
   * rows) instead of TypeORM's query builder on every call, which costs more than SQLite's own work on the busy
   * paths (creating a request). The values go through the driver's `preparePersistentValue` as with `m.insert`,
   * columns a row leaves undefined get the table's default as there, and the write is counted in `TableVersions`
   * as the subscriber counts it (in `m`'s transaction when it has one). `orIgnore` skips rows that break a unique
   * constraint (`INSERT OR IGNORE` on SQLite, `ON CONFLICT DO NOTHING` on PostgreSQL). Entities with generated,
   * date or version columns, and rows that set different columns, go through `m.insert`.
   */
  async insert<T extends object>(
    m: EntityManager,
    target: EntityTarget<T>,
    rows: readonly T[],
    options: { orIgnore?: boolean } = {},
  ): Promise<void> {
    const first = rows[0];
    if (!first) return;
    const meta = m.connection.getMetadata(target);
    const shape = meta.columns.map((c) => (c.getEntityValue(first) === undefined ? '0' : '1')).join('');
    const key = `${meta.tablePath}|${shape}|${rows.length}|${options.orIgnore ? 'i' : ''}`;
    let plan = this.plans.get(key);
    if (plan === undefined) {
      plan = this.plan(m, meta.columns, meta.tablePath, shape, rows.length, options.orIgnore === true);
      if (this.plans.size < 1000) this.plans.set(key, plan);
    }
    const same = rows.every((r) =>
      meta.columns.every((c, i) => (c.getEntityValue(r) === undefined) === (shape[i] === '0')),
    );
    if (plan === null || !same) {
      const qb = m
        .createQueryBuilder()
        .insert()
        .into(target)
        .values(rows as never);
      await (options.orIgnore ? qb.orIgnore() : qb).execute();
      return;
    }
    const driver = m.connection.driver;
    const params: unknown[] = [];
    for (const r of rows)
      for (const c of plan.columns) params.push(driver.preparePersistentValue(c.getEntityValue(r), c));
    await m.query(plan.sql, params);
    this.versions.inserted(meta.tableName, m.queryRunner);
  }

  private plan(
    m: EntityManager,
    all: readonly ColumnMetadata[],
    tablePath: string,
    shape: string,
    count: number,
    orIgnore: boolean,
  ): InsertPlan | null {
    const special = all.some(
      (c) =>
        c.isGenerated ||
        c.isCreateDate ||
        c.isUpdateDate ||
        c.isDeleteDate ||
        c.isVersion ||
        c.isVirtual ||
        !c.isInsert,
    );
    if (special) return null;
    const driver = m.connection.driver;
    const columns = all.filter((_, i) => shape[i] === '1');
    const table = tablePath
      .split('.')
      .map((part) => driver.escape(part))
      .join('.');
    let n = 0;
    const values = Array.from(
      { length: count },
      () => `(${columns.map((c) => driver.createParameter(c.databaseName, n++)).join(', ')})`,
    ).join(', ');
    const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
    const sqlite = this.serial;
    const sql = `INSERT ${orIgnore && sqlite ? 'OR IGNORE ' : ''}INTO ${table} (${names}) VALUES ${values}${orIgnore && !sqlite ? ' ON CONFLICT DO NOTHING' : ''}`;
    return { sql, columns };
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  /**
   * Runs `work` outside any transaction, after (and before) every transaction queued on SQLite: for statements
   * that must not run inside one (`PRAGMA wal_checkpoint`). On PostgreSQL it runs at once.
   */
  outsideTransactions<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return work(this.dataSource.manager);
    // Transactions asked for after this run after it: none joins a group queued before it.
    this.waiting = undefined;
    const run = this.tail.then(() => work(this.dataSource.manager));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * SQLite: copies the whole write-ahead log into the database file and empties the log (`wal_checkpoint(TRUNCATE)`),
   * so that no earlier version of a page lives on in it (an erasure needs that). SQLite answers `busy` instead of
   * checkpointing while another connection runs a checkpoint (the checkpoint worker's, every 200 ms), so this
   * tries again, between the queued transactions, until the log is empty; it fails after `attempts` tries.
   * Nothing to do on PostgreSQL.
   */
  async truncateWal(attempts = 200, pauseMs = 25): Promise<void> {
    if (!this.serial) return;
    for (let attempt = 1; ; attempt++) {
      const rows = await this.outsideTransactions(
        (m) => m.query('PRAGMA wal_checkpoint(TRUNCATE)') as Promise<{ busy: number }[]>,
      );
      if (Number(rows[0]?.busy) === 0) return;
      if (attempt >= attempts)
        throw new Error(`the write-ahead log could not be emptied: SQLite answered busy ${attempts} times`);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return this.dataSource.transaction(work);
    return new Promise<T>((resolve, reject) => {
      const queued: QueuedTransaction = { work, resolve: resolve as (value: unknown) => void, reject };
      if (this.waiting && this.waiting.length < MAX_GROUP) {
        this.waiting.push(queued);
        return;
      }
      const group = [queued];
      this.waiting = group;
      this.tail = this.tail
        // better-sqlite3 is synchronous: a transaction runs to its end in the microtasks after the callback that
        // asked for it, so nothing could join it. The group starts in the timers phase of the event loop's next turn
        // instead: after this turn's poll phase (the requests read in it) and check phase (the creations the turn
        // budget let go there) have queued their transactions, and before the next poll phase reads more requests.
        // It started in the next check phase before, after that poll phase: under the mixed workload of 300 delegates
        // (about 90 requests read a turn, 50 ms) a creation then spent p50 114-139 ms in the service, against 50-55 ms
        // now (three paired runs), at the same rate.
        .then(() => new Promise((ready) => setTimeout(ready, 0)))
        .then(() => {
          if (this.waiting === group) this.waiting = undefined;
          return this.runGroup(group);
        })
        // Never a rejected tail (every later transaction would wait on it for ever); an unexpected failure is the
        // group's callers' (settling a settled promise does nothing).
        .catch((error: unknown) => group.forEach((t) => t.reject(error)));
    });
  }

  /** Runs a group of queued transactions (see the class comment) and settles every caller's promise. */
  private async runGroup(group: readonly QueuedTransaction[]): Promise<void> {
    const [only] = group;
    if (group.length === 1 && only) {
      await this.dataSource.transaction(only.work).then(only.resolve, only.reject);
      return;
    }
    const runner = this.dataSource.createQueryRunner();
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await runner.startTransaction();
      for (const t of group) {
        await runner.startTransaction(); // a savepoint
        try {
          const value = await t.work(runner.manager);
          await runner.commitTransaction(); // its release
          outcomes.push({ ok: true, value });
        } catch (error) {
          await runner.rollbackTransaction(); // back to the savepoint
          outcomes.push({ ok: false, error });
        }
      }
      await runner.commitTransaction();
    } catch (error) {
      // The group's transaction failed as a whole (its COMMIT, or a savepoint could not be rolled back to).
      // Back out of every level (a failed ROLLBACK leaves TypeORM's depth as it was: at most as many tries as levels).
      for (let level = group.length + 1; level > 0 && runner.isTransactionActive; level--)
        await runner.rollbackTransaction().catch(() => undefined);
      group.forEach((t, i) => {
        const o = outcomes[i];
        t.reject(o && !o.ok ? o.error : error);
      });
      return;
    } finally {
      await runner.release();
    }
    group.forEach((t, i) => {
      const o = outcomes[i];
      if (o?.ok) t.resolve(o.value);
      else t.reject(o?.error);
    });
  }
}
