/**
 * Issue 14, item 7: a solve killed with kill -9 does not vanish. The service runs as its own process on a
 * SQLite file with the demo event; a long solve is killed while running; after the restart its job id answers
 * `interrupted` (not 404), and the organiser starts the solve again, which finishes with a draft.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceProcess, type ServiceProcess } from '../test-utils';

jest.setTimeout(240_000);

const ENV = {
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  DEMO_SEED: 'true',
  DEMO_PASSWORD: 'crash-test-password',
  JWT_SECRET: 'crash-recovery-secret-0123456789',
};

async function json<T>(url: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as T };
}

describe('a solve killed with the service (kill -9)', () => {
  let dir: string;
  let svc: ServiceProcess | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cm-crash-'));
  });
  afterAll(async () => {
    await svc?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers interrupted after the restart, and can be started again', async () => {
    svc = startServiceProcess({ ...ENV, DATA_DIR: dir });
    let url = await svc.ready();
    const login = await json<{ accessToken: string }>(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'organiser@example.org', password: ENV.DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}`, 'Content-Type': 'application/json' };
    const events = await json<{ id: string }[]>(`${url}/api/events`, { headers: auth });
    const eventId = events.body[0]?.id ?? '';
    const solve = () =>
      json<{ jobId: string; statusUrl: string }>(`${url}/api/events/${eventId}/schedule/solve`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ timeLimitSeconds: 300, seed: 3 }),
      });
    // Two solves: the first runs (the demo event takes a second or two), the second waits in the queue behind it.
    const first = await solve();
    const started = await solve();
    expect([first.status, started.status]).toEqual([202, 202]);
    const jobUrl = (base: string, job = started.body): string => `${base}${job.statusUrl}`;
    const states = async (): Promise<string[]> =>
      Promise.all(
        [first.body, started.body].map(
          async (j) => (await json<{ state: string }>(jobUrl(url, j), { headers: auth })).body.state,
        ),
      );
    let seen: string[] = [];
    for (let i = 0; i < 300 && seen.join() !== 'running,queued'; i++) {
      seen = await states();
      if (seen.join() !== 'running,queued') await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toEqual(['running', 'queued']);
    await svc.stop('SIGKILL');

    svc = startServiceProcess({ ...ENV, DATA_DIR: dir });
    url = await svc.ready();
    const after = await json<{ id: string; state: string; error: string; percent: number; version: unknown }>(
      jobUrl(url),
      { headers: auth },
    );
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ id: started.body.jobId, state: 'interrupted', version: null });
    expect(after.body.error).toMatch(/start the solve again/);
    // The running one was killed too, unless it finished in the moment before the kill (then it kept its draft).
    const firstAfter = await json<{ state: string; version: unknown }>(jobUrl(url, first.body), { headers: auth });
    expect(firstAfter.status).toBe(200);
    expect(['interrupted', 'done']).toContain(firstAfter.body.state);
    const drafts = firstAfter.body.state === 'done' ? 1 : 0;

    const again = await json<{ jobId: string; statusUrl: string }>(`${url}/api/events/${eventId}/schedule/solve`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ timeLimitSeconds: 2, seed: 3 }),
    });
    expect(again.status).toBe(202);
    let done: { state: string; version: { number: number } | null } | undefined;
    for (let i = 0; i < 900 && !done; i++) {
      const job = await json<{ state: string; version: { number: number } | null }>(`${url}${again.body.statusUrl}`, {
        headers: auth,
      });
      if (job.body.state === 'done' || job.body.state === 'failed') done = job.body;
      else await new Promise((r) => setTimeout(r, 200));
    }
    expect(done).toMatchObject({ state: 'done', version: { number: drafts + 1 } });
    // The interrupted job still answers the same.
    const still = await json<{ state: string }>(jobUrl(url), { headers: auth });
    expect(still.body.state).toBe('interrupted');
  });
});
