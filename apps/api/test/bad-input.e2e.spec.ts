import { randomUUID } from 'node:crypto';
import { Basics, setUpEvent, startTestApp, TestApp } from '../test-utils';

interface Field {
  path: string;
  message: string;
}
const paths = (body: { fields?: Field[] }): string[] => (body.fields ?? []).map((f) => f.path);

describe('bad input: 400/422 naming the field, 404, 409, nothing lost', () => {
  let t: TestApp;
  let b: Basics;
  let org: { Authorization: string };
  let a0: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp();
    b = await setUpEvent(t, 3, 2);
    org = { Authorization: `Bearer ${await t.organiserToken()}` };
    a0 = { Authorization: `Bearer ${await t.delegateToken(b.delegateIds[0]?.[0] ?? '')}` };
  });
  afterAll(async () => {
    await t.close();
  });

  it('names every bad field of an event body', async () => {
    const res = await t.http
      .post('/api/events')
      .set(org)
      .send({
        name: '',
        venue: 'V',
        timezone: 'Mars/Olympus',
        requestDeadline: 'soon',
        days: [{ date: '2027-13-01', startTime: '9:00', endTime: '17:00', meetingMinutes: 2 }],
        tables: [{ name: 'T1', seats: 'four' }],
      })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(paths(res.body)).toEqual(
      expect.arrayContaining([
        'name',
        'timezone',
        'requestDeadline',
        'days[0].startTime',
        'days[0].meetingMinutes',
        'tables[0].seats',
      ]),
    );
    expect(res.body.fields.find((f: Field) => f.path === 'timezone').message).toMatch(/IANA/);
    const offsetless = await t.http
      .post('/api/events')
      .set(org)
      .send({ name: 'x', venue: 'v', timezone: 'UTC', requestDeadline: '2027-01-01T00:00:00' })
      .expect(422);
    expect(paths(offsetless.body)).toEqual(['requestDeadline']);
  });

  it('refuses a bad day plan or tables without touching the stored ones', async () => {
    const before = await t.http.get(`/api/events/${b.eventId}`).set(org).expect(200);
    const days = await t.http
      .put(`/api/events/${b.eventId}/days`)
      .set(org)
      .send({ days: [{ date: '2027-05-11', startTime: '12:00', endTime: '09:00', meetingMinutes: 30, breaks: [] }] })
      .expect(422);
    expect(paths(days.body)).toEqual(['days[0].endTime']);
    const tables = await t.http
      .put(`/api/events/${b.eventId}/tables`)
      .set(org)
      .send({
        tables: [
          { name: 'X', seats: 4 },
          { name: 'X', seats: 2 },
        ],
      })
      .expect(422);
    expect(paths(tables.body)).toEqual(['tables[1].name']);
    const after = await t.http.get(`/api/events/${b.eventId}`).set(org).expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('gives 400 on malformed JSON and on unknown fields or query parameters', async () => {
    const bad = await t.http
      .post('/api/events')
      .set(org)
      .set('Content-Type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(bad.body.message).toMatch(/Malformed request body/);
    const extra = await t.http.patch(`/api/clusters/${b.clusterIds[0]}`).set(a0).send({ isAdmin: true }).expect(400);
    expect(paths(extra.body)).toEqual(['isAdmin']);
    const q = await t.http.get(`/api/events/${b.eventId}/clusters?sectr=Energy`).set(a0).expect(400);
    expect(paths(q.body)).toEqual(['sectr']);
    const lim = await t.http.get(`/api/events/${b.eventId}/clusters?limit=0`).set(a0).expect(400);
    expect(paths(lim.body)).toEqual(['limit']);
  });

  it('gives 404 for unknown ids', async () => {
    const x = randomUUID();
    for (const url of [
      `/api/events/${x}`,
      `/api/clusters/${x}`,
      `/api/requests/${x}`,
      `/api/delegates/${x}`,
      `/api/events/${x}/slots`,
      `/api/events/${x}/requests`,
    ]) {
      const res = await t.http.get(url).set(org);
      expect([url, res.status]).toEqual([url, 404]);
      expect(res.body.message).toContain(x);
    }
    await t.http
      .post(`/api/events/${x}/requests`)
      .set(a0)
      .send({ receiverClusterIds: [b.clusterIds[1]], interest: 3, delegateIds: [b.delegateIds[0]?.[0]] })
      .expect(404);
    await t.http.patch(`/api/events/${x}`).set(org).send({ name: 'n' }).expect(404);
    await t.http.get('/api/no-such-route').set(org).expect(404);
  });

  it('names the field of bad meeting requests and stores nothing', async () => {
    const url = `/api/events/${b.eventId}/requests`;
    const v = await t.http.post(url).set(a0).send({ receiverClusterIds: [], interest: 6, delegateIds: [] }).expect(400);
    expect(paths(v.body)).toEqual(expect.arrayContaining(['receiverClusterIds', 'interest', 'delegateIds']));
    const self = await t.http
      .post(url)
      .set(a0)
      .send({
        receiverClusterIds: [b.clusterIds[0], b.clusterIds[1], b.clusterIds[1], randomUUID()],
        interest: 3,
        delegateIds: [b.delegateIds[0]?.[0]],
      })
      .expect(422);
    expect(paths(self.body)).toEqual(['receiverClusterIds[0]', 'receiverClusterIds[2]', 'receiverClusterIds[3]']);
    const foreign = await t.http
      .post(url)
      .set(a0)
      .send({
        receiverClusterIds: [b.clusterIds[1]],
        interest: 3,
        delegateIds: [b.delegateIds[0]?.[0], b.delegateIds[1]?.[0]],
      })
      .expect(422);
    expect(paths(foreign.body)).toEqual(['delegateIds[1]']);
    const orgNoRequester = await t.http
      .post(url)
      .set(org)
      .send({ receiverClusterIds: [b.clusterIds[1]], interest: 3, delegateIds: [b.delegateIds[0]?.[0]] })
      .expect(422);
    expect(paths(orgNoRequester.body)).toEqual(['requesterClusterId']);
    const all = await t.http.get(url).set(org).expect(200);
    expect(all.body).toEqual([]);
  });

  it('leaves a request pending when an accept names a wrong delegate', async () => {
    const r = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(a0)
      .send({ receiverClusterIds: [b.clusterIds[2]], interest: 3, delegateIds: [b.delegateIds[0]?.[0]] })
      .expect(201);
    const c2 = { Authorization: `Bearer ${await t.delegateToken(b.delegateIds[2]?.[0] ?? '')}` };
    const bad = await t.http
      .post(`/api/requests/${r.body.id}/accept`)
      .set(c2)
      .send({ interest: 4, delegateIds: [b.delegateIds[1]?.[0]] })
      .expect(422);
    expect(paths(bad.body)).toEqual(['delegateIds[0]']);
    const still = await t.http.get(`/api/requests/${r.body.id}`).set(c2).expect(200);
    expect(still.body.status).toBe('pending');
    expect(still.body.parties[1]).toMatchObject({ response: 'pending', interest: null, delegates: [] });
    await t.http
      .post(`/api/requests/${r.body.id}/accept`)
      .set(c2)
      .send({ interest: 4, delegateIds: [b.delegateIds[2]?.[1]] })
      .expect(200);
    // The accepted request keeps the participant registered.
    const rm = await t.http.delete(`/api/events/${b.eventId}/participants/${b.clusterIds[2]}`).set(org).expect(409);
    expect(rm.body.message).toMatch(/withdraw or decline/);
  });

  it('answers 409 on duplicates and on deleting a term in use, keeping the data', async () => {
    const terms = await t.http.get('/api/taxonomy?kind=sector').set(org).expect(200);
    const energy = terms.body.find((x: { name: string }) => x.name === 'Energy');
    await t.http.post('/api/taxonomy').set(org).send({ kind: 'sector', name: 'Energy' }).expect(409);
    await t.http.delete(`/api/taxonomy/${energy.id}`).set(org).expect(409);
    const c0 = await t.http.get(`/api/clusters/${b.clusterIds[0]}`).set(org).expect(200);
    expect(c0.body.sectors).toEqual(['Energy']);
    const dup = await t.http
      .post(`/api/clusters/${b.clusterIds[1]}/delegates`)
      .set(org)
      .send({ name: 'Copy', email: 'D0-0@cluster0.example.org', role: 'x' })
      .expect(409);
    expect(dup.body.message).toContain('d0-0@cluster0.example.org');
    const badKind = await t.http.post('/api/taxonomy').set(org).send({ kind: 'colour', name: 'Blue' }).expect(400);
    expect(paths(badKind.body)).toEqual(['kind']);
  });

  it('names unknown slots in unavailability and keeps the old list', async () => {
    const d = b.delegateIds[0]?.[0] ?? '';
    const url = `/api/events/${b.eventId}/delegates/${d}/unavailability`;
    await t.http
      .put(url)
      .set(a0)
      .send({ slots: ['d1s01', b.slotIds[2]] })
      .expect(200);
    const bad = await t.http
      .put(url)
      .set(a0)
      .send({ slots: ['d1s02', 'd9s99'] })
      .expect(422);
    expect(paths(bad.body)).toEqual(['slots[1]']);
    const now = await t.http.get(url).set(a0).expect(200);
    expect(now.body.slots.map((s: { code: string }) => s.code)).toEqual(['d1s01', 'd1s03']);
  });
});
