/**
 * Issue 9, item 1, on SQLite and PostgreSQL: an owner invites an organiser by mail. The mail reaches a real SMTP
 * server (in the language the owner chose); its link opens the invitation, the invitee sets a password, which
 * creates the organiser with the invited role in the owner's organisation, and then signs in with e-mail and
 * password. Used, revoked, replaced (resent) and expired links are refused; only owners invite, list, resend and
 * revoke; another organisation's owner neither sees nor touches the invitations; an address with an organiser
 * account is refused naming `email`; links per address are limited.
 */
import { parseMime, partText, TestSmtpServer, type Received } from '@clustermatch/mail/testing';
import { OrganiserInvitationEntity } from '../src/organisations/organiser-invitation.entity';
import { MailWorkerService } from '../src/mail/mail-worker.service';
import { OutboxMessageEntity } from '../src/mail/outbox-message.entity';
import { setUpEvent, startTestApp, type TestApp } from '../test-utils';

jest.setTimeout(180_000);

const LINK = /https:\/\/match\.example\.org\/organiser-invitation\?token=([A-Za-z0-9_%.~-]+)/;

interface Invitation {
  id: string;
  email: string;
  name: string;
  role: string;
  language: string;
  invitedBy: string;
  expiresAt: string;
  expired: boolean;
}

