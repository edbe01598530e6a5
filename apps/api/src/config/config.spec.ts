import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

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
    });
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
