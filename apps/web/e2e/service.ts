/**
 * Starts the real registration service (apps/api/src/main.ts) on a fresh SQLite file and a free port,
 * serving the freshly built web front end; collects its log lines (where development magic links go).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export interface RunningService {
  url: string;
  dataDir: string;
  organiser: { email: string; password: string };
  logs: string[];
  /**
   * The newest link with a token to `path` (default `/login`, a login link; `/organiser-invitation`) sent to `email`
   * after `since` log lines (from the log, or an .eml in data/).
   */
  magicLink(email: string, sinceLine: number, path?: string): Promise<string>;
  stop(): Promise<void>;
}

async function until<T>(what: string, ms: number, fn: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) out.push(...filesUnder(p));
    else if (name.endsWith('.eml')) out.push(p);
  }
  return out;
}

/** A link with a token to `path` of the web app (`/login`: a login link; `/organiser-invitation`: an invitation). */
const linkTo = (path: string): RegExp => new RegExp(`https?://[^\\s"'<>]+${path}\\?token=[A-Za-z0-9_%.~-]+`, 'g');

/** `demo`: seed the demo event (DEMO_SEED), as `npm start` does on a first start. */
export async function startService(options: { demo?: boolean } = {}): Promise<RunningService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cm-web-e2e-'));
  const organiser = { email: 'organiser@example.org', password: 'e2e-organiser-pw' };
  const logs: string[] = [];
  let exited: number | null = null;
  let child: ChildProcess | undefined;
  let url = '';
  // A port found free here may be taken by another test's server before the service listens on it; the service
  // then cannot listen and exits, while that other server answers on the port. So the service counts as up only
  // once it has printed its own banner (written after it listens), and a port taken meanwhile means another try.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    logs.length = 0;
    exited = null;
    const proc = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: REPO,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        REDIS_URL: '',
        SMTP_URL: '',
        DEMO_SEED: options.demo ? 'true' : 'false',
        DEMO_PASSWORD: organiser.password,
        DEMO_ORGANISER_EMAIL: organiser.email,
        JWT_SECRET: 'web-e2e-secret-0123456789abcdef',
        LOGIN_RATE_LIMIT: '1000',
        // The walk signs the same delegates in many times within minutes.
        MAGIC_LINK_LIMIT: '1000',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buf = '';
    const onData = (chunk: Buffer): void => {
      buf += chunk.toString('utf8');
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      logs.push(...lines);
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.on('exit', (code) => {
      if (proc === child) exited = code ?? -1;
    });
    child = proc;
    url = `http://127.0.0.1:${port}`;
    const banner = `clustermatch:     ${url}/`;
    const state = await until('the service to listen', 90_000, () =>
      exited !== null ? 'exited' : logs.some((l) => l.startsWith(banner)) ? 'up' : undefined,
    );
    if (state === 'up') break;
    const taken = logs.some((l) => l.includes('EADDRINUSE'));
    if (!taken || attempt >= 3) throw new Error(`service exited with ${exited}:\n${logs.slice(-30).join('\n')}`);
  }
  await until('the service health endpoint', 30_000, async () => {
    if (exited !== null) throw new Error(`service exited with ${exited}:\n${logs.slice(-30).join('\n')}`);
    const r = await fetch(`${url}/api/health`).catch(() => null);
    return r?.ok ? true : undefined;
  });

  // Links handed out before: a newer link revokes them, so an older mail that is still the newest file (the new one
  // not written yet, the log line not flushed yet: logging is asynchronous) must not be taken for the new link.
  const handedOut = new Set<string>();
  const fresh = (link: string | undefined): string | undefined => {
    if (!link || handedOut.has(link)) return undefined;
    handedOut.add(link);
    return link;
  };
  const magicLink = (email: string, sinceLine: number, path = '/login'): Promise<string> =>
    until(`a ${path} link for ${email}`, 15_000, () => {
      const LINK = linkTo(path);
      for (const line of logs.slice(sinceLine).reverse()) {
        if (!line.includes(email)) continue;
        const m = line.match(LINK);
        if (m?.[0]) return fresh(m[0]);
      }
      // When the mail outbox writes .eml files instead of logging (no SMTP_URL): read the newest one to this address.
      const emls = filesUnder(dataDir)
        .map((f) => ({ f, t: statSync(f).mtimeMs }))
        .sort((a, b) => b.t - a.t);
      for (const { f } of emls) {
        const text = readFileSync(f, 'utf8')
          .replace(/=\r?\n/g, '')
          .replace(/=3D/gi, '=');
        if (!text.toLowerCase().includes(email.toLowerCase())) continue;
        const m = text.match(LINK);
        if (m?.[0]) return fresh(m[0]);
      }
      return undefined;
    });

  return {
    url,
    dataDir,
    organiser,
    logs,
    magicLink,
    stop: async () => {
      if (exited === null) {
        const proc = child;
        const done = new Promise<void>((r) => proc?.once('exit', () => r()));
        proc?.kill('SIGTERM');
        await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
        if (exited === null) proc?.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
