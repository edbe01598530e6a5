/**
 * Group commit on SQLite (`Db.transaction`): transactions asked for together share one SQLite transaction, each in a
 * savepoint, and keep their own outcomes; a failed COMMIT fails the whole group and stores nothing of it.
 */
import type { EntityManager, EntitySubscriberInterface } from 'typeorm';
import { startTestApp, type TestApp } from '../../test-utils';
import { MAX_GROUP } from './db.service';

jest.setTimeout(60_000);

describe('Db.transaction on sqlite: group commit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db: 'sqlite' });
    await t.db.transaction(async (m) => {
      await m.query('CREATE TABLE gc_parent (id TEXT PRIMARY KEY)');
      await m.query(
        'CREATE TABLE gc_row (id TEXT PRIMARY KEY, parent TEXT REFERENCES gc_parent (id) DEFERRABLE INITIALLY DEFERRED)',
      );
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const ids = async (prefix: string): Promise<string[]> =>
    (
      (await t.db.manager.query('SELECT id FROM gc_row WHERE id LIKE ? ORDER BY id', [`${prefix}%`])) as {
        id: string;
      }[]
    ).map((r) => r.id);
  const insert = (m: EntityManager, id: string, parent: string | null = null): Promise<unknown> =>
    m.query('INSERT INTO gc_row (id, parent) VALUES (?, ?)', [id, parent]);

  it('runs the transactions asked for at once in groups of at most MAX_GROUP, each in a savepoint', async () => {
    // SQLite's query runner is one object for the connection: the groups are told apart by their BEGINs.
    let begins = 0;
    const counter: EntitySubscriberInterface = {
      afterTransactionStart: (e) => {
        if ((e.queryRunner as unknown as { transactionDepth: number }).transactionDepth === 1) begins++;
      },
    };
    t.db.dataSource.subscribers.push(counter);
    const groupOf: number[] = [];
    const depths: number[] = [];
    const n = MAX_GROUP + 8;
    try {
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          t.db.transaction(async (m) => {
            groupOf.push(begins);
            depths.push((m.queryRunner as unknown as { transactionDepth: number }).transactionDepth);
            await insert(m, `a${String(i).padStart(3, '0')}`);
            return i;
          }),
        ),
      );
      expect(results).toEqual(Array.from({ length: n }, (_, i) => i));
    } finally {
      t.db.dataSource.subscribers.splice(t.db.dataSource.subscribers.indexOf(counter), 1);
    }
    expect(await ids('a')).toHaveLength(n);
    // Two groups, the first full; inside a group each transaction is one level down (its savepoint).
    expect(begins).toBe(2);
    expect([1, 2].map((g) => groupOf.filter((x) => x === g).length)).toEqual([MAX_GROUP, 8]);
    expect(new Set(depths)).toEqual(new Set([2]));
  });

  it('rolls back only the transaction that fails, gives its caller its error, and commits the others', async () => {
    const outcomes = await Promise.allSettled([
      t.db.transaction((m) => insert(m, 'b1')),
      t.db.transaction(async (m) => {
        await insert(m, 'b2');
        throw new Error('b2 refused');
      }),
      t.db.transaction((m) => insert(m, 'b3')),
      // A statement that fails inside: the rows it wrote before go with it.
      t.db.transaction(async (m) => {
        await insert(m, 'b4');
        await insert(m, 'b1');
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toContain('b2 refused');
    expect(String((outcomes[3] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/);
    expect(await ids('b')).toEqual(['b1', 'b3']);
  });

  it('fails every caller of a group whose COMMIT fails, stores nothing of it, and goes on', async () => {
    const outcomes = await Promise.allSettled([
      t.db.transaction((m) => insert(m, 'c1')),
      // Checked only at COMMIT: a row whose parent does not exist.
      t.db.transaction((m) => insert(m, 'c2', 'no such parent')),
      t.db.transaction(async (m) => {
        await insert(m, 'c3');
        throw new Error('c3 refused');
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY constraint failed/);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY constraint failed/);
    // A transaction that had failed on its own keeps its own error.
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toContain('c3 refused');
    expect(await ids('c')).toEqual([]);
    // The connection is out of the failed transaction: the next ones run and commit.
    await Promise.all([t.db.transaction((m) => insert(m, 'c4')), t.db.transaction((m) => insert(m, 'c5'))]);
    await t.db.transaction((m) => insert(m, 'c6'));
    expect(await ids('c')).toEqual(['c4', 'c5', 'c6']);
  });

  it('fails a group that cannot start, and runs the transactions asked for after it', async () => {
    const spy = jest.spyOn(t.db.dataSource, 'createQueryRunner').mockImplementationOnce(() => {
      throw new Error('no query runner today');
    });
    try {
      const outcomes = await Promise.allSettled([
        t.db.transaction((m) => insert(m, 'e1')),
        t.db.transaction((m) => insert(m, 'e2')),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      expect(String((outcomes[0] as PromiseRejectedResult).reason)).toContain('no query runner today');
    } finally {
      spy.mockRestore();
    }
    await Promise.all([t.db.transaction((m) => insert(m, 'e3')), t.db.transaction((m) => insert(m, 'e4'))]);
    expect(await ids('e')).toEqual(['e3', 'e4']);
  });

  it('runs a transaction alone in the queue in a transaction of its own, as before', async () => {
    let depth = -1;
    await t.db.transaction(async (m) => {
      depth = (m.queryRunner as unknown as { transactionDepth: number }).transactionDepth;
      await insert(m, 'd1');
    });
    expect(depth).toBe(1);
    await expect(
      t.db.transaction(async (m) => {
        await insert(m, 'd2');
        throw new Error('d2 refused');
      }),
    ).rejects.toThrow('d2 refused');
    expect(await ids('d')).toEqual(['d1']);
  });

  it('runs work queued outside transactions after the transactions asked for before it, and before later ones', async () => {
    const order: string[] = [];
    await Promise.all([
      t.db.transaction(async () => void order.push('t1')),
      t.db.transaction(async () => void order.push('t2')),
      t.db.outsideTransactions(async () => void order.push('outside')),
      t.db.transaction(async () => void order.push('t3')),
    ]);
    expect(order).toEqual(['t1', 't2', 'outside', 't3']);
  });
});
