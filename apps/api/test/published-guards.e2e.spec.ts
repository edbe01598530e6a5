/**
 * Edits of an event that would silently corrupt a published schedule are refused (409) while a version is
 * published: the time zone, day plans that remove or move used slots, tables that drop a used table or
 * seat fewer people than a meeting there has. Edits that leave the published meetings alone stay allowed.
 * Also: cluster names are unique ignoring case in the database, so concurrent creates cannot both win.
 */
import { ClusterEntity } from '../src/clusters/cluster.entity';
import { isClusterNameViolation } from '../src/clusters/clusters.service';
import { clusterBody, startTestApp, waitForJob, type TestApp } from '../test-utils';

jest.setTimeout(180_000);

interface ErrorBody {
  statusCode: number;
  message: string;
  fields?: { path: string; message: string }[];
}
interface Assignment {
  requestId: string;
  slot: { id: string; code: string | null; start: string };
  table: { id: string; name: string };
  people: { id: string }[];
}
interface SlotRow {
  id: string;
  code: string;
  startsAt: string;
  endsAt: string;
}

const DAY = { date: '2027-05-11', startTime: '09:00', endTime: '11:00', meetingMinutes: 30 };
const TABLES = [
  { name: 'A', seats: 4 },
  { name: 'B', seats: 4 },
  { name: 'C', seats: 4 },
];

