/**
 * Issue 16, item 1: an organiser's own language (`PATCH /api/auth/me`), on SQLite and PostgreSQL. It comes back at
 * `GET /api/auth/me` (the web app follows it at sign-in), answers the organiser's error messages like a delegate's
 * setting does (before Accept-Language), and is the language of mails to the organiser's own address.
 */
import { MailService } from '../src/mail/mail.service';
import { setUpEvent, startTestApp, type Basics, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

describe.each(['sqlite', 'postgres'] as const)("an organiser's language (%s)", (db) => {
  let t: TestApp;
  let b: Basics;
  let me: { id: string; organisationId: string; token: string; email: string };
  let colleague: { id: string; token: string };
  const as = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

  beforeAll(async () => {
    t = await startTestApp({ db });
    const owner = await t.organiserOf('Lang Org', 'owner');
    me = owner;
    colleague = await t.organiserOf('Lang Org', 'organiser');
    b = await setUpEvent(t, 2, 1, { token: owner.token });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is set on the own account, read back at /auth/me, cleared with null; other values are refused naming the field', async () => {
    const fresh = await t.http
      .get('/api/auth/me')
      .set(...as(me.token))
      .expect(200);
    expect(fresh.body).toMatchObject({ kind: 'organiser', id: me.id, language: null });
    const set = await t.http
      .patch('/api/auth/me')
      .set(...as(me.token))
      .send({ language: 'da' })
      .expect(200);
    expect(set.body).toMatchObject({ kind: 'organiser', id: me.id, language: 'da' });
    const read = await t.http
      .get('/api/auth/me')
      .set(...as(me.token))
      .expect(200);
    expect(read.body.language).toBe('da');
    // Only the own account changes: the colleague's stays unset.
    const other = await t.http
      .get('/api/auth/me')
      .set(...as(colleague.token))
      .expect(200);
    expect(other.body.language).toBeNull();
    const bad = await t.http
      .patch('/api/auth/me')
      .set(...as(colleague.token))
      .send({ language: 'de' })
      .expect(400);
    expect(bad.body).toMatchObject({
      code: 'validation',
      fields: [{ path: 'language', code: 'language', message: 'must be en or da' }],
    });
    await t.http
      .patch('/api/auth/me')
      .set(...as(colleague.token))
      .send({ language: 'en' })
      .expect(200);
    const cleared = await t.http
      .patch('/api/auth/me')
      .set(...as(colleague.token))
      .send({ language: null })
      .expect(200);
    expect(cleared.body.language).toBeNull();
    // A viewer may set their own language too (their account, not the organisation's data).
    const viewer = await t.organiserOf('Lang Org', 'viewer');
    const v = await t.http
      .patch('/api/auth/me')
      .set(...as(viewer.token))
      .send({ language: 'da' })
      .expect(200);
    expect(v.body.language).toBe('da');
  });

  it("answers the organiser's errors in Danish after choosing da, whatever the browser asks", async () => {
    await t.http
      .patch('/api/auth/me')
      .set(...as(me.token))
      .send({ language: 'da' })
      .expect(200);
    for (const header of [undefined, 'en']) {
      const req = t.http
        .patch(`/api/events/${b.eventId}`)
        .set(...as(me.token))
        .send({ timezone: 'Mars/Olympus' });
      const res = await (header ? req.set('Accept-Language', header) : req).expect(400);
      expect(res.body).toMatchObject({
        code: 'validation',
        messageCode: 'time_zone',
        message: 'timezone: skal være en IANA-tidszone som Europe/Copenhagen',
        fields: [{ path: 'timezone', code: 'time_zone', message: 'skal være en IANA-tidszone som Europe/Copenhagen' }],
      });
    }
    const own = await t.http
      .patch('/api/auth/me')
      .set(...as(me.token))
      .send({ language: 'fr' })
      .expect(400);
    expect(own.body.fields).toEqual([{ path: 'language', code: 'language', message: 'skal være en eller da' }]);
    // The colleague chose nothing: English, unless the browser asks for Danish.
    const plain = await t.http
      .patch(`/api/events/${b.eventId}`)
      .set(...as(colleague.token))
      .send({ timezone: 'Mars/Olympus' })
      .expect(400);
    expect(plain.body.message).toBe('timezone: must be an IANA time zone such as Europe/Berlin');
    const asked = await t.http
      .patch(`/api/events/${b.eventId}`)
      .set(...as(colleague.token))
      .set('Accept-Language', 'da')
      .send({ timezone: 'Mars/Olympus' })
      .expect(400);
    expect(asked.body.fields[0].message).toBe('skal være en IANA-tidszone som Europe/Copenhagen');
    // Back to English: English again at once.
    await t.http
      .patch('/api/auth/me')
      .set(...as(me.token))
      .send({ language: 'en' })
      .expect(200);
    const en = await t.http
      .patch(`/api/events/${b.eventId}`)
      .set(...as(me.token))
      .set('Accept-Language', 'da')
      .send({ timezone: 'Mars/Olympus' })
      .expect(400);
    expect(en.body.fields[0].message).toBe('must be an IANA time zone such as Europe/Berlin');
  });

  it("is the language of mails to the organiser's own address, before the event's", async () => {
    const mail = t.app.get(MailService);
    await t.http
      .patch(`/api/events/${b.eventId}`)
      .set(...as(me.token))
      .send({ language: 'en' })
      .expect(200);
    await t.http
      .patch('/api/auth/me')
      .set(...as(me.token))
      .send({ language: 'da' })
      .expect(200);
    expect(await mail.languageFor(t.db.manager, me.email, b.eventId)).toBe('da');
    expect(await mail.languageFor(t.db.manager, me.email)).toBe('da');
    // Without a choice: the event's language, else English.
    await t.http
      .patch('/api/auth/me')
      .set(...as(me.token))
      .send({ language: null })
      .expect(200);
    expect(await mail.languageFor(t.db.manager, me.email, b.eventId)).toBe('en');
    await t.http
      .patch(`/api/events/${b.eventId}`)
      .set(...as(me.token))
      .send({ language: 'da' })
      .expect(200);
    expect(await mail.languageFor(t.db.manager, me.email, b.eventId)).toBe('da');
    expect(await mail.languageFor(t.db.manager, me.email)).toBe('en');
  });

  it('is for organisers only: a delegate is refused (403)', async () => {
    const delegateId = b.delegateIds[0]?.[0] ?? '';
    const res = await t.http
      .patch('/api/auth/me')
      .set(...as(await t.delegateToken(delegateId)))
      .send({ language: 'da' })
      .expect(403);
    expect(res.body.code).toBe('forbidden');
  });
});
