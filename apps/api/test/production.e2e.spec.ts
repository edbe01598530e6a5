/**
 * Issue 14, item 10: NODE_ENV=production, with the service started as `npm start` runs it. It refuses to start
 * without JWT_SECRET (and without DEMO_PASSWORD for the first organiser) instead of generating them; it seeds
 * no demo event, serves no API docs unless API_DOCS=1, and writes no login link, feed token or password to its
 * log or its data folder.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/config';
import { startServiceProcess, type ServiceProcess } from '../test-utils';

jest.setTimeout(180_000);

const SECRET = 'production-secret-0123456789abcdef';
const PASSWORD = 'production-organiser-password';

describe('NODE_ENV=production', () => {
  const dirs: string[] = [];
  const fresh = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'cm-prod-'));
    dirs.push(d);
    return d;
  };
  let svc: ServiceProcess | undefined;
  afterEach(async () => {
    await svc?.stop();
    svc = undefined;
  });
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('refuses to start without JWT_SECRET, generating nothing', async () => {
    const dir = fresh();
    svc = startServiceProcess({ NODE_ENV: 'production', DATA_DIR: dir, JWT_SECRET: '', DEMO_PASSWORD: PASSWORD });
    expect(await svc.exited()).toBe(1);
    const lines = svc.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: JWT_SECRET is required when NODE_ENV=production/);
    expect(existsSync(join(dir, 'jwt-secret'))).toBe(false);
  });

  it('refuses to create the first organiser without DEMO_PASSWORD, printing no password', async () => {
    const dir = fresh();
    svc = startServiceProcess({ NODE_ENV: 'production', DATA_DIR: dir, JWT_SECRET: SECRET, DEMO_PASSWORD: '' });
    expect(await svc.exited()).toBe(1);
    expect(svc.output()).toMatch(/DEMO_PASSWORD is required when NODE_ENV=production and no organiser exists yet/);
    expect(existsSync(join(dir, 'demo-login.json'))).toBe(false);
  });

  it('starts with no demo data and no API docs, and keeps links, tokens and passwords out of its log', async () => {
    const dir = fresh();
    svc = startServiceProcess({
      NODE_ENV: 'production',
      DATA_DIR: dir,
      JWT_SECRET: SECRET,
      DEMO_PASSWORD: PASSWORD,
      DEMO_ORGANISER_EMAIL: 'ops@example.org',
      LOG_LEVEL: 'info',
      OUTBOX_POLL_MS: '100',
    });
    const url = await svc.ready();
    expect(svc.output()).not.toContain(PASSWORD);
    expect(svc.output()).toContain('Organiser login:  ops@example.org');
    for (const path of ['/api/docs', '/api/docs-json'])
      expect([path, (await fetch(`${url}${path}`)).status]).toEqual([path, 404]);
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'ops@example.org', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const auth = {
      Authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`,
      'Content-Type': 'application/json',
    };
    const events = (await (await fetch(`${url}/api/events`, { headers: auth })).json()) as unknown[];
    expect(events).toEqual([]);
    const post = async (path: string, body: unknown): Promise<{ id: string }> =>
      (await (
        await fetch(`${url}/api${path}`, { method: 'POST', headers: auth, body: JSON.stringify(body) })
      ).json()) as { id: string };
    await post('/taxonomy', { kind: 'sector', name: 'Energy' });
    await post('/taxonomy', { kind: 'technology', name: 'AI' });
    const event = await post('/events', {
      name: 'Prod',
      venue: 'Hall',
      timezone: 'UTC',
      requestDeadline: '2099-01-01T00:00:00Z',
    });
    const cluster = await post('/clusters', {
      name: 'Prod Cluster',
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
    });
    await post(`/events/${event.id}/participants`, { clusterId: cluster.id });
    await post(`/clusters/${cluster.id}/delegates`, { name: 'Pia', email: 'pia@prod.example.org', role: 'R' });
    expect((await post('/auth/magic-link', { email: 'pia@prod.example.org' })) as unknown).toBeDefined();
    // The link goes out (an .eml here, without SMTP_URL) but not to the log.
    const outbox = join(dir, 'outbox');
    for (let i = 0; i < 100 && !(existsSync(outbox) && readdirSync(outbox).some((f) => f.endsWith('.eml'))); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(outbox).some((f) => f.endsWith('.eml'))).toBe(true);
    // A delegate opens the link in the browser, and fetches their calendar feed: both URLs carry secrets.
    await fetch(`${url}/login?token=secret-token-from-the-mail-0123456789`);
    const feed = await fetch(`${url}/calendars/SecretFeedToken0123456789abcdef.ics`);
    expect(feed.status).toBe(404);
    await new Promise((r) => setTimeout(r, 300));
    const log = svc.output();
    expect(log).toContain('"url":"/calendars/[redacted]"');
    expect(log).toContain('token=[redacted]');
    const eml = readdirSync(outbox).find((f) => f.endsWith('.eml')) ?? '';
    const mailed = /token=3D([A-Za-z0-9_-]+)|token=([A-Za-z0-9_-]+)/.exec(
      readFileSync(join(outbox, eml), 'utf8').replace(/=\r?\n/g, ''),
    );
    const linkToken = mailed?.[1] ?? mailed?.[2] ?? '';
    expect(linkToken.length).toBeGreaterThan(20);
    expect(log).not.toMatch(/token=(?!\[redacted\])/);
    for (const secret of [linkToken, 'secret-token-from-the-mail', 'SecretFeedToken', PASSWORD, SECRET])
      expect([secret, log.includes(secret)]).toEqual([secret, false]);
    expect(existsSync(join(dir, 'demo-login.json'))).toBe(false);
    expect(existsSync(join(dir, 'jwt-secret'))).toBe(false);
  });

  it('serves the API docs with API_DOCS=1, source maps with SOURCE_MAPS=1 and seeds the demo with DEMO_SEED=1', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: SECRET, DATA_DIR: fresh() };
    expect(loadConfig(prod)).toMatchObject({
      apiDocs: false,
      publicSourceMaps: false,
      seedDemo: false,
      logLoginLinks: false,
    });
    expect(loadConfig({ ...prod, API_DOCS: '1', SOURCE_MAPS: 'true', DEMO_SEED: '1' })).toMatchObject({
      apiDocs: true,
      publicSourceMaps: true,
      seedDemo: true,
    });
    // Outside production all three are on by default (the demo seed in development only).
    expect(loadConfig({ DATA_DIR: fresh() })).toMatchObject({ apiDocs: true, publicSourceMaps: true, seedDemo: true });
    expect(() => loadConfig({ ...prod, API_DOCS: 'yes' })).toThrow(/API_DOCS/);
  });
});
