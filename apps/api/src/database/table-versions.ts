/**
 * Write counters per table, for the read caches (`ReadCache`): every insert, update and delete that goes through
 * TypeORM (entity manager or query builder) counts on its table, through a TypeORM subscriber. A cache entry
 * remembers the counters of the tables it was computed from (read BEFORE computing) and is used only while they
 * are unchanged.
 *
 * Transactions: a write counts when it runs and again when its transaction ends (commit or rollback). The first
 * count stops serving entries computed before the write; the second stops serving entries computed while the
 * transaction was open (on SQLite, TypeORM shares one connection, so a read during another request's
 * transaction sees its uncommitted rows; a rollback then takes them back).
 *
 * Finer keys for read models that depend on a few columns of a busy table: `table#insert`, `table#delete`, and
 * `table#update:column` for each column an update sets (`table#update:*` when the columns are not known, which
 * every `#update:` key includes). E.g. the published calendars read request notes: they depend on
 * `meeting_request#update:note` and `meeting_request#delete`, not on the requests being created meanwhile.
 *
 * Not counted: raw SQL (`query('UPDATE ...')`) and other processes writing the same database. The service's
 * writes of cached tables all go through the entity manager; with REDIS_URL (several instances on one
 * database) the read cache is off by default (`READ_CACHE`).
 */
import { Injectable } from '@nestjs/common';
import {
  DataSource,
  type EntitySubscriberInterface,
  type InsertEvent,
  type QueryRunner,
  type RecoverEvent,
  type RemoveEvent,
  type SoftRemoveEvent,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
  type UpdateEvent,
} from 'typeorm';

@Injectable()
export class TableVersions implements EntitySubscriberInterface {
  private readonly counts = new Map<string, number>();
  /** Keys written in a transaction that is still open, by its query runner. */
  private readonly open = new WeakMap<QueryRunner, Set<string>>();

  constructor(dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  /**
   * One number for the state of these tables: the sum of their counters. Counters only grow, so an equal sum
   * means every counter is unchanged.
   */
  stamp(tables: readonly string[]): number {
    let sum = 0;
    for (const t of tables) {
      sum += this.counts.get(t) ?? 0;
      const column = t.indexOf('#update:');
      if (column >= 0 && !t.endsWith(':*')) sum += this.counts.get(`${t.slice(0, column)}#update:*`) ?? 0;
    }
    return sum;
  }

  /** Counts a write of `table` (the subscriber calls it; tests and raw-SQL writers may too). */
  touch(table: string): void {
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
  }

  /**
   * Whether the transaction of `runner` has written `table` and is still open: a read model computed inside it sees
   * its own uncommitted rows, so it must neither be served from nor stored in a cache shared with other requests.
   */
  writtenIn(runner: QueryRunner | undefined, table: string): boolean {
    return runner?.isTransactionActive === true && (this.open.get(runner)?.has(table) ?? false);
  }

  /** Counts an insert into `table` made without the entity manager's insert (`Db.insert`), as the subscriber does. */
  inserted(table: string, runner: QueryRunner | undefined): void {
    this.written(table, runner, ['insert']);
  }

  private written(table: string | undefined, runner: QueryRunner | undefined, keys: readonly string[]): void {
    if (!table) return;
    const all = [table, ...keys.map((k) => `${table}#${k}`)];
    for (const k of all) this.touch(k);
    if (runner?.isTransactionActive) {
      const set = this.open.get(runner) ?? new Set<string>();
      for (const k of all) set.add(k);
      this.open.set(runner, set);
    }
  }

  /** The `update:column` keys of an update: the columns saved, or the properties a query builder sets. */
  private static updated(e: UpdateEvent<unknown>): string[] {
    const columns = e.updatedColumns?.map((c) => c.databaseName) ?? [];
    if (columns.length) return columns.map((c) => `update:${c}`);
    const set = e.entity && typeof e.entity === 'object' ? Object.keys(e.entity) : [];
    const byProperty = set.map((p) => e.metadata?.findColumnWithPropertyName(p)?.databaseName);
    if (!set.length || byProperty.some((c) => c === undefined)) return ['update:*'];
    return byProperty.map((c) => `update:${c}`);
  }

  private ended(runner: QueryRunner): void {
    // A savepoint's release or rollback ends nothing yet: wait for the outermost transaction.
    if (runner.isTransactionActive) return;
    const set = this.open.get(runner);
    if (!set) return;
    this.open.delete(runner);
    for (const t of set) this.touch(t);
  }

  afterInsert(e: InsertEvent<unknown>): void {
    this.written(e.metadata?.tableName, e.queryRunner, ['insert']);
  }
  afterUpdate(e: UpdateEvent<unknown>): void {
    this.written(e.metadata?.tableName, e.queryRunner, TableVersions.updated(e));
  }
  afterRemove(e: RemoveEvent<unknown>): void {
    this.written(e.metadata?.tableName, e.queryRunner, ['delete']);
  }
  afterSoftRemove(e: SoftRemoveEvent<unknown>): void {
    this.written(e.metadata?.tableName, e.queryRunner, ['update:*']);
  }
  afterRecover(e: RecoverEvent<unknown>): void {
    this.written(e.metadata?.tableName, e.queryRunner, ['update:*']);
  }
  afterTransactionCommit(e: TransactionCommitEvent): void {
    this.ended(e.queryRunner);
  }
  afterTransactionRollback(e: TransactionRollbackEvent): void {
    this.ended(e.queryRunner);
  }
}
