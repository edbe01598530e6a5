import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * All writes go through `transaction()`. With SQLite, TypeORM shares one connection, so two
 * interleaved transactions would nest (and one's rollback could undo the other's rows): here they
 * queue one after the other. PostgreSQL transactions run concurrently on the pool.
 */
@Injectable()
export class Db {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serial: boolean;

  constructor(readonly dataSource: DataSource) {
    this.serial = dataSource.options.type === 'better-sqlite3';
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

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return this.dataSource.transaction(work);
    const run = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = run.catch(() => undefined);
    return run;
  }
}
