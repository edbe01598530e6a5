import { QueryFailedError } from 'typeorm';

/**
 * A write refused because the row exists already (a unique index or primary key), on PostgreSQL (23505) or
 * SQLite. Other constraint failures (a foreign key, a check, a trigger) are not "exists already".
 */
export function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const code = (e as QueryFailedError & { driverError?: { code?: string } }).driverError?.code ?? '';
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
