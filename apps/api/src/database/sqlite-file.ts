/**
 * The SQLite file, checked before the service opens it (issue 14, item 8): an empty or foreign file is refused
 * instead of being taken for a new database (and seeded again), a damaged one is refused after
 * `PRAGMA quick_check`, each with one line naming the file and what to do. A new file is created readable by
 * its owner only (0600); SQLite gives its -wal and -shm files the same permissions.
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** A data file the service cannot use; the message is one line: which file, what is wrong, what to do. */
export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFileError';
  }
}

const HEADER = 'SQLite format 3\u0000';

/** The first problems `PRAGMA quick_check` reports, or an empty list when the file is sound. */
export function quickCheck(db: Database.Database): string[] {
  const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
  return rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
}

function header(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes `file` ready to open: a missing one is created empty with mode 0600 (its folder 0700); an existing one
 * must be a sound SQLite database. Throws DataFileError otherwise. Never changes an existing file.
 */
export function prepareSqliteFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) {
    closeSync(openSync(file, 'wx', 0o600));
    return;
  }
  const restore = 'restore it from a backup, or move it away to start with a new, empty database';
  const st = statSync(file);
  if (!st.isFile()) throw new DataFileError(`Database file ${file} is not a file: point DATA_DIR at the data folder`);
  if (st.size === 0)
    throw new DataFileError(
      `Database file ${file} is empty (0 bytes), so it holds no database and the service will not start on it: ${restore}`,
    );
  if (header(file) !== HEADER)
    throw new DataFileError(
      `Database file ${file} is not an SQLite database (it does not start with "SQLite format 3"): check DATA_DIR, or ${restore}`,
    );
  let problems: string[];
  try {
    const db = new Database(file, { fileMustExist: true });
    try {
      problems = quickCheck(db);
    } finally {
      db.close();
    }
  } catch (err) {
    problems = [err instanceof Error ? err.message : String(err)];
  }
  if (problems.length > 0)
    throw new DataFileError(
      `Database file ${file} is damaged (PRAGMA quick_check: ${problems[0]?.replace(/\s+/g, ' ')}${
        problems.length > 1 ? ` and ${problems.length - 1} more` : ''
      }): the service did not change it; ${restore}`,
    );
}
