/**
 * Issue 16, item 1: a language per delegate (`PATCH /api/delegates/:id`, by the delegate themself or an organiser)
 * and an event's default, on SQLite and PostgreSQL. Mails reach a real SMTP server on 127.0.0.1 in the language
 * chosen in this order: the delegate's own, else the event's, else Danish for clusters in Denmark, else English.
 * Item 1 also: every error answer has a stable code (and each field one), its message in the asker's language (the
 * signed-in delegate's setting, else Accept-Language, else English), counts with ICU plural rules.
 */
import { parseMime, partText, TestSmtpServer } from '@clustermatch/mail/testing';
import { MailWorkerService } from '../src/mail/mail-worker.service';
import { setUpEvent, startTestApp, type Basics, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

const ENGLISH = 'has asked for a meeting with you at';
const DANISH = 'har bedt om et møde med dig ved';

describe.each(['sqlite', 'postgres'] as const)('languages of delegates and events (%s)', (db) => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let b: Basics;
  let org: [string, string];
  const delegateId = (i: number): string => b.delegateIds[i]?.[0] ?? '';
  const as = async (i: number): Promise<[string, string]> => [
    'Authorization',
    `Bearer ${await t.delegateToken(delegateId(i))}`,
  ];
  const email = async (i: number): Promise<string> =>
    (
      await t.http
        .get(`/api/delegates/${delegateId(i)}`)
        .set(...org)
        .expect(200)
    ).body.email as string;
  /** Sends a request from cluster `from` to `to`, delivers the outbox, and answers each recipient's language. */
  const requestMails = async (from: number, to: number[]): Promise<Map<string, 'en' | 'da' | '?'>> => {
    const before = smtp.received.length;
    await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(...(await as(from)))
      .send({ receiverClusterIds: to.map((i) => b.clusterIds[i]), interest: 3, delegateIds: [delegateId(from)] })
      .expect(201);
    const worker = t.app.get(MailWorkerService);
    for (let i = 0; i < 20; i++) if ((await worker.runOnce()).claimed === 0) break;
    const out = new Map<string, 'en' | 'da' | '?'>();
    for (const r of smtp.received.slice(before)) {
      const text = partText(parseMime(r.raw), 'text/plain') ?? '';
      for (const addr of r.to) out.set(addr, text.includes(DANISH) ? 'da' : text.includes(ENGLISH) ? 'en' : '?');
    }
    return out;
  };

  beforeAll(async () => {
    const port = await smtp.start();
    Object.assign(process.env, { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Match <team@match.example.org>' });
    t = await startTestApp({ db, config: { publicUrl: 'https://match.example.org' } });
    b = await setUpEvent(t, 5, 1);
    org = ['Authorization', `Bearer ${await t.organiserToken()}`];
    // Cluster 1 is in Denmark; the others are not (DE, FR, ES, IT, PL).
    await t.http
      .patch(`/api/clusters/${b.clusterIds[1]}`)
      .set(...org)
      .send({ country: 'DK' })
      .expect(200);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    delete process.env['SMTP_URL'];
    delete process.env['MAIL_FROM'];
  });

  it('a delegate sets their own language; organisers set or clear it; other values are refused naming the field', async () => {
    const fresh = await t.http
      .get(`/api/delegates/${delegateId(1)}`)
      .set(...org)
      .expect(200);
    expect(fresh.body.language).toBeNull();
    const own = await t.http
      .patch(`/api/delegates/${delegateId(1)}`)
      .set(...(await as(1)))
      .send({ language: 'en' })
      .expect(200);
    expect(own.body.language).toBe('en');
    const bad = await t.http
      .patch(`/api/delegates/${delegateId(1)}`)
      .set(...(await as(1)))
      .send({ language: 'de' })
      .expect(400);
    expect(bad.body.fields).toEqual([{ path: 'language', code: 'language', message: 'must be en or da' }]);
    // Another cluster's delegate may not set it (404: other clusters' delegates are not shown).
    await t.http
      .patch(`/api/delegates/${delegateId(1)}`)
      .set(...(await as(2)))
      .send({ language: 'da' })
      .expect(404);
    const byOrg = await t.http
      .patch(`/api/delegates/${delegateId(3)}`)
      .set(...org)
      .send({ language: 'da' })
      .expect(200);
    expect(byOrg.body.language).toBe('da');
    const cleared = await t.http
      .patch(`/api/delegates/${delegateId(3)}`)
      .set(...org)
      .send({ language: null })
      .expect(200);
    expect(cleared.body.language).toBeNull();
    const read = await t.http
      .get(`/api/delegates/${delegateId(1)}`)
      .set(...(await as(1)))
      .expect(200);
    expect(read.body.language).toBe('en');
  });

  it("the event's default: set by PATCH and by the setup PUT, kept when the setup leaves it out", async () => {
    const ev = await t.http
      .get(`/api/events/${b.eventId}`)
      .set(...org)
      .expect(200);
    expect(ev.body.language).toBeNull();
    await t.http
      .patch(`/api/events/${b.eventId}`)
      .set(...org)
      .send({ language: 'fr' })
      .expect(400);
    const setup = {
      name: ev.body.name,
      venue: ev.body.venue,
      timezone: ev.body.timezone,
      requestDeadline: ev.body.requestDeadline,
    };
    const put = await t.http
      .put(`/api/events/${b.eventId}/setup`)
      .set(...org)
      .send({ ...setup, language: 'da' })
      .expect(200);
    expect(put.body.language).toBe('da');
    const kept = await t.http
      .put(`/api/events/${b.eventId}/setup`)
      .set(...org)
      .send(setup)
      .expect(200);
    expect(kept.body.language).toBe('da');
    const patched = await t.http
      .patch(`/api/events/${b.eventId}`)
      .set(...org)
      .send({ language: null })
      .expect(200);
    expect(patched.body.language).toBeNull();
  });

  it("mails go out in the delegate's language, else the event's, else by country, else English", async () => {
    const [d1, d2] = [await email(1), await email(2)];
    // No event default: delegate 1 (Denmark) chose English; delegate 2 (Spain) chose nothing.
    expect(await requestMails(0, [1, 2])).toEqual(
      new Map([
        [d1, 'en'],
        [d2, 'en'],
      ]),
    );
    // The event's default is Danish: delegate 1's own choice still wins; delegate 2 gets Danish.
    await t.http
      .patch(`/api/events/${b.eventId}`)
      .set(...org)
      .send({ language: 'da' })
      .expect(200);
    expect(await requestMails(3, [1, 2])).toEqual(
      new Map([
        [d1, 'en'],
        [d2, 'da'],
      ]),
    );
    // Neither a choice nor an event default: Denmark gives Danish.
    await t.http
      .patch(`/api/events/${b.eventId}`)
      .set(...org)
      .send({ language: null })
      .expect(200);
    await t.http
      .patch(`/api/delegates/${delegateId(1)}`)
      .set(...(await as(1)))
      .send({ language: null })
      .expect(200);
    expect(await requestMails(2, [1])).toEqual(new Map([[d1, 'da']]));
    // A Spanish delegate choosing Danish gets Danish without any event default.
    await t.http
      .patch(`/api/delegates/${delegateId(2)}`)
      .set(...(await as(2)))
      .send({ language: 'da' })
      .expect(200);
    expect(await requestMails(4, [2])).toEqual(new Map([[d2, 'da']]));
  });

  describe("error answers in the asker's language", () => {
    const badSetup = { timezone: 'Mars/Olympus' };

    it('the same bad request: English by default, Danish with Accept-Language: da, each with stable codes', async () => {
      const en = await t.http
        .patch(`/api/events/${b.eventId}`)
        .set(...org)
        .send(badSetup)
        .expect(400);
      expect(en.body).toMatchObject({
        statusCode: 400,
        code: 'validation',
        messageCode: 'time_zone',
        message: 'timezone: must be an IANA time zone such as Europe/Berlin',
        fields: [{ path: 'timezone', code: 'time_zone', message: 'must be an IANA time zone such as Europe/Berlin' }],
      });
      const da = await t.http
        .patch(`/api/events/${b.eventId}`)
        .set(...org)
        .set('Accept-Language', 'da-DK, en;q=0.5')
        .send(badSetup)
        .expect(400);
      expect(da.body).toMatchObject({
        code: 'validation',
        messageCode: 'time_zone',
        message: 'timezone: skal være en IANA-tidszone som Europe/Copenhagen',
        fields: [{ path: 'timezone', code: 'time_zone', message: 'skal være en IANA-tidszone som Europe/Copenhagen' }],
      });
      // English preferred over Danish by quality: English.
      const preferEn = await t.http
        .patch(`/api/events/${b.eventId}`)
        .set(...org)
        .set('Accept-Language', 'da;q=0.3, en-GB;q=0.9')
        .send(badSetup)
        .expect(400);
      expect(preferEn.body.message).toBe(en.body.message);
    });

    it("a delegate who chose Danish gets Danish whatever the browser asks; one who did not, the browser's", async () => {
      await t.http
        .patch(`/api/delegates/${delegateId(3)}`)
        .set(...(await as(3)))
        .send({ language: 'da' })
        .expect(200);
      for (const header of [undefined, 'en']) {
        const req = t.http
          .patch(`/api/delegates/${delegateId(3)}`)
          .set(...(await as(3)))
          .send({ language: 'de' });
        const res = await (header ? req.set('Accept-Language', header) : req).expect(400);
        expect(res.body).toMatchObject({
          code: 'validation',
          messageCode: 'language',
          message: 'language: skal være en eller da',
          fields: [{ path: 'language', code: 'language', message: 'skal være en eller da' }],
        });
      }
      // Delegate 0 chose nothing: English, unless the browser asks for Danish.
      const plain = await t.http
        .patch(`/api/delegates/${delegateId(0)}`)
        .set(...(await as(0)))
        .send({ language: 'de' })
        .expect(400);
      expect(plain.body.fields).toEqual([{ path: 'language', code: 'language', message: 'must be en or da' }]);
      const asked = await t.http
        .patch(`/api/delegates/${delegateId(0)}`)
        .set(...(await as(0)))
        .set('Accept-Language', 'da')
        .send({ language: 'de' })
        .expect(400);
      expect(asked.body.fields[0].message).toBe('skal være en eller da');
    });

    it('conflicts, missing things, sign-in problems and counts are Danish too (ICU plurals in both languages)', async () => {
      // Delegate 3 chose Danish: asking cluster 4 a second time is refused in Danish.
      const ask = { receiverClusterIds: [b.clusterIds[4]], interest: 3, delegateIds: [delegateId(3)] };
      await t.http
        .post(`/api/events/${b.eventId}/requests`)
        .set(...(await as(3)))
        .send(ask)
        .expect(201);
      const dup = await t.http
        .post(`/api/events/${b.eventId}/requests`)
        .set(...(await as(3)))
        .send(ask)
        .expect(409);
      expect(dup.body).toMatchObject({
        code: 'conflict',
        messageCode: 'request_exists',
        message: 'Der findes allerede en ventende eller accepteret anmodning mellem disse klynger i dette arrangement',
      });
      const missing = await t.http
        .get('/api/events/00000000-0000-4000-8000-000000000000')
        .set(...org)
        .set('Accept-Language', 'da')
        .expect(404);
      expect(missing.body).toMatchObject({
        code: 'not_found',
        messageCode: 'not_found',
        message: 'Arrangementet 00000000-0000-4000-8000-000000000000 findes ikke',
      });
      const signedOut = await t.http.get('/api/auth/me').set('Accept-Language', 'da').expect(401);
      expect(signedOut.body).toMatchObject({ code: 'unauthorised', messageCode: 'login_required' });
      expect(signedOut.body.message).toMatch(/^Du skal være logget ind/);
      // "Mobility" is used by one cluster (cluster 2), "Energy" by two (0 and 3): singular and plural forms.
      const terms = (
        await t.http
          .get('/api/taxonomy')
          .set(...org)
          .expect(200)
      ).body as { id: string; name: string }[];
      const idOf = (name: string): string => terms.find((x) => x.name === name)?.id ?? '';
      const one = await t.http
        .delete(`/api/taxonomy/${idOf('Mobility')}`)
        .set(...org)
        .expect(409);
      expect(one.body).toMatchObject({
        messageCode: 'term_in_use',
        message: 'The sector "Mobility" is used by 1 cluster',
      });
      const oneDa = await t.http
        .delete(`/api/taxonomy/${idOf('Mobility')}`)
        .set(...org)
        .set('Accept-Language', 'da')
        .expect(409);
      expect(oneDa.body.message).toBe('Sektoren "Mobility" bruges af 1 klynge');
      const two = await t.http
        .delete(`/api/taxonomy/${idOf('Energy')}`)
        .set(...org)
        .set('Accept-Language', 'da')
        .expect(409);
      expect(two.body.message).toBe('Sektoren "Energy" bruges af 2 klynger');
    });
  });
});
