/**
 * The delegates' agenda, directory and cluster profiles answered ahead of Express (issue 18, `src/common/fast-reads.ts`): the same
 * status, headers and bytes as the routed path (with and without the read cache), authorisation on every request,
 * every other request left to the routed path, and each kept answer replaced at once when what it holds changes.
 */
import type { Response } from 'supertest';
import { fastReadsOf } from '../src/app.factory';
import type { FastReads } from '../src/common/fast-reads';
import { ReadCache } from '../src/database/read-cache';
import {
  acceptedRequest,
  Basics,
  clusterBody,
  setUpEvent,
  solveAndPublish,
  startTestApp,
  TestApp,
} from '../test-utils';

describe.each(['sqlite', 'postgres'] as const)('fast reads (%s)', (db) => {
  let t: TestApp;
  let b: Basics;
  let fast: FastReads;
  let cache: ReadCache;
  let org: { Authorization: string };
  const tokens = new Map<string, string>();
  const as = async (delegateId: string): Promise<{ Authorization: string }> => {
    if (!tokens.has(delegateId)) tokens.set(delegateId, await t.delegateToken(delegateId));
    return { Authorization: `Bearer ${tokens.get(delegateId)}` };
  };
  const delegate = (c: number, d = 0): string => b.delegateIds[c]?.[d] ?? '';
  const agenda = (): string => `/api/events/${b.eventId}/agenda`;
  const directory = (q = ''): string => `/api/events/${b.eventId}/clusters${q}`;
  const profile = (c: number): string => `/api/clusters/${b.clusterIds[c]}`;

  /** Status, headers (but the date) and body of an answer. */
  const whole = (r: Response): { status: number; headers: Record<string, unknown>; body: string } => {
    const headers: Record<string, unknown> = { ...r.headers };
    delete headers['date'];
    return { status: r.status, headers, body: r.text };
  };

  /** A GET as the fast path answers it, and whether it did. */
  async function viaFast(path: string, headers: Record<string, string>): Promise<{ r: Response; fast: boolean }> {
    const before = fast.served;
    const r = await t.http.get(path).set(headers);
    return { r, fast: fast.served === before + 1 };
  }

  /** The same GET answered by the routed path, with the read cache (`cached`) or without it. */
  async function viaRouted(path: string, headers: Record<string, string>, cached: boolean): Promise<Response> {
    fast.enabled = false;
    cache.enabled = cached;
    try {
      const before = fast.served;
      const r = await t.http.get(path).set(headers);
      expect(fast.served).toBe(before);
      return r;
    } finally {
      fast.enabled = true;
      cache.enabled = true;
    }
  }

  beforeAll(async () => {
    t = await startTestApp({ db, config: { readCache: true } });
    cache = t.app.get(ReadCache);
    const f = fastReadsOf(t.app);
    if (!f) throw new Error('createApp installed no fast path');
    fast = f;
    b = await setUpEvent(t, 5, 2);
    org = { Authorization: `Bearer ${await t.organiserToken()}` };
    await acceptedRequest(t, b, 0, 1);
    await acceptedRequest(t, b, 0, 2);
    await acceptedRequest(t, b, 3, 1);
    await solveAndPublish(t, b.eventId);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers agendas, directory pages and profiles with the routed path’s status, headers and bytes', async () => {
    const asked: [string, number, number][] = [];
    for (const [c, d] of [
      [0, 0],
      [1, 0],
      [3, 0],
      [4, 1],
    ] as const)
      asked.push([agenda(), c, d]);
    for (const q of ['', '?q=hydrogen', '?q=pilot%20sites&limit=2&offset=1', '?sector=Energy,Health', '?country=de'])
      for (const c of [0, 1, 4]) asked.push([directory(q), c, 0]);
    // Profiles: of the asker's own cluster (its delegates) and of others (the listed contacts).
    for (const [of, c, d] of [
      [1, 1, 0],
      [1, 1, 1],
      [0, 1, 0],
      [2, 4, 1],
    ] as const)
      asked.push([profile(of), c, d]);
    for (const [path, c, d] of asked) {
      const auth = await as(delegate(c, d));
      const first = await viaFast(path, auth);
      const again = await viaFast(path, auth);
      expect([first.fast, again.fast]).toEqual([true, true]);
      expect(first.r.status).toBe(200);
      const routed = await viaRouted(path, auth, true);
      const uncached = await viaRouted(path, auth, false);
      expect(whole(first.r)).toEqual(whole(routed));
      expect(whole(again.r)).toEqual(whole(routed));
      expect(whole(uncached)).toEqual(whole(routed));
    }
    // Not vacuous: delegate 0-0 has two meetings; cluster 1 sees its own delegates and its relations.
    expect(JSON.parse((await viaFast(agenda(), await as(delegate(0)))).r.text).meetings).toHaveLength(2);
    const page = JSON.parse((await viaFast(directory(), await as(delegate(1)))).r.text) as {
      items: { id: string; delegates?: unknown[]; relationship?: { state: string } }[];
    };
    expect(page.items.filter((i) => i.delegates).map((i) => i.id)).toEqual([b.clusterIds[1]]);
    expect(page.items.find((i) => i.id === b.clusterIds[0])?.relationship?.state).toBe('accepted');
    const own = JSON.parse((await viaFast(profile(1), await as(delegate(1)))).r.text) as Record<string, unknown>;
    const other = JSON.parse((await viaFast(profile(0), await as(delegate(1)))).r.text) as Record<string, unknown>;
    expect([Array.isArray(own['delegates']), own['contacts']]).toEqual([true, undefined]);
    expect([other['delegates'], Array.isArray(other['contacts'])]).toEqual([undefined, true]);
  });

  it('leaves every other request to the routed path, which answers it as before', async () => {
    const mine = await as(delegate(1));
    const other: [string, Record<string, string>][] = [
      [`${agenda()}?delegateId=${delegate(0)}`, org],
      [`${agenda()}?delegateId=${delegate(1)}`, mine],
      [`${agenda()}?delegateId=${delegate(0)}`, mine],
      [directory('?q=hydrogen'), org],
      [directory('?limit=0'), mine],
      [directory('?limit=abc'), mine],
      [directory('?colour=red'), mine],
      [directory('?q=a&q=b'), mine],
      [directory('?country=XX'), mine],
      [agenda(), {}],
      [agenda(), { Authorization: 'Bearer not-a-token' }],
      [directory(), { Authorization: `${mine.Authorization}x` }],
      [`/api/events/no-such-event/agenda`, mine],
      [`/api/events/no-such-event/clusters`, mine],
      [`${agenda()}/`, mine],
      [profile(0), org],
      [`/api/clusters/no-such-cluster`, mine],
      [`${profile(1)}/history`, mine],
      [`${profile(1)}?x=1`, mine],
    ];
    for (const [path, headers] of other) {
      const r = await viaFast(path, headers);
      expect({ path, fast: r.fast }).toEqual({ path, fast: false });
      expect(whole(r.r)).toEqual(whole(await viaRouted(path, headers, true)));
    }
    // A conditional GET is Express's to answer (304).
    const first = await viaFast(agenda(), mine);
    const etag = String(first.r.headers['etag']);
    const conditional = await viaFast(agenda(), { ...mine, 'If-None-Match': etag });
    expect([conditional.fast, conditional.r.status]).toEqual([false, 304]);
  });

  it('checks authorisation on every request: a cluster leaving the event is refused at once', async () => {
    const c = await t.http.post('/api/clusters').set(org).send(clusterBody(900)).expect(201);
    const d = await t.http
      .post(`/api/clusters/${c.body.id}/delegates`)
      .set(org)
      .send({ name: 'Visitor', email: 'visitor@cluster900.example.org', role: 'Analyst' })
      .expect(201);
    const auth = await as(d.body.id as string);
    const outside = await viaFast(agenda(), auth);
    expect([outside.fast, outside.r.status]).toEqual([false, 404]);
    await t.http.post(`/api/events/${b.eventId}/participants`).set(org).send({ clusterId: c.body.id }).expect(201);
    for (const path of [agenda(), directory()]) {
      const inside = await viaFast(path, auth);
      expect([inside.fast, inside.r.status]).toEqual([true, 200]);
    }
    await t.http.delete(`/api/events/${b.eventId}/participants/${c.body.id}`).set(org).expect(204);
    const gone = await viaFast(agenda(), auth);
    expect([gone.fast, gone.r.status]).toEqual([false, 404]);
    const goneDirectory = await viaFast(directory(), auth);
    expect([goneDirectory.fast, goneDirectory.r.status]).toEqual([false, 403]);
    // The delegate removed: the token is refused at once, though verified before.
    await t.http.post(`/api/events/${b.eventId}/participants`).set(org).send({ clusterId: c.body.id }).expect(201);
    expect((await viaFast(agenda(), auth)).fast).toBe(true);
    await t.http.delete(`/api/delegates/${d.body.id}`).set(org).expect(204);
    const removed = await viaFast(agenda(), auth);
    expect([removed.fast, removed.r.status]).toEqual([false, 401]);
  });

  it('shows a renamed cluster and delegate in kept agendas, directory pages and profiles at once', async () => {
    const auth = await as(delegate(1));
    const search = directory(`?q=${encodeURIComponent('Cluster 000')}`);
    const [a0, d0, p0] = [await viaFast(agenda(), auth), await viaFast(search, auth), await viaFast(profile(0), auth)];
    expect([a0.fast, d0.fast, p0.fast]).toEqual([true, true, true]);
    expect(a0.r.text).not.toContain('Fast renamed');
    expect(p0.r.text).not.toContain('Fast renamed');
    await t.http.patch(`/api/clusters/${b.clusterIds[0]}`).set(org).send({ name: 'Fast renamed cluster' }).expect(200);
    await t.http
      .patch(`/api/delegates/${delegate(0)}`)
      .set(org)
      .send({ name: 'Fast renamed delegate' })
      .expect(200);
    const a1 = await viaFast(agenda(), auth);
    expect(a1.fast).toBe(true);
    expect(a1.r.text).toContain('Fast renamed cluster');
    expect(a1.r.text).toContain('Fast renamed delegate');
    expect(whole(a1.r)).toEqual(whole(await viaRouted(agenda(), auth, false)));
    // The search no longer finds the old name; the new one finds the renamed cluster.
    const d1 = await viaFast(search, auth);
    expect([d1.fast, JSON.parse(d1.r.text).total]).toEqual([true, 0]);
    // The profile: its name, and the renamed delegate among its listed contacts.
    const p1 = await viaFast(profile(0), auth);
    expect(p1.fast).toBe(true);
    expect(JSON.parse(p1.r.text)).toMatchObject({
      name: 'Fast renamed cluster',
      contacts: expect.arrayContaining([expect.objectContaining({ name: 'Fast renamed delegate' })]),
    });
    expect(whole(p1.r)).toEqual(whole(await viaRouted(profile(0), auth, false)));
    const renamed = await viaFast(directory('?q=renamed'), auth);
    expect(JSON.parse(renamed.r.text).items.map((i: { name: string }) => i.name)).toEqual(['Fast renamed cluster']);
  });

  it("shows a new request and a passed deadline in each card's relation at once", async () => {
    const auth = await as(delegate(4));
    const card = async (): Promise<{ state: string; canRequest: boolean }> => {
      const r = await viaFast(directory(), auth);
      expect(r.fast).toBe(true);
      const page = JSON.parse(r.r.text) as {
        items: { id: string; relationship: { state: string; canRequest: boolean } }[];
      };
      const c = page.items.find((i) => i.id === b.clusterIds[2]);
      if (!c) throw new Error('cluster 2 is not in the directory');
      return c.relationship;
    };
    expect(await card()).toMatchObject({ state: 'none', canRequest: true });
    await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(auth)
      .send({ receiverClusterIds: [b.clusterIds[2]], interest: 3, delegateIds: [delegate(4)] })
      .expect(201);
    expect(await card()).toMatchObject({ state: 'sent', canRequest: false });
    const three = b.clusterIds[3];
    const before = JSON.parse((await viaFast(directory(), auth)).r.text) as {
      items: { id: string; relationship: { canRequest: boolean } }[];
    };
    expect(before.items.find((i) => i.id === three)?.relationship.canRequest).toBe(true);
    await t.http
      .patch(`/api/events/${b.eventId}`)
      .set(org)
      .send({ requestDeadline: '2020-01-01T00:00:00Z' })
      .expect(200);
    const after = await viaFast(directory(), auth);
    expect(after.fast).toBe(true);
    const items = (JSON.parse(after.r.text) as { items: { id: string; relationship: { canRequest: boolean } }[] })
      .items;
    expect(items.find((i) => i.id === three)?.relationship.canRequest).toBe(false);
    expect(whole(after.r)).toEqual(whole(await viaRouted(directory(), auth, false)));
    await t.http
      .patch(`/api/events/${b.eventId}`)
      .set(org)
      .send({ requestDeadline: '2099-01-01T00:00:00Z' })
      .expect(200);
  });

  it('shows a newly published version in kept agendas at once', async () => {
    const auth = await as(delegate(2, 1));
    const before = await viaFast(agenda(), auth);
    expect(before.fast).toBe(true);
    await acceptedRequest(t, b, 1, 4);
    await solveAndPublish(t, b.eventId);
    const after = await viaFast(agenda(), auth);
    expect(after.fast).toBe(true);
    expect(JSON.parse(after.r.text).version.number).toBe(JSON.parse(before.r.text).version.number + 1);
    expect(whole(after.r)).toEqual(whole(await viaRouted(agenda(), auth, false)));
  });
});
