/**
 * Issue 17, items 1 and 4, through HTTP on SQLite and PostgreSQL: the organisation's versioned privacy notice that a
 * delegate accepts at first sign-in and again when it changes (version and time recorded, shown in their export); the
 * delegate's choice to be listed in the directory (name and role, never the address); the retention setting and its
 * job, which erases people whose last event ended longer ago than the period and takes the bodies out of sent mails
 * after a shorter one, reporting what it did.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type MailConfig } from '../src/config/config';
import { MAIL_CONFIG } from '../src/config/config.module';
import { DelegateEntity } from '../src/delegates/delegate.entity';
import { MailWorkerService } from '../src/mail/mail-worker.service';
import { OutboxMessageEntity } from '../src/mail/outbox-message.entity';
import { NoticeService } from '../src/privacy/notice.service';
import { setUpEvent, startTestApp, type Basics, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

describe.each(['sqlite', 'postgres'] as const)('privacy notice, directory choice and retention on %s', (db) => {
  let t: TestApp;
  let b: Basics;
  let org: string;
  let d0: string;
  let d1: string;

  beforeAll(async () => {
    t = await startTestApp({ db, magicLinks: 'outbox' });
    org = await t.organiserToken();
    b = await setUpEvent(t, 3, 2);
    d0 = await t.delegateToken(b.delegateIds[0]?.[0] ?? '');
    d1 = await t.delegateToken(b.delegateIds[1]?.[0] ?? '');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('asks a delegate to accept the current notice, and again when it changes', async () => {
    const none = await t.http
      .get('/api/me/privacy')
      .set(...auth(d0))
      .expect(200);
    expect(none.body).toMatchObject({ notice: null, mustAccept: false, directoryVisible: true });
    const bad = await t.http
      .put('/api/privacy/notice')
      .set(...auth(org))
      .send({ text: { en: 'We keep your data.', da: '  ' } })
      .expect(422);
    expect(bad.body.fields[0].path).toBe('text.da');
    const v1 = await t.http
      .put('/api/privacy/notice')
      .set(...auth(org))
      .send({ text: { en: 'We keep your data for the event.', da: 'Vi gemmer dine data til arrangementet.' } })
      .expect(200);
    expect(v1.body.version).toBe(1);
    const ask = await t.http
      .get('/api/me/privacy')
      .set(...auth(d0))
      .expect(200);
    expect(ask.body).toMatchObject({ mustAccept: true, acceptedVersion: null, notice: { version: 1 } });
    expect(ask.body.notice.text.da).toContain('Vi gemmer');
    const ok = await t.http
      .post('/api/me/privacy/accept')
      .set(...auth(d0))
      .send({ version: 1 })
      .expect(200);
    expect(ok.body).toMatchObject({ mustAccept: false, acceptedVersion: 1 });
    // A new version asks again; accepting an old one is refused.
    await t.http
      .put('/api/privacy/notice')
      .set(...auth(org))
      .send({ text: { en: 'Now also feedback.', da: 'Nu også feedback.' } })
      .expect(200);
    expect(
      (
        await t.http
          .get('/api/me/privacy')
          .set(...auth(d0))
          .expect(200)
      ).body.mustAccept,
    ).toBe(true);
    await t.http
      .post('/api/me/privacy/accept')
      .set(...auth(d0))
      .send({ version: 1 })
      .expect(409);
    await t.http
      .post('/api/me/privacy/accept')
      .set(...auth(d0))
      .send({ version: 2 })
      .expect(200);
    const exported = await t.http
      .get('/api/me/export')
      .set(...auth(d0))
      .expect(200);
    expect(exported.body.consent.map((c: { version: number }) => c.version)).toEqual([1, 2]);
    const notices = await t.http
      .get('/api/privacy/notice')
      .set(...auth(org))
      .expect(200);
    expect(notices.body.versions.map((n: { version: number }) => n.version)).toEqual([2, 1]);
    await t.http
      .put('/api/privacy/notice')
      .set(...auth(d0))
      .send({ text: { en: 'x', da: 'y' } })
      .expect(403);
    const audit = await t.http
      .get('/api/audit-log?action=notice')
      .set(...auth(org))
      .expect(200);
    expect(audit.body.total).toBe(2);
  });

  it('lists a delegate in the directory only by their choice, with name and role but never the address', async () => {
    const name = 'Delegate 0-0';
    const seen = async (): Promise<{ name: string; role: string }[]> =>
      (
        await t.http
          .get(`/api/clusters/${b.clusterIds[0]}`)
          .set(...auth(d1))
          .expect(200)
      ).body.contacts;
    expect((await seen()).map((c) => c.name)).toContain(name);
    expect(JSON.stringify(await seen())).not.toContain('@');
    const off = await t.http
      .put('/api/me/privacy')
      .set(...auth(d0))
      .send({ directoryVisible: false })
      .expect(200);
    expect(off.body.directoryVisible).toBe(false);
    expect((await seen()).map((c) => c.name)).not.toContain(name);
    const page = await t.http
      .get(`/api/events/${b.eventId}/clusters`)
      .set(...auth(d1))
      .expect(200);
    const c0 = (page.body.items as { id: string; contacts?: { name: string }[] }[]).find(
      (c) => c.id === b.clusterIds[0],
    );
    expect(c0?.contacts?.map((c) => c.name)).toEqual(['Delegate 0-1']);
    // The cluster's own delegates and the organisers still see everyone.
    const own = await t.http
      .get(`/api/clusters/${b.clusterIds[0]}`)
      .set(...auth(d0))
      .expect(200);
    expect(own.body.delegates).toHaveLength(2);
    await t.http
      .put('/api/me/privacy')
      .set(...auth(d0))
      .send({ directoryVisible: 'no' })
      .expect(400);
    await t.http
      .put('/api/me/privacy')
      .set(...auth(d0))
      .send({ directoryVisible: true })
      .expect(200);
  });

  it('erases people after the retention period and takes the bodies out of old mails, with a report', async () => {
    const bad = await t.http
      .put('/api/privacy/retention')
      .set(...auth(org))
      .send({ retentionMonths: 1, outboxBodyDays: 40 })
      .expect(422);
    expect(bad.body.fields[0].path).toBe('outboxBodyDays');
    await t.http
      .put('/api/privacy/retention')
      .set(...auth(org))
      .send({ retentionMonths: 24 })
      .expect(400);
    await t.http
      .put('/api/privacy/retention')
      .set(...auth(org))
      .send({ retentionMonths: 24, outboxBodyDays: 30 })
      .expect(200);
    await t.http.post('/api/auth/magic-link').send({ email: 'd2-0@cluster2.example.org' }).expect(202);
    await t.app.get(MailWorkerService).runOnce();
    const outboxDir = t.app.get<MailConfig>(MAIL_CONFIG).outboxDir;
    const emls = readdirSync(outboxDir).filter((f) => f.endsWith('.eml'));
    expect(emls).toHaveLength(1);
    // Run now (through the API): the event is ahead, the mail is new; nothing to do.
    const now = await t.http
      .post('/api/privacy/retention/run')
      .set(...auth(org))
      .expect(200);
    expect(now.body).toMatchObject({ erased: 0, outboxBodiesPurged: 0 });
    // Three weeks after the event (11 May 2027): the mail is older than 30 days, the people are kept.
    const jobs = t.app.get(NoticeService);
    const [june] = await jobs.runRetention(new Date('2027-06-01T00:00:00Z'));
    expect(june).toMatchObject({ erased: 0, outboxBodiesPurged: 1, emlFilesRemoved: 1 });
    expect(existsSync(join(outboxDir, emls[0] ?? ''))).toBe(false);
    const row = await t.db.manager.findOneByOrFail(OutboxMessageEntity, { kind: 'magic-link' });
    expect(row.mail).toContain('removed after the retention period');
    expect(row.mail).not.toContain('/login?token');
    expect(row.subject).not.toBe('');
    // 24 months and a day after the event: everyone of the event is erased.
    const [later] = await jobs.runRetention(new Date('2029-05-12T12:00:00Z'));
    expect(later?.erased).toBe(6);
    const left = await t.db.manager.find(DelegateEntity);
    expect(left.every((d) => d.erasedAt && d.name.startsWith('Former delegate of Cluster'))).toBe(true);
    const view = await t.http
      .get('/api/privacy/retention')
      .set(...auth(org))
      .expect(200);
    expect(view.body).toMatchObject({ retentionMonths: 24, outboxBodyDays: 30, lastRun: { erased: 6 } });
    const audit = await t.http
      .get('/api/audit-log?action=erase')
      .set(...auth(org))
      .expect(200);
    expect(audit.body.items.every((e: { actorKind: string }) => e.actorKind === 'system')).toBe(true);
    expect(audit.body.total).toBe(6);
  });
});
