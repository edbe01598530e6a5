/**
 * `Db.truncateWal` empties SQLite's write-ahead log even while another connection keeps it from doing so for a
 * while (the checkpoint worker's checkpoint, here a reader), so that an erased value lives on in no file.
 */
import { readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { startTestApp, type TestApp } from '../../test-utils';

jest.setTimeout(60_000);

describe('Db.truncateWal on sqlite', () => {
  let t: TestApp;
  let file: string;
  beforeAll(async () => {
    t = await startTestApp({ db: 'sqlite' });
    file = String(t.db.dataSource.options.database);
    // The other connection's hold is released by a timer on this thread: SQLite's wait must not block it for long.
    await t.db.dataSource.query('PRAGMA busy_timeout = 20');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Writes `secret`, then overwrites it: the log holds the page with `secret` until it is emptied. */
  async function writeAndOverwrite(secret: string): Promise<void> {
    await t.db.transaction((m) => m.query('CREATE TABLE IF NOT EXISTS wal_probe (x TEXT)'));
    await t.db.transaction((m) => m.query('INSERT INTO wal_probe VALUES (?)', [secret]));
    await t.db.transaction((m) => m.query('UPDATE wal_probe SET x = ? WHERE x = ?', ['gone', secret]));
  }

  const filesHold = (text: string): boolean =>
    ['', '-wal'].some((s) => {
      try {
        return readFileSync(file + s).includes(text);
      } catch {
        return false;
      }
    });

  /**
   * Another connection reading from a snapshot taken before `secret` was written: a checkpoint may not copy the
   * newer pages while it reads, so the log cannot be emptied until it lets go. (A reader that starts after the
   * checkpoint worker has copied the log may read from the database file alone and hold nothing back.)
   */
  async function readerBefore(secret: string): Promise<Database.Database> {
    await t.db.transaction((m) => m.query('CREATE TABLE IF NOT EXISTS wal_probe (x TEXT)'));
    const reader = new Database(file);
    reader.exec('BEGIN');
    reader.prepare('SELECT COUNT(*) FROM wal_probe').get();
    await writeAndOverwrite(secret);
    return reader;
  }

  it('waits for another connection to let go, then leaves the log empty and the old value nowhere', async () => {
    const secret = `secret-${Date.now()}-a`;
    const reader = await readerBefore(secret);
    let released = false;
    const timer = setTimeout(() => {
      reader.exec('COMMIT');
      released = true;
    }, 150);
    try {
      expect(filesHold(secret)).toBe(true);
      await t.db.truncateWal(200, 10);
      expect(released).toBe(true);
      expect(statSync(`${file}-wal`).size).toBe(0);
      expect(filesHold(secret)).toBe(false);
    } finally {
      clearTimeout(timer);
      reader.close();
    }
  });

  it('fails, naming the cause, when the log cannot be emptied after the tries it was given', async () => {
    const secret = `secret-${Date.now()}-b`;
    const reader = await readerBefore(secret);
    try {
      await expect(t.db.truncateWal(3, 5)).rejects.toThrow(/could not be emptied: SQLite answered busy 3 times/);
      // The service goes on writing while it waits.
      await t.db.transaction((m) => m.query('INSERT INTO wal_probe VALUES (?)', ['after']));
      reader.exec('COMMIT');
    } finally {
      reader.close();
    }
    await t.db.truncateWal();
    expect(statSync(`${file}-wal`).size).toBe(0);
    expect(filesHold(secret)).toBe(false);
  });
});
