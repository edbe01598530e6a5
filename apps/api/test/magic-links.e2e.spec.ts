/**
 * Issue 14, item 4: login links are limited per address, a new one cancels the older ones, the database keeps
 * only a hash of the token and no working link once the mail is sent, links are logged only with an explicit
 * NODE_ENV=development, and a delegate adding a delegate or changing an e-mail address cannot tell whether the
 * address belongs to another cluster.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config/config';
import { MagicLinkEntity } from '../src/auth/magic-link.entity';
import { sha256 } from '../src/auth/token-hash';
import { type MailConfig } from '../src/config/config';
import { MAIL_CONFIG } from '../src/config/config.module';
import { MailService } from '../src/mail/mail.service';
import { MailWorkerService } from '../src/mail/mail-worker.service';
import { OutboxMessageEntity } from '../src/mail/outbox-message.entity';
import { TypeOrmOutboxStore } from '../src/mail/typeorm-outbox.store';
import { setUpEvent, startTestApp, type Basics, type TestApp } from '../test-utils';

const LIMIT = { count: 3, windowMs: 15 * 60_000 };
const tokenOf = (url: string): string => new URL(url).searchParams.get('token') ?? '';

describe('login links (test inbox)', () => {
  let t: TestApp;
  let b: Basics;
  beforeAll(async () => {
    t = await startTestApp({ config: { magicLinkLimit: LIMIT } });
    b = await setUpEvent(t, 3, 2);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends at most 3 links to one address in the window, answering every request the same', async () => {
    const answers: unknown[] = [];
    for (let i = 0; i < 5; i++)
      answers.push(
        (await t.http.post('/api/auth/magic-link').send({ email: 'd0-0@cluster0.example.org' }).expect(202)).body,
      );
    const unknown = await t.http.post('/api/auth/magic-link').send({ email: 'nobody@example.org' }).expect(202);
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify(unknown.body)]));
    expect(t.magicLinks.filter((m) => m.to === 'd0-0@cluster0.example.org')).toHaveLength(3);
    // Other addresses are not affected.
    await t.http.post('/api/auth/magic-link').send({ email: 'd0-1@cluster0.example.org' }).expect(202);
    expect(t.magicLinks.filter((m) => m.to === 'd0-1@cluster0.example.org')).toHaveLength(1);
  });

  it('keeps one live link per person: a new link cancels the older ones', async () => {
    const to = 'd1-0@cluster1.example.org';
    await t.http.post('/api/auth/magic-link').send({ email: to }).expect(202);
    await t.http.post('/api/auth/magic-link').send({ email: to }).expect(202);
    const [first, second] = t.magicLinks.filter((m) => m.to === to).map((m) => tokenOf(m.url));
    await t.http.post('/api/auth/magic-link/verify').send({ token: first }).expect(401);
    await t.http.post('/api/auth/magic-link/verify').send({ token: second }).expect(200);
  });

  it('stores only the hash of the token', async () => {
    const to = 'd2-0@cluster2.example.org';
    await t.http.post('/api/auth/magic-link').send({ email: to }).expect(202);
    const token = tokenOf(t.magicLinks.filter((m) => m.to === to).pop()?.url ?? '');
    const rows = await t.db.manager.find(MagicLinkEntity, { where: { delegateId: b.delegateIds[2]?.[0] } });
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.map((r) => r.tokenHash)).toContain(sha256(token));
  });

  it('logs links only with NODE_ENV=development set explicitly', () => {
    const env = { JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig({ ...env }).logLoginLinks).toBe(false);
    expect(loadConfig({ ...env }).env).toBe('development');
    expect(loadConfig({ ...env, NODE_ENV: 'development' }).logLoginLinks).toBe(true);
    expect(loadConfig({ ...env, NODE_ENV: 'test' }).logLoginLinks).toBe(false);
  });

  describe('a delegate adding delegates and changing addresses', () => {
    let a0: { Authorization: string };
    const taken = 'd1-1@cluster1.example.org';
    beforeAll(async () => {
      a0 = { Authorization: `Bearer ${await t.delegateToken(b.delegateIds[0]?.[0] ?? '')}` };
    });
    const masked = (body: unknown, email: string): string => JSON.stringify(body).split(email).join('<email>');

    it('answers an add the same whether or not the address belongs to another cluster', async () => {
      const url = `/api/clusters/${b.clusterIds[0]}/delegates`;
      const fresh = 'new.colleague@cluster0.example.org';
      const before = t.magicLinks.length;
      const other = await t.http.post(url).set(a0).send({ name: 'Taken', email: taken, role: 'R' }).expect(202);
      const free = await t.http.post(url).set(a0).send({ name: 'New Colleague', email: fresh, role: 'R' }).expect(202);
      expect(masked(other.body, taken)).toBe(masked(free.body, fresh));
      expect(other.body).toMatchObject({ status: 'invited', email: taken });
      // Only the free address got a link, and following it adds and signs in the new delegate.
      const sent = t.magicLinks.slice(before);
      expect(sent.map((m) => [m.to, m.purpose])).toEqual([[fresh, 'join']]);
      const joined = await t.http
        .post('/api/auth/magic-link/verify')
        .send({ token: tokenOf(sent[0]?.url ?? '') })
        .expect(200);
      const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${joined.body.accessToken}`).expect(200);
      expect(me.body).toMatchObject({ kind: 'delegate', email: fresh, clusterId: b.clusterIds[0], role: 'R' });
      // The taken address still belongs to cluster 1 only.
      const list = await t.http.get(url).set(a0).expect(200);
      expect(list.body.map((d: { email: string }) => d.email)).not.toContain(taken);
      // The own cluster's addresses are visible to the delegate anyway: a clear 409.
      await t.http.post(url).set(a0).send({ name: 'Dup', email: 'd0-1@cluster0.example.org', role: 'R' }).expect(409);
    });

    it('answers an address change the same whether or not the address is taken, and changes it only by the link', async () => {
      const url = `/api/delegates/${b.delegateIds[0]?.[0]}`;
      const fresh = 'moved@cluster0.example.org';
      const before = t.magicLinks.length;
      const other = await t.http.patch(url).set(a0).send({ email: taken }).expect(200);
      const free = await t.http.patch(url).set(a0).send({ email: fresh }).expect(200);
      expect(masked(other.body, taken)).toBe(masked(free.body, fresh));
      expect(free.body).toMatchObject({ email: 'd0-0@cluster0.example.org', pendingEmail: fresh });
      const sent = t.magicLinks.slice(before);
      expect(sent.map((m) => [m.to, m.purpose])).toEqual([[fresh, 'confirm-email']]);
      const confirmed = await t.http
        .post('/api/auth/magic-link/verify')
        .send({ token: tokenOf(sent[0]?.url ?? '') })
        .expect(200);
      const me = await t.http
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${confirmed.body.accessToken}`)
        .expect(200);
      expect(me.body).toMatchObject({ id: b.delegateIds[0]?.[0], email: fresh });
    });

    it('limits invitations per address too, and refuses a link whose address was taken meanwhile', async () => {
      const url = `/api/clusters/${b.clusterIds[2]}/delegates`;
      const c2 = { Authorization: `Bearer ${await t.delegateToken(b.delegateIds[2]?.[0] ?? '')}` };
      const to = 'popular@example.org';
      const before = t.magicLinks.length;
      for (let i = 0; i < 4; i++)
        await t.http.post(url).set(c2).send({ name: 'Popular', email: to, role: 'R' }).expect(202);
      const links = t.magicLinks.slice(before).filter((m) => m.to === to);
      expect(links).toHaveLength(3);
      // Meanwhile an organiser registers the address for cluster 1: the last link no longer works.
      await t.http
        .post(`/api/clusters/${b.clusterIds[1]}/delegates`)
        .set('Authorization', `Bearer ${await t.organiserToken()}`)
        .send({ name: 'Popular', email: to, role: 'R' })
        .expect(201);
      const late = await t.http
        .post('/api/auth/magic-link/verify')
        .send({ token: tokenOf(links[2]?.url ?? '') })
        .expect(409);
      expect(late.body.message).toMatch(/ask for a login link/);
      // Older links of the same address were cancelled by the newer one.
      await t.http
        .post('/api/auth/magic-link/verify')
        .send({ token: tokenOf(links[0]?.url ?? '') })
        .expect(401);
    });
  });
});

describe.each(['sqlite', 'postgres'] as const)('login links through the mail outbox on %s', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    delete process.env['SMTP_URL'];
    t = await startTestApp({ db, magicLinks: 'outbox', config: { magicLinkLimit: LIMIT } });
    await setUpEvent(t, 1, 2);
  });
  afterAll(async () => {
    await t?.close();
  });

  const storedMail = async (to: string): Promise<OutboxMessageEntity> => {
    const rows = await t.db.manager.find(OutboxMessageEntity, {
      where: { kind: 'magic-link', recipient: `"Delegate 0-${to === 'd0-0@cluster0.example.org' ? 0 : 1}" <${to}>` },
      order: { createdAt: 'DESC' },
    });
    if (!rows[0]) throw new Error(`no magic-link mail to ${to}`);
    return rows[0];
  };

  it('keeps no working link in the stored mail once it is sent; the delivered one works', async () => {
    const to = 'd0-0@cluster0.example.org';
    await t.http.post('/api/auth/magic-link').send({ email: to }).expect(202);
    const pending = await storedMail(to);
    const token = /token=([A-Za-z0-9_-]+)/.exec(pending.mail)?.[1] ?? '';
    expect(token.length).toBeGreaterThan(20);
    expect(await t.app.get(MailWorkerService).runOnce()).toMatchObject({ sent: 1 });
    const sent = await storedMail(to);
    expect(sent.status).toBe('sent');
    expect(sent.mail).not.toContain(token);
    expect(sent.mail).toContain('token=[redacted]');
    // Whatever looks like a token in the stored row does not log in.
    for (const found of sent.mail.match(/token=([^"\s\\]+)/g) ?? [])
      await t.http
        .post('/api/auth/magic-link/verify')
        .send({ token: found.slice(6).padEnd(20, 'x') })
        .expect(401);
    // The delivered mail (an .eml without SMTP_URL) still holds the working link.
    const dir = t.app.get<MailConfig>(MAIL_CONFIG).outboxDir;
    const eml = readdirSync(dir)
      .filter((f) => f.startsWith(sent.id))
      .map((f) =>
        readFileSync(join(dir, f), 'utf8')
          .replace(/=\r?\n/g, '')
          .replace(/=3D/g, '='),
      )[0];
    expect(eml).toContain(`token=${token}`);
    await t.http.post('/api/auth/magic-link/verify').send({ token }).expect(200);
  });

  it('takes the token out of a mail that has finally failed, too', async () => {
    const to = 'd0-1@cluster0.example.org';
    await t.http.post('/api/auth/magic-link').send({ email: to }).expect(202);
    const pending = await storedMail(to);
    const token = /token=([A-Za-z0-9_-]+)/.exec(pending.mail)?.[1] ?? '';
    const store = t.app.get(TypeOrmOutboxStore);
    const claimed = await store.claim(new Date(Date.now() + 1000), 'test-owner', 60_000, 50);
    expect(claimed.map((c) => c.id)).toContain(pending.id);
    expect(await store.markFailed(pending.id, 'test-owner', '550 mailbox unavailable', null)).toBe(true);
    const failed = await storedMail(to);
    expect(failed.status).toBe('failed');
    expect(failed.mail).not.toContain(token);
    // What the outbox still shows the organiser is intact.
    const views = await t.app.get(MailService).list({ status: 'failed' });
    expect(views.find((v) => v.id === pending.id)).toMatchObject({ subject: expect.stringContaining('sign-in link') });
  });
});
