import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { AuthService } from '../src/auth/auth.service';
import { OrganiserEntity } from '../src/auth/organiser.entity';
import type { OrganiserRole } from '../src/organisations/organisation.entity';
import { insertOrganiser } from '../src/auth/organisers.repository';
import { ensureOrganisation } from '../src/organisations/organisations';
import type { MagicLinkMessage } from '../src/auth/magic-link.sender';
import { AppConfig } from '../src/config/config';
import { Db } from '../src/database/db.service';

/**
 * Queries sent to a PostgreSQL connection while it runs one, recorded by the service's Jest environment
 * (`environment.js`; none outside Jest): `close()` fails while any is recorded.
 */
const queuedQueries: string[] = (globalThis as { __queuedPgQueries?: string[] }).__queuedPgQueries ?? [];

export const TEST_PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_ORGANISER = { email: 'organiser@example.org', password: 'test-password-123' } as const;

export interface TestApp {
  app: INestApplication;
  /** supertest bound to the app's HTTP server. */
  http: ReturnType<typeof request>;
  organiserToken(): Promise<string>;
  /**
   * An organiser of `organisation` (created with it if needed) with `role`, and their token: a second organisation
   * or a viewer for authorisation tests. Same e-mail again: the same organiser.
   */
  organiserOf(
    organisation: string,
    role: OrganiserRole,
    email?: string,
  ): Promise<{ id: string; organisationId: string; token: string; email: string }>;
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
 * Boots the real AppModule on a fresh database: a new SQLite file in a tmp dir, or a fresh random
 * schema in the test PostgreSQL (dropped at close). An organiser exists (TEST_ORGANISER).
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'clustermatch-api-'));
  let dropSchema: (() => Promise<void>) | undefined;
  let database: AppConfig['database'] = { kind: 'sqlite', file: join(dir, 'test.sqlite') };
  if ((options.db ?? 'sqlite') === 'postgres') {
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
      organiser = (await auth.tokenForOrganiser(user.id)).accessToken;
      return organiser;
    },
    async organiserOf(organisation: string, role: OrganiserRole, email?: string) {
      const address = (
        email ?? `${role}@${organisation.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example.org`
      ).toLowerCase();
      const user =
        (await db.manager.findOneBy(OrganiserEntity, { email: address })) ??
        (await db.transaction(async (m) =>
          insertOrganiser(m, {
            email: address,
            name: `${role} of ${organisation}`,
            organisationId: (await ensureOrganisation(m, organisation)).id,
            role,
            password: TEST_ORGANISER.password,
          }),
        ));
      return {
        id: user.id,
        organisationId: user.organisationId,
        email: user.email,
        token: (await auth.tokenForOrganiser(user.id)).accessToken,
      };
    },
    async delegateToken(delegateId: string) {
      return (await auth.tokenForDelegate(delegateId)).accessToken;
    },
    async close() {
      await app.close();
      if (dropSchema) await dropSchema();
      rmSync(dir, { recursive: true, force: true });
      const queued = queuedQueries.splice(0);
      if (queued.length > 0)
        throw new Error(`a query was sent to a PostgreSQL connection that was running one:\n${queued.join('\n')}`);
    },
  };
}
