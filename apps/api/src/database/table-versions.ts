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
  /** Tables written in a transaction that is still open, by its query runner. */
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
    for (const t of tables) sum += this.counts.get(t) ?? 0;
    return sum;
  }

  /** Counts a write of `table` (the subscriber calls it; tests and raw-SQL writers may too). */
  touch(table: string): void {
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
  }

  private written(table: string | undefined, runner: QueryRunner | undefined): void {
    if (!table) return;
    this.touch(table);
    if (runner?.isTransactionActive) {
      const set = this.open.get(runner) ?? new Set<string>();
      set.add(table);
      this.open.set(runner, set);
    }
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
    this.written(e.metadata?.tableName, e.queryRunner);
  }
  afterUpdate(e: UpdateEvent<unknown>): void {
    this.written(e.metadata?.tableName, e.queryRunner);
  }
  afterRemove(e: RemoveEvent<unknown>): void {
    this.written(e.metadata?.tableName, e.queryRunner);
  }
  afterSoftRemove(e: SoftRemoveEvent<unknown>): void {
    this.written(e.metadata?.tableName, e.queryRunner);
  }
  afterRecover(e: RecoverEvent<unknown>): void {
    this.written(e.metadata?.tableName, e.queryRunner);
  }
  afterTransactionCommit(e: TransactionCommitEvent): void {
    this.ended(e.queryRunner);
  }
  afterTransactionRollback(e: TransactionRollbackEvent): void {
    this.ended(e.queryRunner);
  }
}
