import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, type EntityTarget } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { TableVersions } from './table-versions';

/** An insert statement for one shape of rows (table, columns, row count). */
interface InsertPlan {
  sql: string;
  columns: ColumnMetadata[];
}

/**
 * All writes go through `transaction()`. With SQLite, TypeORM shares one connection, so two
 * interleaved transactions would nest (and one's rollback could undo the other's rows): here they
 * queue one after the other. PostgreSQL transactions run concurrently on the pool.
 */
@Injectable()
export class Db {
  private tail: Promise<unknown> = Promise.resolve();
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
    const run = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = run.catch(() => undefined);
    return run;
  }
}
