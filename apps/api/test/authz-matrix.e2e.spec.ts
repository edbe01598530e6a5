import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { IS_PUBLIC, Role, ROLES } from '../src/auth/decorators';
import { Basics, setUpEvent, startTestApp, TestApp } from '../test-utils';

interface Route {
  method: string;
  path: string;
  isPublic: boolean;
  roles: Role[] | undefined;
}

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

const join = (...parts: string[]): string => `/${parts.join('/').split('/').filter(Boolean).join('/')}`;

/** Every route of the running app: Express's router, each matched to its Nest handler's metadata. */
function discoverRoutes(t: TestApp): Route[] {
  const meta = new Map<string, { isPublic: boolean; roles: Role[] | undefined }>();
  for (const mod of t.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...a: unknown[]) => object) | null;
      if (!ctrl) continue;
      const base = Reflect.getMetadata(PATH_METADATA, ctrl) as string | string[];
      for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
        const handler = (ctrl.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const m = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (sub === undefined || m === undefined) continue;
        const isPublic = Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, ctrl));
        const roles = (Reflect.getMetadata(ROLES, handler) ?? Reflect.getMetadata(ROLES, ctrl)) as Role[] | undefined;
        for (const b of [base].flat())
          for (const s of [sub].flat()) meta.set(`${RequestMethod[m]} ${join('api', b, s)}`, { isPublic, roles });
      }
    }
  }
  const express = t.app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  const routes: Route[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route || !layer.route.path.startsWith('/api/') || layer.route.path.startsWith('/api/docs')) continue;
    for (const method of Object.keys(layer.route.methods)) {
      const key = `${method.toUpperCase()} ${layer.route.path}`;
      const m = meta.get(key);
      if (!m) throw new Error(`route ${key} has no Nest handler metadata`);
      routes.push({ method: method.toUpperCase(), path: layer.route.path, ...m });
    }
  }
  return routes;
}

