/**
 * Issue 12, recommendations through the API on both databases: the ranking route (shape, order, reasons in
 * English and Danish, limit), who may read it, the exclusions (requests, "not interested"), the organiser's
 * overview and nudge mails through the outbox, and the optional mutual-fit bonus in the solver's weights.
 */
import { randomUUID } from 'node:crypto';
import { ReadCache } from '../src/database/read-cache';
import { EventEntity } from '../src/events/event.entity';
import { MeetingFeedbackEntity } from '../src/feedback/feedback.entity';
import { OutboxMessageEntity } from '../src/mail/outbox-message.entity';
import { RecommendationsService } from '../src/recommendations/recommendations.service';
import { ProblemBuilder } from '../src/schedules/problem-builder';
import { setUpEvent, startTestApp, type Basics, type TestApp } from '../test-utils';

interface Rec {
  clusterId: string;
  clusterName: string;
  country: string;
  score: number;
  reasons: string[];
}

describe.each(['sqlite', 'postgres'] as const)('recommendations on %s', (db) => {
  let t: TestApp;
  let b: Basics;
  let org: string;
  const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];
  const url = (cluster: number, query = ''): string =>
    `/api/events/${b.eventId}/clusters/${b.clusterIds[cluster]}/recommendations${query}`;
  const asDelegate = async (cluster: number): Promise<string> => t.delegateToken(b.delegateIds[cluster][0]);
  const ids = (recs: Rec[]): string[] => recs.map((r) => r.clusterId);

  beforeAll(async () => {
    t = await startTestApp({ db, config: { publicUrl: 'https://match.example.org' } });
    org = await t.organiserToken();
    b = await setUpEvent(t, 5, 1);
    const profiles = [
      { country: 'DK', seeks: 'Test facilities for electrolysers', offers: 'Port logistics for offshore wind' },
      { country: 'ES', seeks: 'Partners for tourism', offers: 'An electrolyser test centre open to SMEs' },
      { country: 'DK', seeks: 'Hotels', offers: 'Conference venues' },
      { country: 'FR', seeks: 'Textile recycling', offers: 'Fashion design studios' },
      { country: 'IT', seeks: 'Wine importers', offers: 'Vineyards' },
    ];
    for (const [i, p] of profiles.entries())
      await t.http
        .patch(`/api/clusters/${b.clusterIds[i]}`)
        .set(...auth(org))
        .send(p)
        .expect(200);
  });
  afterAll(async () => t.close());

  it('ranks for a delegate of the cluster, best first, with reasons naming the matched words', async () => {
    // The read cache is on, so every later step also checks that a change makes the cached ranking stale.
    expect(t.app.get(ReadCache).enabled).toBe(true);
    const res = await t.http
      .get(url(0))
      .set(...auth(await asDelegate(0)))
      .expect(200);
    const recs = res.body as Rec[];
    expect(recs[0]).toEqual({
      clusterId: b.clusterIds[1],
      clusterName: 'Cluster 001',
      country: 'ES',
      score: expect.any(Number),
      reasons: expect.arrayContaining([
        expect.stringMatching(/^You seek “.*electrolysers.*”; they offer “.*electrolyser.*”$/),
      ]),
    });
    expect(ids(recs)).not.toContain(b.clusterIds[0]);
    for (let i = 1; i < recs.length; i++) expect(recs[i - 1].score).toBeGreaterThanOrEqual(recs[i].score);
    for (const r of recs) expect(r.reasons.length).toBeGreaterThanOrEqual(1);
    for (const r of recs) expect(r.reasons.length).toBeLessThanOrEqual(3);
    // The same ranking for an organiser, in Danish, limited.
    const da = await t.http
      .get(url(0, '?limit=1&lang=da'))
      .set(...auth(org))
      .expect(200);
    expect(ids(da.body)).toEqual([b.clusterIds[1]]);
    expect(da.body[0].reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^I søger ».*electrolysers.*«; de tilbyder »/)]),
    );
  });

  it('refuses other clusters’ delegates, bad queries, and clusters or events not taking part', async () => {
    const d0 = await asDelegate(0);
    await t.http
      .get(url(1))
      .set(...auth(d0))
      .expect(403);
    const bad = await t.http
      .get(url(0, '?limit=0&lang=fr'))
      .set(...auth(d0))
      .expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/limit/);
    expect(JSON.stringify(bad.body)).toMatch(/lang/);
    await t.http
      .get(`/api/events/${b.eventId}/clusters/00000000-0000-4000-8000-000000000000/recommendations`)
      .set(...auth(org))
      .expect(404);
    await t.http
      .get(`/api/events/00000000-0000-4000-8000-000000000000/clusters/${b.clusterIds[0]}/recommendations`)
      .set(...auth(org))
      .expect(404);
    await t.http.get(url(0)).expect(401);
  });

  it('leaves out pairs with a pending request, and clusters marked "not interested" until undone', async () => {
    const d2 = await asDelegate(2);
    const d3 = await asDelegate(3);
    const before = ids((await t.http.get(url(2)).set(...auth(d2))).body);
    expect(before).toEqual(expect.arrayContaining([b.clusterIds[3], b.clusterIds[4]]));
    await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(...auth(d2))
      .send({ receiverClusterIds: [b.clusterIds[3]], interest: 4, delegateIds: [b.delegateIds[2][0]] })
      .expect(201);
    expect(ids((await t.http.get(url(2)).set(...auth(d2))).body)).not.toContain(b.clusterIds[3]);
    expect(ids((await t.http.get(url(3)).set(...auth(d3))).body)).not.toContain(b.clusterIds[2]);

    const mark = `${url(2)}/not-interested`;
    for (let i = 0; i < 2; i++)
      await t.http
        .post(mark)
        .set(...auth(d2))
        .send({ targetClusterId: b.clusterIds[4] })
        .expect(201, { clusterId: b.clusterIds[2], targetClusterId: b.clusterIds[4] });
    expect(ids((await t.http.get(url(2)).set(...auth(d2))).body)).not.toContain(b.clusterIds[4]);
    // Only for the cluster that said it.
    expect(ids((await t.http.get(url(4)).set(...auth(org))).body)).toContain(b.clusterIds[2]);
    const own = await t.http
      .post(mark)
      .set(...auth(d2))
      .send({ targetClusterId: b.clusterIds[2] })
      .expect(422);
    expect(own.body.fields).toEqual([{ path: 'targetClusterId', code: 'unknown', message: 'is your own cluster' }]);
    await t.http
      .post(mark)
      .set(...auth(d2))
      .send({ targetClusterId: 'nobody' })
      .expect(422);
    await t.http
      .post(mark)
      .set(...auth(d2))
      .send({})
      .expect(400);
    // Another cluster's delegate cannot mark for cluster 2.
    await t.http
      .post(mark)
      .set(...auth(d3))
      .send({ targetClusterId: b.clusterIds[4] })
      .expect(403);
    await t.http
      .delete(`${mark}/${b.clusterIds[4]}`)
      .set(...auth(d2))
      .expect(204);
    expect(ids((await t.http.get(url(2)).set(...auth(d2))).body)).toContain(b.clusterIds[4]);
    await t.http
      .delete(`${mark}/${b.clusterIds[4]}`)
      .set(...auth(d2))
      .expect(404);
  });

  it('shows organisers the clusters with few requests and nudges them by mail in English or Danish', async () => {
    const overview = await t.http
      .get(`/api/events/${b.eventId}/recommendations/overview?maxRequests=0&limit=2`)
      .set(...auth(org))
      .expect(200);
    // Clusters 2 and 3 have a request; 0, 1 and 4 have none.
    const listed = (overview.body.clusters as { clusterId: string }[]).map((c) => c.clusterId).sort();
    expect(listed).toEqual([b.clusterIds[0], b.clusterIds[1], b.clusterIds[4]].sort());
    expect(overview.body).toMatchObject({ participants: 5, deadlinePassed: false });
    const zero = overview.body.clusters.find((c: { clusterId: string }) => c.clusterId === b.clusterIds[0]);
    expect(zero).toMatchObject({ requests: 0, delegates: 1, lastNudgedAt: null });
    expect(zero.suggestions[0].clusterId).toBe(b.clusterIds[1]);
    expect(zero.suggestions.length).toBeLessThanOrEqual(2);

    const bad = await t.http
      .post(`/api/events/${b.eventId}/recommendations/nudges`)
      .set(...auth(org))
      .send({ clusterIds: [b.clusterIds[0], 'nobody'] })
      .expect(422);
    expect(bad.body.fields).toEqual([
      { path: 'clusterIds[1]', code: 'unknown', message: 'cluster nobody does not take part in this event' },
    ]);
    const sent = await t.http
      .post(`/api/events/${b.eventId}/recommendations/nudges`)
      .set(...auth(org))
      .send({ clusterIds: [b.clusterIds[0]], language: 'da', limit: 2 })
      .expect(201);
    expect(sent.body).toEqual({ queued: 1, nudged: [b.clusterIds[0]], skipped: [] });
    const mails = await t.db.manager.find(OutboxMessageEntity, { where: { kind: 'recommendations-nudge' } });
    expect(mails).toHaveLength(1);
    expect(mails[0].recipient).toContain('d0-0@cluster0.example.org');
    expect(mails[0].subject).toBe('Klynger der er værd at møde ved Test conference');
    expect(mails[0].mail).toContain('Cluster 001');
    expect(mails[0].mail).toContain(`https://match.example.org/events/${b.eventId}/directory`);
    const after = await t.http
      .get(`/api/events/${b.eventId}/recommendations/overview?maxRequests=0`)
      .set(...auth(org))
      .expect(200);
    const nudged = after.body.clusters.find((c: { clusterId: string }) => c.clusterId === b.clusterIds[0]);
    expect(typeof nudged.lastNudgedAt).toBe('string');
  });

  it('adds the mutual-fit bonus to the weight of a mutual pair’s accepted request when set', async () => {
    const settings = `/api/events/${b.eventId}/recommendations/settings`;
    await t.http
      .get(settings)
      .set(...auth(org))
      .expect(200, { mutualFitBonus: 0 });
    const tooBig = await t.http
      .put(settings)
      .set(...auth(org))
      .send({ mutualFitBonus: 11 })
      .expect(400);
    expect(JSON.stringify(tooBig.body)).toMatch(/mutualFitBonus/);
    const d0 = await asDelegate(0);
    const req = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(...auth(d0))
      .send({ receiverClusterIds: [b.clusterIds[1]], interest: 3, delegateIds: [b.delegateIds[0][0]] })
      .expect(201);
    await t.http
      .post(`/api/requests/${req.body.id}/accept`)
      .set(...auth(await asDelegate(1)))
      .send({ interest: 3, delegateIds: [b.delegateIds[1][0]] })
      .expect((res) => expect([200, 201]).toContain(res.status));
    const recs = t.app.get(RecommendationsService);
    const event = await t.db.manager.findOneByOrFail(EventEntity, { id: b.eventId });
    expect(await recs.mutualFit(b.eventId)).toBeNull();
    const weightOf = async (): Promise<number | undefined> =>
      (
        await t.app.get(ProblemBuilder).build(t.db.manager, event, await recs.mutualFit(b.eventId))
      ).problem.meetings.find((m) => m.id === req.body.id)?.weight;
    expect(await weightOf()).toBe(15);
    await t.http
      .put(settings)
      .set(...auth(org))
      .send({ mutualFitBonus: 2 })
      .expect(200, { mutualFitBonus: 2 });
    expect(await weightOf()).toBe(17);
  });

  it('brings a follow-up of a useful earlier meeting and leaves out a pair that declined, in the next event', async () => {
    // Event 1 so far: 0-1 accepted with interests (3, 3); 2 asked 3 (pending). 3 now declines it.
    const inbox = await t.http
      .get(`/api/events/${b.eventId}/requests?status=pending`)
      .set(...auth(org))
      .expect(200);
    const pending = (inbox.body as { id: string; requesterClusterId: string }[]).find(
      (r) => r.requesterClusterId === b.clusterIds[2],
    );
    await t.http
      .post(`/api/requests/${pending?.id}/decline`)
      .set(...auth(await asDelegate(3)))
      .send({})
      .expect((res) => expect([200, 201]).toContain(res.status));
    const next = await t.http
      .post('/api/events')
      .set(...auth(org))
      .send({
        name: 'Follow-up conference',
        venue: 'Hall 2',
        timezone: 'Europe/Berlin',
        requestDeadline: '2099-01-01T00:00:00Z',
        days: [{ date: '2028-05-11', startTime: '09:00', endTime: '10:00', meetingMinutes: 30 }],
        tables: [{ name: 'T1', seats: 4 }],
      })
      .expect(201);
    const ev2: string = next.body.id;
    for (const c of b.clusterIds)
      await t.http
        .post(`/api/events/${ev2}/participants`)
        .set(...auth(org))
        .send({ clusterId: c })
        .expect(201);
    const recs = async (cluster: number): Promise<Rec[]> =>
      (
        await t.http
          .get(`/api/events/${ev2}/clusters/${b.clusterIds[cluster]}/recommendations`)
          .set(...auth(org))
          .expect(200)
      ).body as Rec[];
    const one = (await recs(0)).find((r) => r.clusterId === b.clusterIds[1]);
    expect(one?.reasons[0]).toBe('You met at “Test conference” with a useful outcome: time for a follow-up');
    expect(ids(await recs(2))).not.toContain(b.clusterIds[3]);
    expect(ids(await recs(3))).not.toContain(b.clusterIds[2]);

    // What the attendees said of the meeting wins over the interests: held, but of no use, is no follow-up.
    const accepted = await t.http
      .get(`/api/events/${b.eventId}/requests?status=accepted`)
      .set(...auth(org))
      .expect(200);
    const meeting = (accepted.body as { id: string }[])[0];
    await t.db.manager.insert(MeetingFeedbackEntity, {
      id: randomUUID(),
      eventId: b.eventId,
      requestId: meeting.id,
      delegateId: b.delegateIds[0][0],
      clusterId: b.clusterIds[0],
      held: true,
      usefulness: 1,
      nextStep: 'none',
      note: '',
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    const after = (await recs(0)).find((r) => r.clusterId === b.clusterIds[1]);
    expect(after?.reasons.join(' ')).not.toMatch(/You met at/);
  });

  it('refuses nudges once the request deadline has passed (409)', async () => {
    await t.db.manager.update(EventEntity, { id: b.eventId }, { requestDeadline: '2000-01-01T00:00:00.000Z' });
    const res = await t.http
      .post(`/api/events/${b.eventId}/recommendations/nudges`)
      .set(...auth(org))
      .send({ clusterIds: [b.clusterIds[4]] })
      .expect(409);
    expect(res.body.message).toMatch(/deadline/);
  });
});
