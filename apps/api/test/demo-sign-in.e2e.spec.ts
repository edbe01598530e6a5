/**
 * Issue 16, item 9: in development the sign-in page lists the demo event's delegates with "sign in as" (no more
 * login links copied out of `.eml` files). The routes work on the seeded demo data only, and do not exist in
 * production (404 exactly as an unknown route, even with the demo seeded there) nor in test.
 */
import { DelegateEntity } from '../src/delegates/delegate.entity';
import { EventEntity } from '../src/events/event.entity';
import { SeedService } from '../src/seed/seed.service';
import { setUpEvent, startTestApp, TestApp } from '../test-utils';

jest.setTimeout(120_000);

interface DemoDelegate {
  id: string;
  name: string;
  email: string;
  clusterName: string;
  eventName: string;
}

describe.each(['sqlite', 'postgres'] as const)('development sign-in as a demo delegate (%s)', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db, config: { env: 'development' } });
    await t.app.get(SeedService).ensureDemoEvent();
  });
  afterAll(async () => {
    await t.close();
  });

  it("lists the demo event's delegates, and signs in as one of them", async () => {
    const list = await t.http.get('/api/auth/demo-delegates').expect(200);
    const delegates = list.body as DemoDelegate[];
    expect(delegates).toHaveLength(300);
    const first = delegates[0];
    if (!first) throw new Error('no demo delegate');
    expect(first.clusterName).not.toBe('');
    expect(first.eventName).not.toBe('');
    const clusters = delegates.map((d) => d.clusterName);
    expect(clusters).toEqual([...clusters].sort((a, b) => a.localeCompare(b)));

    const signIn = await t.http.post(`/api/auth/demo-delegates/${first.id}/sign-in`).expect(200);
    expect(signIn.body.kind).toBe('delegate');
    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${signIn.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ kind: 'delegate', id: first.id, email: first.email, name: first.name });
  });

  it("refuses a delegate of any other event, and an unknown id, with 404 (the demo's delegates only)", async () => {
    const other = await setUpEvent(t, 1, 1, { prefix: 'Real' });
    const realDelegate = other.delegateIds[0]?.[0];
    if (!realDelegate) throw new Error('no delegate');
    const listed = (await t.http.get('/api/auth/demo-delegates').expect(200)).body as DemoDelegate[];
    expect(listed.map((d) => d.id)).not.toContain(realDelegate);
    const refused = await t.http.post(`/api/auth/demo-delegates/${realDelegate}/sign-in`).expect(404);
    expect(refused.body.code).toBe('not_found');
    expect(refused.body.accessToken).toBeUndefined();
    await t.http.post('/api/auth/demo-delegates/00000000-0000-4000-8000-000000000000/sign-in').expect(404);
  });
});

describe.each([
  ['production', 'sqlite'],
  ['production', 'postgres'],
  ['test', 'sqlite'],
] as const)('no sign-in as a demo delegate when NODE_ENV=%s (%s)', (env, db) => {
  let t: TestApp;
  beforeAll(async () => {
    // The demo seeded all the same (DEMO_SEED=1 in production): the route still does not answer.
    t = await startTestApp({ db, config: { env, seedDemo: true } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 404 exactly as a route that does not exist', async () => {
    const demo = await t.db.manager.find(EventEntity, { where: { demo: true } });
    expect(demo).toHaveLength(1);
    const id = (await t.db.manager.find(DelegateEntity, { take: 1 }))[0]?.id ?? 'none';
    expect(id).not.toBe('none');

    const list = await t.http.get('/api/auth/demo-delegates').expect(404);
    const unknown = await t.http.get('/api/auth/no-such-route').expect(404);
    expect(Object.keys(list.body).sort()).toEqual(Object.keys(unknown.body).sort());
    expect(list.body.code).toBe(unknown.body.code);
    expect(list.body.message).toBe('Cannot GET /api/auth/demo-delegates');
    const signIn = await t.http.post(`/api/auth/demo-delegates/${id}/sign-in`).expect(404);
    expect(signIn.body.accessToken).toBeUndefined();
    expect(signIn.body.message).toBe(`Cannot POST /api/auth/demo-delegates/${id}/sign-in`);
  });
});
