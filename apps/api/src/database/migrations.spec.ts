/** Every migration goes down and up again on both databases, starting from what the app migrated. */
import { startTestApp, type TestApp } from '../../test-utils';
import { MIGRATIONS } from './migrations';

jest.setTimeout(60_000);

describe.each(['sqlite', 'postgres'] as const)('all migrations on %s', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db });
  });
  afterAll(async () => {
    await t?.close();
  });

  const tables = async (): Promise<string[]> => {
    const ds = t.db.dataSource;
    const rows: { name: string }[] =
      ds.options.type === 'postgres'
        ? await ds.query(
            'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
          )
        : await ds.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    return rows
      .map((r) => r.name)
      .filter((n) => n !== 'migrations')
      .sort();
  };

  it('reverts every migration to an empty schema and applies them again', async () => {
    const before = await tables();
    expect(before).toEqual(
      expect.arrayContaining(['cluster', 'delegate', 'event', 'meeting_request', 'request_party', 'slot']),
    );
    const ds = t.db.dataSource;
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(await tables()).toEqual(before);
    // The app still works on the re-created schema.
    await t.http.get('/api/health').expect(200);
  });
});
