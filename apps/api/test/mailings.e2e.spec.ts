/**
 * Issue 19, custom mail to segments, on the demo event (SQLite and PostgreSQL): each segment selects
 * exactly the delegates an independent count over the fixture file gives; the preview fills and
 * escapes placeholders in the recipient's language and sends nothing; a mailing goes through the
 * outbox to a real SMTP server on 127.0.0.1; the list counts queued, sent and failed; unsubscribed
 * delegates get no more mailings.
 */
import { readFileSync } from 'node:fs';
import { parseMime, partText, TestSmtpServer, type Received } from '@clustermatch/mail/testing';
import { DelegateEntity } from '../src/delegates/delegate.entity';
import { EventEntity } from '../src/events/event.entity';
import { MailWorkerService } from '../src/mail/mail-worker.service';
import { OutboxMessageEntity } from '../src/mail/outbox-message.entity';
import type { DemoFixture } from '../src/seed/demo-fixture';
import { DEMO_FIXTURE } from '../src/seed/seed.service';
import { clusterBody, startTestApp, type TestApp } from '../test-utils';

jest.setTimeout(180_000);

const fixture = JSON.parse(readFileSync(DEMO_FIXTURE, 'utf8')) as DemoFixture;

/** The fixture's delegates' addresses selected by a predicate on their cluster: the test's own count. */
function emailsOf(pred: (clusterKey: string) => boolean): string[] {
  return fixture.clusters
    .filter((c) => pred(c.key))
    .flatMap((c) => c.delegates.map((d) => d.email.toLowerCase()))
    .sort();
}

const receivers = (r: DemoFixture['requests'][number]): string[] => [r.to].flat();