describe.each(['sqlite', 'postgres'] as const)('owners invite organisers by mail (%s)', (db) => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let owner: { id: string; token: string; organisationId: string };
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const textOf = (r: Received | undefined): string => partText(parseMime(r?.raw ?? ''), 'text/plain') ?? '';

  async function deliverAll(): Promise<void> {
    const worker = t.app.get(MailWorkerService);
    for (let i = 0; i < 50; i++) if ((await worker.runOnce()).claimed === 0) return;
  }
  /** The latest mail the SMTP server got for `email`, and the token of its link. */
  async function mailTo(email: string): Promise<{ mail: Received; text: string; token: string }> {
    await deliverAll();
    const mail = [...smtp.received].reverse().find((r) => r.to.includes(email));
    if (!mail) throw new Error(`no mail to ${email}`);
    const text = textOf(mail);
    const token = decodeURIComponent(LINK.exec(text)?.[1] ?? '');
    if (!token) throw new Error(`no invitation link in the mail to ${email}: ${text}`);
    return { mail, text, token };
  }
  const invite = (token: string, body: object) => t.http.post('/api/organisers/invitations').set(as(token)).send(body);
  const pending = async (token = owner.token): Promise<Invitation[]> =>
    (await t.http.get('/api/organisers/invitations').set(as(token)).expect(200)).body;

  beforeAll(async () => {
    const port = await smtp.start();
    Object.assign(process.env, { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Match <team@match.example.org>' });
    t = await startTestApp({ db, config: { publicUrl: 'https://match.example.org' } });
    owner = await t.organiserOf('Kappa', 'owner', 'owner@kappa.example.org');
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    delete process.env['SMTP_URL'];
    delete process.env['MAIL_FROM'];
  });

  it('invites by mail; the invitee sets a password through the link, becomes an organiser and signs in', async () => {
    const created = await invite(owner.token, {
      email: ' Kim@Partner.example.org ',
      name: 'Kim Hansen',
      role: 'organiser',
      language: 'da',
    }).expect(201);
    expect(created.body).toMatchObject({
      email: 'kim@partner.example.org',
      name: 'Kim Hansen',
      role: 'organiser',
      language: 'da',
      invitedBy: 'owner of Kappa',
      expired: false,
    });
    // INVITATION_TTL (7 days by default).
    const ttl = new Date(created.body.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(7 * 86_400_000);
    expect((await pending()).map((i) => i.email)).toEqual(['kim@partner.example.org']);

    const { mail, text, token } = await mailTo('kim@partner.example.org');
    expect(mail.to).toEqual(['kim@partner.example.org']);
    expect(text).toContain('Hej Kim Hansen');
    expect(text).toContain('owner of Kappa inviterer dig til Kappa på clustermatch som arrangør');
    expect(text).toContain('udløber om 7 dage');
    // The owner's organisation sees the mail in its outbox; the stored copy no longer holds the token.
    const outbox = await t.http.get('/api/mail/outbox').set(as(owner.token)).expect(200);
    const row = outbox.body.find((o: { kind: string }) => o.kind === 'organiser-invitation');
    expect(row).toMatchObject({
      to: expect.stringContaining('kim@partner.example.org'),
      subject: 'Du er inviteret til at arrangere med Kappa på clustermatch',
      status: 'sent',
    });
    const other = await t.organiserOf('Lambda', 'owner', 'owner@lambda.example.org');
    const outboxB = await t.http.get('/api/mail/outbox').set(as(other.token)).expect(200);
    expect(JSON.stringify(outboxB.body)).not.toContain('kim@partner.example.org');
    const stored = await t.db.manager.findOneByOrFail(OutboxMessageEntity, { id: row.id });
    expect(stored.organisationId).toBe(owner.organisationId);
    expect(stored.mail).not.toContain(token);

    const preview = await t.http.post('/api/organiser-invitations/preview').send({ token }).expect(200);
    expect(preview.body).toMatchObject({
      email: 'kim@partner.example.org',
      name: 'Kim Hansen',
      role: 'organiser',
      organisationName: 'Kappa',
      language: 'da',
    });
    // Too short a password: 400 naming it, and the link still works.
    const short = await t.http.post('/api/organiser-invitations/accept').send({ token, password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.fields.map((f: { path: string }) => f.path)).toContain('password');
    const accepted = await t.http
      .post('/api/organiser-invitations/accept')
      .send({ token, name: 'Kim H. Hansen', password: 'a long enough secret' })
      .expect(200);
    expect(accepted.body.kind).toBe('organiser');
    const me = await t.http.get('/api/auth/me').set(as(accepted.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({
      email: 'kim@partner.example.org',
      name: 'Kim H. Hansen',
      role: 'organiser',
      organisationId: owner.organisationId,
      organisationName: 'Kappa',
    });
    // Signs in with e-mail and password from now on, and sees Kappa's events only.
    const login = await t.http
      .post('/api/auth/login')
      .send({ email: 'kim@partner.example.org', password: 'a long enough secret' })
      .expect(200);
    const kappaEvent = await setUpEvent(t, 2, 1, { token: owner.token, prefix: 'Kappa' });
    await setUpEvent(t, 2, 1, { token: other.token, prefix: 'Lambda' });
    const events = await t.http.get('/api/events').set(as(login.body.accessToken)).expect(200);
    expect(events.body.map((e: { id: string }) => e.id)).toEqual([kappaEvent.eventId]);
    const list = await t.http.get('/api/organisers').set(as(owner.token)).expect(200);
    expect(list.body.map((o: { email: string; role: string }) => `${o.email} ${o.role}`).sort()).toEqual([
      'kim@partner.example.org organiser',
      'owner@kappa.example.org owner',
    ]);

    // The link works once.
    const again = await t.http
      .post('/api/organiser-invitations/accept')
      .send({ token, password: 'another long secret' });
    expect(again.status).toBe(401);
    expect((await t.http.post('/api/organiser-invitations/preview').send({ token })).status).toBe(401);
    expect(await pending()).toEqual([]);
  });

  it('refuses an address that has an organiser account, naming the field', async () => {
    for (const email of ['kim@partner.example.org', 'owner@lambda.example.org', 'OWNER@kappa.example.org']) {
      const res = await invite(owner.token, { email, name: 'Again', role: 'viewer' });
      expect(res.status).toBe(409);
      expect(res.body.fields).toEqual([
        { path: 'email', code: 'organiser_account_exists', message: 'already has an organiser account' },
      ]);
    }
    const bad = await invite(owner.token, { email: 'not-an-address', name: '', role: 'boss', language: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['email', 'language', 'name', 'role']);
  });

  it('revokes: the link stops working and the invitation leaves the list', async () => {
    const inv = (
      await invite(owner.token, { email: 'lee@partner.example.org', name: 'Lee', role: 'viewer' }).expect(201)
    ).body as Invitation;
    const { token, text } = await mailTo('lee@partner.example.org');
    // English by default.
    expect(text).toContain('Lee');
    expect(text).toContain('as a viewer');
    await t.http.delete(`/api/organisers/invitations/${inv.id}`).set(as(owner.token)).expect(204);
    expect((await pending()).map((i) => i.id)).not.toContain(inv.id);
    expect((await t.http.post('/api/organiser-invitations/preview').send({ token })).status).toBe(401);
    const res = await t.http
      .post('/api/organiser-invitations/accept')
      .send({ token, password: 'a long enough secret' });
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/invalid, used, revoked or expired/);
    // Revoking again changes nothing; resending a revoked one is refused.
    await t.http.delete(`/api/organisers/invitations/${inv.id}`).set(as(owner.token)).expect(204);
    expect((await t.http.post(`/api/organisers/invitations/${inv.id}/resend`).set(as(owner.token))).status).toBe(409);
  });

  it('resends with a new link (the old one stops working) and refuses an expired link', async () => {
    const first = (
      await invite(owner.token, {
        email: 'max@partner.example.org',
        name: 'Max',
        role: 'owner',
        language: 'en',
      }).expect(201)
    ).body as Invitation;
    const old = (await mailTo('max@partner.example.org')).token;
    const resent = await t.http.post(`/api/organisers/invitations/${first.id}/resend`).set(as(owner.token)).expect(200);
    expect(resent.body.id).not.toBe(first.id);
    expect(resent.body).toMatchObject({ email: 'max@partner.example.org', role: 'owner', language: 'en' });
    expect((await pending()).filter((i) => i.email === 'max@partner.example.org').map((i) => i.id)).toEqual([
      resent.body.id,
    ]);
    const fresh = (await mailTo('max@partner.example.org')).token;
    expect(fresh).not.toBe(old);
    expect((await t.http.post('/api/organiser-invitations/preview').send({ token: old })).status).toBe(401);

    // Time passes beyond INVITATION_TTL: the list marks it expired and the link is refused.
    await t.db.transaction((m) =>
      m.update(
        OrganiserInvitationEntity,
        { id: resent.body.id },
        { expiresAt: new Date(Date.now() - 1000).toISOString() },
      ),
    );
    expect((await pending()).find((i) => i.id === resent.body.id)?.expired).toBe(true);
    const expired = await t.http
      .post('/api/organiser-invitations/accept')
      .send({ token: fresh, password: 'a long enough secret' });
    expect(expired.status).toBe(401);
    // Resending an expired invitation gives a working link again, with the invited role.
    await t.http.post(`/api/organisers/invitations/${resent.body.id}/resend`).set(as(owner.token)).expect(200);
    const third = (await mailTo('max@partner.example.org')).token;
    const ok = await t.http
      .post('/api/organiser-invitations/accept')
      .send({ token: third, password: 'a long enough secret' })
      .expect(200);
    const me = await t.http.get('/api/auth/me').set(as(ok.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ role: 'owner', organisationName: 'Kappa', name: 'Max' });
  });

  it('lets only owners invite, list, resend and revoke; another organisation neither sees nor touches them', async () => {
    const inv = (
      await invite(owner.token, { email: 'sam@partner.example.org', name: 'Sam', role: 'viewer' }).expect(201)
    ).body as Invitation;
    const organiser = await t.organiserOf('Kappa', 'organiser');
    const viewer = await t.organiserOf('Kappa', 'viewer');
    const b = await setUpEvent(t, 1, 1, { token: owner.token, prefix: 'KappaD' });
    const delegate = await t.delegateToken(b.delegateIds[0]?.[0] ?? '');
    for (const token of [organiser.token, viewer.token, delegate]) {
      expect((await invite(token, { email: 'x@partner.example.org', name: 'X', role: 'owner' })).status).toBe(403);
      expect((await t.http.get('/api/organisers/invitations').set(as(token))).status).toBe(403);
      expect((await t.http.post(`/api/organisers/invitations/${inv.id}/resend`).set(as(token))).status).toBe(403);
      expect((await t.http.delete(`/api/organisers/invitations/${inv.id}`).set(as(token))).status).toBe(403);
    }
    const lambda = await t.organiserOf('Lambda', 'owner', 'owner@lambda.example.org');
    expect(JSON.stringify(await pending(lambda.token))).not.toContain('sam@partner.example.org');
    expect((await t.http.post(`/api/organisers/invitations/${inv.id}/resend`).set(as(lambda.token))).status).toBe(404);
    expect((await t.http.delete(`/api/organisers/invitations/${inv.id}`).set(as(lambda.token))).status).toBe(404);
    // Nothing was sent to x@, and Sam's invitation is still pending.
    await deliverAll();
    expect(smtp.received.some((r) => r.to.includes('x@partner.example.org'))).toBe(false);
    expect((await pending()).map((i) => i.id)).toContain(inv.id);
  });

  it('limits the links to one address (MAGIC_LINK_LIMIT per window, 429 with Retry-After)', async () => {
    const body = { email: 'flood@partner.example.org', name: 'Flood', role: 'viewer' };
    for (let i = 0; i < 3; i++) await invite(owner.token, body).expect(201);
    const res = await invite(owner.token, body);
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Each new invitation replaced the one before: one is pending.
    expect((await pending()).filter((i) => i.email === 'flood@partner.example.org')).toHaveLength(1);
  });
});
