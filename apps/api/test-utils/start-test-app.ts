import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { AuthService } from '../src/auth/auth.service';
import { OrganiserEntity } from '../src/auth/organiser.entity';
import type { MagicLinkMessage } from '../src/auth/magic-link.sender';
import { AppConfig } from '../src/config/config';
import { Db } from '../src/database/db.service';
import { adminQuery, pgUrl, TEMPLATE_ENV, TEST_PG_URL } from './templates';

export { TEST_PG_URL } from './templates';

export const TEST_ORGANISER = { email: 'organiser@example.org', password: 'test-password-123' } as const;

export interface TestApp {
  app: INestApplication;
  /** supertest bound to the app's HTTP server. */
  http: ReturnType<typeof request>;
  organiserToken(): Promise<string>;
  delegateToken(delegateId: string): Promise<string>;
  db: Db;
  /** Magic links the app sent (a test inbox instead of mail). */
  magicLinks: MagicLinkMessage[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  db?: 'sqlite' | 'postgres';
  config?: Partial<AppConfig>;
  /**
   * `inbox` (default): magic links land in `magicLinks` instead of being mailed. `outbox`: the app's
   * own default sender (the mail outbox) is used and `magicLinks` stays empty.
   */
  magicLinks?: 'inbox' | 'outbox';
}

/**
 * Boots the real AppModule on a fresh database of its own: a copy of this run's migrated SQLite template in a tmp
 * dir, or a PostgreSQL database cloned from the run's template (dropped at close); see `templates.ts`. Without the
 * templates, a new SQLite file or a fresh random schema in the test PostgreSQL, migrated at start. An organiser
 * exists (TEST_ORGANISER).
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'clustermatch-api-'));
  let dropSchema: (() => Promise<void>) | undefined;
  let database: AppConfig['database'] = { kind: 'sqlite', file: join(dir, 'test.sqlite') };
  const sqliteTemplate = process.env[TEMPLATE_ENV.sqlite];
  const pgTemplate = process.env[TEMPLATE_ENV.postgres];
  if ((options.db ?? 'sqlite') === 'sqlite') {
    if (sqliteTemplate) copyFileSync(sqliteTemplate, database.file);
  } else if (pgTemplate) {
    const name = `cm_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${pgTemplate}`);
    database = { kind: 'postgres', url: pgUrl(name) };
    dropSchema = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    database = { kind: 'postgres', url: TEST_PG_URL, schema };
    dropSchema = async () => {
      const c = new Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    };
  }
  const magicLinks: MagicLinkMessage[] = [];
  const app = await createApp(
    {
      env: 'test',
      dataDir: dir,
      database,
      jwtSecret: randomBytes(24).toString('hex'),
      seedDemo: false,
      demoOrganiserEmail: TEST_ORGANISER.email,
      demoPassword: TEST_ORGANISER.password,
      logLevel: 'silent',
      loginRateLimit: { limit: 1000, ttlMs: 60_000 },
      loginIpLimit: 100_000,
      ...options.config,
    },
    options.magicLinks === 'outbox' ? {} : { magicLinkSender: { send: async (m) => void magicLinks.push(m) } },
  );
  const auth = app.get(AuthService);
  const db = app.get(Db);
  let organiser: string | undefined;
  return {
    app,
    http: request(app.getHttpServer()),
    db,
    magicLinks,
    async organiserToken() {
      if (organiser) return organiser;
      const user = await db.manager.findOneByOrFail(OrganiserEntity, { email: TEST_ORGANISER.email });
      organiser = (await auth.issue({ kind: 'organiser', userId: user.id, email: user.email })).accessToken;
      return organiser;
    },
    async delegateToken(delegateId: string) {
      return (await auth.tokenForDelegate(delegateId)).accessToken;
    },
    async close() {
      await app.close();
      if (dropSchema) await dropSchema();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
