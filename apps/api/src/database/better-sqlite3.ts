import { createRequire } from 'node:module';

/**
 * The little of better-sqlite3 the service uses itself (TypeORM drives it otherwise). The package ships no
 * types, so this adapter states the part used.
 */
export interface SqliteConnection {
  pragma(source: string): unknown;
  exec(sql: string): unknown;
  close(): void;
}

export interface SqliteOptions {
  readonly readonly?: boolean;
  readonly fileMustExist?: boolean;
  /** Milliseconds to wait for a lock. */
  readonly timeout?: number;
}

type SqliteConstructor = new (file: string, options: SqliteOptions) => SqliteConnection;

export function openSqlite(file: string, options: SqliteOptions = {}): SqliteConnection {
  const Database = createRequire(__filename)('better-sqlite3') as SqliteConstructor;
  return new Database(file, options);
}
