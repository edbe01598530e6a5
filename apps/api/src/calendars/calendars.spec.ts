/**
 * Calendars through the real app on a fresh SQLite file: the secret feed URL, the delegate's
 * download, the organiser's whole event; parsed back with ical.js; SEQUENCE and CANCELLED across
 * published versions; rotation and revocation (404).
 */
import { startTestApp, type TestApp } from '../../test-utils';
import { buildWorld, epoch, parseIcs, publishVersion, type World } from '../../test-utils/world';

jest.setTimeout(60_000);

describe('calendars in the service', () => {
  let t: TestApp;
  let w: World;
  const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });
  /** Path part of a feed URL (supertest talks to the app directly). */
  const pathOf = (url: string): string => new URL(url).pathname;

  beforeAll(async () => {
    t = await startTestApp({ db: 'sqlite' });
    w = await buildWorld(t, 3);
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves a feed at a secret URL, empty before the first publish, then the published agenda with instants and zone', async () => {
    const d0 = w.clusters[0]?.delegate;
    if (!d0) throw new Error('no delegate');
    const feed = await t.http.get(`/api/events/${w.eventId}/agenda/feed`).set(bearer(d0.token)).expect(200);
    expect(feed.body.url).toMatch(/\/calendars\/[A-Za-z0-9_-]{43}\.ics$/);
    const again = await t.http.get(`/api/events/${w.eventId}/agenda/feed`).set(bearer(d0.token)).expect(200);
    expect(again.body.url).toBe(feed.body.url);

    const before = await t.http.get(pathOf(feed.body.url)).expect(200);
    expect(before.headers['content-type']).toMatch(/^text\/calendar/);
    expect(parseIcs(before.text).events).toEqual([]);

    const [r01, r02, r12] = w.requests;
    if (!r01 || !r02 || !r12) throw new Error('requests missing');
    await publishVersion(
      t,
      w,
      [
        { request: r01, slot: 0, table: 0 },
        { request: r02, slot: 1, table: 1 },
        { request: r12, slot: 0, table: 2 },
      ],
      '2027-04-01T10:00:00.000Z',
    );
    const v1 = parseIcs((await t.http.get(pathOf(feed.body.url)).expect(200)).text);
    expect(v1.method).toBe('PUBLISH');
    expect(v1.events).toHaveLength(2);
    const [e1, e2] = v1.events;
    if (!e1 || !e2) throw new Error('events missing');
    const s0 = w.slots[0];
    const s1 = w.slots[1];
    if (!s0 || !s1) throw new Error('slots missing');
    // 09:00 and 09:30 in Berlin summer time are 07:00Z and 07:30Z, whatever TZ the server has.
    expect(e1.start).toBe(epoch('2027-05-11T07:00:00Z'));
    expect(e1.start).toBe(epoch(s0.startsAt));
    expect(e1.end).toBe(epoch(s0.endsAt));
    expect(e2.start).toBe(epoch(s1.startsAt));
    expect(e1.tzid).toBe('Europe/Berlin');
    expect(e1.uid).toBe(`${r01.id}.${d0.id}@clustermatch`);
    expect(e1.sequence).toBe(0);
    expect(e1.summary).toContain(w.clusters[1]?.name ?? '?');
    expect(e1.location).toBe(`${w.tables[0]?.name}, Hall 1`);
    expect(e1.description).toContain(r01.note);
    expect(e1.status).toBe('CONFIRMED');

    // Version 2: r01 moves to slot 3, r02 is no longer held.
    await publishVersion(
      t,
      w,
      [
        { request: r01, slot: 3, table: 0 },
        { request: r12, slot: 0, table: 2 },
      ],
      '2027-04-02T10:00:00.000Z',
    );
    const v2 = parseIcs((await t.http.get(pathOf(feed.body.url)).expect(200)).text);
    const moved = v2.events.find((e) => e.uid === e1.uid);
    const cancelled = v2.events.find((e) => e.uid === e2.uid);
    expect(moved?.sequence).toBe(1);
    expect(moved?.start).toBe(epoch(w.slots[3]?.startsAt ?? ''));
    expect(moved?.status).toBe('CONFIRMED');
    expect(cancelled?.status).toBe('CANCELLED');
    expect(cancelled?.sequence).toBe(1);
    expect(v2.events).toHaveLength(2);

    // Version 3 keeps everything: sequences do not change, the cancelled meeting stays cancelled.
    await publishVersion(
      t,
      w,
      [
        { request: r01, slot: 3, table: 0 },
        { request: r12, slot: 0, table: 2 },
      ],
      '2027-04-03T10:00:00.000Z',
    );
    const v3 = parseIcs((await t.http.get(pathOf(feed.body.url)).expect(200)).text);
    expect(v3.events.map((e) => [e.uid, e.sequence, e.status]).sort()).toEqual(
      v2.events.map((e) => [e.uid, e.sequence, e.status]).sort(),
    );
  });

  it('lets the delegate download their agenda and the organiser the whole event; login required', async () => {
    const d1 = w.clusters[1]?.delegate;
    if (!d1) throw new Error('no delegate');
    const own = await t.http.get(`/api/events/${w.eventId}/agenda.ics`).set(bearer(d1.token)).expect(200);
    expect(own.headers['content-disposition']).toMatch(/^attachment; filename=".+\.ics"$/);
    const mine = parseIcs(own.text);
    // Cluster 1 meets cluster 0 (r01) and cluster 2 (r12), both held in the latest version.
    expect(mine.events.map((e) => e.uid).sort()).toEqual(
      [`${w.requests[0]?.id}.${d1.id}@clustermatch`, `${w.requests[2]?.id}.${d1.id}@clustermatch`].sort(),
    );
    await t.http.get(`/api/events/${w.eventId}/agenda.ics`).expect(401);
    await t.http.get(`/api/events/${w.eventId}/agenda.ics`).set(bearer(w.org)).expect(403);

    const all = await t.http.get(`/api/events/${w.eventId}/calendar.ics`).set(bearer(w.org)).expect(200);
    const events = parseIcs(all.text).events;
    // One VEVENT per meeting (not per attendee): two held, one cancelled.
    expect(events.map((e) => e.uid).sort()).toEqual(w.requests.map((r) => `${r.id}@clustermatch`).sort());
    expect(events.filter((e) => e.status === 'CANCELLED').map((e) => e.uid)).toEqual([
      `${w.requests[1]?.id}@clustermatch`,
    ]);
    await t.http.get(`/api/events/${w.eventId}/calendar.ics`).set(bearer(d1.token)).expect(403);
  });

  it('documents the calendar and outbox routes in the OpenAPI document', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    const paths = Object.keys(doc.body.paths as Record<string, unknown>);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/events/{eventId}/agenda.ics',
        '/api/events/{eventId}/agenda/feed',
        '/api/events/{eventId}/calendar.ics',
        '/api/mail/outbox',
        '/api/mail/outbox/{id}/requeue',
      ]),
    );
  });

  it('rotates and revokes feed URLs: the old token answers 404, as does an unknown one', async () => {
    const d2 = w.clusters[2]?.delegate;
    if (!d2) throw new Error('no delegate');
    const first = await t.http.get(`/api/events/${w.eventId}/agenda/feed`).set(bearer(d2.token)).expect(200);
    await t.http.get(pathOf(first.body.url)).expect(200);
    const rotated = await t.http.post(`/api/events/${w.eventId}/agenda/feed/rotate`).set(bearer(d2.token)).expect(200);
    expect(rotated.body.url).not.toBe(first.body.url);
    const gone = await t.http.get(pathOf(first.body.url)).expect(404);
    expect(gone.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    // Cluster 2: r12 held, r02 cancelled in version 2.
    expect(
      parseIcs((await t.http.get(pathOf(rotated.body.url)).expect(200)).text)
        .events.map((e) => e.status)
        .sort(),
    ).toEqual(['CANCELLED', 'CONFIRMED']);
    await t.http.delete(`/api/events/${w.eventId}/agenda/feed`).set(bearer(d2.token)).expect(204);
    await t.http.get(pathOf(rotated.body.url)).expect(404);
    await t.http.delete(`/api/events/${w.eventId}/agenda/feed`).set(bearer(d2.token)).expect(404);
    await t.http.get('/calendars/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics').expect(404);
    await t.http.get('/calendars/not-a-calendar').expect(404);

    // The organiser's feed: no login needed with the token; rotation revokes the old one.
    const org = await t.http.get(`/api/events/${w.eventId}/calendar/feed`).set(bearer(w.org)).expect(200);
    expect(parseIcs((await t.http.get(pathOf(org.body.url)).expect(200)).text).events).toHaveLength(3);
    await t.http.post(`/api/events/${w.eventId}/calendar/feed/rotate`).set(bearer(w.org)).expect(200);
    await t.http.get(pathOf(org.body.url)).expect(404);
    await t.http.get(`/api/events/${w.eventId}/calendar/feed`).set(bearer(d2.token)).expect(403);
    await t.http.get(`/api/events/00000000-0000-0000-0000-000000000000/calendar/feed`).set(bearer(w.org)).expect(404);
  });
});