describe.each(['sqlite', 'postgres'] as const)('mailings to segments of the demo event (%s)', (db) => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let eventId: string;
  let org: string;
  const auth = (): [string, string] => ['Authorization', `Bearer ${org}`];
  const recipients = async (segment: object): Promise<string[]> => {
    const res = await t.http
      .post(`/api/events/${eventId}/segments/recipients`)
      .set(...auth())
      .send(segment);
    if (res.status !== 200) throw new Error(`${JSON.stringify(segment)}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { email: string }[]).map((x) => x.email.toLowerCase()).sort();
  };
  const outboxCount = (): Promise<number> => t.db.manager.count(OutboxMessageEntity);
  const textOf = (r: Received | undefined): string => partText(parseMime(r?.raw ?? ''), 'text/plain') ?? '';
  const htmlOf = (r: Received | undefined): string => partText(parseMime(r?.raw ?? ''), 'text/html') ?? '';
  async function deliverAll(): Promise<void> {
    const worker = t.app.get(MailWorkerService);
    for (let i = 0; i < 50; i++) if ((await worker.runOnce()).claimed === 0) return;
  }

  beforeAll(async () => {
    const port = await smtp.start();
    Object.assign(process.env, {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Spring Match <team@match.example.org>',
    });
    t = await startTestApp({ db, config: { seedDemo: true, publicUrl: 'https://match.example.org' } });
    eventId = (await t.db.manager.find(EventEntity))[0]?.id ?? '';
    org = await t.organiserToken();
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    delete process.env['SMTP_URL'];
    delete process.env['MAIL_FROM'];
  });

  it('selects exactly the delegates of each segment (counted independently from the fixture)', async () => {
    const withRequests = new Set(fixture.requests.flatMap((r) => [r.from, ...receivers(r)]));
    const unanswered = new Set(fixture.requests.filter((r) => r.status === 'pending').flatMap(receivers));
    const accepted = new Map<string, number>();
    for (const r of fixture.requests.filter((x) => x.status === 'accepted'))
      for (const k of [r.from, ...receivers(r)]) accepted.set(k, (accepted.get(k) ?? 0) + 1);
    const country = new Map(fixture.clusters.map((c) => [c.key, c.country]));
    const sectors = new Map(fixture.clusters.map((c) => [c.key, c.sectors]));

    expect(await recipients({ kind: 'all' })).toEqual(emailsOf(() => true));
    expect(await recipients({ kind: 'all' })).toHaveLength(300);
    // Every demo cluster has a request; a cluster registered late (Norway, Energy) has none yet.
    const late = await t.http
      .post('/api/clusters')
      .set(...auth())
      .send(
        clusterBody(901, {
          name: 'Late Fjord Cluster',
          country: 'NO',
          sectors: ['Energy'],
          technologies: ['Hydrogen'],
        }),
      )
      .expect(201);
    await t.http
      .post(`/api/events/${eventId}/participants`)
      .set(...auth())
      .send({ clusterId: late.body.id })
      .expect(201);
    const lateEmail = 'late.delegate@fjord.example.org';
    await t.http
      .post(`/api/clusters/${late.body.id}/delegates`)
      .set(...auth())
      .send({ name: 'Late Delegate', email: lateEmail, role: 'Manager' })
      .expect(201);
    const withLate = (emails: string[]): string[] => [...emails, lateEmail].sort();
    expect(emailsOf((k) => !withRequests.has(k))).toEqual([]);
    expect(await recipients({ kind: 'no-requests' })).toEqual([lateEmail]);
    expect(await recipients({ kind: 'all' })).toEqual(withLate(emailsOf(() => true)));
    expect(await recipients({ kind: 'country', country: 'NO' })).toEqual([lateEmail]);
    const waiting = emailsOf((k) => unanswered.has(k));
    expect(waiting.length).toBeGreaterThan(10);
    expect(await recipients({ kind: 'unanswered-requests' })).toEqual(waiting);
    for (const n of [1, 4, 8]) {
      const few = withLate(emailsOf((k) => (accepted.get(k) ?? 0) < n));
      expect(await recipients({ kind: 'few-meetings', minMeetings: n })).toEqual(few);
    }
    expect(await recipients({ kind: 'country', country: 'dk' })).toEqual(emailsOf((k) => country.get(k) === 'DK'));
    expect(await recipients({ kind: 'country', country: 'DK' })).toHaveLength(30);
    const terms = (await t.http.get('/api/taxonomy').set(...auth())).body as {
      id: string;
      name: string;
      kind: string;
    }[];
    const energy = terms.find((x) => x.kind === 'sector' && x.name === 'Energy');
    expect(await recipients({ kind: 'sector', sectorId: energy?.id })).toEqual(
      withLate(emailsOf((k) => (sectors.get(k) ?? []).includes('Energy'))),
    );
    // Nobody has signed in yet; one sign-in through a login link takes that delegate out.
    expect(await recipients({ kind: 'not-signed-in' })).toEqual(withLate(emailsOf(() => true)));
    const first = fixture.clusters[3]?.delegates[1];
    await t.http.post('/api/auth/magic-link').send({ email: first?.email }).expect(202);
    const link = t.magicLinks.find((x) => x.to === first?.email);
    const token = new URL(link?.url ?? 'http://x').searchParams.get('token');
    await t.http.post('/api/auth/magic-link/verify').send({ token }).expect(200);
    expect(await recipients({ kind: 'not-signed-in' })).toEqual(
      withLate(emailsOf(() => true)).filter((e) => e !== first?.email.toLowerCase()),
    );
    // A hand-picked list: duplicates once; a delegate of no cluster of the event is refused naming its place.
    const picked = await t.db.manager.find(DelegateEntity, { order: { email: 'ASC' }, take: 2 });
    const ids = picked.map((d) => d.id);
    expect(await recipients({ kind: 'delegates', delegateIds: [...ids, ids[0]] })).toEqual(
      picked.map((d) => d.email.toLowerCase()).sort(),
    );
    const bad = await t.http
      .post(`/api/events/${eventId}/segments/recipients`)
      .set(...auth())
      .send({ kind: 'delegates', delegateIds: [ids[0], 'nobody'] })
      .expect(422);
    expect(bad.body.fields).toEqual([
      { path: 'segment.delegateIds[1]', code: expect.any(String), message: expect.any(String) },
    ]);
    const missing = await t.http
      .post(`/api/events/${eventId}/segments/recipients`)
      .set(...auth())
      .send({ kind: 'few-meetings' })
      .expect(422);
    expect(missing.body.fields[0].path).toBe('segment.minMeetings');
    await t.http
      .post(`/api/events/${eventId}/segments/recipients`)
      .set(...auth())
      .send({ kind: 'everyone' })
      .expect(400);
  });

  it('previews one recipient in their language with escaped placeholders, counts, and sends nothing', async () => {
    const dk = fixture.clusters.find((c) => c.country === 'DK');
    const dkDelegate = await t.db.manager.findOneByOrFail(DelegateEntity, { email: dk?.delegates[0]?.email ?? '' });
    await t.http
      .patch(`/api/delegates/${dkDelegate.id}`)
      .set(...auth())
      .send({ name: 'Søren <b>Bold</b> & Co' })
      .expect(200);
    const before = await outboxCount();
    const body = {
      segment: { kind: 'country', country: 'DK' },
      subject: { en: 'News for {cluster}', da: 'Nyt til {cluster}' },
      body: {
        en: 'Dear {name},\nyou have {meetings} meetings.\n\nSign in: {loginLink}',
        da: 'Kære {name},\ni har {meetings} møder.\n\nLog ind: {loginLink}\nProgram: {agendaLink}',
      },
    };
    const res = await t.http
      .post(`/api/events/${eventId}/mailings/preview`)
      .set(...auth())
      .send({ ...body, delegateId: dkDelegate.id })
      .expect(200);
    expect(res.body).toMatchObject({ recipients: 30, excluded: 0 });
    const p = res.body.preview;
    expect(p).toMatchObject({ delegateId: dkDelegate.id, language: 'da', subject: `Nyt til ${dk?.name}` });
    const meetings = fixture.requests.filter(
      (r) => r.status === 'accepted' && [r.from, ...receivers(r)].includes(dk?.key ?? ''),
    ).length;
    expect(p.text).toContain(`Kære Søren <b>Bold</b> & Co,\ni har ${meetings} møder.`);
    expect(p.text).toContain(`Log ind: https://match.example.org/login?email=${encodeURIComponent(dkDelegate.email)}`);
    expect(p.text).toContain(`Program: https://match.example.org/events/${eventId}/agenda`);
    expect(p.text).toMatch(/afmeld: https:\/\/match\.example\.org\/unsubscribe\?token=/);
    expect(p.html).toContain('Kære Søren &lt;b&gt;Bold&lt;/b&gt; &amp; Co,');
    expect(p.html).not.toContain('<b>Bold');
    // Someone outside Denmark is written to in English.
    const other = await t.http
      .post(`/api/events/${eventId}/mailings/preview`)
      .set(...auth())
      .send({ ...body, segment: { kind: 'country', country: 'FR' } })
      .expect(200);
    expect(other.body.preview).toMatchObject({ language: 'en', subject: expect.stringMatching(/^News for /) });
    // Only one language given: everyone gets that one.
    const enOnly = await t.http
      .post(`/api/events/${eventId}/mailings/preview`)
      .set(...auth())
      .send({ ...body, subject: { en: body.subject.en }, body: { en: body.body.en } })
      .expect(200);
    expect(enOnly.body.preview.language).toBe('en');
    // Errors name the field.
    const unknown = await t.http
      .post(`/api/events/${eventId}/mailings/preview`)
      .set(...auth())
      .send({ ...body, body: { ...body.body, da: 'Hej {navn}' } })
      .expect(422);
    expect(unknown.body.fields).toEqual([
      { path: 'body.da', code: 'unknown', message: expect.stringContaining('{navn}') },
    ]);
    const half = await t.http
      .post(`/api/events/${eventId}/mailings/preview`)
      .set(...auth())
      .send({ ...body, body: { en: body.body.en } })
      .expect(422);
    expect(half.body.fields[0].path).toBe('body.da');
    const nothing = await t.http
      .post(`/api/events/${eventId}/mailings/preview`)
      .set(...auth())
      .send({ ...body, subject: {}, body: {} })
      .expect(422);
    expect(nothing.body.fields[0].path).toBe('subject.en');
    await t.http
      .post(`/api/events/${eventId}/mailings/preview`)
      .set(...auth())
      .send({ ...body, subject: { en: 'two\nlines' } })
      .expect(400);
    expect(await outboxCount()).toBe(before);
  });

  it('sends a mailing through the outbox to the SMTP server, each in their language, and lists its counts', async () => {
    await deliverAll();
    smtp.received.length = 0;
    const dk = await t.db.manager.findOneByOrFail(DelegateEntity, {
      email: fixture.clusters.find((c) => c.country === 'DK')?.delegates[1]?.email ?? '',
    });
    const fr = await t.db.manager.findOneByOrFail(DelegateEntity, {
      email: fixture.clusters.find((c) => c.country === 'FR')?.delegates[0]?.email ?? '',
    });
    const res = await t.http
      .post(`/api/events/${eventId}/mailings`)
      .set(...auth())
      .send({
        segment: { kind: 'delegates', delegateIds: [dk.id, fr.id] },
        subject: { en: 'Last days to book, {name}', da: 'Sidste dage til at booke, {name}' },
        body: { en: 'Book now: {loginLink}', da: 'Book nu: {loginLink}' },
      })
      .expect(201);
    expect(res.body).toEqual({ id: expect.any(String), queued: 2 });
    const pending = await t.http
      .get(`/api/events/${eventId}/mailings`)
      .set(...auth())
      .expect(200);
    expect(pending.body[0]).toMatchObject({ id: res.body.id, recipients: 2, queued: 2, sent: 0, failed: 0 });
    await deliverAll();
    const toDk = smtp.received.find((r) => r.to.includes(dk.email));
    const toFr = smtp.received.find((r) => r.to.includes(fr.email));
    expect(smtp.received).toHaveLength(2);
    expect(textOf(toDk)).toContain('Book nu: https://match.example.org/login?email=');
    expect(textOf(toFr)).toContain('Book now: https://match.example.org/login?email=');
    expect(htmlOf(toFr)).toContain('<a href="https://match.example.org/unsubscribe?token=');
    const sent = await t.http
      .get(`/api/events/${eventId}/mailings`)
      .set(...auth())
      .expect(200);
    expect(sent.body[0]).toMatchObject({
      id: res.body.id,
      segment: { kind: 'delegates', delegateIds: [dk.id, fr.id] },
      subject: { en: 'Last days to book, {name}' },
      recipients: 2,
      queued: 0,
      sent: 2,
      failed: 0,
      createdBy: 'organiser@example.org',
    });

    // The unsubscribe link in the mail works (a forged one does not); that delegate gets no more mailings.
    const link = /https:\/\/match\.example\.org\/unsubscribe\?token=(\S+)/.exec(textOf(toFr))?.[1] ?? '';
    const token = decodeURIComponent(link);
    await t.http
      .post('/api/unsubscribe')
      .send({ token: `${fr.id}.${'A'.repeat(32)}` })
      .expect(404);
    await t.http.post('/api/unsubscribe').send({ token }).expect(200);
    await t.http.post('/api/unsubscribe').send({ token }).expect(200);
    const again = await t.http
      .post(`/api/events/${eventId}/mailings/preview`)
      .set(...auth())
      .send({ segment: { kind: 'country', country: 'FR' }, subject: { en: 'x' }, body: { en: 'y' } })
      .expect(200);
    expect(again.body).toMatchObject({ recipients: 27, excluded: 1 });
    const onlyFr = await t.http
      .post(`/api/events/${eventId}/mailings`)
      .set(...auth())
      .send({ segment: { kind: 'delegates', delegateIds: [fr.id] }, subject: { en: 'x' }, body: { en: 'y' } })
      .expect(422);
    expect(onlyFr.body.fields[0].path).toBe('segment');
  });

  it('marks an address the server refuses permanently, shows it to the organiser, skips it until cleared', async () => {
    await deliverAll();
    const es = await t.db.manager.findOneByOrFail(DelegateEntity, {
      email: fixture.clusters.find((c) => c.country === 'ES')?.delegates[0]?.email ?? '',
    });
    const mailing = { subject: { en: 'Hello {name}' }, body: { en: 'News' } };
    smtp.rejectWith = { code: 550, message: 'mailbox unavailable' };
    try {
      await t.http
        .post(`/api/events/${eventId}/mailings`)
        .set(...auth())
        .send({ ...mailing, segment: { kind: 'delegates', delegateIds: [es.id] } })
        .expect(201);
      await deliverAll();
    } finally {
      smtp.rejectWith = undefined;
    }
    const list = await t.http
      .get(`/api/events/${eventId}/mailings`)
      .set(...auth())
      .expect(200);
    expect(list.body[0]).toMatchObject({ recipients: 1, queued: 0, sent: 0, failed: 1 });
    const bounces = await t.http
      .get(`/api/events/${eventId}/bounces`)
      .set(...auth())
      .expect(200);
    expect(bounces.body).toEqual([
      expect.objectContaining({ delegateId: es.id, email: es.email, reason: expect.stringContaining('550') }),
    ]);
    const spain = { ...mailing, segment: { kind: 'country', country: 'ES' } };
    const before = await t.http
      .post(`/api/events/${eventId}/mailings/preview`)
      .set(...auth())
      .send(spain)
      .expect(200);
    expect(before.body.excluded).toBe(1);
    await t.http
      .delete(`/api/events/${eventId}/bounces/${es.id}`)
      .set(...auth())
      .expect(204);
    const after = await t.http
      .post(`/api/events/${eventId}/mailings/preview`)
      .set(...auth())
      .send(spain)
      .expect(200);
    expect(after.body).toMatchObject({ recipients: before.body.recipients + 1, excluded: 0 });
    expect((await t.http.get(`/api/events/${eventId}/bounces`).set(...auth())).body).toEqual([]);
  });
});
