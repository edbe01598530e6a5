import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, loadWorkerConfig } from './config';

describe('loadConfig', () => {
  const dataDir = (): string => mkdtempSync(join(tmpdir(), 'cm-config-'));

  it('defaults to SQLite in data/, 127.0.0.1:3000, and generates a JWT secret once', () => {
    const dir = dataDir();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      database: { kind: 'sqlite', file: join(dir, 'clustermatch.sqlite') },
      seedDemo: true,
      heapGrowingPercent: 20,
    });
    expect(loadConfig({ DATA_DIR: dir, HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(c.jwtSecret).toBe(readFileSync(join(dir, 'jwt-secret'), 'utf8'));
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(c.jwtSecret);
  });

  it('uses PostgreSQL when DATABASE_URL is set and honours PORT/HOST', () => {
    const c = loadConfig({
      DATA_DIR: dataDir(),
      DATABASE_URL: 'postgres://u@db:5432/x',
      PORT: '8080',
      HOST: '0.0.0.0',
      JWT_SECRET: 'x'.repeat(20),
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      database: { kind: 'postgres', url: 'postgres://u@db:5432/x' },
      jwtSecret: 'x'.repeat(20),
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DEMO_SEED: 'yes' }, 'DEMO_SEED'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ DEMO_PASSWORD: 'abc' }, 'DEMO_PASSWORD'],
    [{ JOB_QUEUE_NAME: 'a queue' }, 'JOB_QUEUE_NAME'],
    [{ SMTP_URL: 'http://mail.example.org' }, 'SMTP_URL'],
    [{ MAIL_FROM: 'not an address' }, 'MAIL_FROM'],
    [{ OUTBOX_POLL_MS: 'soon' }, 'OUTBOX_POLL_MS'],
    [{ OUTBOX_WORKER: 'yes' }, 'OUTBOX_WORKER'],
    [{ HEAP_GROWING_PERCENT: '-5' }, 'HEAP_GROWING_PERCENT'],
    [{ HEAP_GROWING_PERCENT: 'small' }, 'HEAP_GROWING_PERCENT'],
  ])('stops on a bad variable %j naming %s', (env, name) => {
    let err: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir(), ...env });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe(name);
    expect((err as Error).message).toContain(name);
  });
});

describe('loadConfig with empty variables', () => {
  it('treats them as unset', () => {
    const c = loadConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'cm-config-')),
      PORT: '',
      JWT_SECRET: '',
      DATABASE_URL: '',
      HOST: '',
    });
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', database: { kind: 'sqlite' } });
    expect(c.jwtSecret.length).toBeGreaterThan(16);
  });
});

describe('one config for the whole service', () => {
  it('holds the job queue and the mail settings, read in the same call', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cm-config-'));
    const c = loadConfig({ DATA_DIR: dir, JOB_QUEUE_NAME: 'cm-q', MAIL_FROM: 'Match <m@example.org>' });
    expect(c.jobQueueName).toBe('cm-q');
    expect(c.mail).toMatchObject({ outboxDir: join(dir, 'outbox'), fromName: 'Match', fromAddress: 'm@example.org' });
    expect(loadConfig({ DATA_DIR: dir }).jobQueueName).toBe('clustermatch-jobs');
  });
});

describe('loadWorkerConfig', () => {
  it('reads REDIS_URL, JOB_QUEUE_NAME and WORKER_CONCURRENCY', () => {
    expect(loadWorkerConfig({ REDIS_URL: 'redis://q:6379', WORKER_CONCURRENCY: '3' })).toEqual({
      redisUrl: 'redis://q:6379',
      jobQueueName: 'clustermatch-jobs',
      concurrency: 3,
    });
  });

  it.each([
    [{}, 'REDIS_URL'],
    [{ REDIS_URL: 'q:6379' }, 'REDIS_URL'],
    [{ REDIS_URL: 'redis://q', WORKER_CONCURRENCY: '0' }, 'WORKER_CONCURRENCY'],
    [{ REDIS_URL: 'redis://q', WORKER_CONCURRENCY: 'two' }, 'WORKER_CONCURRENCY'],
    [{ REDIS_URL: 'redis://q', JOB_QUEUE_NAME: 'a/b' }, 'JOB_QUEUE_NAME'],
  ])('stops on %j naming %s', (env, name) => {
    expect(() => loadWorkerConfig(env)).toThrow(expect.objectContaining({ variable: name }));
  });
});
