/**
 * Tables a meeting may use (solver contract 1.1 allowedTables), from the service's settings: a
 * table that is a cluster's stand, organiser-defined table features, and the features a delegate
 * needs. Through the API on both databases, then the problem the service builds and a solve of it.
 */
import { validateSchedule } from '@clustermatch/domain';
import { solve } from '@clustermatch/solver';
import { EventEntity } from '../src/events/event.entity';
import { ProblemBuilder } from '../src/schedules/problem-builder';
import { setUpEvent, startTestApp, type Basics, type TestApp } from '../test-utils';

describe.each(['sqlite', 'postgres'] as const)('table features, stands and needs on %s', (db) => {
  let t: TestApp;
  let org: string;
  let b: Basics;
  const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

  async function accepted(from: number, to: number): Promise<string> {
    const a = await t.delegateToken(b.delegateIds[from][0]);
    const created = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(...auth(a))
      .send({ receiverClusterIds: [b.clusterIds[to]], interest: 4, delegateIds: [b.delegateIds[from][0]] })
      .expect(201);
    await t.http
      .post(`/api/requests/${created.body.id}/accept`)
      .set(...auth(await t.delegateToken(b.delegateIds[to][0])))
      .send({ interest: 4, delegateIds: [b.delegateIds[to][0]] })
      .expect((res) => expect([200, 201]).toContain(res.status));
    return created.body.id as string;
  }

  beforeAll(async () => {
    t = await startTestApp({ db });
    org = await t.organiserToken();
    b = await setUpEvent(t, 4, 1);
  });
  afterAll(async () => t.close());

  it('stores table features and stands, answers them, and refuses a stand of a cluster not taking part (422)', async () => {
    const tables = [
      { name: 'T1', seats: 4, features: ['accessible', ' accessible'] },
      { name: 'T2', seats: 4, standClusterId: b.clusterIds[0] },
      { name: 'T3', seats: 6 },
    ];
    const res = await t.http
      .put(`/api/events/${b.eventId}/tables`)
      .set(...auth(org))
      .send({ tables })
      .expect(200);
    expect(res.body.tables.map((x: { name: string; features: string[]; standClusterId: string | null }) => x)).toEqual([
      expect.objectContaining({ name: 'T1', features: ['accessible'], standClusterId: null }),
      expect.objectContaining({ name: 'T2', features: [], standClusterId: b.clusterIds[0] }),
      expect.objectContaining({ name: 'T3', features: [], standClusterId: null }),
    ]);
    const bad = await t.http
      .put(`/api/events/${b.eventId}/tables`)
      .set(...auth(org))
      .send({ tables: [tables[0], { ...tables[1], standClusterId: '00000000-0000-4000-8000-000000000000' }] });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('tables[1].standClusterId');
    const got = await t.http
      .get(`/api/events/${b.eventId}`)
      .set(...auth(org))
      .expect(200);
    expect(got.body.tables).toHaveLength(3);
  });

  it("stores a delegate's needs and rejects a bad one (400)", async () => {
    const d = b.delegateIds[1][0];
    const res = await t.http
      .patch(`/api/delegates/${d}`)
      .set(...auth(org))
      .send({ needs: ['accessible'] })
      .expect(200);
    expect(res.body.needs).toEqual(['accessible']);
    await t.http
      .patch(`/api/delegates/${d}`)
      .set(...auth(org))
      .send({ needs: [''] })
      .expect(400);
  });

  it('builds allowedTables from them, and the solver holds every meeting at a table it may use', async () => {
    const atStand = await accepted(0, 2); // cluster 0 hosts at its stand T2
    const accessible = await accepted(1, 3); // cluster 1's delegate needs an accessible table: T1
    const free = await accepted(2, 3);
    const event = await t.db.manager.findOneByOrFail(EventEntity, { id: b.eventId });
    const { problem } = await t.app.get(ProblemBuilder).build(t.db.manager, event);
    expect(problem.version).toBe(1.1);
    const byId = new Map(problem.tables.map((x) => [x.id, x.name]));
    const allowed = (id: string) => problem.meetings.find((m) => m.id === id)?.allowedTables?.map((x) => byId.get(x));
    expect(allowed(atStand)).toEqual(['T2']);
    expect(allowed(accessible)).toEqual(['T1']);
    expect(allowed(free)).toBeUndefined();
    const s = await solve(problem, { seed: 1, maxIterations: 2000 });
    expect(validateSchedule(problem, s)).toEqual([]);
    const tableOf = new Map(s.assignments.map((a) => [a.meeting, byId.get(a.table)]));
    expect(tableOf.get(atStand)).toBe('T2');
    expect(tableOf.get(accessible)).toBe('T1');
    expect(s.unscheduled).toEqual([]);
  });
});
