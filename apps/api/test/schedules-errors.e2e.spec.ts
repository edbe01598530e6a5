/**
 * Bad input, unknown ids, conflicts and roles on the schedule endpoints (SQLite).
 */
import { startTestApp, waitForJob, type TestApp } from '../test-utils';
import { SchedulesService } from '../src/schedules/schedules.service';

jest.setTimeout(120_000);

interface ErrorBody {
  statusCode: number;
  message: string;
  fields?: { path: string; message: string }[];
}

describe('schedules: bad input, unknown ids, conflicts, roles', () => {
  let t: TestApp;
  let org: string;
  let eventId: string;
  let emptyEventId: string;
  let delegateToken: string;
  let outsiderToken: string;
  let requestId: string;
  let delegateId: string;
  let otherDelegateId: string;
  const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];
  const paths = (body: ErrorBody): string[] => (body.fields ?? []).map((f) => f.path).sort();

  async function cluster(name: string): Promise<{ id: string; delegateId: string; token: string }> {
    const c = await t.http
      .post('/api/clusters')
      .set(...auth(org))
      .send({
        name,
        country: 'DE',
        region: 'Bavaria',
        sectors: [],
        technologies: [],
        scope: 'regional',
        label: 'none',
        members: {
          companies: 10,
          smes: 8,
          knowledgeInstitutions: 1,
          publicBodies: 0,
          industryAssociations: 0,
          financialActors: 0,
        },
        secretariatSize: 2,
        offers: 'x',
        seeks: 'y',
      })
      .expect(201);
    const d = await t.http
      .post(`/api/clusters/${c.body.id}/delegates`)
      .set(...auth(org))
      .send({ name: `${name} person`, email: `${name.replace(/\W/g, '').toLowerCase()}@example.org`, role: 'Manager' })
      .expect(201);
    return { id: c.body.id, delegateId: d.body.id, token: await t.delegateToken(d.body.id) };
  }

  const waitDone = async (jobUrl: string): Promise<{ id: string; number: number }> =>
    (await waitForJob(t, jobUrl, org)).version;

  beforeAll(async () => {
    t = await startTestApp({ db: 'sqlite' });
    org = await t.organiserToken();
    const base = { venue: 'Hall', timezone: 'Europe/Madrid', requestDeadline: '2027-05-01T00:00:00Z' };
    const ev = await t.http
      .post('/api/events')
      .set(...auth(org))
      .send({
        ...base,
        name: 'Errors',
        days: [{ date: '2027-05-11', startTime: '09:00', endTime: '11:00', meetingMinutes: 30 }],
        tables: [{ name: 'A', seats: 4 }],
      })
      .expect(201);
    eventId = ev.body.id;
    emptyEventId = (
      await t.http
        .post('/api/events')
        .set(...auth(org))
        .send({ ...base, name: 'Empty' })
        .expect(201)
    ).body.id;
    const a = await cluster('Alpha');
    const b = await cluster('Beta');
    const outsider = await cluster('Gamma');
    for (const c of [a, b])
      await t.http
        .post(`/api/events/${eventId}/participants`)
        .set(...auth(org))
        .send({ clusterId: c.id })
        .expect(201);
    delegateToken = a.token;
    delegateId = a.delegateId;
    otherDelegateId = b.delegateId;
    outsiderToken = outsider.token;
    const r = await t.http
      .post(`/api/events/${eventId}/requests`)
      .set(...auth(a.token))
      .send({ receiverClusterIds: [b.id], interest: 4, delegateIds: [a.delegateId] })
      .expect(201);
    requestId = r.body.id;
    await t.http
      .post(`/api/requests/${r.body.id}/accept`)
      .set(...auth(b.token))
      .send({ interest: 3, delegateIds: [b.delegateId] });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('needs a token, and the right role', async () => {
    await t.http.post(`/api/events/${eventId}/schedule/solve`).send({}).expect(401);
    await t.http.get(`/api/events/${eventId}/agenda`).expect(401);
    await t.http
      .post(`/api/events/${eventId}/schedule/solve`)
      .set(...auth(delegateToken))
      .send({})
      .expect(403);
    await t.http
      .post(`/api/events/${eventId}/schedule/resolve`)
      .set(...auth(delegateToken))
      .send({})
      .expect(403);
    await t.http
      .get(`/api/events/${eventId}/schedule/versions`)
      .set(...auth(delegateToken))
      .expect(403);
    await t.http
      .get(`/api/events/${eventId}/schedule/versions/published/export`)
      .set(...auth(delegateToken))
      .expect(403);
    // Organisers name the delegate; a delegate sees only their own agenda.
    const missing = await t.http
      .get(`/api/events/${eventId}/agenda`)
      .set(...auth(org))
      .expect(400);
    expect(paths(missing.body as ErrorBody)).toEqual(['delegateId']);
    const theirs = await t.http
      .get(`/api/events/${eventId}/agenda?delegateId=${delegateId}`)
      .set(...auth(org))
      .expect(200);
    expect(theirs.body.delegateId).toBe(delegateId);
    await t.http
      .get(`/api/events/${eventId}/agenda?delegateId=00000000-0000-4000-8000-000000000000`)
      .set(...auth(org))
      .expect(404);
    await t.http
      .get(`/api/events/${eventId}/agenda?delegateId=${otherDelegateId}`)
      .set(...auth(delegateToken))
      .expect(403);
    await t.http
      .get(`/api/events/${eventId}/agenda?delegateId=${delegateId}`)
      .set(...auth(delegateToken))
      .expect(200);
    // A delegate whose cluster does not take part in the event has no agenda there.
    await t.http
      .get(`/api/events/${eventId}/agenda`)
      .set(...auth(outsiderToken))
      .expect(404);
  });

  it('names the bad fields of a solve body and of an export query', async () => {
    let res = await t.http
      .post(`/api/events/${eventId}/schedule/solve`)
      .set(...auth(org))
      .send({ timeLimitSeconds: 0, seed: -1, colour: 'red' })
      .expect(400);
    expect(paths(res.body as ErrorBody)).toEqual(['colour', 'seed', 'timeLimitSeconds']);
    res = await t.http
      .post(`/api/events/${eventId}/schedule/solve`)
      .set(...auth(org))
      .send({ timeLimitSeconds: 'soon' })
      .expect(400);
    expect(paths(res.body as ErrorBody)).toContain('timeLimitSeconds');
    res = await t.http
      .get(`/api/events/${eventId}/schedule/versions/published/export?format=pdf&kind=chairs`)
      .set(...auth(org))
      .expect(400);
    expect(paths(res.body as ErrorBody)).toEqual(['format', 'kind']);
  });

  it('answers 404 for unknown events, jobs and versions', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    await t.http
      .post(`/api/events/${nobody}/schedule/solve`)
      .set(...auth(org))
      .send({})
      .expect(404);
    await t.http
      .get(`/api/events/${nobody}/schedule/versions`)
      .set(...auth(org))
      .expect(404);
    await t.http
      .get(`/api/events/${eventId}/schedule/jobs/${nobody}`)
      .set(...auth(org))
      .expect(404);
    await t.http
      .get(`/api/events/${eventId}/schedule/versions/${nobody}`)
      .set(...auth(org))
      .expect(404);
    await t.http
      .post(`/api/events/${eventId}/schedule/versions/${nobody}/publish`)
      .set(...auth(org))
      .expect(404);
    // Nothing published yet.
    await t.http
      .get(`/api/events/${eventId}/schedule/versions/published`)
      .set(...auth(org))
      .expect(404);
  });

  it('refuses a solve with nothing to schedule (422 naming what is missing) and a re-solve before publishing (409)', async () => {
    const res = await t.http
      .post(`/api/events/${emptyEventId}/schedule/solve`)
      .set(...auth(org))
      .send({})
      .expect(422);
    expect(paths(res.body as ErrorBody)).toEqual(['meetings', 'slots', 'tables']);
    const re = await t.http
      .post(`/api/events/${eventId}/schedule/resolve`)
      .set(...auth(org))
      .send({})
      .expect(409);
    expect((re.body as ErrorBody).message).toMatch(/Nothing is published/);
  });

  it('publishes once, refuses a stale draft and a second publish, and hides jobs of other events', async () => {
    const s1 = await t.http
      .post(`/api/events/${eventId}/schedule/solve`)
      .set(...auth(org))
      .send({ timeLimitSeconds: 2 })
      .expect(202);
    const s2 = await t.http
      .post(`/api/events/${eventId}/schedule/solve`)
      .set(...auth(org))
      .send({ timeLimitSeconds: 2 })
      .expect(202);
    await t.http
      .get(`/api/events/${emptyEventId}/schedule/jobs/${s1.body.jobId}`)
      .set(...auth(org))
      .expect(404);
    const d1 = await waitDone(s1.body.statusUrl);
    const d2 = await waitDone(s2.body.statusUrl);
    expect(new Set([d1.number, d2.number])).toEqual(new Set([1, 2]));
    // Asking again gives the same version (stored once per job).
    expect(await waitDone(s1.body.statusUrl)).toEqual(d1);
    await t.http
      .get(`/api/events/${emptyEventId}/schedule/versions/${d1.id}`)
      .set(...auth(org))
      .expect(404);

    await t.http
      .post(`/api/events/${eventId}/schedule/versions/${d1.id}/publish`)
      .set(...auth(org))
      .expect(200);
    const twice = await t.http
      .post(`/api/events/${eventId}/schedule/versions/${d1.id}/publish`)
      .set(...auth(org))
      .expect(409);
    expect((twice.body as ErrorBody).message).toMatch(/already published/);
    const stale = await t.http
      .post(`/api/events/${eventId}/schedule/versions/${d2.id}/publish`)
      .set(...auth(org))
      .expect(409);
    expect((stale.body as ErrorBody).message).toMatch(/solve again/);
    const list = await t.http
      .get(`/api/events/${eventId}/schedule/versions`)
      .set(...auth(org))
      .expect(200);
    expect(list.body.filter((v: { state: string }) => v.state === 'published')).toHaveLength(1);
  });

  it('stores a finished job once even when asked to store it several times at once', async () => {
    const s = await t.http
      .post(`/api/events/${eventId}/schedule/resolve`)
      .set(...auth(org))
      .send({ timeLimitSeconds: 1 })
      .expect(202);
    const service = t.app.get(SchedulesService);
    const v = await waitDone(s.body.statusUrl);
    const again = await Promise.all([
      service.storeResult(s.body.jobId),
      service.storeResult(s.body.jobId),
      service.storeResult(s.body.jobId),
    ]);
    expect(again.map((x) => x?.id)).toEqual([v.id, v.id, v.id]);
    const list = await t.http
      .get(`/api/events/${eventId}/schedule/versions`)
      .set(...auth(org))
      .expect(200);
    expect(list.body.filter((x: { jobId: string }) => x.jobId === s.body.jobId)).toHaveLength(1);
  });

  it('refuses to publish a draft holding a meeting whose request was cancelled after the solve', async () => {
    const s = await t.http
      .post(`/api/events/${eventId}/schedule/resolve`)
      .set(...auth(org))
      .send({ timeLimitSeconds: 1 })
      .expect(202);
    const v = await waitDone(s.body.statusUrl);
    await t.http
      .post(`/api/requests/${requestId}/withdraw`)
      .set(...auth(delegateToken))
      .send({})
      .expect((r) => expect([200, 201]).toContain(r.status));
    const res = await t.http
      .post(`/api/events/${eventId}/schedule/versions/${v.id}/publish`)
      .set(...auth(org))
      .expect(409);
    expect((res.body as ErrorBody).message).toMatch(/no longer accepted.*re-solve/);
    const list = await t.http
      .get(`/api/events/${eventId}/schedule/versions`)
      .set(...auth(org))
      .expect(200);
    expect(list.body.find((x: { id: string }) => x.id === v.id).state).toBe('draft');
  });

  it('documents the schedule endpoints in the OpenAPI document', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    for (const path of [
      '/api/events/{eventId}/schedule/solve',
      '/api/events/{eventId}/schedule/resolve',
      '/api/events/{eventId}/schedule/jobs/{jobId}',
      '/api/events/{eventId}/schedule/versions/{versionId}/publish',
      '/api/events/{eventId}/schedule/versions/{versionId}/export',
      '/api/events/{eventId}/agenda',
    ]) {
      expect(doc.body.paths[path]).toBeDefined();
    }
    const params = (
      doc.body.paths['/api/events/{eventId}/schedule/versions/{versionId}/export'].get.parameters as { name: string }[]
    ).map((p) => p.name);
    expect(params).toEqual(expect.arrayContaining(['format', 'kind']));
  });
});
