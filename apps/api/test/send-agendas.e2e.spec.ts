/**
 * The organiser's "send agendas" (POST /api/events/:eventId/schedule/published/send-agendas), through
 * HTTP on SQLite and PostgreSQL: 409 before anything is published; afterwards every attendee with a
 * meeting in the published version gets their agenda with a parseable .ics, each call with fresh
 * message ids (a re-send is not swallowed by de-duplication), all in one transaction; delegates get 403.
 */
import type { OutboxMessage } from '@clustermatch/mail';
import { randomUUID } from 'node:crypto';
import { MailService } from '../src/mail/mail.service';
import { buildWorld, epoch, parseIcs, publishVersion, type Placement, type World } from '../test-utils/world';
import { startTestApp, withOutboxDown, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

describe.each(['sqlite', 'postgres'] as const)('send agendas through HTTP on %s', (db) => {
  let t: TestApp;
  let w: World;
  let mail: MailService;
  const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];
  const url = (eventId: string): string => `/api/events/${eventId}/schedule/published/send-agendas`;
  const ids = async (): Promise<Set<string>> => new Set((await mail.messages()).map((x) => x.id));
  const newSince = async (seen: ReadonlySet<string>): Promise<OutboxMessage[]> =>
    (await mail.messages()).filter((x) => !seen.has(x.id)).sort((x, y) => x.id.localeCompare(y.id));
  const address = (x: OutboxMessage): string => /<([^<>]+)>\s*$/.exec(x.mail.to)?.[1] ?? x.mail.to;
  const kinds = async (ms: readonly OutboxMessage[]): Promise<string[]> => {
    const kindOf = new Map((await mail.list({ limit: 10_000 })).map((v) => [v.id, v.kind]));
    return ms.map((x) => kindOf.get(x.id) ?? '?');
  };
  const icsOf = (x: OutboxMessage | undefined): ReturnType<typeof parseIcs> => {
    const a = x?.mail.attachments?.find((f) => f.filename.endsWith('.ics'));
    expect(a?.contentType).toMatch(/text\/calendar/);
    return parseIcs(a?.content ?? '');
  };
  /** Each delegate's meetings (request ids) in `placements`. */
  const meetingsOf = (placements: readonly Placement[]): Map<string, Placement[]> => {
    const out = new Map<string, Placement[]>();
    for (const p of placements)
      for (const c of p.request.clusters) out.set(c.delegate.id, [...(out.get(c.delegate.id) ?? []), p]);
    return out;
  };

  beforeAll(async () => {
    t = await startTestApp({ db, config: { publicUrl: 'https://match.example.org' } });
    mail = t.app.get(MailService);
    w = await buildWorld(t, 3);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 409 before anything is published, 404 for an unknown event, 403 to a delegate; nothing is queued', async () => {
    const seen = await ids();
    const res = await t.http
      .post(url(w.eventId))
      .set(...auth(w.org))
      .send({})
      .expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, message: expect.stringMatching(/published/) });
    await t.http
      .post(url(randomUUID()))
      .set(...auth(w.org))
      .send({})
      .expect(404);
    await t.http
      .post(url(w.eventId))
      .set(...auth(w.clusters[0]?.delegate.token ?? ''))
      .send({})
      .expect(403);
    expect(await newSince(seen)).toEqual([]);
  });

  it('queues every attendee their agenda with a parseable .ics, again with fresh ids on every call; all or nothing', async () => {
    const [r01, r02, r12] = w.requests;
    if (!r01 || !r02 || !r12) throw new Error('world has too few requests');
    const placements: Placement[] = [
      { request: r01, slot: 0, table: 0 },
      { request: r02, slot: 1, table: 1 },
      { request: r12, slot: 2, table: 0 },
    ];
    const v1 = await publishVersion(t, w, placements, '2027-04-01T10:00:00.000Z');
    const mine = meetingsOf(placements);

    let seen = await ids();
    const first = await t.http
      .post(url(w.eventId))
      .set(...auth(w.org))
      .send({})
      .expect(200);
    expect(first.body).toEqual({ versionId: v1, versionNumber: 1, queued: 3 });
    const batch1 = await newSince(seen);
    expect(batch1).toHaveLength(3);
    expect(await kinds(batch1)).toEqual(['schedule-published', 'schedule-published', 'schedule-published']);
    expect(batch1.map(address).sort()).toEqual(w.clusters.map((c) => c.delegate.email).sort());
    for (const c of w.clusters) {
      const m = batch1.find((x) => address(x) === c.delegate.email);
      expect(m?.id).toMatch(new RegExp(`^agendas\\.${v1}\\.${c.delegate.id}\\.`));
      expect(m?.status).toBe('pending');
      expect(m?.mail.subject).toContain('Your agenda');
      expect(m?.mail.text).toContain(`https://match.example.org/events/${w.eventId}/agenda`);
      const parsed = icsOf(m);
      const expected = (mine.get(c.delegate.id) ?? []).map((p) => [
        `${p.request.id}.${c.delegate.id}@clustermatch`,
        epoch(w.slots[p.slot]?.startsAt ?? ''),
        'CONFIRMED',
      ]);
      expect(parsed.events.map((e) => [e.uid, e.start, e.status]).sort()).toEqual(expected.sort());
      expect(parsed.events.every((e) => e.tzid === 'Europe/Berlin')).toBe(true);
    }

    // A second press queues the same agendas again, under new ids.
    seen = await ids();
    const again = await t.http
      .post(url(w.eventId))
      .set(...auth(w.org))
      .send({})
      .expect(200);
    expect(again.body.queued).toBe(3);
    const batch2 = await newSince(seen);
    expect(batch2.map(address).sort()).toEqual(batch1.map(address).sort());
    expect(batch2.map((x) => x.id).filter((id) => batch1.some((y) => y.id === id))).toEqual([]);
    expect(new Set(batch2.map((x) => x.mail.messageId)).size).toBe(3);
    for (const x of batch2) expect(batch1.map((y) => y.mail.messageId)).not.toContain(x.mail.messageId);

    // A delegate cannot trigger it.
    seen = await ids();
    await t.http
      .post(url(w.eventId))
      .set(...auth(w.clusters[1]?.delegate.token ?? ''))
      .send({})
      .expect(403);
    // One transaction: when one mail cannot be stored, none is.
    await withOutboxDown(t, db, async () => {
      await t.http
        .post(url(w.eventId))
        .set(...auth(w.org))
        .send({})
        .expect(500);
    });
    expect(await newSince(seen)).toEqual([]);
  });

  it('after a late change, only attendees who still have a meeting get the newest agenda (cancelled meetings marked)', async () => {
    const [r01, r02] = w.requests;
    if (!r01 || !r02) throw new Error('world has too few requests');
    // Version 2 drops 1->2; version 3 drops 0->2 too: cluster 2's delegate has only cancelled meetings left
    // and gets nothing, clusters 0 and 1 keep 0->1.
    await publishVersion(
      t,
      w,
      [r01, r02].map((request, i) => ({ request, slot: i, table: i })),
      '2027-04-02T10:00:00.000Z',
    );
    const v3 = await publishVersion(t, w, [{ request: r01, slot: 0, table: 0 }], '2027-04-03T10:00:00.000Z');
    const seen = await ids();
    const res = await t.http
      .post(url(w.eventId))
      .set(...auth(w.org))
      .send({})
      .expect(200);
    expect(res.body).toEqual({ versionId: v3, versionNumber: 3, queued: 2 });
    const sent = await newSince(seen);
    const [c0, c1, c2] = w.clusters;
    if (!c0 || !c1 || !c2) throw new Error('world has too few clusters');
    expect(sent.map(address).sort()).toEqual([c0.delegate.email, c1.delegate.email].sort());
    expect(sent.map(address)).not.toContain(c2.delegate.email);
    const events = icsOf(sent.find((x) => address(x) === c0.delegate.email)).events;
    const status = new Map(events.map((e) => [e.uid, e.status]));
    expect(status.get(`${r01.id}.${c0.delegate.id}@clustermatch`)).toBe('CONFIRMED');
    expect(status.get(`${r02.id}.${c0.delegate.id}@clustermatch`)).toBe('CANCELLED');
  });
});