describe('authorisation matrix over every route', () => {
  let t: TestApp;
  let b: Basics;
  let routes: Route[];
  let requestBC: string;
  let termId: string;
  const A = 0;
  const B = 1;
  const C = 2;

  const call = (method: string, url: string, token?: string, body?: unknown, query?: Record<string, string>) => {
    const m = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = t.http[m](url);
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    if (query) req = req.query(query);
    return body === undefined || method === 'GET' ? req : req.send(body as object);
  };

  /** Fills path parameters; a parameter this test does not know (a route added later) gets a random id. */
  const fill = (path: string, ids: Record<string, string>): string =>
    path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? randomUUID());

  beforeAll(async () => {
    t = await startTestApp();
    b = await setUpEvent(t, 3, 2);
    const org = await t.organiserToken();
    const r = await call(
      'POST',
      `/api/events/${b.eventId}/requests`,
      await t.delegateToken(b.delegateIds[B]?.[0] ?? ''),
      {
        receiverClusterIds: [b.clusterIds[C]],
        interest: 3,
        delegateIds: [b.delegateIds[B]?.[0]],
      },
    );
    expect(r.status).toBe(201);
    requestBC = r.body.id;
    termId = (await call('GET', '/api/taxonomy', org)).body[0].id;
    routes = discoverRoutes(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('discovers the routes of every module', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'POST /api/events',
        'PUT /api/events/:eventId/days',
        'POST /api/taxonomy',
        'GET /api/events/:eventId/clusters',
        'PUT /api/events/:eventId/delegates/:delegateId/unavailability',
        'POST /api/requests/:requestId/accept',
        'POST /api/events/:eventId/imports/clusters',
        'POST /api/events/:eventId/mailings',
        'GET /api/events/:eventId/mailings',
        'POST /api/events/:eventId/mailings/preview',
        'POST /api/events/:eventId/segments/recipients',
        'POST /api/unsubscribe',
        'PUT /api/events/:eventId/nudges',
        'POST /api/events/:eventId/nudges/run',
        'GET /api/events/:eventId/bounces',
        'PUT /api/mail/templates/:template/:language',
        'GET /api/events/:eventId/clusters/:clusterId/recommendations',
        'POST /api/events/:eventId/clusters/:clusterId/recommendations/not-interested',
        'DELETE /api/events/:eventId/clusters/:clusterId/recommendations/not-interested/:targetClusterId',
        'GET /api/events/:eventId/recommendations/overview',
        'POST /api/events/:eventId/recommendations/nudges',
        'PUT /api/events/:eventId/recommendations/settings',
        'GET /api/events/:eventId/follow-ups',
        'PUT /api/events/:eventId/follow-ups',
        'POST /api/events/:eventId/follow-ups/run',
        'GET /api/events/:eventId/clusters/:clusterId/follow-up',
        'PUT /api/events/:eventId/clusters/:clusterId/follow-up/:otherClusterId',
        'GET /api/clusters/:clusterId/relationships',
        'GET /api/impact-reports',
        'GET /api/impact-reports/performance',
        'POST /api/events/:eventId/checkins',
        'DELETE /api/events/:eventId/checkins/:delegateId',
        'PUT /api/events/:eventId/meetings/:meetingId/status',
        'GET /api/events/:eventId/day',
        'GET /api/events/:eventId/day/rebooking',
        'POST /api/events/:eventId/day/rebooking',
        'GET /api/me/export',
        'GET /api/delegates/:delegateId/export',
        'GET /api/delegates/:delegateId/erasure',
        'POST /api/delegates/:delegateId/erasure',
        'GET /api/audit-log',
        'GET /api/audit-log/export',
      ]),
    );
    expect(routes.length).toBeGreaterThan(35);
  });

  it('answers 401 on every non-public route without a token, with a forged token and with an expired token', async () => {
    const forged = new JwtService({ secret: 'another-secret-of-enough-length' }).sign({
      sub: randomUUID(),
      kind: 'organiser',
      email: 'x@example.org',
    });
    const jwt = t.app.get(JwtService);
    const user = (await call('GET', '/api/auth/me', await t.organiserToken())).body as { id: string; email: string };
    const expired = jwt.sign({ sub: user.id, kind: 'organiser', email: user.email }, { expiresIn: -10 });
    const ids = {
      eventId: b.eventId,
      clusterId: b.clusterIds[A] ?? '',
      delegateId: b.delegateIds[A]?.[0] ?? '',
      requestId: requestBC,
      meetingId: requestBC,
      termId,
      versionId: randomUUID(),
      jobId: randomUUID(),
    };
    let checked = 0;
    for (const r of routes.filter((x) => !x.isPublic)) {
      for (const token of [undefined, forged, expired]) {
        const res = await call(r.method, fill(r.path, ids), token, {});
        if (res.status !== 401)
          throw new Error(`${r.method} ${r.path} with ${token ? 'a bad' : 'no'} token gave ${res.status}`);
        expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(90);
  });

  it('answers 403 to a delegate on every organiser-only route', async () => {
    const token = await t.delegateToken(b.delegateIds[A]?.[0] ?? '');
    const ids = {
      eventId: b.eventId,
      clusterId: b.clusterIds[A] ?? '',
      delegateId: b.delegateIds[A]?.[0] ?? '',
      requestId: requestBC,
      meetingId: requestBC,
      termId,
      versionId: randomUUID(),
      jobId: randomUUID(),
    };
    const orgOnly = routes.filter((r) => !r.isPublic && r.roles && !r.roles.includes('delegate'));
    expect(orgOnly.length).toBeGreaterThan(10);
    for (const r of orgOnly) {
      const res = await call(r.method, fill(r.path, ids), token, {});
      if (res.status !== 403) throw new Error(`${r.method} ${r.path} as a delegate gave ${res.status}`);
    }
    // Nothing was changed by those attempts.
    const ev = await call('GET', `/api/events/${b.eventId}`, token);
    expect(ev.body.tables).toHaveLength(3);
  });

  it('never gives an organiser 401/403 on a route open to organisers', async () => {
    const token = await t.organiserToken();
    // Random ids: nothing real is touched.
    const ids = {
      eventId: randomUUID(),
      clusterId: randomUUID(),
      delegateId: randomUUID(),
      requestId: randomUUID(),
      termId: randomUUID(),
      versionId: randomUUID(),
      jobId: randomUUID(),
    };
    for (const r of routes.filter((x) => !x.isPublic)) {
      const res = await call(r.method, fill(r.path, ids), token, {});
      const allowed = !r.roles || r.roles.includes('organiser');
      if (allowed && (res.status === 401 || res.status === 403))
        throw new Error(`${r.method} ${r.path} as organiser gave ${res.status}`);
      if (!allowed && res.status !== 403)
        throw new Error(`${r.method} ${r.path} (delegates only) as organiser gave ${res.status}`);
    }
  });

  /**
   * A delegate of cluster A aims at cluster B's private resources: every route that names a resource by id
   * (other than the event A takes part in) gets B's ids, and the routes that take a cluster in the body or
   * query get B's. They must refuse with 403/404, except the public profile (PUBLIC_BY_ID). Routes that name
   * no resource (lists, the directory, one's own agenda) must answer without any of B's private data.
   */
  it("keeps a delegate of cluster A away from cluster B's private data and requests", async () => {
    const PUBLIC_BY_ID = new Set(['GET /api/clusters/:clusterId']);
    const bDelegate = b.delegateIds[B]?.[0] ?? '';
    const bodies: Record<string, unknown> = {
      'PATCH /api/clusters/:clusterId': { seeks: 'taken over' },
      'POST /api/clusters/:clusterId/delegates': { name: 'Intruder', email: 'intruder@example.org', role: 'x' },
      'PATCH /api/delegates/:delegateId': { name: 'Renamed' },
      'PUT /api/events/:eventId/delegates/:delegateId/unavailability': { slots: ['d1s01'] },
      'POST /api/events/:eventId/requests': {
        requesterClusterId: b.clusterIds[B],
        receiverClusterIds: [b.clusterIds[C]],
        interest: 5,
        delegateIds: [bDelegate],
      },
      'POST /api/requests/:requestId/accept': { interest: 5, delegateIds: [b.delegateIds[A]?.[0]] },
      'POST /api/requests/:requestId/decline': {},
      'POST /api/events/:eventId/clusters/:clusterId/recommendations/not-interested': {
        targetClusterId: b.clusterIds[C],
      },
      'PUT /api/events/:eventId/meetings/:meetingId/feedback': { held: true, usefulness: 1 },
      // Issue 10: a delegate checks in, marks and rebooks only for themselves and their own meetings.
      'POST /api/events/:eventId/checkins': { delegateId: bDelegate },
      'PUT /api/events/:eventId/meetings/:meetingId/status': { status: 'held' },
      'POST /api/events/:eventId/day/rebooking': {
        delegateId: bDelegate,
        meetingId: requestBC,
        partnerDelegateId: b.delegateIds[C]?.[0],
        slotId: b.slotIds[0],
        tableId: b.tableIds[0],
      },
      'POST /api/clusters/:clusterId/collaborations': {
        type: 'project',
        status: 'planned',
        title: 'Taken over',
        partners: [{ clusterId: b.clusterIds[C] }],
      },
      'PUT /api/events/:eventId/clusters/:clusterId/follow-up/:otherClusterId': { outcome: 'nothing' },
      'PUT /api/collaborations/:collaborationId': {
        type: 'project',
        status: 'planned',
        title: 'Taken over',
        partners: [{ clusterId: b.clusterIds[C] }],
      },
    };
    const queries: Record<string, Record<string, string>> = {
      'GET /api/events/:eventId/requests': { clusterId: b.clusterIds[B] ?? '' },
      'GET /api/events/:eventId/day/rebooking': { delegateId: bDelegate },
    };
    const token = await t.delegateToken(b.delegateIds[A]?.[0] ?? '');
    const ids = {
      eventId: b.eventId,
      clusterId: b.clusterIds[B] ?? '',
      delegateId: bDelegate,
      requestId: requestBC,
      meetingId: requestBC,
      termId,
      versionId: randomUUID(),
      jobId: randomUUID(),
    };
    const open = routes.filter((r) => !r.isPublic && (!r.roles || r.roles.includes('delegate')));
    expect(open.length).toBeGreaterThan(12);
    const privateOfB = [requestBC, ...(b.delegateIds[B] ?? []), '@cluster1.example.org'];
    let refused = 0;
    for (const r of open) {
      const key = `${r.method} ${r.path}`;
      const targets = (r.path.match(/:(\w+)/g) ?? []).filter((p) => p !== ':eventId');
      const aimed = targets.length > 0 || key in bodies || key in queries;
      const res = await call(r.method, fill(r.path, ids), token, bodies[key] ?? {}, queries[key]);
      const text = JSON.stringify(res.body ?? '') + (res.text ?? '');
      if (!aimed || PUBLIC_BY_ID.has(key)) {
        if (res.status >= 500) throw new Error(`${key} gave ${res.status}`);
        for (const secret of privateOfB) if (text.includes(secret)) throw new Error(`${key} leaked ${secret}`);
      } else if (res.status !== 403 && res.status !== 404) {
        throw new Error(`${key} with cluster B's ids gave ${res.status}: ${JSON.stringify(res.body)}`);
      } else refused++;
    }
    expect(refused).toBeGreaterThan(12);
    // B's data is intact.
    const org = await t.organiserToken();
    const cluster = await call('GET', `/api/clusters/${b.clusterIds[B]}`, org);
    expect(cluster.body.seeks).not.toBe('taken over');
    expect(cluster.body.delegates.map((d: { id: string }) => d.id)).toEqual(
      expect.arrayContaining(b.delegateIds[B] ?? []),
    );
    expect(cluster.body.delegates).toHaveLength(2);
    const req = await call('GET', `/api/requests/${requestBC}`, org);
    expect(req.body.status).toBe('pending');
    const un = await call('GET', `/api/events/${b.eventId}/delegates/${bDelegate}/unavailability`, org);
    expect(un.body.slots).toEqual([]);
  });

  /** Issue 17: a person's data is theirs alone among delegates (a colleague of the same cluster is refused too). */
  it("refuses a delegate another person's export and erasure, a colleague's included", async () => {
    const me = b.delegateIds[A]?.[0] ?? '';
    const colleague = b.delegateIds[A]?.[1] ?? '';
    const other = b.delegateIds[B]?.[0] ?? '';
    const token = await t.delegateToken(me);
    for (const target of [colleague, other]) {
      for (const [method, path] of [
        ['GET', `/api/delegates/${target}/export`],
        ['GET', `/api/delegates/${target}/erasure`],
        ['POST', `/api/delegates/${target}/erasure`],
      ] as const) {
        const res = await call(method, path, token, {});
        if (res.status !== 403) throw new Error(`${method} ${path} as another delegate gave ${res.status}`);
      }
    }
    // Their own: the export and the preview answer (the erasure itself is tested in privacy.e2e.spec.ts).
    expect((await call('GET', '/api/me/export', token)).body.person.id).toBe(me);
    expect((await call('GET', `/api/delegates/${me}/export`, token)).status).toBe(200);
    expect((await call('GET', `/api/delegates/${me}/erasure`, token)).body.erased).toBe(false);
    // Nobody was erased by those attempts.
    const org = await t.organiserToken();
    for (const id of [colleague, other])
      expect((await call('GET', `/api/delegates/${id}`, org)).body.name).toMatch(/^Delegate /);
  });
});
