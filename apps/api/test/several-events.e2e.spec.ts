/**
 * Issue 9, item 2, on SQLite and PostgreSQL: a new event copying parts of an earlier one of the same organisation
 * (day plan shifted to the new dates, tables with seats, features and stands, participants with their delegates;
 * never requests, schedules or feedback), each part alone, nothing written on an error, another organisation's
 * event 404, viewers refused; archiving a past event (and not one still to come); a cluster's history across
 * events; and the organisation's clusters not yet in an event, to add one from an earlier event.
 */
import { acceptedRequest, setUpEvent, solveAndPublish, startTestApp, type Basics, type TestApp } from '../test-utils';

jest.setTimeout(180_000);

interface EventView {
  id: string;
  name: string;
  timezone: string;
  days: { date: string; startTime: string; endTime: string; meetingMinutes: number; breaks: unknown[] }[];
  tables: { name: string; seats: number; features: string[]; standClusterId: string | null }[];
  slotCount: number;
  archivedAt: string | null;
  copied?: { fromEventId: string; days: number; tables: number; clusters: number; delegates: number } | null;
}

describe.each(['sqlite', 'postgres'] as const)('several events of an organisation (%s)', (db) => {
  let t: TestApp;
  let b: Basics;
  let org: string;
  let meetingId: string;
  const auth = (token = org): [string, string] => ['Authorization', `Bearer ${token}`];
  const base = {
    name: 'Second conference',
    venue: 'Hall 2',
    timezone: 'Europe/Copenhagen',
    requestDeadline: '2099-01-01T00:00:00Z',
  };
  const create = (body: Record<string, unknown>, token = org) =>
    t.http
      .post('/api/events')
      .set(...auth(token))
      .send({ ...base, ...body });
  const eventCount = async (): Promise<number> =>
    (
      (
        await t.http
          .get('/api/events')
          .set(...auth())
          .expect(200)
      ).body as unknown[]
    ).length;
  const clustersOf = async (eventId: string): Promise<string[]> =>
    (
      (
        await t.http
          .get(`/api/events/${eventId}/participants/clusters`)
          .set(...auth())
          .expect(200)
      ).body as {
        items: { id: string }[];
      }
    ).items
      .map((c) => c.id)
      .sort();

  beforeAll(async () => {
    t = await startTestApp({ db });
    org = await t.organiserToken();
    b = await setUpEvent(t, 3, 2);
    // A table with a feature and a stand, so that copying them can be seen.
    await t.http
      .put(`/api/events/${b.eventId}/tables`)
      .set(...auth())
      .send({
        tables: [
          { name: 'T1', seats: 4, features: ['accessible'] },
          { name: 'T2', seats: 4 },
          { name: 'Stand A', seats: 6, standClusterId: b.clusterIds[0] },
        ],
      })
      .expect(200);
    meetingId = await acceptedRequest(t, b, 0, 1);
    await solveAndPublish(t, b.eventId, org);
    await t.http
      .put(`/api/events/${b.eventId}/meetings/${meetingId}/status`)
      .set(...auth())
      .send({ status: 'held' })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('copies the day plan (shifted to the new first day), the tables and the participants, and nothing else', async () => {
    const source = (
      await t.http
        .get(`/api/events/${b.eventId}`)
        .set(...auth())
        .expect(200)
    ).body as EventView;
    const res = await create({
      copyFrom: { eventId: b.eventId, dayPlan: true, firstDay: '2028-05-09', tables: true, participants: true },
    });
    expect(res.status).toBe(201);
    const ev = res.body as EventView;
    expect(ev.days).toEqual([
      {
        date: '2028-05-09',
        startTime: '09:00',
        endTime: '12:00',
        meetingMinutes: 30,
        breaks: [{ start: '10:30', end: '11:00' }],
      },
    ]);
    expect(source.days[0]?.date).toBe('2027-05-11');
    expect(ev.slotCount).toBe(source.slotCount);
    const slots = (
      await t.http
        .get(`/api/events/${ev.id}/slots`)
        .set(...auth())
        .expect(200)
    ).body as {
      startsAt: string;
    }[];
    // Copenhagen in May is UTC+2, the same wall-clock times on the new date.
    expect(slots[0]?.startsAt).toBe('2028-05-09T09:00:00+02:00');
    expect(ev.tables.map((x) => [x.name, x.seats, x.features, x.standClusterId])).toEqual([
      ['T1', 4, ['accessible'], null],
      ['T2', 4, [], null],
      ['Stand A', 6, [], b.clusterIds[0]],
    ]);
    expect(ev.copied).toEqual({ fromEventId: b.eventId, days: 1, tables: 3, clusters: 3, delegates: 6 });
    expect(await clustersOf(ev.id)).toEqual([...b.clusterIds].sort());
    // Delegates come with their cluster: one of them sees the new event's directory.
    const delegate = await t.delegateToken(b.delegateIds[2]?.[0] ?? '');
    expect(
      (
        await t.http
          .get(`/api/events/${ev.id}/clusters`)
          .set(...auth(delegate))
          .expect(200)
      ).body.total,
    ).toBe(3);
    // Requests, schedules and feedback stay with the earlier event.
    expect(
      (
        await t.http
          .get(`/api/events/${ev.id}/requests`)
          .set(...auth())
          .expect(200)
      ).body,
    ).toHaveLength(0);
    expect(
      (
        await t.http
          .get(`/api/events/${ev.id}/schedule/versions`)
          .set(...auth())
          .expect(200)
      ).body,
    ).toHaveLength(0);
    expect(
      (
        await t.http
          .get(`/api/events/${b.eventId}/requests`)
          .set(...auth())
          .expect(200)
      ).body,
    ).toHaveLength(1);
  });

  it('copies each part alone: tables without participants lose their stands', async () => {
    const onlyTables = await create({ name: 'Only tables', copyFrom: { eventId: b.eventId, tables: true } });
    expect(onlyTables.status).toBe(201);
    expect(onlyTables.body.days).toEqual([]);
    expect(onlyTables.body.tables.map((x: EventView['tables'][number]) => x.standClusterId)).toEqual([
      null,
      null,
      null,
    ]);
    expect(await clustersOf(onlyTables.body.id)).toEqual([]);

    const onlyPeople = await create({ name: 'Only people', copyFrom: { eventId: b.eventId, participants: true } });
    expect(onlyPeople.status).toBe(201);
    expect(onlyPeople.body.tables).toEqual([]);
    expect(onlyPeople.body.copied).toMatchObject({ days: 0, tables: 0, clusters: 3, delegates: 6 });

    // The taxonomy is shared by every event: asking to copy it writes nothing and is no error.
    const withTerms = await create({
      name: 'Days and terms',
      copyFrom: { eventId: b.eventId, dayPlan: true, firstDay: '2029-01-15', taxonomy: true },
    });
    expect(withTerms.status).toBe(201);
    expect(withTerms.body.days.map((d: { date: string }) => d.date)).toEqual(['2029-01-15']);
    expect(withTerms.body.tables).toEqual([]);
  });

  it('writes nothing when any part is wrong, and names the field', async () => {
    const before = await eventCount();
    const noDay = await create({ name: 'Broken 1', copyFrom: { eventId: b.eventId, dayPlan: true } });
    expect(noDay.status).toBe(422);
    expect(noDay.body.fields).toEqual([expect.objectContaining({ path: 'copyFrom.firstDay' })]);

    const both = await create({
      name: 'Broken 2',
      tables: [{ name: 'X', seats: 4 }],
      copyFrom: { eventId: b.eventId, tables: true },
    });
    expect(both.status).toBe(422);
    expect(both.body.fields[0].path).toBe('copyFrom.tables');

    const badDate = await create({
      name: 'Broken 3',
      copyFrom: { eventId: b.eventId, dayPlan: true, firstDay: '9.5.2028' },
    });
    expect(badDate.status).toBe(400);
    expect(JSON.stringify(badDate.body)).toContain('copyFrom.firstDay');

    // Found only while writing (the event and its day plan are written first): the whole transaction rolls back.
    const lateStand = await create({
      name: 'Broken 4',
      days: [{ date: '2028-06-01', startTime: '09:00', endTime: '11:00', meetingMinutes: 30 }],
      tables: [{ name: 'S', seats: 4, standClusterId: b.clusterIds[0] }],
      copyFrom: { eventId: b.eventId, participants: false },
    });
    expect(lateStand.status).toBe(422);
    expect(lateStand.body.fields[0].path).toBe('tables[0].standClusterId');

    expect(await eventCount()).toBe(before);
    const names = (
      (
        await t.http
          .get('/api/events')
          .set(...auth())
          .expect(200)
      ).body as { name: string }[]
    ).map((e) => e.name);
    expect(names.filter((n) => n.startsWith('Broken'))).toEqual([]);
  });

  it("refuses another organisation's event as the source (404) and viewers (403)", async () => {
    const beta = await t.organiserOf('Beta', 'owner');
    const res = await create({ copyFrom: { eventId: b.eventId, participants: true } }, beta.token);
    expect(res.status).toBe(404);
    expect(
      (
        (
          await t.http
            .get('/api/events')
            .set(...auth(beta.token))
            .expect(200)
        ).body as unknown[]
      ).length,
    ).toBe(0);
    // Nor may Beta archive A's event or list its candidates.
    expect((await t.http.post(`/api/events/${b.eventId}/archive`).set(...auth(beta.token))).status).toBe(404);
    expect((await t.http.get(`/api/events/${b.eventId}/participants/candidates`).set(...auth(beta.token))).status).toBe(
      404,
    );
    expect((await t.http.get(`/api/clusters/${b.clusterIds[0]}/history/events`).set(...auth(beta.token))).status).toBe(
      404,
    );

    const viewer = (await t.organiserOf('Demo organisation', 'viewer')).token;
    const before = await eventCount();
    expect((await create({ copyFrom: { eventId: b.eventId, participants: true } }, viewer)).status).toBe(403);
    expect((await t.http.post(`/api/events/${b.eventId}/archive`).set(...auth(viewer))).status).toBe(403);
    expect((await t.http.delete(`/api/events/${b.eventId}/archive`).set(...auth(viewer))).status).toBe(403);
    expect(await eventCount()).toBe(before);
    // Viewers read: the history and the candidates.
    expect((await t.http.get(`/api/clusters/${b.clusterIds[0]}/history/events`).set(...auth(viewer))).status).toBe(200);
    expect((await t.http.get(`/api/events/${b.eventId}/participants/candidates`).set(...auth(viewer))).status).toBe(
      200,
    );
  });

  it('archives a past event and takes it back out; an event still to come is not archived', async () => {
    const notYet = await t.http.post(`/api/events/${b.eventId}/archive`).set(...auth());
    expect(notYet.status).toBe(409);
    expect(notYet.body.message).toContain('has not ended');

    const past = await create({
      name: 'Spring 2020',
      days: [{ date: '2020-03-10', startTime: '09:00', endTime: '12:00', meetingMinutes: 30 }],
    });
    expect(past.status).toBe(201);
    const archived = await t.http
      .post(`/api/events/${past.body.id}/archive`)
      .set(...auth())
      .expect(200);
    expect(Date.parse(archived.body.archivedAt)).toBeGreaterThan(Date.now() - 60_000);
    const listed = (
      (
        await t.http
          .get('/api/events')
          .set(...auth())
          .expect(200)
      ).body as {
        id: string;
        archivedAt: string | null;
        firstDay: string | null;
        lastDay: string | null;
      }[]
    ).find((e) => e.id === past.body.id);
    expect(listed).toMatchObject({
      archivedAt: archived.body.archivedAt,
      firstDay: '2020-03-10',
      lastDay: '2020-03-10',
    });
    // Archived events stay open as usual (their feedback and follow-ups go on).
    expect((await t.http.get(`/api/events/${past.body.id}`).set(...auth())).status).toBe(200);
    expect(
      (
        await t.http
          .patch(`/api/events/${past.body.id}`)
          .set(...auth())
          .send({ venue: 'Hall 9' })
      ).status,
    ).toBe(200);
    // Archiving again changes nothing.
    const again = await t.http
      .post(`/api/events/${past.body.id}/archive`)
      .set(...auth())
      .expect(200);
    expect(again.body.archivedAt).toBe(archived.body.archivedAt);

    const back = await t.http
      .delete(`/api/events/${past.body.id}/archive`)
      .set(...auth())
      .expect(200);
    expect(back.body.archivedAt).toBeNull();
  });

  it("shows a cluster's history across events: meetings held, with whom, and the events it takes part in", async () => {
    const next = await create({ name: 'History next', copyFrom: { eventId: b.eventId, participants: true } });
    expect(next.status).toBe(201);
    const res = await t.http
      .get(`/api/clusters/${b.clusterIds[0]}/history/events`)
      .set(...auth())
      .expect(200);
    const history = res.body as {
      eventId: string;
      takesPart: boolean;
      held: number;
      scheduled: number;
      meetings: { meetingId: string; status: string; withClusters: { id: string; name: string }[] }[];
    }[];
    const first = history.find((h) => h.eventId === b.eventId);
    expect(first).toMatchObject({ takesPart: true, held: 1, scheduled: 0 });
    expect(first?.meetings).toEqual([
      expect.objectContaining({
        meetingId,
        status: 'held',
        withClusters: [{ id: b.clusterIds[1], name: expect.any(String) }],
      }),
    ]);
    expect(history.find((h) => h.eventId === next.body.id)).toMatchObject({ takesPart: true, held: 0, meetings: [] });
    // Cluster 2 met nobody.
    const third = (
      await t.http
        .get(`/api/clusters/${b.clusterIds[2]}/history/events`)
        .set(...auth())
        .expect(200)
    ).body as { eventId: string; meetings: unknown[] }[];
    expect(third.find((h) => h.eventId === b.eventId)?.meetings).toEqual([]);

    // The cluster's own delegate reads it; another cluster's delegate does not.
    const own = await t.delegateToken(b.delegateIds[0]?.[0] ?? '');
    expect((await t.http.get(`/api/clusters/${b.clusterIds[0]}/history/events`).set(...auth(own))).status).toBe(200);
    const other = await t.delegateToken(b.delegateIds[2]?.[0] ?? '');
    expect((await t.http.get(`/api/clusters/${b.clusterIds[0]}/history/events`).set(...auth(other))).status).toBe(403);
  });

  it("lists the organisation's clusters not yet in an event, and adds one with its delegates", async () => {
    const fresh = await create({ name: 'Autumn', copyFrom: { eventId: b.eventId, tables: true } });
    const url = `/api/events/${fresh.body.id}/participants/candidates`;
    const all = (
      await t.http
        .get(url)
        .set(...auth())
        .expect(200)
    ).body as {
      total: number;
      items: { id: string; name: string; delegates: number; lastEventName: string | null }[];
    };
    expect(all.total).toBe(3);
    expect(all.items.map((c) => c.id).sort()).toEqual([...b.clusterIds].sort());
    expect(all.items.every((c) => c.delegates === 2 && c.lastEventName !== null)).toBe(true);
    const name = all.items[0]?.name ?? '';
    const found = (
      await t.http
        .get(url)
        .query({ q: name })
        .set(...auth())
        .expect(200)
    ).body;
    expect(found.items.map((c: { name: string }) => c.name)).toEqual([name]);
    expect(
      (
        await t.http
          .get(url)
          .query({ q: 'no such cluster' })
          .set(...auth())
          .expect(200)
      ).body.total,
    ).toBe(0);

    await t.http
      .post(`/api/events/${fresh.body.id}/participants`)
      .set(...auth())
      .send({ clusterId: all.items[0]?.id })
      .expect(201);
    expect(
      (
        await t.http
          .get(url)
          .set(...auth())
          .expect(200)
      ).body.total,
    ).toBe(2);
    const rows = (
      await t.http
        .get(`/api/events/${fresh.body.id}/participants/delegates`)
        .set(...auth())
        .expect(200)
    ).body as { total: number };
    expect(rows.total).toBe(2);
  });
});
