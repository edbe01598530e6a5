/**
 * The schedules migration goes down and up again cleanly on both databases, and its
 * one-published-version-per-event index holds at the database level.
 */
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../test-utils';
import { Schedules1763900100000 } from '../migrations/1763900100000-schedules';

jest.setTimeout(60_000);

describe.each(['sqlite', 'postgres'] as const)('schedules migration on %s', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db });
  });
  afterAll(async () => {
    await t?.close();
  });

  const tables = async (): Promise<boolean[]> => {
    const qr = t.db.dataSource.createQueryRunner();
    try {
      return [await qr.hasTable('schedule_version'), await qr.hasTable('schedule_assignment')];
    } finally {
      await qr.release();
    }
  };

  it('drops its tables on down and creates them again on up', async () => {
    expect(await tables()).toEqual([true, true]);
    const migration = new Schedules1763900100000();
    const qr = t.db.dataSource.createQueryRunner();
    try {
      await migration.down(qr);
      expect(await tables()).toEqual([false, false]);
      await migration.up(qr);
    } finally {
      await qr.release();
    }
    expect(await tables()).toEqual([true, true]);
  });

  it('lets an event have only one published version', async () => {
    const p = t.db.isPostgres ? (i: number) => `$${i}` : () => '?';
    const eventId = randomUUID();
    const now = new Date().toISOString();
    await t.db.manager.query(
      `INSERT INTO event (id, name, venue, timezone, request_deadline, created_at) VALUES (${p(1)}, 'E', 'V', 'UTC', ${p(2)}, ${p(3)})`,
      [eventId, now, now],
    );
    const insert = (n: number, state: string): Promise<unknown> =>
      t.db.manager.query(
        `INSERT INTO schedule_version (id, event_id, number, state, solver_status, objective, bound, stats, unscheduled, job_id, mode, created_at)
         VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, 'optimal', 0, 0, '{}', '[]', ${p(5)}, 'solve', ${p(6)})`,
        [randomUUID(), eventId, n, state, randomUUID(), now],
      );
    await insert(1, 'published');
    await insert(2, 'draft');
    await expect(insert(3, 'published')).rejects.toThrow();
    await expect(insert(2, 'draft')).rejects.toThrow();
  });
});
