/**
 * Issue 9: `npm run --silent cli -- organiser add ... --password-stdin` as a real process (the compiled CLI, which
 * runs the service's own program), on the database the service then uses: a fresh installation in production gets
 * its first organiser from the command line, without any demo login, and that organiser signs in.
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { startServiceProcess, TEST_PG_URL, type ServiceProcess } from '../test-utils';

const ROOT = join(__dirname, '..', '..', '..');
const SECRET = 'a-production-secret-of-enough-length';

jest.setTimeout(180_000);

beforeAll(() => {
  const b = spawnSync(process.execPath, ['scripts/build.cjs'], { cwd: ROOT, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
});

describe.each(['sqlite', 'postgres'] as const)('cli organiser add as a process on %s', (db) => {
  let dir: string;
  let dbEnv: Record<string, string>;
  let dropSchema: (() => Promise<void>) | undefined;
  let svc: ServiceProcess | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cm-organiser-cli-'));
    dbEnv = { DATA_DIR: dir, DATABASE_URL: '', DATABASE_SCHEMA: '' };
    if (db === 'postgres') {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const c = new Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`CREATE SCHEMA ${schema}`);
      await c.end();
      dbEnv = { DATA_DIR: dir, DATABASE_URL: TEST_PG_URL, DATABASE_SCHEMA: schema };
      dropSchema = async () => {
        const d = new Client({ connectionString: TEST_PG_URL });
        await d.connect();
        await d.query(`DROP SCHEMA ${schema} CASCADE`);
        await d.end();
      };
    }
  });
  afterAll(async () => {
    await svc?.stop();
    await dropSchema?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = (args: string[], stdin: string, env: Record<string, string> = {}) => {
    const r = spawnSync(
      process.execPath,
      ['-r', './scripts/fresh-build.cjs', 'dist/apps/cli/src/main.bundle.js', 'organiser', ...args],
      {
        cwd: ROOT,
        input: stdin,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, NODE_ENV: 'production', JWT_SECRET: '', FORCE_COLOR: '0', ...dbEnv, ...env },
      },
    );
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const add = (email: string, organisation: string, role: string) => [
    'add',
    '--email',
    email,
    '--name',
    'Ana Owner',
    '--organisation',
    organisation,
    '--role',
    role,
    '--password-stdin',
  ];

  it('creates the organisation and its first owner, reading the password from standard input', () => {
    const r = cli(add('Ana@Nordic.example.org', 'Nordic Clusters', 'owner'), 'correct horse battery\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Created organisation "Nordic Clusters"; added ana@nordic\.example\.org as owner/);
    // The same organisation (ignoring case) for the next one.
    const v = cli(add('viewer@nordic.example.org', 'nordic clusters', 'viewer'), 'another long password');
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^Organisation "Nordic Clusters"; added viewer@nordic\.example\.org as viewer/);
  });

  it("gives the service's program the NODE_EXTRA_CA_CERTS that npm's cli script keeps from the command line", () => {
    // The script starts the command line without the variable (Node reads that file at every start, and only this
    // program may connect anywhere); Node warns at start when the file cannot be read: exactly one process read it.
    const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { cli: string } })
      .scripts.cli;
    const missing = join(dir, 'no-such-ca.pem');
    const r = spawnSync(
      'sh',
      ['-c', `${script} "$@"`, 'sh', 'organiser', ...add('ca@nordic.example.org', 'Nordic Clusters', 'viewer')],
      {
        cwd: ROOT,
        input: 'a long enough password',
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          JWT_SECRET: '',
          FORCE_COLOR: '0',
          ...dbEnv,
          NODE_EXTRA_CA_CERTS: missing,
        },
      },
    );
    expect(r.stdout).toMatch(/added ca@nordic\.example\.org as viewer/);
    expect(r.status).toBe(0);
    expect(r.stderr.split('Ignoring extra certs from').length - 1).toBe(1);
    expect(r.stderr).toContain(missing);
  });

  it.each([
    [['add', '--name', 'N', '--organisation', 'O', '--role', 'owner', '--password-stdin'], 'pw-long-enough', '--email'],
    [add('not-an-address', 'O', 'owner'), 'pw-long-enough', '--email'],
    [add('x@example.org', 'O', 'chief'), 'pw-long-enough', '--role'],
    [add('x@example.org', '', 'owner'), 'pw-long-enough', '--organisation'],
    [add('x@example.org', 'O', 'owner').slice(0, -1), 'pw-long-enough', '--password-stdin'],
    [add('x@example.org', 'O', 'owner'), 'short', 'password'],
    [add('ana@nordic.example.org', 'O', 'owner'), 'pw-long-enough', '--email'],
    [['remove', '--email', 'x@example.org'], '', 'organiser add'],
  ])('exits 2 naming the field: %j', (args, stdin, field) => {
    const r = cli(args, stdin);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(field);
    expect(r.stdout).toBe('');
  });

  it('lets the organiser sign in to the service started in production on the same database, with no demo', async () => {
    svc = startServiceProcess({ NODE_ENV: 'production', JWT_SECRET: SECRET, DEMO_PASSWORD: '', ...dbEnv });
    const url = await svc.ready();
    expect(svc.output()).not.toMatch(/correct horse/);
    const login = await request(url)
      .post('/api/auth/login')
      .send({ email: 'ana@nordic.example.org', password: 'correct horse battery' });
    expect(login.status).toBe(200);
    const me = await request(url).get('/api/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(me.body).toMatchObject({ kind: 'organiser', role: 'owner', organisationName: 'Nordic Clusters' });
    const events = await request(url).get('/api/events').set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(events.body).toEqual([]);
    const wrong = await request(url)
      .post('/api/auth/login')
      .send({ email: 'ana@nordic.example.org', password: 'correct horse battery\n' });
    expect(wrong.status).toBe(401);
  });
});
