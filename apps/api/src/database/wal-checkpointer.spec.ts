/** The write-ahead log is checkpointed by a worker thread beside the service's connection, and by SQLite again if it fails. */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { startTestApp, type TestApp } from '../../test-utils';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { SQLITE_DEFAULT_AUTOCHECKPOINT, WalCheckpointer, WalCheckpoints } from './wal-checkpointer';

jest.setTimeout(60_000);

/** Waits until `ok()` holds (checked every 20 ms), failing after 20 s. */
async function until(ok: () => boolean | Promise<boolean>): Promise<void> {
  const stopAt = Date.now() + 20_000;
  while (!(await ok())) {
    if (Date.now() > stopAt) throw new Error('condition not reached in 20 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('WalCheckpointer', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'clustermatch-wal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A database in WAL mode whose own connection never checkpoints, as the service's. */
  const writer = (file: string): Database.Database => {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (x TEXT)');
    return db;
  };

  it('copies the log into the database file while the writer goes on, and lets the last connection remove the log', async () => {
    const file = join(dir, 'a.sqlite');
    const db = writer(file);
    const failures: Error[] = [];
    const c = new WalCheckpointer({ file, intervalMs: 10, onFailure: (e) => failures.push(e) });
    c.start();
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let k = 0; k < 50; k++) {
      db.transaction(() => {
        for (let i = 0; i < 20; i++) insert.run('x'.repeat(500));
      })();
      await new Promise((r) => setImmediate(r));
    }
    // The writes went to the log (the worker's PASSIVE checkpoints never shorten the file). Not asked of this
    // connection with a checkpoint of its own: that answers `busy` (log -1) while the worker's runs, and a CI run hit it.
    const logBytes = statSync(`${file}-wal`).size;
    // Everything logged so far ends up copied, by the worker alone (this connection never checkpoints).
    await until(() => (c.last?.checkpointed ?? 0) > 0 && c.last?.checkpointed === c.last?.log);
    // The rows are in the database file itself (about 500 KB of them; this connection never checkpoints). Not the log's
    // size at the end: after a complete checkpoint the next write starts the log again, so it may hold only the last
    // few transactions (a CI run saw 57 frames).
    expect(statSync(file).size).toBeGreaterThan(400_000);
    expect(logBytes).toBeGreaterThan(0);
    await c.stop();
    expect(failures).toEqual([]);
    // The worker's connection is closed: closing the writer's, the last one, checkpoints and removes the log.
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const check = new Database(file, { readonly: true });
    expect((check.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n).toBe(1000);
    check.close();
  });

  it('reports a worker that cannot open the database once, with the error', async () => {
    const failures: Error[] = [];
    const c = new WalCheckpointer({
      file: join(dir, 'missing.sqlite'),
      intervalMs: 10,
      onFailure: (e) => failures.push(e),
    });
    c.start();
    await until(() => failures.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toMatch(/does not exist|unable to open/i);
    await c.stop();
  });
});

describe('WalCheckpoints in the service (SQLite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db: 'sqlite' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const autocheckpoint = async (): Promise<number> =>
    Number(
      ((await t.db.manager.query('PRAGMA wal_autocheckpoint')) as { wal_autocheckpoint: number }[])[0]
        ?.wal_autocheckpoint,
    );

  it("checkpoints in the worker while the service's connection does not", async () => {
    expect(await autocheckpoint()).toBe(0);
    await t.db.manager.query('CREATE TABLE wal_probe (x TEXT)');
    for (let k = 0; k < 20; k++)
      await t.db.transaction(async (m) => {
        for (let i = 0; i < 20; i++) await m.query('INSERT INTO wal_probe VALUES (?)', ['y'.repeat(500)]);
      });
    const worker = t.app.get(WalCheckpoints);
    await until(() => (worker.last?.checkpointed ?? 0) > 0);
    expect(worker.last?.checkpointed).toBeLessThanOrEqual(worker.last?.log ?? 0);
  });

  it("turns the connection's own checkpoints back on when the worker fails", async () => {
    const config = t.app.get<AppConfig>(APP_CONFIG);
    const broken = new WalCheckpoints(
      t.db,
      { ...config, database: { kind: 'sqlite', file: join(tmpdir(), 'clustermatch-no-such-dir', 'x.sqlite') } },
      pino({ level: 'silent' }),
    );
    broken.onApplicationBootstrap();
    await until(async () => (await autocheckpoint()) === SQLITE_DEFAULT_AUTOCHECKPOINT);
    await broken.onModuleDestroy();
  });
});
