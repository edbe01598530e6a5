/**
 * Collaborations (issue 11, part 3 as built), through HTTP on SQLite and PostgreSQL: a delegate records one for
 * their cluster with partners; every partner's delegates see and may change it (it belongs to the clusters, so it
 * survives a delegate leaving); other clusters' delegates get 403 or 404; bad partners name their field.
 */
import { setUpEvent, startTestApp, type Basics, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

describe.each(['sqlite', 'postgres'] as const)('collaborations on %s', (db) => {
  let t: TestApp;
  let b: Basics;
  const token = (c: number, d = 0): Promise<string> => t.delegateToken(b.delegateIds[c]?.[d] ?? '');
  const body = (partner: number): Record<string, unknown> => ({
    eventId: b.eventId,
    type: 'application',
    status: 'planned',
    title: 'Hydrogen heat for dairies',
    partners: [{ clusterId: b.clusterIds[partner], companies: 4, smes: 3 }],
    newIdeas: 2,
    newProducts: 0,
    newCompetences: 1,
  });

  beforeAll(async () => {
    t = await startTestApp({ db });
    b = await setUpEvent(t, 3, 2);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is recorded by a delegate of a partner cluster and belongs to every partner cluster', async () => {
    const created = await t.http
      .post(`/api/clusters/${b.clusterIds[0]}/collaborations`)
      .set(...auth(await token(0)))
      .send(body(1))
      .expect(201);
    expect(created.body).toMatchObject({ type: 'application', status: 'planned', newIdeas: 2, eventId: b.eventId });
    expect(created.body.partners.map((x: { clusterId: string }) => x.clusterId).sort()).toEqual(
      [b.clusterIds[0], b.clusterIds[1]].sort(),
    );
    // The other partner's second delegate (not the one who wrote it) sees it and moves it on.
    const theirs = await t.http
      .get(`/api/clusters/${b.clusterIds[1]}/collaborations`)
      .set(...auth(await token(1, 1)))
      .expect(200);
    expect(theirs.body.map((x: { id: string }) => x.id)).toEqual([created.body.id]);
    const moved = await t.http
      .put(`/api/collaborations/${created.body.id}`)
      .set(...auth(await token(1, 1)))
      .send({ ...body(0), status: 'running', newProducts: 1 })
      .expect(200);
    expect(moved.body).toMatchObject({ status: 'running', newProducts: 1 });
    expect(moved.body.partners).toHaveLength(2);
    // The writer leaves the cluster: the record stays with the cluster.
    await t.http
      .delete(`/api/delegates/${b.delegateIds[0]?.[0]}`)
      .set(...auth(await t.organiserToken()))
      .expect(204);
    const kept = await t.http
      .get(`/api/clusters/${b.clusterIds[0]}/collaborations`)
      .set(...auth(await token(0, 1)))
      .expect(200);
    expect(kept.body.map((x: { status: string }) => x.status)).toEqual(['running']);
  });

  it('keeps other clusters out and names bad fields', async () => {
    const outsider = await token(2);
    const [one] = (
      await t.http
        .get(`/api/clusters/${b.clusterIds[1]}/collaborations`)
        .set(...auth(await t.organiserToken()))
        .expect(200)
    ).body as { id: string }[];
    await t.http
      .get(`/api/clusters/${b.clusterIds[1]}/collaborations`)
      .set(...auth(outsider))
      .expect(403);
    await t.http
      .post(`/api/clusters/${b.clusterIds[1]}/collaborations`)
      .set(...auth(outsider))
      .send(body(0))
      .expect(403);
    await t.http
      .put(`/api/collaborations/${one?.id}`)
      .set(...auth(outsider))
      .send(body(0))
      .expect(404);
    const self = await t.http
      .post(`/api/clusters/${b.clusterIds[2]}/collaborations`)
      .set(...auth(outsider))
      .send({ ...body(2) })
      .expect(422);
    expect(self.body.fields[0].path).toBe('partners');
    const unknown = await t.http
      .post(`/api/clusters/${b.clusterIds[2]}/collaborations`)
      .set(...auth(outsider))
      .send({ ...body(0), partners: [{ clusterId: 'nope' }] })
      .expect(422);
    expect(unknown.body.fields[0].path).toBe('partners[0].clusterId');
    const kind = await t.http
      .post(`/api/clusters/${b.clusterIds[2]}/collaborations`)
      .set(...auth(outsider))
      .send({ ...body(0), type: 'merger', status: 'dreaming' })
      .expect(400);
    expect(kind.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['status', 'type']);
    // An organiser records one for any cluster.
    await t.http
      .post(`/api/clusters/${b.clusterIds[2]}/collaborations`)
      .set(...auth(await t.organiserToken()))
      .send({ ...body(0), eventId: null })
      .expect(201);
  });
});
