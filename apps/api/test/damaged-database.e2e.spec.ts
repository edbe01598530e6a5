/**
 * Issue 14, item 8, with real damaged files: the service (started as its own process) refuses an empty, a
 * foreign and a damaged SQLite file at once with one line naming the file and what to do, and changes none of
 * them; `/api/health` queries the database and says which part failed; data files and folders are created
 * readable by their owner only.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUpEvent, startServiceProcess, startTestApp, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

const ENV = {
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  DEMO_SEED: 'false',
  DEMO_PASSWORD: 'damaged-db-password',
  JWT_SECRET: 'damaged-database-secret-0123456789',
};

/** Overwrites the pages of `table` (its root page and the next ones) with random bytes, after a checkpoint. */
async function damageTable(t: TestApp, file: string, table: string, pages = 2): Promise<void> {
  // Retries while the checkpoint worker's own checkpoint runs (a single TRUNCATE then answers busy and copies nothing).
  await t.db.truncateWal();
  const [{ rootpage }] = (await t.db.dataSource.query('SELECT rootpage FROM sqlite_master WHERE name = ?', [
    table,
  ])) as {
    rootpage: number;
  }[];
  const [{ page_size: size }] = (await t.db.dataSource.query('PRAGMA page_size')) as { page_size: number }[];
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, randomBytes(size * pages), 0, size * pages, (rootpage - 1) * size);
  } finally {
    closeSync(fd);
  }
}

/** Starts the service on `dir`, expecting it to refuse: exit 1, and the one line it printed. */
async function refusedStart(dir: string): Promise<{ lines: string[]; ms: number }> {
  const started = Date.now();
  const svc = startServiceProcess({ ...ENV, DATA_DIR: dir });
  const code = await svc.exited();
  expect([code, svc.output()]).toEqual([1, svc.output()]);
  return {
    lines: svc
      .output()
      .split('\n')
      .filter((l) => l.trim() !== ''),
    ms: Date.now() - started,
  };
}

describe('start-up on a damaged SQLite file (the service as a process)', () => {
  const dirs: string[] = [];
  const fresh = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'cm-damaged-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('refuses an empty existing file instead of seeding a new database into it', async () => {
    const dir = fresh();
    const file = join(dir, 'clustermatch.sqlite');
    writeFileSync(file, '');
    const { lines } = await refusedStart(dir);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(/empty \(0 bytes\).*restore it from a backup/);
    expect(statSync(file).size).toBe(0);
    expect(existsSync(join(dir, 'demo-login.json'))).toBe(false);
  });

  it('refuses a garbage file at once with one line', async () => {
    const dir = fresh();
    const file = join(dir, 'clustermatch.sqlite');
    const garbage = randomBytes(64 * 1024);
    writeFileSync(file, garbage);
    const { lines, ms } = await refusedStart(dir);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(/not an SQLite database/);
    // No 27 s of retries: the process start itself takes a few seconds on this machine.
    expect(ms).toBeLessThan(20_000);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('refuses a file with damaged pages after PRAGMA quick_check, changing nothing', async () => {
    const dir = fresh();
    const file = join(dir, 'clustermatch.sqlite');
    const t = await startTestApp({ config: { dataDir: dir, database: { kind: 'sqlite', file } } });
    await setUpEvent(t, 4, 2);
    await damageTable(t, file, 'cluster');
    await t.app.close();
    const before = readFileSync(file);
    const { lines } = await refusedStart(dir);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(/is damaged \(PRAGMA quick_check: .+\).*restore it from a backup/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('creates the data folder, the database, its WAL files, the secrets and mails readable by the owner only', async () => {
    const dir = join(fresh(), 'data');
    const svc = startServiceProcess({
      ...ENV,
      DATA_DIR: dir,
      JWT_SECRET: '',
      DEMO_PASSWORD: '',
      OUTBOX_POLL_MS: '100',
    });
    try {
      const url = await svc.ready();
      const login = /Organiser login: {2}(\S+) \/ (\S+)/.exec(svc.output());
      const token = (
        (await (
          await fetch(`${url}/api/auth/login`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ email: login?.[1], password: login?.[2] }),
          })
        ).json()) as { accessToken: string }
      ).accessToken;
      const post = (path: string, body: unknown) =>
        fetch(`${url}/api${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
      await post('/taxonomy', { kind: 'sector', name: 'Energy' });
      await post('/taxonomy', { kind: 'technology', name: 'AI' });
      const cluster = (await (
        await post('/clusters', {
          name: 'Perm Cluster',
          country: 'DK',
          region: 'R',
          sectors: ['Energy'],
          technologies: ['AI'],
          scope: 'national',
          label: 'gold',
          members: {
            companies: 1,
            smes: 1,
            knowledgeInstitutions: 0,
            publicBodies: 0,
            industryAssociations: 0,
            financialActors: 0,
          },
          secretariatSize: 1,
          offers: 'o',
          seeks: 's',
        })
      ).json()) as { id: string };
      expect(
        (await post(`/clusters/${cluster.id}/delegates`, { name: 'P', email: 'p@perm.example.org', role: 'R' })).status,
      ).toBe(201);
      await post('/auth/magic-link', { email: 'p@perm.example.org' });
      const outbox = join(dir, 'outbox');
      for (let i = 0; i < 100 && !(existsSync(outbox) && readdirSync(outbox).some((f) => f.endsWith('.eml'))); i++)
        await new Promise((r) => setTimeout(r, 100));
      const mode = (p: string): string => (statSync(p).mode & 0o777).toString(8);
      const eml = readdirSync(outbox).find((f) => f.endsWith('.eml')) ?? '';
      expect({
        dir: mode(dir),
        db: mode(join(dir, 'clustermatch.sqlite')),
        wal: mode(join(dir, 'clustermatch.sqlite-wal')),
        shm: mode(join(dir, 'clustermatch.sqlite-shm')),
        secret: mode(join(dir, 'jwt-secret')),
        login: mode(join(dir, 'demo-login.json')),
        outbox: mode(outbox),
        eml: mode(join(outbox, eml)),
      }).toEqual({
        dir: '700',
        db: '600',
        wal: '600',
        shm: '600',
        secret: '600',
        login: '600',
        outbox: '700',
        eml: '600',
      });
    } finally {
      await svc.stop();
    }
  });
});

describe.each(['sqlite', 'postgres'] as const)('/api/health queries the database (%s)', (db) => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cm-health-'));
    t = await startTestApp({
      db,
      config: {
        dataDir: dir,
        database: db === 'sqlite' ? { kind: 'sqlite', file: join(dir, 'db.sqlite') } : undefined,
      },
    });
    await setUpEvent(t, 3, 1);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  if (db === 'sqlite')
    it('answers 503 naming the integrity of the file when pages on disk are damaged', async () => {
      // First, before any health call (a sound integrity check is reused for a minute).
      await damageTable(t, join(dir, 'db.sqlite'), 'cluster');
      const res = await t.http.get('/api/health').expect(503);
      expect(res.body.failed).toEqual(
        expect.arrayContaining([{ part: 'integrity', message: expect.stringMatching(/^PRAGMA quick_check: /) }]),
      );
    });

  it('answers 503 naming the table that cannot be read', async () => {
    await t.db.transaction((m) => m.query('DROP TABLE calendar_feed'));
    const res = await t.http.get('/api/health').expect(503);
    expect(res.body.status).toBe('error');
    expect(res.body.failed).toEqual(
      expect.arrayContaining([{ part: 'table calendar_feed', message: expect.stringMatching(/calendar_feed/) }]),
    );
  });
});
