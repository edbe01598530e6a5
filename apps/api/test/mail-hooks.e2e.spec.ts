/**
 * The mail hooks of the service, through HTTP, on SQLite and PostgreSQL: creating and answering a
 * request, asking for a magic link and publishing a schedule each store their mails in the outbox in
 * the same transaction as the change. A database trigger that makes every outbox insert fail shows
 * that a failing mail rolls the change back (no request, no answer, no login link, no publish).
 */
import { Writable } from 'node:stream';
import type { OutboxMessage } from '@clustermatch/mail';
import pino from 'pino';
import { AppConfig } from '../src/config/config';
import { APP_CONFIG } from '../src/config/config.module';
import { OutboxMagicLinkSender } from '../src/mail/magic-link-sender';
import { MailService } from '../src/mail/mail.service';
import { MagicLinkEntity } from '../src/auth/magic-link.entity';
import { MeetingRequestEntity } from '../src/requests/request.entity';
import { epoch, parseIcs } from '../test-utils/world';
import { setUpEvent, startTestApp, waitForJob, withOutboxDown, type Basics, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

interface Assignment {
  requestId: string;
  slot: { id: string; start: string };
  people: { id: string; name: string | null; clusterId: string | null }[];
}
interface Review {
  id: string;
  number: number;
  state: string;
  assignments: Assignment[];
  changes: { added: { requestId: string }[]; removed: { requestId: string }[]; moved: { requestId: string }[] } | null;
}

const email = (i: number, j: number): string => `d${i}-${j}@cluster${i}.example.org`;

describe.each(['sqlite', 'postgres'] as const)('mail hooks through HTTP on %s', (db) => {
  let t: TestApp;
  let b: Basics;
  let org: string;
  let mail: MailService;
  /** delegate id -> e-mail */
  const emails = new Map<string, string>();
  const tokens = new Map<string, string>();
  const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];
  const d = (i: number, j = 0): string => b.delegateIds[i]?.[j] ?? '';
  const c = (i: number): string => b.clusterIds[i] ?? '';
  const as = async (delegateId: string): Promise<[string, string]> => {
    let token = tokens.get(delegateId);
    if (token === undefined) {
      token = await t.delegateToken(delegateId);
      tokens.set(delegateId, token);
    }
    return auth(token);
  };
  /** Outbox messages not in `seen`, sorted by id. */
  const newSince = async (seen: ReadonlySet<string>): Promise<OutboxMessage[]> =>
    (await mail.messages()).filter((x) => !seen.has(x.id)).sort((x, y) => x.id.localeCompare(y.id));
  /** The kinds (template names) of `ms`, from the organiser's outbox view. */
  const kinds = async (ms: readonly OutboxMessage[]): Promise<string[]> => {
    const kindOf = new Map((await mail.list({ limit: 10_000 })).map((v) => [v.id, v.kind]));
    return ms.map((x) => kindOf.get(x.id) ?? '?');
  };
  const ids = async (): Promise<Set<string>> => new Set((await mail.messages()).map((x) => x.id));
  const recipients = (ms: readonly OutboxMessage[]): string[] =>
    ms.map((x) => /<([^<>]+)>\s*$/.exec(x.mail.to)?.[1] ?? x.mail.to).sort();

  async function createRequest(from: number, to: number[], note: string, status = 201): Promise<string> {
    const res = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(...(await as(d(from))))
      .send({ receiverClusterIds: to.map(c), interest: 4, note, delegateIds: [d(from)] });
    expect(res.status).toBe(status);
    return res.body.id as string;
  }

  async function accept(requestId: string, by: number, j = 0, status = 200): Promise<void> {
    const res = await t.http
      .post(`/api/requests/${requestId}/accept`)
      .set(...(await as(d(by, j))))
      .send({ interest: 3, delegateIds: [d(by, j)] });
    expect(res.status).toBe(status);
  }

  async function solve(path: 'solve' | 'resolve'): Promise<Review> {
    const started = await t.http
      .post(`/api/events/${b.eventId}/schedule/${path}`)
      .set(...auth(org))
      .send({ timeLimitSeconds: 2, seed: 3 })
      .expect(202);
    const job = await waitForJob(t, started.body.statusUrl, org);
    const review = await t.http
      .get(`/api/events/${b.eventId}/schedule/versions/${job.version.id}`)
      .set(...auth(org))
      .expect(200);
    return review.body as Review;
  }

  beforeAll(async () => {
    t = await startTestApp({ db, magicLinks: 'outbox', config: { publicUrl: 'https://match.example.org' } });
    mail = t.app.get(MailService);
    org = await t.organiserToken();
    b = await setUpEvent(t, 5, 2);
    b.delegateIds.forEach((ds, i) => ds.forEach((id, j) => emails.set(id, email(i, j))));
  });
  afterAll(async () => {
    await t.close();
  });

  it('creating a request queues one "request received" mail per delegate of each receiving cluster', async () => {
    expect(await mail.messages()).toEqual([]);
    const requestId = await createRequest(0, [1, 2], 'Hydrogen storage pilots');
    const queued = await newSince(new Set());
    expect(queued.map((x) => x.id)).toEqual(
      [d(1, 0), d(1, 1), d(2, 0), d(2, 1)].map((id) => `request-received.${requestId}.${id}`).sort(),
    );
    expect(recipients(queued)).toEqual([email(1, 0), email(1, 1), email(2, 0), email(2, 1)].sort());
    for (const x of queued) {
      expect(x.status).toBe('pending');
      expect(x.mail.subject).toContain('Cluster 000');
      expect(x.mail.text).toContain('Hydrogen storage pilots');
      expect(x.mail.text).toContain(`https://match.example.org/events/${b.eventId}/requests/${requestId}`);
    }
  });

  it('answering queues the accepted / declined mail to the requesting delegates named on the request', async () => {
    const requestId = await createRequest(0, [3, 4], 'Battery recycling');
    let seen = await ids();
    await accept(requestId, 3, 1);
    const accepted = await newSince(seen);
    expect(accepted.map((x) => x.id)).toEqual([`request-accepted.${requestId}.${c(3)}.${d(0)}`]);
    // Only delegate 0-0 is named by the requester; 0-1 gets nothing.
    expect(recipients(accepted)).toEqual([email(0, 0)]);
    expect(accepted[0]?.mail.subject).toMatch(/accepted/i);
    expect(accepted[0]?.mail.text).toContain('Cluster 003');

    seen = await ids();
    await t.http
      .post(`/api/requests/${requestId}/decline`)
      .set(...(await as(d(4))))
      .send({})
      .expect(200);
    const declined = await newSince(seen);
    expect(declined.map((x) => x.id)).toEqual([`request-declined.${requestId}.${c(4)}.${d(0)}`]);
    expect(declined[0]?.mail.subject).toMatch(/declined/i);
    // A repeated answer is refused and queues nothing.
    seen = await ids();
    await t.http
      .post(`/api/requests/${requestId}/decline`)
      .set(...(await as(d(4))))
      .send({})
      .expect(409);
    expect(await newSince(seen)).toEqual([]);
  });

  it('rolls the change back when its mail cannot be stored (request, answer, magic link)', async () => {
    const pending = await createRequest(1, [2], 'Waits for an answer');
    const seen = await ids();
    const requestsBefore = await t.db.manager.count(MeetingRequestEntity, { where: { eventId: b.eventId } });
    const linksBefore = await t.db.manager.count(MagicLinkEntity);
    await withOutboxDown(t, db, async () => {
      await createRequest(3, [4], 'Never stored', 500);
      await accept(pending, 2, 0, 500);
      await t.http
        .post('/api/auth/magic-link')
        .send({ email: email(3, 0) })
        .expect(500);
    });
    expect(await newSince(seen)).toEqual([]);
    expect(await t.db.manager.count(MeetingRequestEntity, { where: { eventId: b.eventId } })).toBe(requestsBefore);
    expect(await t.db.manager.count(MagicLinkEntity)).toBe(linksBefore);
    const still = await t.http
      .get(`/api/requests/${pending}`)
      .set(...auth(org))
      .expect(200);
    expect(still.body.status).toBe('pending');
    // With the outbox back, the same changes go through (the failed create left no pair behind).
    await createRequest(3, [4], 'Stored now');
    await accept(pending, 2, 0);
    expect((await kinds(await newSince(seen))).sort()).toEqual([
      'request-accepted',
      'request-received',
      'request-received',
    ]);
  });

  it('a magic-link request queues a mail whose link logs the delegate in, once', async () => {
    const seen = await ids();
    await t.http
      .post('/api/auth/magic-link')
      .send({ email: email(2, 1).toUpperCase() })
      .expect(202);
    const queued = await newSince(seen);
    expect(await kinds(queued)).toEqual(['magic-link']);
    expect(recipients(queued)).toEqual([email(2, 1)]);
    expect(t.magicLinks).toEqual([]);
    const link = /https:\/\/match\.example\.org\/login\?token=[A-Za-z0-9_%-]+/.exec(queued[0]?.mail.text ?? '')?.[0];
    if (link === undefined) throw new Error(`no link in ${queued[0]?.mail.text}`);
    expect(queued[0]?.mail.html).toContain(link);
    const token = new URL(link).searchParams.get('token') ?? '';
    const ok = await t.http.post('/api/auth/magic-link/verify').send({ token }).expect(200);
    const me = await t.http
      .get('/api/auth/me')
      .set(...auth(ok.body.accessToken as string))
      .expect(200);
    expect(me.body).toMatchObject({ kind: 'delegate', id: d(2, 1), email: email(2, 1) });
    await t.http.post('/api/auth/magic-link/verify').send({ token }).expect(401);
    // Unknown addresses get the same answer and no mail.
    const after = await ids();
    await t.http.post('/api/auth/magic-link').send({ email: 'nobody@example.org' }).expect(202);
    expect(await newSince(after)).toEqual([]);
  });

  it('the default sender also logs the link with NODE_ENV=development set explicitly (and only then), besides queueing the mail', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const config = t.app.get<AppConfig>(APP_CONFIG);
    const message = {
      to: email(4, 1),
      name: 'Delegate 4-1',
      url: 'https://match.example.org/login?token=dev-line',
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    };
    // Issue 14: development by default (NODE_ENV unset) logs no link; only NODE_ENV=development set explicitly does.
    const cases = [
      ['development', { env: 'development', logLoginLinks: true }],
      ['unset', { env: 'development', logLoginLinks: false }],
      ['production', { env: 'production', logLoginLinks: false }],
    ] as const;
    for (const [name, flags] of cases) {
      const sender = new OutboxMagicLinkSender(mail, { ...config, ...flags }, pino({ level: 'info' }, sink));
      const seen = await ids();
      await t.db.transaction((m) => sender.send({ ...message, url: `${message.url}-${name}` }, m));
      const queued = await newSince(seen);
      expect(recipients(queued)).toEqual([email(4, 1)]);
      expect(queued[0]?.mail.text).toContain(`${message.url}-${name}`);
    }
    const logged = lines.map((l) => JSON.parse(l) as { url?: string; outboxId?: string });
    expect(logged.map((l) => l.url)).toEqual([`${message.url}-development`]);
    expect(typeof logged[0]?.outboxId).toBe('string');
  });

  it('publishing mails every attendee the agenda with a parseable .ics; a late-change re-publish mails only the affected', async () => {
    // Accepted so far: 0->[1,2] is pending (cluster 1 and 2 have not answered); accept it fully, add two more.
    const requests = await t.http
      .get(`/api/events/${b.eventId}/requests?status=pending`)
      .set(...auth(org))
      .expect(200);
    const group = (requests.body as { id: string; note: string }[]).find((r) => r.note === 'Hydrogen storage pilots');
    if (!group) throw new Error('group request missing');
    await accept(group.id, 1);
    await accept(group.id, 2);
    const r34 = (requests.body as { id: string; note: string }[]).find((r) => r.note === 'Stored now');
    if (!r34) throw new Error('request 3->4 missing');
    await accept(r34.id, 4);

    const v1 = await solve('solve');
    expect(v1.assignments.length).toBe(3);
    let seen = await ids();
    // The publish fails as a whole when its mails cannot be stored.
    await withOutboxDown(t, db, async () => {
      await t.http
        .post(`/api/events/${b.eventId}/schedule/versions/${v1.id}/publish`)
        .set(...auth(org))
        .expect(500);
    });
    expect(
      (
        await t.http
          .get(`/api/events/${b.eventId}/schedule/versions/${v1.id}`)
          .set(...auth(org))
          .expect(200)
      ).body.state,
    ).toBe('draft');
    expect(await newSince(seen)).toEqual([]);

    await t.http
      .post(`/api/events/${b.eventId}/schedule/versions/${v1.id}/publish`)
      .set(...auth(org))
      .expect(200);
    const published = await newSince(seen);
    const attendees = [...new Set(v1.assignments.flatMap((a) => a.people.map((p) => p.id)))];
    expect(await kinds(published)).toEqual(attendees.map(() => 'schedule-published'));
    expect(published.map((x) => x.id)).toEqual(attendees.map((p) => `schedule-published.${v1.id}.${p}`).sort());
    expect(recipients(published)).toEqual(attendees.map((p) => emails.get(p)).sort());
    for (const person of attendees) {
      const m = published.find((x) => x.id === `schedule-published.${v1.id}.${person}`);
      const ics = m?.mail.attachments?.find((a) => a.filename.endsWith('.ics'));
      expect(ics?.contentType).toMatch(/text\/calendar/);
      const parsed = parseIcs(ics?.content ?? '');
      const mine = v1.assignments.filter((a) => a.people.some((p) => p.id === person));
      expect(parsed.events.map((e) => [e.uid, e.start, e.tzid, e.status]).sort()).toEqual(
        mine
          .map((a) => [`${a.requestId}.${person}@clustermatch`, epoch(a.slot.start), 'Europe/Berlin', 'CONFIRMED'])
          .sort(),
      );
    }

    // Late change: the requester of 3->4 withdraws; re-solve keeping the rest, publish version 2.
    await t.http
      .post(`/api/requests/${r34.id}/withdraw`)
      .set(...(await as(d(3))))
      .send({})
      .expect((r) => expect([200, 201]).toContain(r.status));
    const v2 = await solve('resolve');
    expect(v2.changes?.removed.map((x) => x.requestId)).toEqual([r34.id]);
    const touched = new Set(
      [...(v2.changes?.removed ?? []), ...(v2.changes?.moved ?? []), ...(v2.changes?.added ?? [])].map(
        (x) => x.requestId,
      ),
    );
    const affected = [
      ...new Set(
        [...v1.assignments, ...v2.assignments]
          .filter((a) => touched.has(a.requestId))
          .flatMap((a) => a.people.map((p) => p.id)),
      ),
    ];
    seen = await ids();
    await t.http
      .post(`/api/events/${b.eventId}/schedule/versions/${v2.id}/publish`)
      .set(...auth(org))
      .expect(200);
    const changed = await newSince(seen);
    expect(await kinds(changed)).toEqual(affected.map(() => 'schedule-changed'));
    expect(recipients(changed)).toEqual(affected.map((p) => emails.get(p)).sort());
    // Somebody kept their meetings and got no mail.
    expect(attendees.filter((p) => !affected.includes(p)).length).toBeGreaterThan(0);
    const toRequester = changed.find((x) => x.id === `schedule-changed.${v2.id}.${d(3)}`);
    expect(toRequester?.mail.text).toMatch(/cancel/i);
    const cancelled = parseIcs(
      toRequester?.mail.attachments?.find((a) => a.filename.endsWith('.ics'))?.content ?? '',
    ).events.find((e) => e.uid === `${r34.id}.${d(3)}@clustermatch`);
    expect(cancelled).toMatchObject({ status: 'CANCELLED' });
    expect(cancelled?.sequence).toBeGreaterThan(0);
  });
});
