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
        LOG_LEVEL: '',
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
        if (out.includes('Delegates:')) resolve();
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

  it('prints the banner last, after the framework start-up, with route logs at debug (issue 16, item 9)', async () => {
    // The lines the requests of the test above logged come after the banner; take the output up to them.
    const lines = out.split('\n');
    const banner = lines.findIndex((l) => l.startsWith('clustermatch:     http'));
    expect(banner).toBeGreaterThan(0);
    const before = lines.slice(0, banner).filter((l) => l.trim() !== '');
    const after = lines.slice(banner);
    const logged = (l: string): { msg?: string; component?: string } | undefined =>
      l.startsWith('{') ? (JSON.parse(l) as { msg?: string; component?: string }) : undefined;
    // The framework's start-up and the seed are logged, at the default level (info), before the banner.
    expect(before.map((l) => logged(l)?.msg)).toEqual(
      expect.arrayContaining(['seeded the demo event', 'Nest application successfully started']),
    );
    // No route or module chatter (about 230 lines at debug): what is logged before the banner fits one screen.
    expect(out).not.toMatch(/Mapped \{/);
    expect(out).not.toMatch(/dependencies initialized/);
    expect(before.length).toBeLessThan(20);
    // After the banner: its lines, then only the request log lines of the test above.
    const end = after.findIndex((l) => l.startsWith('Delegates:'));
    expect(after.slice(0, end + 1).every((l) => !l.startsWith('{'))).toBe(true);
    expect(after.slice(end + 1).every((l) => l === '' || logged(l)?.component === 'http')).toBe(true);
    expect(after[end]).toMatch(/^Delegates: {8}http:\/\/127\.0\.0\.1:\d+\/login lists the demo delegates/);
  });
});
