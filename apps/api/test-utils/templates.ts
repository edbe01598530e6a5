/**
 * Migrated template databases, made once per test run (Jest's globalSetup, `global-setup.ts`) so that each
 * `startTestApp` copies a migrated database instead of migrating a fresh one: a SQLite file copied with
 * `copyFileSync`, and a PostgreSQL database cloned with `CREATE DATABASE ... TEMPLATE`. The app still runs its
 * migrations at start and finds none pending. Without the templates (a spec run on its own outside Jest's
 * globalSetup) `startTestApp` migrates as before.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../src/database/migrations';

export const TEST_PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Where the templates of this run are: environment variables, so that Jest's workers see them. */
export const TEMPLATE_ENV = { sqlite: 'CLUSTERMATCH_TEST_SQLITE_TEMPLATE', postgres: 'CLUSTERMATCH_TEST_PG_TEMPLATE' };

/** The URL of database `name` on the test PostgreSQL server. */
export function pgUrl(name: string): string {
  const u = new URL(TEST_PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs `sql` on the test server's own database (CREATE / DROP DATABASE cannot run inside the database they name). */
export async function adminQuery(sql: string): Promise<void> {
  const c = new Client({ connectionString: TEST_PG_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Runs every migration, as the service does at start (this file imports no path alias: globalSetup has none). */
async function migrate(database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string }): Promise<void> {
  const ds = new DataSource(
    database.kind === 'sqlite'
      ? { type: 'better-sqlite3', database: database.file, enableWAL: true, migrations: MIGRATIONS }
      : { type: 'postgres', url: database.url, migrations: MIGRATIONS },
  );
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'all' });
  } finally {
    await ds.destroy();
  }
}

export interface Templates {
  readonly dir: string;
  readonly sqliteFile: string;
  readonly pgDatabase: string;
}

/** Migrates one SQLite file and one PostgreSQL database of this run. */
export async function createTemplates(): Promise<Templates> {
  const dir = mkdtempSync(join(tmpdir(), 'clustermatch-templates-'));
  const sqliteFile = join(dir, 'template.sqlite');
  await migrate({ kind: 'sqlite', file: sqliteFile });
  const pgDatabase = `cm_template_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${pgDatabase}`);
  await migrate({ kind: 'postgres', url: pgUrl(pgDatabase) });
  return { dir, sqliteFile, pgDatabase };
}

export async function dropTemplates(t: Templates): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${t.pgDatabase}`);
  rmSync(t.dir, { recursive: true, force: true });
}