describe.each(['sqlite', 'postgres'] as const)('published schedule guards on %s', (db) => {
  let t: TestApp;
  let org: string;
  let eventId: string;
  let groupId: string;
  const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

  async function cluster(eventId: string, name: string): Promise<{ id: string; delegateId: string; token: string }> {
    const c = await t.http
      .post('/api/clusters')
      .set(...auth(org))
      .send(clusterBody(0, { name, sectors: [], technologies: [] }))
      .expect(201);
    await t.http
      .post(`/api/events/${eventId}/participants`)
      .set(...auth(org))
      .send({ clusterId: c.body.id })
      .expect(201);
    const d = await t.http
      .post(`/api/clusters/${c.body.id}/delegates`)
      .set(...auth(org))
      .send({
        name: `${name} person`,
        email: `${name.replace(/\W/g, '').toLowerCase()}-${db}@example.org`,
        role: 'Manager',
      })
      .expect(201);
    return { id: c.body.id, delegateId: d.body.id, token: await t.delegateToken(d.body.id) };
  }

  async function slots(id = eventId): Promise<SlotRow[]> {
    return (
      await t.http
        .get(`/api/events/${id}/slots`)
        .set(...auth(org))
        .expect(200)
    ).body as SlotRow[];
  }

  /** An event with a group meeting of three people (Alpha with Beta and Gamma) and a pair (Alpha with Delta). */
  async function makeEvent(suffix = ''): Promise<{ eventId: string; groupId: string }> {
    const ev = await t.http
      .post('/api/events')
      .set(...auth(org))
      .send({
        name: 'Guards',
        venue: 'Hall',
        timezone: 'Europe/Madrid',
        requestDeadline: '2099-01-01T00:00:00Z',
        days: [DAY],
        tables: TABLES,
      })
      .expect(201);
    const eventId: string = ev.body.id;
    const [alpha, beta, gamma, delta] = [
      await cluster(eventId, `Alpha${suffix}`),
      await cluster(eventId, `Beta${suffix}`),
      await cluster(eventId, `Gamma${suffix}`),
      await cluster(eventId, `Delta${suffix}`),
    ];
    const group = await t.http
      .post(`/api/events/${eventId}/requests`)
      .set(...auth(alpha.token))
      .send({ receiverClusterIds: [beta.id, gamma.id], interest: 5, delegateIds: [alpha.delegateId] })
      .expect(201);
    const groupId: string = group.body.id;
    for (const c of [beta, gamma]) {
      await t.http
        .post(`/api/requests/${groupId}/accept`)
        .set(...auth(c.token))
        .send({ interest: 4, delegateIds: [c.delegateId] })
        .expect((r) => expect([200, 201]).toContain(r.status));
    }
    const pair = await t.http
      .post(`/api/events/${eventId}/requests`)
      .set(...auth(alpha.token))
      .send({ receiverClusterIds: [delta.id], interest: 3, delegateIds: [alpha.delegateId] })
      .expect(201);
    await t.http
      .post(`/api/requests/${pair.body.id}/accept`)
      .set(...auth(delta.token))
      .send({ interest: 3, delegateIds: [delta.delegateId] })
      .expect((r) => expect([200, 201]).toContain(r.status));
    return { eventId, groupId };
  }

  /** Solves and publishes the shared event the first time a test asks; its published meetings. */
  let publishing: Promise<Assignment[]> | undefined;
  const published = (): Promise<Assignment[]> =>
    (publishing ??= (async () => {
      const s = await t.http
        .post(`/api/events/${eventId}/schedule/solve`)
        .set(...auth(org))
        .send({ timeLimitSeconds: 1, seed: 3 })
        .expect(202);
      const { version } = await waitForJob(t, s.body.statusUrl, org);
      await t.http
        .post(`/api/events/${eventId}/schedule/versions/${version.id}/publish`)
        .set(...auth(org))
        .expect(200);
      const pub = await t.http
        .get(`/api/events/${eventId}/schedule/versions/published`)
        .set(...auth(org))
        .expect(200);
      return pub.body.assignments as Assignment[];
    })());

  beforeAll(async () => {
    t = await startTestApp({ db });
    org = await t.organiserToken();
    ({ eventId, groupId } = await makeEvent());
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lets the organiser change the time zone, days and tables before anything is published', async () => {
    // An event of its own: the shared one is published by the other tests, in whatever order they run.
    const { eventId } = await makeEvent(' (own event)');
    const moved = await t.http
      .patch(`/api/events/${eventId}`)
      .set(...auth(org))
      .send({ timezone: 'Europe/London' })
      .expect(200);
    expect(moved.body.timezone).toBe('Europe/London');
    expect((await slots(eventId))[0]?.startsAt).toBe('2027-05-11T09:00:00+01:00');
    await t.http
      .patch(`/api/events/${eventId}`)
      .set(...auth(org))
      .send({ timezone: 'Europe/Madrid' })
      .expect(200);
    expect((await slots(eventId))[0]?.startsAt).toBe('2027-05-11T09:00:00+02:00');
    await t.http
      .put(`/api/events/${eventId}/tables`)
      .set(...auth(org))
      .send({ tables: TABLES.slice(0, 2) })
      .expect(200);
    await t.http
      .put(`/api/events/${eventId}/tables`)
      .set(...auth(org))
      .send({ tables: TABLES })
      .expect(200);
  });

  it('refuses to publish a draft whose meetings sit at a table removed since the solve, naming the tables', async () => {
    // An event of its own, so the shared one's published version is not in the way.
    const { eventId } = await makeEvent(' (removed tables)');
    const s = await t.http
      .post(`/api/events/${eventId}/schedule/solve`)
      .set(...auth(org))
      .send({ timeLimitSeconds: 1, seed: 3 })
      .expect(202);
    const { version } = await waitForJob(t, s.body.statusUrl, org);
    const draft = await t.http
      .get(`/api/events/${eventId}/schedule/versions/${version.id}`)
      .set(...auth(org))
      .expect(200);
    const meetings = draft.body.assignments as Assignment[];
    expect(meetings).toHaveLength(2);
    const used = [...new Set(meetings.map((a) => a.table.name))].sort();
    // Nothing is published, so the service lets the organiser drop the used tables (and add D and E).
    await t.http
      .put(`/api/events/${eventId}/tables`)
      .set(...auth(org))
      .send({
        tables: [...TABLES.filter((x) => !used.includes(x.name)), { name: 'D', seats: 4 }, { name: 'E', seats: 4 }],
      })
      .expect(200);
    const publish = (lang?: string) => {
      const req = t.http.post(`/api/events/${eventId}/schedule/versions/${version.id}/publish`).set(...auth(org));
      return lang ? req.set('Accept-Language', lang) : req;
    };
    const n = meetings.length;
    const en = await publish().expect(409);
    expect(en.body).toMatchObject({ statusCode: 409, messageCode: 'publish_removed_tables' });
    expect(en.body.message).toBe(
      `Version ${version.number} has ${n} meetings at tables removed since it was solved (${used.join(', ')}): ` +
        'solve again, or move those meetings to other tables, before publishing',
    );
    const da = await publish('da').expect(409);
    expect(da.body.messageCode).toBe('publish_removed_tables');
    expect(da.body.message).toBe(
      `Version ${version.number} har ${n} møder ved borde, der er fjernet siden planlægningen (${used.join(', ')}): ` +
        'planlæg igen, eller flyt møderne til andre borde, før der offentliggøres',
    );
    // The preview answers as publishing would.
    const preview = await t.http
      .get(`/api/events/${eventId}/schedule/versions/${version.id}/publish-preview`)
      .set(...auth(org))
      .expect(409);
    expect(preview.body.messageCode).toBe('publish_removed_tables');
    // Nothing was published.
    await t.http
      .get(`/api/events/${eventId}/schedule/versions/published`)
      .set(...auth(org))
      .expect(404);
    // Moving the meetings to a table that exists makes the draft publishable.
    for (const a of meetings) {
      await t.http
        .patch(`/api/events/${eventId}/schedule/versions/${version.id}/meetings/${a.requestId}`)
        .set(...auth(org))
        .send({ table: 'D' })
        .expect(200);
    }
    await publish().expect(200);
  });

  it('publishes a schedule', async () => {
    const meetings = await published();
    expect(meetings).toHaveLength(2);
    expect(meetings.find((a) => a.requestId === groupId)?.people).toHaveLength(3);
  });

  it('refuses a time zone change while a version is published, and leaves the slots alone', async () => {
    await published();
    const before = await slots();
    const res = await t.http
      .patch(`/api/events/${eventId}`)
      .set(...auth(org))
      .send({ timezone: 'Asia/Tokyo', name: 'Renamed' })
      .expect(409);
    const body = res.body as ErrorBody;
    expect(body.message).toMatch(
      /time zone cannot change from Europe\/Madrid to Asia\/Tokyo while schedule version 1 is published/,
    );
    expect(body.message).toMatch(/Keep Europe\/Madrid/);
    expect(body.fields?.map((f) => f.path)).toEqual(['timezone']);
    expect(await slots()).toEqual(before);
    const ev = await t.http
      .get(`/api/events/${eventId}`)
      .set(...auth(org))
      .expect(200);
    expect([ev.body.timezone, ev.body.name]).toEqual(['Europe/Madrid', 'Guards']);
    // Other fields, and the same zone again, are fine.
    await t.http
      .patch(`/api/events/${eventId}`)
      .set(...auth(org))
      .send({ name: 'Guards 2027', timezone: 'Europe/Madrid' })
      .expect(200);
  });

  it('refuses day plans that remove or move slots of published meetings, naming slots and meetings', async () => {
    const meetings = await published();
    const before = await slots();
    const used = [...new Set(meetings.map((a) => a.slot.code))].sort();
    // The day moved to another date: every used slot would move a day on.
    const gone = await t.http
      .put(`/api/events/${eventId}/days`)
      .set(...auth(org))
      .send({ days: [{ ...DAY, date: '2027-05-12' }] })
      .expect(409);
    let body = gone.body as ErrorBody;
    expect(body.message).toMatch(/Schedule version 1 is published/);
    for (const code of used)
      expect(body.message).toMatch(new RegExp(`slot ${code} \\(2027-05-11T[^)]+\\) would change to 2027-05-12T`));
    for (const a of meetings) expect(body.message).toContain(`request ${a.requestId} (`);
    expect(body.message).toContain('Alpha + Beta + Gamma');
    expect(body.fields?.map((f) => f.path)).toEqual(used.map(() => 'days'));
    // A day of one slot removes the others.
    const short = await t.http
      .put(`/api/events/${eventId}/days`)
      .set(...auth(org))
      .send({ days: [{ ...DAY, endTime: '09:30' }] })
      .expect(409);
    body = short.body as ErrorBody;
    const later = used.filter((c) => c !== 'd1s01');
    for (const code of later) expect(body.message).toMatch(new RegExp(`slot ${code} \\([^)]+\\) would be removed`));
    expect(body.fields?.map((f) => f.path)).toEqual(later.map(() => 'days[0]'));
    // 40-minute meetings make the first slot end later, move the others (09:40, 10:20) and drop the fourth.
    const moved = await t.http
      .put(`/api/events/${eventId}/days`)
      .set(...auth(org))
      .send({ days: [{ ...DAY, meetingMinutes: 40 }] })
      .expect(409);
    body = moved.body as ErrorBody;
    const expected: Record<string, string> = {
      d1s01:
        'slot d1s01 (2027-05-11T09:00:00+02:00 to 2027-05-11T09:30:00+02:00) would change to 2027-05-11T09:00:00+02:00 to 2027-05-11T09:40:00+02:00',
      d1s02:
        'slot d1s02 (2027-05-11T09:30:00+02:00 to 2027-05-11T10:00:00+02:00) would change to 2027-05-11T09:40:00+02:00 to 2027-05-11T10:20:00+02:00',
      d1s03:
        'slot d1s03 (2027-05-11T10:00:00+02:00 to 2027-05-11T10:30:00+02:00) would change to 2027-05-11T10:20:00+02:00 to 2027-05-11T11:00:00+02:00',
      d1s04: 'slot d1s04 (2027-05-11T10:30:00+02:00 to 2027-05-11T11:00:00+02:00) would be removed',
    };
    for (const code of used) expect(body.message).toContain(expected[code ?? ''] ?? 'never');
    expect(body.fields?.length).toBe(used.length);
    expect(body.fields?.every((f) => f.path === 'days[0]')).toBe(true);
    expect(await slots()).toEqual(before);
  });

  it('allows day plans that keep the published slots: another day, a longer day', async () => {
    await published();
    const before = await slots();
    const res = await t.http
      .put(`/api/events/${eventId}/days`)
      .set(...auth(org))
      .send({
        days: [
          { ...DAY, endTime: '12:00' },
          { ...DAY, date: '2027-05-12' },
        ],
      })
      .expect(200);
    expect(res.body.slotCount).toBe(10);
    const after = await slots();
    for (const s of before) expect(after.find((x) => x.id === s.id)).toEqual(s);
    // Taking the unused additions away again is fine too.
    await t.http
      .put(`/api/events/${eventId}/days`)
      .set(...auth(org))
      .send({ days: [DAY] })
      .expect(200);
    expect(await slots()).toEqual(before);
  });

  it('refuses tables that drop a used table or seat fewer people than its meeting, allows the rest', async () => {
    const meetings = await published();
    const group = meetings.find((a) => a.requestId === groupId);
    if (!group) throw new Error('no group meeting');
    const usedNames = new Set(meetings.map((a) => a.table.name));
    // Lower the group's table to 2 seats (the meeting has 3 people).
    const fewer = await t.http
      .put(`/api/events/${eventId}/tables`)
      .set(...auth(org))
      .send({ tables: TABLES.map((x) => (x.name === group.table.name ? { ...x, seats: 2 } : x)) })
      .expect(409);
    let body = fewer.body as ErrorBody;
    const index = TABLES.findIndex((x) => x.name === group.table.name);
    expect(body.fields).toEqual([
      {
        path: `tables[${index}].seats`,
        code: 'unknown',
        message: expect.stringContaining(`table ${group.table.name} would have 2 seats, fewer than the 3 people`),
      },
    ]);
    expect(body.message).toContain(`request ${groupId} (Alpha + Beta + Gamma`);
    // Drop every used table.
    const dropped = await t.http
      .put(`/api/events/${eventId}/tables`)
      .set(...auth(org))
      .send({ tables: [...TABLES.filter((x) => !usedNames.has(x.name)), { name: 'Z', seats: 6 }] })
      .expect(409);
    body = dropped.body as ErrorBody;
    for (const name of usedNames) expect(body.message).toContain(`table ${name} would be removed`);
    expect(body.message).toMatch(/Meetings affected \(2\)/);
    const ev = await t.http
      .get(`/api/events/${eventId}`)
      .set(...auth(org))
      .expect(200);
    expect(ev.body.tables.map((x: { name: string; seats: number }) => ({ name: x.name, seats: x.seats }))).toEqual(
      TABLES,
    );
    // Unused tables can change or go; new tables can come; a used table may grow or shrink to its meeting's size.
    const kept = TABLES.filter((x) => usedNames.has(x.name)).map((x) => ({
      ...x,
      seats: x.name === group.table.name ? 3 : 2,
    }));
    const ok = await t.http
      .put(`/api/events/${eventId}/tables`)
      .set(...auth(org))
      .send({ tables: [...kept, { name: 'D', seats: 8 }] })
      .expect(200);
    expect(ok.body.tables.map((x: { name: string }) => x.name)).toEqual([...kept.map((x) => x.name), 'D']);
    // The published schedule still reads as published.
    const pub = await t.http
      .get(`/api/events/${eventId}/schedule/versions/published`)
      .set(...auth(org))
      .expect(200);
    expect((pub.body.assignments as Assignment[]).map((a) => [a.requestId, a.slot.code, a.table.name])).toEqual(
      meetings.map((a) => [a.requestId, a.slot.code, a.table.name]),
    );
  });
});

