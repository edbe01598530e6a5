import type { TestApp } from './start-test-app';

/**
 * Makes every outbox insert fail with a real trigger in the real database (no mocks), runs `work`,
 * then removes the trigger: shows that a change whose mail cannot be stored is rolled back.
 */
export async function withOutboxDown(t: TestApp, db: 'sqlite' | 'postgres', work: () => Promise<void>): Promise<void> {
  const up =
    db === 'sqlite'
      ? ["CREATE TRIGGER outbox_down BEFORE INSERT ON outbox_message BEGIN SELECT RAISE(ABORT, 'outbox is down'); END"]
      : [
          "CREATE FUNCTION outbox_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox is down'; END $$",
          'CREATE TRIGGER outbox_down BEFORE INSERT ON outbox_message FOR EACH ROW EXECUTE FUNCTION outbox_down()',
        ];
  const down =
    db === 'sqlite'
      ? ['DROP TRIGGER outbox_down']
      : ['DROP TRIGGER outbox_down ON outbox_message', 'DROP FUNCTION outbox_down()'];
  await t.db.transaction(async (m) => {
    for (const sql of up) await m.query(sql);
  });
  try {
    await work();
  } finally {
    await t.db.transaction(async (m) => {
      for (const sql of down) await m.query(sql);
    });
  }
}
