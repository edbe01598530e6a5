import request from 'supertest';
import { MeetingRequestEntity } from '../src/requests/request.entity';
import { Basics, setUpEvent, startTestApp, TestApp } from '../test-utils';

/** 200 parallel request creations over real HTTP: none lost, none duplicated (SQLite and PostgreSQL). */
describe.each(['sqlite', 'postgres'] as const)('concurrent meeting requests on %s', (db) => {
  let t: TestApp;
  let b: Basics;
  let http: ReturnType<typeof request>;
  let tokens: string[];

  beforeAll(async () => {
    t = await startTestApp({ db });
    b = await setUpEvent(t, 21, 1);
    await t.app.listen(0, '127.0.0.1');
    http = request(await t.app.getUrl());
    tokens = await Promise.all(b.delegateIds.map((d) => t.delegateToken(d[0] ?? '')));
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const create = (from: number, to: number, interest = 3) =>
    http
      .post(`/api/events/${b.eventId}/requests`)
      .set('Authorization', `Bearer ${tokens[from]}`)
      .send({ receiverClusterIds: [b.clusterIds[to]], interest, delegateIds: [b.delegateIds[from]?.[0]] });

  it('stores all of 200 parallel creations for distinct pairs, each once', async () => {
    const pairs: [number, number][] = [];
    for (let i = 0; i < 21 && pairs.length < 200; i++)
      for (let j = i + 1; j < 21 && pairs.length < 200; j++) pairs.push(i % 2 ? [i, j] : [j, i]);
    expect(pairs).toHaveLength(200);
    const results = await Promise.all(pairs.map(([from, to]) => create(from, to)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(200);
    const ids = new Set(results.map((r) => r.body.id as string));
    expect(ids.size).toBe(200);
    const stored = await t.db.manager.find(MeetingRequestEntity, { where: { eventId: b.eventId } });
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((r) => r.pairKey)).size).toBe(200);
    expect(new Set(stored.map((r) => r.id))).toEqual(ids);
    const listed = await t.http
      .get(`/api/events/${b.eventId}/requests`)
      .set('Authorization', `Bearer ${await t.organiserToken()}`)
      .expect(200);
    expect(listed.body).toHaveLength(200);
    expect(listed.body.every((r: { parties: unknown[] }) => r.parties.length === 2)).toBe(true);
  }, 60_000);

  it('lets exactly one of 200 parallel creations per pair win (both directions), the rest get 409', async () => {
    // Clear the event's requests by withdrawing them all, freeing every pair.
    const org = await t.organiserToken();
    const open = await t.http
      .get(`/api/events/${b.eventId}/requests?status=pending`)
      .set('Authorization', `Bearer ${org}`)
      .expect(200);
    for (const r of open.body as { id: string }[])
      await t.http.post(`/api/requests/${r.id}/withdraw`).set('Authorization', `Bearer ${org}`).expect(200);
    const attempts: [number, number][] = [];
    for (let k = 0; k < 200; k++) {
      const pair = k % 10; // 10 pairs, 20 attempts each, alternating direction
      const a = pair * 2;
      const c = pair * 2 + 1;
      attempts.push(k % 4 < 2 ? [a, c] : [c, a]);
    }
    const results = await Promise.all(attempts.map(([from, to]) => create(from, to, 1 + (from % 5))));
    const created = results.filter((r) => r.status === 201);
    const conflicts = results.filter((r) => r.status === 409);
    expect(created).toHaveLength(10);
    expect(conflicts).toHaveLength(190);
    expect(conflicts[0]?.body.message).toMatch(/exists already/);
    const active = (await t.db.manager.find(MeetingRequestEntity, { where: { eventId: b.eventId } })).filter(
      (r) => r.activeKey !== null,
    );
    expect(active).toHaveLength(10);
    expect(new Set(active.map((r) => r.id))).toEqual(new Set(created.map((r) => r.body.id as string)));
  }, 60_000);

  it('accepts a request once when 20 answers race', async () => {
    const r = await create(20, 19).expect(201);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        http
          .post(`/api/requests/${r.body.id}/accept`)
          .set('Authorization', `Bearer ${tokens[19]}`)
          .send({ interest: 1 + (i % 5), delegateIds: [b.delegateIds[19]?.[0]] }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(19);
    const final = await t.http
      .get(`/api/requests/${r.body.id}`)
      .set('Authorization', `Bearer ${tokens[19]}`)
      .expect(200);
    const winner = answers.find((a) => a.status === 200);
    expect(final.body.parties[1].interest).toBe(winner?.body.parties[1].interest);
    expect(final.body.parties[1].delegates).toHaveLength(1);
  }, 60_000);
});
