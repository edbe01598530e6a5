/**
 * Issue 9, items 6 and 7: each directory card carries its cluster's relation to the asking delegate's cluster
 * (own, sent, received, accepted, declined, none) and whether a new request would be taken; the relation is read
 * per request, so it changes at once when a request is created, answered or withdrawn, with the read cache on.
 * Group requests name one to four receivers. SQLite and PostgreSQL.
 */
import { setUpEvent, startTestApp, type Basics, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

interface Relation {
  state: string;
  requestId: string | null;
  canRequest: boolean;
}

describe.each(['sqlite', 'postgres'] as const)('directory relations (%s)', (db) => {
  let t: TestApp;
  let b: Basics;
  const as = async (i: number): Promise<[string, string]> => [
    'Authorization',
    `Bearer ${await t.delegateToken(b.delegateIds[i]?.[0] ?? '')}`,
  ];
  const org = async (): Promise<[string, string]> => ['Authorization', `Bearer ${await t.organiserToken()}`];
  /** The relation of each cluster (by index) as the delegate of cluster `i` sees the directory. */
  const relations = async (i: number): Promise<Relation[]> => {
    const res = await t.http
      .get(`/api/events/${b.eventId}/clusters?limit=200`)
      .set(...(await as(i)))
      .expect(200);
    const byId = new Map<string, Relation>(
      res.body.items.map((c: { id: string; relationship: Relation }) => [c.id, c.relationship]),
    );
    return b.clusterIds.map((id) => byId.get(id) as Relation);
  };
  const request = async (from: number, to: number[]): Promise<string> =>
    (
      await t.http
        .post(`/api/events/${b.eventId}/requests`)
        .set(...(await as(from)))
        .send({
          receiverClusterIds: to.map((x) => b.clusterIds[x]),
          interest: 3,
          delegateIds: [b.delegateIds[from]?.[0]],
        })
        .expect(201)
    ).body.id;
  const answer = async (id: string, by: number, accept: boolean): Promise<string> =>
    (
      await t.http
        .post(`/api/requests/${id}/${accept ? 'accept' : 'decline'}`)
        .set(...(await as(by)))
        .send(accept ? { interest: 4, delegateIds: [b.delegateIds[by]?.[0]] } : {})
        .expect(200)
    ).body.status;

  beforeAll(async () => {
    t = await startTestApp({ db, config: { readCache: true } });
    b = await setUpEvent(t, 7, 1);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('starts with the own cluster and nothing else; organisers get no relation', async () => {
    const r = await relations(0);
    expect(r[0]).toEqual({ state: 'own', requestId: null, canRequest: false });
    for (const x of r.slice(1)) expect(x).toEqual({ state: 'none', requestId: null, canRequest: true });
    const seen = await t.http
      .get(`/api/events/${b.eventId}/clusters`)
      .set(...(await org()))
      .expect(200);
    expect(seen.body.items.every((c: { relationship?: unknown }) => c.relationship === undefined)).toBe(true);
  });

  it('shows sent and received at once after a request, accepted after the answer, on both sides', async () => {
    await relations(0); // warm the cache
    await relations(1);
    const id = await request(0, [1]);
    expect((await relations(0))[1]).toEqual({ state: 'sent', requestId: id, canRequest: false });
    expect((await relations(1))[0]).toEqual({ state: 'received', requestId: id, canRequest: false });
    // A request the relation says is not possible is refused by the service.
    await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(...(await as(1)))
      .send({ receiverClusterIds: [b.clusterIds[0]], interest: 3, delegateIds: [b.delegateIds[1]?.[0]] })
      .expect(409);
    expect(await answer(id, 1, true)).toBe('accepted');
    expect((await relations(0))[1]).toEqual({ state: 'accepted', requestId: id, canRequest: false });
    expect((await relations(1))[0]).toEqual({ state: 'accepted', requestId: id, canRequest: false });
  });

  it('shows a decline to both, and offers a new request again, which the service takes', async () => {
    const id = await request(2, [3]);
    expect(await answer(id, 3, false)).toBe('declined');
    expect((await relations(2))[3]).toEqual({ state: 'declined', requestId: id, canRequest: true });
    expect((await relations(3))[2]).toEqual({ state: 'declined', requestId: id, canRequest: true });
    const again = await request(3, [2]);
    expect((await relations(2))[3]).toEqual({ state: 'received', requestId: again, canRequest: false });
    await t.http
      .post(`/api/requests/${again}/withdraw`)
      .set(...(await as(3)))
      .expect(200);
    expect((await relations(2))[3]).toEqual({ state: 'declined', requestId: id, canRequest: true });
  });

  it('a group request: pending with each receiver, accepted only when all accept; a pair stays requestable', async () => {
    const g = await request(4, [5, 6]);
    const seen = await relations(4);
    expect(seen[5]).toEqual({ state: 'sent', requestId: g, canRequest: true });
    expect(seen[6]).toEqual({ state: 'sent', requestId: g, canRequest: true });
    // The two receivers see each other as part of a request they received.
    expect((await relations(5))[6]).toMatchObject({ state: 'received', requestId: g });
    expect(await answer(g, 5, true)).toBe('pending');
    expect((await relations(4))[5]).toMatchObject({ state: 'sent' });
    expect(await answer(g, 6, true)).toBe('accepted');
    expect((await relations(4))[5]).toMatchObject({ state: 'accepted', requestId: g });
    expect((await relations(6))[5]).toMatchObject({ state: 'accepted', requestId: g });
  });

  it('a group request one receiver declines is declined with that receiver only', async () => {
    const g = await request(0, [2, 4, 6]);
    expect(await answer(g, 2, true)).toBe('pending');
    expect(await answer(g, 4, false)).toBe('declined');
    const seen = await relations(0);
    expect(seen[4]).toEqual({ state: 'declined', requestId: g, canRequest: true });
    expect(seen[2]).toEqual({ state: 'none', requestId: null, canRequest: true });
    // The receiver still pending cannot answer any more.
    await t.http
      .post(`/api/requests/${g}/accept`)
      .set(...(await as(6)))
      .send({ interest: 3, delegateIds: [b.delegateIds[6]?.[0]] })
      .expect(409);
  });

  it('takes one to four receivers and refuses five, naming the field', async () => {
    const five = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(...(await as(1)))
      .send({ receiverClusterIds: b.clusterIds.slice(2, 7), interest: 3, delegateIds: [b.delegateIds[1]?.[0]] })
      .expect(400);
    expect(JSON.stringify(five.body)).toContain('receiverClusterIds');
    const four = await request(1, [2, 3, 5, 6]);
    expect((await relations(1))[6]).toMatchObject({ state: 'sent', requestId: four });
  });

  it('offers no request after the deadline, and shows pending requests as expired', async () => {
    const id = await request(5, [1]);
    expect((await relations(5))[1]).toMatchObject({ state: 'sent', requestId: id, canRequest: false });
    await t.http
      .patch(`/api/events/${b.eventId}`)
      .set(...(await org()))
      .send({ requestDeadline: '2020-01-01T00:00:00Z' })
      .expect(200);
    const late = await relations(5);
    expect(late[1]).toEqual({ state: 'none', requestId: null, canRequest: false });
    expect(late.every((x) => !x.canRequest)).toBe(true);
    // Accepted meetings stay accepted.
    expect(late[4]).toMatchObject({ state: 'accepted' });
    await t.http
      .patch(`/api/events/${b.eventId}`)
      .set(...(await org()))
      .send({ requestDeadline: '2099-01-01T00:00:00Z' })
      .expect(200);
  });
});
