/**
 * What `/api/health` checks in the database, part by part, so a failure says where it is: the connection, the
 * migrations, every table of the service, and on SQLite the file's integrity (`PRAGMA quick_check` on a
 * separate read-only connection, so pages cached by the service's own connection cannot hide damage on disk;
 * a sound result is reused for a minute, since the check reads the whole file).
 *
 * A healthy answer is reused for a second (`HEALTHY_FOR_MS`), and calls that come while a check runs share it, so
 * a load balancer or a crowd polling `/api/health` costs the database one check a second. A failure is never
 * reused: the next call checks again. Every table is read in one statement; only when it fails are the tables
 * read one by one to name those that fail.
 */
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import Database from 'better-sqlite3';
import { Db } from '../database/db.service';
import { quickCheck } from '../database/sqlite-file';

export interface FailedPart {
  /** `connection`, `migrations`, `table <name>` or `integrity`. */
  readonly part: string;
  readonly message: string;
}

const INTEGRITY_OK_FOR_MS = 60_000;
const HEALTHY_FOR_MS = 1000;

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ');

@Injectable()
export class DatabaseHealth {
  private integrityOkAt = 0;
  private healthyAt = -Infinity;
  private running: Promise<FailedPart[]> | undefined;

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The parts that failed; empty when the database is fine. */
  async check(): Promise<FailedPart[]> {
    if (performance.now() - this.healthyAt < HEALTHY_FOR_MS) return [];
    this.running ??= this.checkNow().finally(() => (this.running = undefined));
    return this.running;
  }

  private async checkNow(): Promise<FailedPart[]> {
    const started = performance.now();
    const failed = await this.parts();
    if (failed.length === 0) this.healthyAt = started;
    return failed;
  }

  private async parts(): Promise<FailedPart[]> {
    const ds = this.db.dataSource;
    try {
      await ds.query('SELECT 1');
    } catch (err) {
      return [{ part: 'connection', message: messageOf(err) }];
    }
    const failed: FailedPart[] = [];
    try {
      const applied = new Set(
        ((await ds.query('SELECT name FROM migrations')) as { name: string }[]).map((r) => r.name),
      );
      const missing = ds.migrations.map((m) => m.name ?? m.constructor.name).filter((n) => !applied.has(n));
      if (missing.length) failed.push({ part: 'migrations', message: `not applied: ${missing.join(', ')}` });
    } catch (err) {
      failed.push({ part: 'migrations', message: messageOf(err) });
    }
    const tables = [...new Set(ds.entityMetadatas.map((e) => e.tableName))].sort();
    const readOne = (table: string): string => `SELECT 1 FROM ${ds.driver.escape(table)} LIMIT 1`;
    try {
      await ds.query(`SELECT ${tables.map((t) => `(${readOne(t)})`).join(', ')}`);
    } catch {
      for (const table of tables) {
        try {
          await ds.query(readOne(table));
        } catch (err) {
          failed.push({ part: `table ${table}`, message: messageOf(err) });
        }
      }
    }
    if (this.config.database.kind === 'sqlite') {
      const problem = this.integrity(this.config.database.file);
      if (problem) failed.push({ part: 'integrity', message: problem });
    }
    return failed;
  }

  private integrity(file: string): string | undefined {
    if (Date.now() - this.integrityOkAt < INTEGRITY_OK_FOR_MS) return undefined;
    let problems: string[];
    try {
      const conn = new Database(file, { readonly: true, fileMustExist: true, timeout: 2000 });
      try {
        problems = quickCheck(conn);
      } finally {
        conn.close();
      }
    } catch (err) {
      problems = [messageOf(err)];
    }
    if (problems.length === 0) {
      this.integrityOkAt = Date.now();
      return undefined;
    }
    return `PRAGMA quick_check: ${problems.join('; ')}`;
  }
}
