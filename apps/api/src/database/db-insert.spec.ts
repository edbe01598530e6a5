/** `Db.insert` writes what the entity manager's insert writes, counts the write for the read caches, and rolls back. */
import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { isUniqueViolation } from './unique-violation';
import { startTestApp, type TestApp } from '../../test-utils';
import { OutboxMessageEntity } from '../mail/outbox-message.entity';
import { TableVersions } from './table-versions';

jest.setTimeout(60_000);

const outboxRow = (id: string, subject: string): OutboxMessageEntity => ({
  id,
  kind: 'test',
  eventId: null,
  organisationId: '',
  recipient: 'someone@example.org',
  subject,
  mail: '{}',
  status: 'pending',
  attempts: 0,
  interrupted: 0,
  createdAt: '2026-11-30T07:00:00.000Z',
  nextAttemptAt: '2026-11-30T07:00:00.000Z',
  leaseOwner: null,
  leaseUntil: null,
  lastError: null,
  sentAt: null,
  response: null,
});

/** `row` without the properties `names`. */
const without = (row: object, ...names: string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !names.includes(k)));

describe.each(['sqlite', 'postgres'] as const)('Db.insert on %s', (db) => {
  let t: TestApp;
  let versions: TableVersions;
  beforeAll(async () => {
    t = await startTestApp({ db });
    versions = t.app.get(TableVersions);
  });
  afterAll(async () => {
    await t?.close();
  });

  const stored = (ids: string[]): Promise<OutboxMessageEntity[]> =>
    t.db.manager
      .createQueryBuilder(OutboxMessageEntity, 'o')
      .where('o.id IN (:...ids)', { ids })
      .orderBy('o.subject')
      .getMany();

  it('stores the same rows as the entity manager, counts the write, and ignores duplicates when asked', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const before = versions.stamp(['outbox_message', 'outbox_message#insert']);
    await t.db.transaction((m) => t.db.insert(m, OutboxMessageEntity, [outboxRow(a, 'a'), outboxRow(b, 'b')]));
    // The write counts once when it runs and again at commit.
    expect(versions.stamp(['outbox_message', 'outbox_message#insert'])).toBe(before + 4);
    await t.db.transaction((m) => m.insert(OutboxMessageEntity, outboxRow(c, 'c')));
    const rows = await stored([a, b, c]);
    const byManager = without(rows[2] as OutboxMessageEntity, 'id', 'subject');
    for (const r of rows.slice(0, 2)) expect(without(r, 'id', 'subject')).toEqual(byManager);
    await t.db.transaction((m) => t.db.insert(m, OutboxMessageEntity, [outboxRow(a, 'again')], { orIgnore: true }));
    expect((await stored([a])).map((r) => r.subject)).toEqual(['a']);
    // A duplicate fails as TypeORM's own query fails, so callers tell a unique violation from other errors.
    const duplicate = await t.db
      .transaction((m) => t.db.insert(m, OutboxMessageEntity, [outboxRow(a, 'again')]))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(duplicate).toBeInstanceOf(QueryFailedError);
    expect((duplicate as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe(
      db === 'sqlite' ? 'SQLITE_CONSTRAINT_PRIMARYKEY' : '23505',
    );
    expect(isUniqueViolation(duplicate)).toBe(true);
    // Another constraint (a required column left empty) is not "exists already".
    const missing = await t.db.manager.query(`INSERT INTO outbox_message (id) VALUES ('${randomUUID()}')`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(missing).toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(missing)).toBe(false);
    expect(isUniqueViolation(new Error('UNIQUE constraint failed'))).toBe(false);
  });

  it('leaves undefined columns to their default and rolls back with its transaction', async () => {
    const id = randomUUID();
    const row = without(outboxRow(id, 'default'), 'organisationId');
    const before = versions.stamp(['outbox_message']);
    await expect(
      t.db.transaction(async (m) => {
        await t.db.insert(m, OutboxMessageEntity, [row as unknown as OutboxMessageEntity]);
        expect(await m.findOneBy(OutboxMessageEntity, { id })).toMatchObject({ id, organisationId: '' });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await t.db.manager.findOneBy(OutboxMessageEntity, { id })).toBeNull();
    // Counted when it ran and again at the rollback: what was read meanwhile is not served.
    expect(versions.stamp(['outbox_message'])).toBe(before + 2);
  });
});
