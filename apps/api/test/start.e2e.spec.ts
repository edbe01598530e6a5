import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** What `npm start` runs, on a fresh data dir: migrate, seed the demo, print URL, docs and login. */
describe('starting the service on a fresh SQLite file', () => {
  let child: ChildProcess | undefined;
  let dir: string;
  let out = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clustermatch-start-'));
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATA_DIR: dir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        JWT_SECRET: '',
        DEMO_PASSWORD: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child?.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Organiser login:')) resolve();
      });
      child?.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
  }, 60_000);

  afterAll(() => {
    child?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the URL, the docs URL and a working organiser login, and serves the demo event', async () => {
    const api = /clustermatch API: (http:\/\/127\.0\.0\.1:\d+)\/api/.exec(out)?.[1];
    expect(api).toBeDefined();
    expect(out).toContain(`API docs:         ${api}/api/docs`);
    const [, email, password] = /Organiser login: {2}(\S+) \/ (\S+)/.exec(out) ?? [];
    expect(email).toBe('organiser@example.org');
    const health = await fetch(`${api}/api/health`);
    expect(health.status).toBe(200);
    const login = await fetch(`${api}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const events = (await (
      await fetch(`${api}/api/events`, { headers: { Authorization: `Bearer ${accessToken}` } })
    ).json()) as { id: string }[];
    expect(events).toHaveLength(1);
    const accepted = (await (
      await fetch(`${api}/api/events/${events[0]?.id}/requests?status=accepted`, {
        headers: { Authorization: `Bearer ${accessToken}` },
      })
    ).json()) as unknown[];
    expect(accepted).toHaveLength(550);
    expect((await fetch(`${api}/api/docs`)).status).toBe(200);
  });
});