describe.each(['sqlite', 'postgres'] as const)('cluster names unique ignoring case on %s', (db) => {
  let t: TestApp;
  let org: string;
  beforeAll(async () => {
    t = await startTestApp({ db });
    org = await t.organiserToken();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** 20 spellings of the same name, differing only in case. */
  const spellings = Array.from({ length: 20 }, (_, i) =>
    [...'Tokyo Robotics'].map((ch, j) => ((i >> j % 5) & 1 ? ch.toUpperCase() : ch.toLowerCase())).join(''),
  );

  it('creates one of 20 parallel creates that differ only in case; the others get 409', async () => {
    expect(new Set(spellings).size).toBe(20);
    const results = await Promise.all(
      spellings.map((name) =>
        t.http
          .post('/api/clusters')
          .set('Authorization', `Bearer ${org}`)
          .send(clusterBody(1, { name, sectors: [], technologies: [] })),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array.from({ length: 19 }, () => 409)]);
    for (const r of results.filter((x) => x.status === 409))
      expect((r.body as ErrorBody).message).toMatch(/exists already/i);
    const all = await t.http.get('/api/clusters?q=tokyo').set('Authorization', `Bearer ${org}`).expect(200);
    expect(all.body.total).toBe(1);
  });

  it('has the database refuse a name that differs only in case, even past the application check', async () => {
    const row = {
      country: 'JP',
      region: 'Kanto',
      scope: 'national',
      label: 'none',
      labelValidUntil: null,
      companies: 1,
      smes: 0,
    } as const;
    const rest = {
      knowledgeInstitutions: 0,
      publicBodies: 0,
      industryAssociations: 0,
      financialActors: 0,
      secretariatSize: 1,
      offers: '',
      seeks: '',
      website: null,
    };
    const at = '2026-01-01T00:00:00.000Z';
    // Unique within an organisation (the organiser's).
    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${org}`).expect(200);
    const organisationId = me.body.organisationId as string;
    const insert = (id: string, name: string) =>
      t.db.manager.insert(ClusterEntity, { id, name, ...row, ...rest, createdAt: at, updatedAt: at, organisationId });
    await insert('00000000-0000-4000-8000-0000000000a1', 'Osaka Robotics');
    const err: unknown = await insert('00000000-0000-4000-8000-0000000000a2', 'OSAKA robotics').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isClusterNameViolation(err)).toBe(true);
    // And the API maps it (a rename to another cluster's name in other case) to 409.
    const other = await t.http
      .post('/api/clusters')
      .set('Authorization', `Bearer ${org}`)
      .send(clusterBody(2, { name: 'Kyoto Robotics', sectors: [], technologies: [] }))
      .expect(201);
    await t.http
      .patch(`/api/clusters/${other.body.id}`)
      .set('Authorization', `Bearer ${org}`)
      .send({ name: 'osaka ROBOTICS' })
      .expect(409);
  });
});
