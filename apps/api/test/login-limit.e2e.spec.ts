/**
 * Issue 14, item 6: sign-in limits per account and client and per client, the client's address taken from
 * X-Forwarded-For only through a configured trusted proxy, and a proper `Retry-After` on the 429.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig, ConfigError } from '../src/config/config';
import { BullJobQueue } from '../src/jobs/bullmq-queue';
import { JOB_QUEUE, type JobQueue } from '../src/jobs/job-queue';
import { startTestApp, TEST_ORGANISER, type TestApp } from '../test-utils';

const WRONG = { ...TEST_ORGANISER, password: 'wrong-password' };
const WINDOW_MS = 600_000;

describe('sign-in limits behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      config: { loginRateLimit: { limit: 3, ttlMs: WINDOW_MS }, loginIpLimit: 12, trustProxy: ['loopback'] },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (from: string, body: object) => t.http.post('/api/auth/login').set('X-Forwarded-For', from).send(body);

  it('stops password guesses on one account from one client with 429 and Retry-After, right password too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await login('203.0.113.1', WRONG)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const refused = await login('203.0.113.1', TEST_ORGANISER).expect(429);
    const retry = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retry)).toBe(true);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect(refused.headers['retry-after-login']).toBeUndefined();
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(refused.body.message).toMatch(/try again in \d+ s/);
  });

  it('lets the account owner in from another client, and other accounts from the same client', async () => {
    await login('198.51.100.7', TEST_ORGANISER).expect(200);
    // Someone else behind the guessing client's address is not locked out of their own account.
    await login('203.0.113.1', { email: 'other@example.org', password: 'whatever-else' }).expect(401);
  });

  it('clears the count of an account and client after a right password', async () => {
    for (let i = 0; i < 2; i++) await login('198.51.100.8', WRONG).expect(401);
    await login('198.51.100.8', TEST_ORGANISER).expect(200);
    for (let i = 0; i < 3; i++) await login('198.51.100.8', WRONG).expect(401);
    await login('198.51.100.8', WRONG).expect(429);
  });

  it('limits all sign-in attempts of one client (many accounts, login links) with 429 and Retry-After', async () => {
    const from = '192.0.2.50';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await login(from, { email: `user${i}@example.org`, password: 'guess-guess' })).status);
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await t.http
            .post('/api/auth/magic-link')
            .set('X-Forwarded-For', from)
            .send({ email: `d${i}@example.org` })
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 202, 202, 202, 202, 202, 202]);
    const verify = await t.http
      .post('/api/auth/magic-link/verify')
      .set('X-Forwarded-For', from)
      .send({ token: 'x'.repeat(40) })
      .expect(429);
    expect(Number(verify.headers['retry-after'])).toBeGreaterThan(0);
    await t.http.post('/api/auth/magic-link').set('X-Forwarded-For', from).send({ email: 'a@example.org' }).expect(429);
    // Other routes are not limited, and other clients still get in.
    await t.http.get('/api/health').set('X-Forwarded-For', from).expect(200);
    await login('192.0.2.51', TEST_ORGANISER).expect(200);
  });
});

describe('sign-in limits without a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { loginRateLimit: { limit: 3, ttlMs: WINDOW_MS }, loginIpLimit: 1000 } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ignores X-Forwarded-For, so a client cannot get a fresh count by making up addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await t.http.post('/api/auth/login').set('X-Forwarded-For', `10.0.0.${i}`).send(WRONG)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('TRUST_PROXY', () => {
  const env = (value: string): NodeJS.ProcessEnv => ({
    NODE_ENV: 'test',
    JWT_SECRET: 'x'.repeat(32),
    TRUST_PROXY: value,
  });

  it('takes hops, addresses, CIDR ranges and names', () => {
    expect(loadConfig(env('')).trustProxy).toBe(false);
    expect(loadConfig(env('false')).trustProxy).toBe(false);
    expect(loadConfig(env('1')).trustProxy).toBe(1);
    expect(loadConfig(env('loopback, 10.0.0.0/8,fd00::/8, 192.0.2.1')).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.0.2.1',
    ]);
  });

  it.each(['true', 'proxy.example.org', '10.0.0.0/33', '0', '1.2.3.4/8/9'])('refuses %s naming TRUST_PROXY', (v) => {
    expect(() => loadConfig(env(v))).toThrow(ConfigError);
    expect(() => loadConfig(env(v))).toThrow(/TRUST_PROXY/);
  });
});

describe('sign-in limits shared through Redis (REDIS_URL) by every instance of the service', () => {
  const REDIS_URL = process.env['REDIS_TEST_URL'] ?? 'redis://127.0.0.1:6379';
  const apps: TestApp[] = [];
  beforeAll(async () => {
    process.env['JOB_QUEUE_NAME'] = `cm-limit-${randomUUID()}`;
    for (let i = 0; i < 2; i++)
      apps.push(
        await startTestApp({
          config: {
            redisUrl: REDIS_URL,
            loginRateLimit: { limit: 3, ttlMs: 5_000 },
            loginIpLimit: 1000,
            trustProxy: ['loopback'],
          },
        }),
      );
  });
  afterAll(async () => {
    const queue = apps[0]?.app.get<JobQueue>(JOB_QUEUE);
    if (queue instanceof BullJobQueue) await queue.obliterate();
    for (const a of apps) await a.close();
    delete process.env['JOB_QUEUE_NAME'];
  });

  it('counts attempts on one instance against the other', async () => {
    const [a, b] = apps;
    if (!a || !b) throw new Error('two instances expected');
    for (let i = 0; i < 3; i++)
      await a.http.post('/api/auth/login').set('X-Forwarded-For', '203.0.113.9').send(WRONG).expect(401);
    const refused = await b.http.post('/api/auth/login').set('X-Forwarded-For', '203.0.113.9').send(WRONG).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(5);
    await b.http.post('/api/auth/login').set('X-Forwarded-For', '203.0.113.10').send(TEST_ORGANISER).expect(200);
  });
});
