/**
 * Without SMTP_URL mails become .eml files (next to the SQLite file by default, or OUTBOX_DIR),
 * on SQLite and PostgreSQL; the claim is atomic (parallel claims never share a message);
 * day-before reminders are idempotent; bad mail settings stop the start naming the variable.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseMime, partText } from '@clustermatch/mail/testing';
import { startTestApp, type TestApp } from '../../test-utils';
import { loadConfig } from '../config/config';
import { loadMailConfig, type MailConfig } from '../config/config';
import { MAIL_CONFIG } from '../config/config.module';
import { MailWorkerService } from './mail-worker.service';
import { MailService } from './mail.service';
import { TypeOrmOutboxStore } from './typeorm-outbox.store';
import { buildWorld, publishVersion, type World } from '../../test-utils/world';

jest.setTimeout(60_000);

const ENV_KEYS = ['SMTP_URL', 'OUTBOX_DIR', 'OUTBOX_WORKER', 'MAIL_FROM'];

describe.each(['sqlite', 'postgres'] as const)('mail outbox as .eml files on %s', (db) => {
  let t: TestApp;
  let w: World;
  let mail: MailService;
  let worker: MailWorkerService;
  let config: MailConfig;

  beforeAll(async () => {
    for (const k of ENV_KEYS) delete process.env[k];
    t = await startTestApp({ db });
    mail = t.app.get(MailService);
    worker = t.app.get(MailWorkerService);
    config = t.app.get<MailConfig>(MAIL_CONFIG);
    w = await buildWorld(t, 3);
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes each mail once as an .eml file named by its Message-ID', async () => {
    if (db === 'sqlite')
      expect(config.outboxDir).toBe(
        join(dirname(String((t.db.dataSource.options as { database: string }).database)), 'outbox'),
      );
    const d0 = w.clusters[0]?.delegate;
    if (!d0) throw new Error('no delegate');
    const emls = (): string[] => readdirSync(config.outboxDir).filter((f) => f.endsWith('.eml'));
    const domain = config.fromAddress.split('@')[1];
    // Building the world through HTTP queued a "request received" and an "accepted" mail per request.
    const fromFlow = await mail.list({ status: 'pending' });
    expect(fromFlow.map((q) => q.kind).sort()).toEqual([
      ...w.requests.map(() => 'request-accepted'),
      ...w.requests.map(() => 'request-received'),
    ]);
    expect(await worker.runOnce()).toMatchObject({ claimed: fromFlow.length, sent: fromFlow.length });
    expect(emls().sort()).toEqual(fromFlow.map((q) => `${q.id}_${domain}.eml`).sort());
    const id = await t.db.transaction((m) =>
      mail.queueMagicLink(
        m,
        { email: d0.email, name: d0.name },
        'http://127.0.0.1:3000/login?token=t1',
        new Date(Date.now() + 600_000),
        'Test conference',
      ),
    );
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    const file = join(config.outboxDir, `${id}_${domain}.eml`);
    expect(existsSync(file)).toBe(true);
    const eml = parseMime(readFileSync(file, 'utf8').replace(/\r?\n/g, '\r\n'));
    expect(eml.headers.get('to')).toContain(d0.email);
    expect(eml.headers.get('subject')).toBe('Your sign-in link for Test conference');
    expect(partText(eml, 'text/plain')).toContain('http://127.0.0.1:3000/login?token=t1');
    expect(emls()).toHaveLength(fromFlow.length + 1);
    expect((await mail.get(id)).response).toMatch(/^written /);
    expect((await worker.runOnce()).claimed).toBe(0);
  });

  it('never gives one message to two parallel claims', async () => {
    const store = t.app.get(TypeOrmOutboxStore);
    const ids = await t.db.transaction(async (m) => {
      const out: string[] = [];
      for (let i = 0; i < 12; i++)
        out.push(
          await mail.queueMagicLink(
            m,
            { email: `x${i}@example.org` },
            'http://127.0.0.1:3000/login?token=p',
            new Date(Date.now() + 600_000),
          ),
        );
      return out;
    });
    const now = new Date(Date.now() + 1000);
    const claims = await Promise.all([1, 2, 3, 4].map((k) => store.claim(now, `worker-${k}`, 60_000, 5)));
    const claimed = claims.flat().map((c) => c.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.sort()).toEqual([...ids].sort());
    for (const [k, list] of claims.entries())
      for (const c of list) expect(c).toMatchObject({ status: 'sending', attempts: 1, leaseOwner: `worker-${k + 1}` });
    // Only the lease holder may record the outcome (whichever worker it is: the claims race, and one may get none).
    const first = claims.flat()[0];
    if (!first) throw new Error('nothing claimed');
    expect(await store.markSent(first.id, 'someone-else', now, '250 ok')).toBe(false);
    expect(await store.markSent(first.id, first.leaseOwner ?? '', now, '250 ok')).toBe(true);
    // A lease that expired (its worker died) is claimed again and counted as interrupted.
    const later = new Date(now.getTime() + 61_000);
    const again = await store.claim(later, 'worker-9', 60_000, 50);
    expect(again.map((c) => c.id).sort()).toEqual(ids.filter((id) => id !== first.id).sort());
    expect(again[0]).toMatchObject({
      attempts: 2,
      interrupted: 1,
      lastError: expect.stringContaining('interrupted') as unknown,
    });
    for (const c of again) await store.markSent(c.id, 'worker-9', later, '250 ok');
  });

  it('queues the day-before reminders once per day and delegate', async () => {
    const [r01, r02] = w.requests;
    if (!r01 || !r02) throw new Error('requests missing');
    await publishVersion(
      t,
      w,
      [
        { request: r01, slot: 0, table: 0 },
        { request: r02, slot: 1, table: 1 },
      ],
      '2027-04-01T10:00:00.000Z',
    );
    // The event day is 2027-05-11 (Europe/Berlin). 23:30 UTC on the 9th is already the 10th in Berlin.
    expect(await mail.queueReminders(new Date('2027-05-09T12:00:00Z'))).toBe(0);
    expect(await mail.queueReminders(new Date('2027-05-09T23:30:00Z'))).toBe(3);
    expect(await mail.queueReminders(new Date('2027-05-10T15:00:00Z'))).toBe(0);
    expect(await mail.queueReminders(new Date('2027-05-11T08:00:00Z'))).toBe(0);
    const queued = await mail.list({ status: 'pending' });
    expect(queued.map((q) => q.kind)).toEqual(['reminder', 'reminder', 'reminder']);
    expect(queued.map((q) => q.to).sort()).toEqual(
      w.clusters.map((c) => `"${c.delegate.name}" <${c.delegate.email}>`).sort(),
    );
    expect(await worker.runOnce()).toMatchObject({ sent: 3 });
  });
});

describe('mail settings', () => {
  const app = loadConfig(
    {},
    { dataDir: '/tmp/cm-x', jwtSecret: 'x'.repeat(32), database: { kind: 'sqlite', file: '/srv/db/cm.sqlite' } },
  );

  it('defaults to .eml files next to the SQLite file and takes OUTBOX_DIR', () => {
    expect(loadMailConfig({}, app)).toMatchObject({ outboxDir: '/srv/db/outbox', fromAddress: app.demoOrganiserEmail });
    expect(loadMailConfig({ OUTBOX_DIR: '/var/mail-out' }, app).outboxDir).toBe('/var/mail-out');
    expect(loadMailConfig({ SMTP_URL: 'smtp://u:p@mail.example.org:2525' }, app).smtpUrl).toBe(
      'smtp://u:p@mail.example.org:2525',
    );
  });

  it('names the variable that is wrong', () => {
    expect(() => loadMailConfig({ SMTP_URL: 'http://mail.example.org' }, app)).toThrow(/SMTP_URL.*smtp/);
    expect(() => loadMailConfig({ MAIL_FROM: 'not an address' }, app)).toThrow(/MAIL_FROM/);
    expect(() => loadMailConfig({ OUTBOX_POLL_MS: 'soon' }, app)).toThrow(/OUTBOX_POLL_MS/);
    expect(() => loadMailConfig({ OUTBOX_WORKER: 'yes' }, app)).toThrow(/OUTBOX_WORKER/);
  });

  it('stops the app from starting with a bad SMTP_URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clustermatch-badmail-'));
    process.env['SMTP_URL'] = 'smtp://';
    try {
      await expect(
        startTestApp({ config: { database: { kind: 'sqlite', file: join(dir, 'x.sqlite') } } }),
      ).rejects.toThrow(/SMTP_URL/);
    } finally {
      delete process.env['SMTP_URL'];
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
