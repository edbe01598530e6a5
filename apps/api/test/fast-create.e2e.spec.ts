/**
 * A delegate's meeting request created ahead of Express (issue 18, `src/requests/fast-create.ts`): the same status,
 * headers, answer and stored rows as the routed path; every failure answered by the routed path as before (replayed
 * with the same body, so the bytes are the routed ones); everything it does not take left to the routed path unread.
 */
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { Response, Test } from 'supertest';
import { fastCreateOf } from '../src/app.factory';
import { OutboxMessageEntity } from '../src/mail/outbox-message.entity';
import type { FastCreate } from '../src/requests/fast-create';
import { MeetingRequestEntity, RequestDelegateEntity, RequestPartyEntity } from '../src/requests/request.entity';
import { Basics, setUpEvent, startTestApp, TestApp } from '../test-utils';

describe.each(['sqlite', 'postgres'] as const)('fast request creation (%s)', (db) => {
  let t: TestApp;
  let b: Basics;
  let fast: FastCreate;
  const tokens = new Map<string, string>();
  const as = async (c: number, d = 0): Promise<{ Authorization: string }> => {
    const id = b.delegateIds[c]?.[d] ?? '';
    if (!tokens.has(id)) tokens.set(id, await t.delegateToken(id));
    return { Authorization: `Bearer ${tokens.get(id)}` };
  };
  const path = (): string => `/api/events/${b.eventId}/requests`;
  const body = (from: number, to: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    receiverClusterIds: [b.clusterIds[to]],
    interest: 4,
    note: 'Hydrogen pilots – and "quotes" <b>',
    delegateIds: [b.delegateIds[from]?.[0]],
    ...extra,
  });

  /** Status, headers (but the date) and body of an answer. */
  const whole = (r: Response): { status: number; headers: Record<string, unknown>; body: string } => {
    const headers: Record<string, unknown> = { ...r.headers };
    delete headers['date'];
    return { status: r.status, headers, body: r.text };
  };

  /** An answer but for the created request's id and times (and so its ETag). */
  const same = (r: Response): unknown => {
    const w = whole(r);
    delete w.headers['etag'];
    const v = JSON.parse(w.body) as Record<string, unknown>;
    return { ...w, body: { ...v, id: 'id', createdAt: 't', updatedAt: 't' } };
  };

  /** Sends `send` with the fast path on, and says which way it went. */
  async function viaFast(send: () => Test): Promise<{ r: Response; way: 'fast' | 'replayed' | 'routed' }> {
    const [served, replayed] = [fast.served, fast.replayed];
    const r = await send();
    const way = fast.served > served ? 'fast' : fast.replayed > replayed ? 'replayed' : 'routed';
    return { r, way };
  }

  /** Sends `send` with the fast path off. */
  async function viaRouted(send: () => Test): Promise<Response> {
    fast.enabled = false;
    try {
      return await send();
    } finally {
      fast.enabled = true;
    }
  }

  const stored = async (requestId: string): Promise<unknown> => {
    const m = t.db.manager;
    const r = await m.findOneByOrFail(MeetingRequestEntity, { id: requestId });
    const parties = await m.find(RequestPartyEntity, {
      where: { requestId },
      order: { role: 'ASC', clusterId: 'ASC' },
    });
    const links = await m.find(RequestDelegateEntity, { where: { requestId }, order: { delegateId: 'ASC' } });
    const plain = (o: object, ...drop: string[]): Record<string, unknown> =>
      Object.fromEntries(Object.entries(o).filter(([k]) => !drop.includes(k)));
    return {
      request: plain(r, 'id', 'createdAt', 'updatedAt'),
      parties: parties.map((p) => plain(p, 'id', 'requestId', 'respondedAt')),
      links: links.map((l) => plain(l, 'requestId')),
    };
  };
  const outboxRows = (): Promise<number> => t.db.manager.count(OutboxMessageEntity);

  beforeAll(async () => {
    t = await startTestApp({ db });
    const f = fastCreateOf(t.app);
    if (!f) throw new Error('createApp installed no fast path for request creation');
    fast = f;
    b = await setUpEvent(t, 6, 2);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('creates a request with the routed path’s status, headers, answer, rows and mails', async () => {
    const auth = await as(0);
    const mails0 = await outboxRows();
    const first = await viaFast(() => t.http.post(path()).set(auth).send(body(0, 1)));
    expect(first.way).toBe('fast');
    expect(first.r.status).toBe(201);
    const mails1 = await outboxRows();
    const firstId = (first.r.body as { id: string }).id;
    const firstRows = await stored(firstId);
    // The pair is free again once the request is withdrawn: the routed path creates the same request.
    expect((await t.http.post(`/api/requests/${firstId}/withdraw`).set(auth).send({})).status).toBe(200);
    const mails2 = await outboxRows();
    const routed = await viaRouted(() => t.http.post(path()).set(auth).send(body(0, 1)));
    expect(routed.status).toBe(201);
    const mails3 = await outboxRows();
    expect(same(first.r)).toEqual(same(routed));
    expect(first.r.headers['etag']).toMatch(/^W\/"/);
    expect(await stored((routed.body as { id: string }).id)).toEqual(firstRows);
    // Cluster 1's two delegates are told about each request, whichever path created it.
    expect(mails1 - mails0).toBe(2);
    expect(mails3 - mails2).toBe(mails1 - mails0);
    expect((first.r.body as { parties: { clusterId: string }[] }).parties.map((p) => p.clusterId)).toEqual([
      b.clusterIds[0],
      b.clusterIds[1],
    ]);
  });

  it('leaves every failure to the routed path, which answers it as before and stores nothing', async () => {
    const auth = await as(2);
    // Cluster 2 already has a pending request to cluster 3 (the duplicate below).
    expect((await t.http.post(path()).set(auth).send(body(2, 3))).status).toBe(201);
    const requests0 = await t.db.manager.count(MeetingRequestEntity);
    const mails0 = await outboxRows();
    const json = (raw: string) => () => t.http.post(path()).set(auth).set('Content-Type', 'application/json').send(raw);
    const failing: [string, () => Test, number][] = [
      ['duplicate pair', () => t.http.post(path()).set(auth).send(body(2, 3)), 409],
      ['request to itself', () => t.http.post(path()).set(auth).send(body(2, 2)), 422],
      [
        'unknown receiver',
        () =>
          t.http
            .post(path())
            .set(auth)
            .send(body(2, 4, { receiverClusterIds: ['nope'] })),
        422,
      ],
      [
        'delegate of another cluster',
        () =>
          t.http
            .post(path())
            .set(auth)
            .send(body(2, 4, { delegateIds: [b.delegateIds[5]?.[0]] })),
        422,
      ],
      [
        'interest out of range',
        () =>
          t.http
            .post(path())
            .set(auth)
            .send(body(2, 4, { interest: 9 })),
        400,
      ],
      [
        'unknown field',
        () =>
          t.http
            .post(path())
            .set(auth)
            .send(body(2, 4, { colour: 'red' })),
        400,
      ],
      [
        'control characters',
        () =>
          t.http
            .post(path())
            .set(auth)
            .send(body(2, 4, { note: 'a\u0007b' })),
        400,
      ],
      [
        'null note',
        () =>
          t.http
            .post(path())
            .set(auth)
            .send(body(2, 4, { note: null })),
        400,
      ],
      [
        'organiser field from a delegate',
        () =>
          t.http
            .post(path())
            .set(auth)
            .send(body(2, 4, { requesterClusterId: b.clusterIds[4] })),
        403,
      ],
      ['malformed JSON', json('{"interest": 4,'), 400],
      ['an array', json('[1, 2]'), 400],
      ['a string', json('"hello"'), 400],
      ['NUL in a key', json('{"a\\u0000": 1}'), 400],
      ['deep nesting', json(`${'['.repeat(200)}${']'.repeat(200)}`), 400],
    ];
    for (const [name, send, status] of failing) {
      const f = await viaFast(send);
      const r = await viaRouted(send);
      expect([name, f.way]).toEqual([name, 'replayed']);
      expect([name, r.status]).toEqual([name, status]);
      expect([name, whole(f.r)]).toEqual([name, whole(r)]);
    }
    expect(await t.db.manager.count(MeetingRequestEntity)).toBe(requests0);
    expect(await outboxRows()).toBe(mails0);
  });

  it('leaves to the routed path, unread, what it does not take', async () => {
    const organiser = { Authorization: `Bearer ${await t.organiserToken()}` };
    const auth = await as(4);
    const other = await startOtherEventDelegate();
    const notTaken: [string, () => Test][] = [
      ['no token', () => t.http.post(path()).send(body(4, 5))],
      ['a bad token', () => t.http.post(path()).set({ Authorization: 'Bearer nope' }).send(body(4, 5))],
      [
        'an organiser',
        () =>
          t.http
            .post(path())
            .set(organiser)
            .send(body(4, 5, { requesterClusterId: b.clusterIds[4] })),
      ],
      ['another organisation’s delegate', () => t.http.post(path()).set(other).send(body(4, 5))],
      ['a query string', () => t.http.post(`${path()}?x=1`).set(auth).send(body(4, 5))],
      [
        'text/plain',
        () =>
          t.http
            .post(path())
            .set(auth)
            .set('Content-Type', 'text/plain')
            .send(JSON.stringify(body(4, 5))),
      ],
      ['an encoded path', () => t.http.post(`/api/events/${b.eventId}/%72equests`).set(auth).send(body(4, 5))],
    ];
    const created: string[] = [];
    for (const [name, send] of notTaken) {
      const f = await viaFast(send);
      expect([name, f.way]).toEqual([name, 'routed']);
      if (f.r.status === 201) {
        // Created by the routed path: withdrawn, so that the routed path alone creates it again for the comparison.
        const id = (f.r.body as { id: string }).id;
        created.push(name);
        const by = name === 'an organiser' ? organiser : auth;
        expect((await t.http.post(`/api/requests/${id}/withdraw`).set(by).send({})).status).toBe(200);
        const r = await viaRouted(send);
        expect([name, same(f.r)]).toEqual([name, same(r)]);
        const again = (r.body as { id: string }).id;
        expect((await t.http.post(`/api/requests/${again}/withdraw`).set(by).send({})).status).toBe(200);
      } else {
        const r = await viaRouted(send);
        expect([name, whole(f.r)]).toEqual([name, whole(r)]);
      }
    }
    // Express does not decode the path to route it: the encoded spelling is a 404 on both paths.
    expect(created).toEqual(['an organiser', 'a query string']);
  });

  it('drops a request whose client goes away in the middle of the body, and goes on', async () => {
    const server = t.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const auth = await as(5);
    const requests0 = await t.db.manager.count(MeetingRequestEntity);
    const [served, replayed] = [fast.served, fast.replayed];
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(
      `POST ${path()} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${auth.Authorization}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{"receiverClusterIds": [',
    );
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    await closed;
    await new Promise((r) => setTimeout(r, 100));
    expect([fast.served, fast.replayed]).toEqual([served, replayed]);
    expect(await t.db.manager.count(MeetingRequestEntity)).toBe(requests0);
    // The service goes on: the next request is created as before.
    const next = await viaFast(() => t.http.post(path()).set(auth).send(body(5, 0)));
    expect([next.way, next.r.status]).toEqual(['fast', 201]);
  });

  /** A delegate of a second organisation's event: the guard refuses them this event. */
  async function startOtherEventDelegate(): Promise<{ Authorization: string }> {
    const org = await t.organiserOf('Other organisation', 'owner');
    const other = await setUpEvent(t, 2, 1, { token: org.token, prefix: 'other' });
    return { Authorization: `Bearer ${await t.delegateToken(other.delegateIds[0]?.[0] ?? '')}` };
  }
});
