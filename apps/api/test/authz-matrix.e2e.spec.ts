import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { IS_PUBLIC, ORGANISER_ROLES_KEY, OrganiserRole, Role, ROLES, VIEWER_MAY_WRITE } from '../src/auth/decorators';
import { OrganiserEntity } from '../src/auth/organiser.entity';
import { MailService } from '../src/mail/mail.service';
import { acceptedRequest, Basics, setUpEvent, solveAndPublish, startTestApp, TestApp } from '../test-utils';

interface Route {
  method: string;
  path: string;
  isPublic: boolean;
  roles: Role[] | undefined;
  /** `@OrganiserRoles(...)`: only these roles of an organisation. */
  orgRoles: OrganiserRole[] | undefined;
  /** `@ViewerMayCall()`. */
  viewerMay: boolean;
}

type RouteMeta = Omit<Route, 'method' | 'path'>;

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

const join = (...parts: string[]): string => `/${parts.join('/').split('/').filter(Boolean).join('/')}`;

/** Every route of the running app: Express's router, each matched to its Nest handler's metadata. */
function discoverRoutes(t: TestApp): Route[] {
  const meta = new Map<string, RouteMeta>();
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
        const orgRoles = (Reflect.getMetadata(ORGANISER_ROLES_KEY, handler) ??
          Reflect.getMetadata(ORGANISER_ROLES_KEY, ctrl)) as OrganiserRole[] | undefined;
        const viewerMay = Boolean(
          Reflect.getMetadata(VIEWER_MAY_WRITE, handler) ?? Reflect.getMetadata(VIEWER_MAY_WRITE, ctrl),
        );
        for (const b of [base].flat())
          for (const s of [sub].flat())
            meta.set(`${RequestMethod[m]} ${join('api', b, s)}`, { isPublic, roles, orgRoles, viewerMay });
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

const call = (
  t: TestApp,
  method: string,
  url: string,
  token?: string,
  body?: unknown,
  query?: Record<string, string>,
) => {
  const m = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let req = t.http[m](url);
  if (token) req = req.set('Authorization', `Bearer ${token}`);
  if (query) req = req.query(query);
  return body === undefined || method === 'GET' ? req : req.send(body as object);
};

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
        'PATCH /api/events/:eventId/schedule/versions/:versionId/meetings/:meetingId',
        'POST /api/events/:eventId/schedule/versions/:versionId/meetings/:meetingId/swap',
        'POST /api/events/:eventId/schedule/versions/:versionId/solve-around-pins',
        'GET /api/events/:eventId/schedule/versions/:versionId/publish-preview',
        'PUT /api/events/:eventId/setup',
        'GET /api/events/:eventId/participants/clusters',
        'GET /api/events/:eventId/requests/page',
        'GET /api/mail/outbox/page',
        'GET /api/events/:eventId/schedule/jobs',
        'POST /api/events/:eventId/participants/login-links',
        'GET /api/events/:eventId/participants/export',
        'PUT /api/events/:eventId/requests/:requestId/attendees',
        'POST /api/taxonomy/:termId/merge',
        'POST /api/events/:eventId/imports/clusters/unknown-terms',
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
        'GET /api/organisers/invitations',
        'POST /api/organisers/invitations',
        'POST /api/organisers/invitations/:invitationId/resend',
        'DELETE /api/organisers/invitations/:invitationId',
        'POST /api/organiser-invitations/preview',
        'POST /api/organiser-invitations/accept',
        'POST /api/events/:eventId/archive',
        'DELETE /api/events/:eventId/archive',
        'GET /api/clusters/:clusterId/history/events',
        'GET /api/events/:eventId/participants/candidates',
        'GET /api/auth/demo-delegates',
        'POST /api/auth/demo-delegates/:delegateId/sign-in',
      ]),
    );
    expect(routes.length).toBeGreaterThan(35);
  });

  it('the development-only sign-in as a demo delegate is public but answers 404 outside development', async () => {
    const dev = routes.filter((r) => r.path.startsWith('/api/auth/demo-delegates'));
    expect(dev).toHaveLength(2);
    for (const r of dev) {
      expect(r.isPublic).toBe(true);
      const url = fill(r.path, { delegateId: b.delegateIds[A]?.[0] ?? '' });
      const res = await call(r.method, url, await t.organiserToken());
      expect([r.method, url, res.status]).toEqual([r.method, url, 404]);
      expect(res.body.accessToken).toBeUndefined();
    }
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
    const token = (await t.organiserOf('Demo organisation', 'organiser')).token;
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
      const allowed = (!r.roles || r.roles.includes('organiser')) && (!r.orgRoles || r.orgRoles.includes('organiser'));
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
      'PUT /api/events/:eventId/requests/:requestId/attendees': { delegateIds: [b.delegateIds[A]?.[0]] },
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
      'GET /api/events/:eventId/requests/page': { clusterId: b.clusterIds[B] ?? '' },
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

/**
 * Issue 9: two organisations, three roles. Organisation A (the demo organisation: its owner is the test organiser,
 * plus an organiser and a viewer) and organisation B ("Beta", with its own event, clusters, delegates, an accepted
 * request, a published schedule, mails in the outbox and a collaboration). Every organiser of A, whatever the role,
 * aims every route at B's ids and gets 403/404; routes that name no resource answer without any of B's data; B's
 * data is unchanged afterwards. A viewer changes nothing; the organiser-role routes refuse the other roles.
 */
describe.each(['sqlite', 'postgres'] as const)('authorisation across two organisations and three roles on %s', (db) => {
  let t: TestApp;
  let routes: Route[];
  let a: Basics;
  let bb: Basics;
  let tokens: Record<OrganiserRole, string>;
  let ownerB: string;
  const idsB: Record<string, string> = {};
  const idsA: Record<string, string> = {};
  let secretsB: string[];

  /** Route parameters that name a resource (the others, like `:template/:language`, do not). */
  const RESOURCE_PARAMS = new Set([
    'eventId',
    'clusterId',
    'targetClusterId',
    'otherClusterId',
    'organiserId',
    'invitationId',
    'delegateId',
    'requestId',
    'collaborationId',
    'versionId',
    'jobId',
    'id',
    'meetingId',
  ]);
  const fillWith = (path: string, ids: Record<string, string>): string =>
    path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? randomUUID());

  beforeAll(async () => {
    t = await startTestApp({ db });
    a = await setUpEvent(t, 3, 1);
    const owner = await t.organiserOf('Demo organisation', 'owner', 'organiser@example.org');
    tokens = {
      owner: owner.token,
      organiser: (await t.organiserOf('Demo organisation', 'organiser')).token,
      viewer: (await t.organiserOf('Demo organisation', 'viewer')).token,
    };
    const bossB = await t.organiserOf('Beta', 'owner', 'boss@beta.example.org');
    ownerB = bossB.token;
    bb = await setUpEvent(t, 3, 1, { token: ownerB, prefix: 'Beta' });
    const requestB = await acceptedRequest(t, bb, 0, 1);
    const versionB = await solveAndPublish(t, bb.eventId, ownerB);
    const collaboration = await call(t, 'POST', `/api/clusters/${bb.clusterIds[0]}/collaborations`, ownerB, {
      type: 'project',
      status: 'planned',
      title: 'Beta secret collaboration',
      partners: [{ clusterId: bb.clusterIds[1] }],
    });
    expect(collaboration.status).toBe(201);
    // B's owner invites an organiser: the invitation and its mail are B's.
    const invitationB = await call(t, 'POST', '/api/organisers/invitations', ownerB, {
      email: 'invitee@beta.example.org',
      name: 'Beta invitee',
      role: 'organiser',
    });
    expect(invitationB.status).toBe(201);
    const outbox = t.app.get(MailService);
    const mailsB = await outbox.list({ eventId: bb.eventId });
    expect(mailsB.length).toBeGreaterThan(0);
    Object.assign(idsB, {
      eventId: bb.eventId,
      clusterId: bb.clusterIds[0],
      targetClusterId: bb.clusterIds[1],
      otherClusterId: bb.clusterIds[1],
      organiserId: bossB.id,
      invitationId: invitationB.body.id,
      delegateId: bb.delegateIds[0]?.[0],
      requestId: requestB,
      meetingId: requestB,
      collaborationId: collaboration.body.id,
      versionId: versionB,
      jobId: randomUUID(),
      id: mailsB[0]?.id,
      termId: (await call(t, 'GET', '/api/taxonomy', ownerB)).body[0].id,
      template: 'magic-link',
      language: 'en',
    });
    Object.assign(idsA, {
      eventId: a.eventId,
      clusterId: a.clusterIds[0],
      targetClusterId: a.clusterIds[1],
      otherClusterId: a.clusterIds[1],
      organiserId: randomUUID(),
      invitationId: randomUUID(),
      delegateId: a.delegateIds[0]?.[0],
      requestId: randomUUID(),
      meetingId: randomUUID(),
      collaborationId: randomUUID(),
      versionId: randomUUID(),
      jobId: randomUUID(),
      id: randomUUID(),
      termId: idsB['termId'],
      template: 'magic-link',
      language: 'en',
    });
    secretsB = [
      'BetaTest conference',
      'BetaCluster',
      'betacluster',
      'Beta secret collaboration',
      'boss@beta.example.org',
      'invitee@beta.example.org',
      requestB,
      versionB,
    ];
    routes = discoverRoutes(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const openToOrganisers = () => routes.filter((r) => !r.isPublic && (!r.roles || r.roles.includes('organiser')));

  it.each(['owner', 'organiser', 'viewer'] as const)(
    'keeps an %s of organisation A away from everything of organisation B (0 leaks)',
    async (role) => {
      const token = tokens[role];
      let refused = 0;
      let answered = 0;
      for (const r of openToOrganisers()) {
        const key = `${r.method} ${r.path}`;
        const params = (r.path.match(/:(\w+)/g) ?? []).map((p) => p.slice(1));
        const aimed = params.some((p) => RESOURCE_PARAMS.has(p));
        const queries: Record<string, Record<string, string>> = {
          'GET /api/mail/outbox': { eventId: bb.eventId },
          'GET /api/mail/outbox/page': { eventId: bb.eventId },
          'GET /api/impact-reports': { by: 'cluster' },
          'GET /api/audit-log': { eventId: bb.eventId },
        };
        const query = queries[key];
        const res = await call(t, r.method, fillWith(r.path, idsB), token, {}, query);
        if (aimed) {
          if (res.status !== 403 && res.status !== 404)
            throw new Error(`${key} as ${role} of A with B's ids gave ${res.status}: ${JSON.stringify(res.body)}`);
          refused++;
        } else {
          if (res.status >= 500 || res.status === 401) throw new Error(`${key} as ${role} gave ${res.status}`);
          const text = JSON.stringify(res.body ?? '') + (res.text ?? '');
          for (const secret of secretsB)
            if (text.includes(secret)) throw new Error(`${key} as ${role} leaked ${secret}`);
          answered++;
        }
      }
      expect(refused).toBeGreaterThan(60);
      expect(answered).toBeGreaterThan(8);
    },
  );

  it("refuses B's clusters and delegates named in the body of A's routes", async () => {
    const token = tokens.organiser;
    const attempts: [string, string, unknown][] = [
      ['POST', `/api/events/${a.eventId}/participants`, { clusterId: bb.clusterIds[0] }],
      [
        'POST',
        `/api/events/${a.eventId}/requests`,
        {
          requesterClusterId: bb.clusterIds[0],
          receiverClusterIds: [a.clusterIds[1]],
          interest: 3,
          delegateIds: [bb.delegateIds[0]?.[0]],
        },
      ],
      [
        'POST',
        `/api/events/${a.eventId}/requests`,
        {
          requesterClusterId: a.clusterIds[0],
          receiverClusterIds: [bb.clusterIds[1]],
          interest: 3,
          delegateIds: [a.delegateIds[0]?.[0]],
        },
      ],
      [
        'POST',
        `/api/clusters/${a.clusterIds[0]}/collaborations`,
        { type: 'project', status: 'planned', title: 'Mixed', partners: [{ clusterId: bb.clusterIds[0] }] },
      ],
      [
        'PUT',
        `/api/events/${a.eventId}/tables`,
        { tables: [{ name: 'T1', seats: 4, standClusterId: bb.clusterIds[0] }] },
      ],
      // Issue 9, item 2: a new event copying another organisation's event.
      [
        'POST',
        '/api/events',
        {
          name: 'Copy of B',
          venue: 'Hall',
          timezone: 'Europe/Berlin',
          requestDeadline: '2099-01-01T00:00:00Z',
          copyFrom: { eventId: bb.eventId, dayPlan: true, firstDay: '2030-01-07', tables: true, participants: true },
        },
      ],
    ];
    for (const [method, url, body] of attempts) {
      const res = await call(t, method, url, token, body);
      if (res.status < 400 || res.status >= 500)
        throw new Error(`${method} ${url} with B's ids in the body gave ${res.status}: ${JSON.stringify(res.body)}`);
    }
  });

  it("leaves organisation B's data as it was", async () => {
    const ev = await call(t, 'GET', `/api/events/${bb.eventId}`, ownerB);
    expect(ev.status).toBe(200);
    expect(ev.body.name).toBe('BetaTest conference');
    expect(ev.body.tables).toHaveLength(3);
    const cluster = await call(t, 'GET', `/api/clusters/${bb.clusterIds[0]}`, ownerB);
    expect(cluster.body.name).toBe('BetaCluster 000');
    expect(cluster.body.delegates).toHaveLength(1);
    const req = await call(t, 'GET', `/api/requests/${idsB['requestId']}`, ownerB);
    expect(req.body.status).toBe('accepted');
    const participants = await call(t, 'GET', `/api/events/${bb.eventId}/clusters`, ownerB);
    expect(participants.body.total).toBe(3);
    const versions = await call(t, 'GET', `/api/events/${bb.eventId}/schedule/versions`, ownerB);
    expect(versions.body).toHaveLength(1);
    const invitations = await call(t, 'GET', '/api/organisers/invitations', ownerB);
    expect(invitations.body.map((i: { id: string }) => i.id)).toEqual([idsB['invitationId']]);
  });

  it("gives each role of A its own organisation's events and clusters, and nothing of B's", async () => {
    for (const role of ['owner', 'organiser', 'viewer'] as const) {
      const events = await call(t, 'GET', '/api/events', tokens[role]);
      expect(events.body.map((e: { id: string }) => e.id)).toEqual([a.eventId]);
      const clusters = await call(t, 'GET', '/api/clusters', tokens[role]);
      expect(clusters.body.items.map((c: { id: string }) => c.id).sort()).toEqual([...a.clusterIds].sort());
      const me = await call(t, 'GET', '/api/auth/me', tokens[role]);
      expect(me.body).toMatchObject({ kind: 'organiser', role, organisationName: 'Demo organisation' });
    }
    const eventsB = await call(t, 'GET', '/api/events', ownerB);
    expect(eventsB.body.map((e: { id: string }) => e.id)).toEqual([bb.eventId]);
  });

  it("keeps A's delegates away from B's events and clusters (404)", async () => {
    const token = await t.delegateToken(a.delegateIds[0]?.[0] ?? '');
    for (const url of [
      `/api/events/${bb.eventId}`,
      `/api/events/${bb.eventId}/clusters`,
      `/api/clusters/${bb.clusterIds[0]}`,
      `/api/events/${bb.eventId}/slots`,
    ]) {
      const res = await call(t, 'GET', url, token);
      if (res.status !== 404) throw new Error(`${url} as a delegate of A gave ${res.status}`);
    }
    const events = await call(t, 'GET', '/api/events', token);
    expect(events.body.map((e: { id: string }) => e.id)).toEqual([a.eventId]);
  });

  it('lets a viewer read every route open to organisers and change nothing', async () => {
    let reads = 0;
    let writes = 0;
    for (const r of openToOrganisers()) {
      if (r.orgRoles && !r.orgRoles.includes('viewer')) continue;
      const key = `${r.method} ${r.path}`;
      const res = await call(t, r.method, fillWith(r.path, idsA), tokens.viewer, {});
      if (r.method === 'GET' || r.viewerMay) {
        if (res.status === 401 || res.status === 403 || res.status >= 500)
          throw new Error(`${key} as a viewer gave ${res.status}: ${JSON.stringify(res.body)}`);
        reads++;
      } else {
        if (res.status !== 403) throw new Error(`${key} as a viewer gave ${res.status}, not 403`);
        writes++;
      }
    }
    expect(reads).toBeGreaterThan(20);
    expect(writes).toBeGreaterThan(30);
    // The viewer's attempts changed nothing.
    const ev = await call(t, 'GET', `/api/events/${a.eventId}`, tokens.owner);
    expect(ev.body.name).toBe('Test conference');
    expect(ev.body.tables).toHaveLength(3);
  });

  it('refuses the owner-only routes to organisers and viewers (403)', async () => {
    let checked = 0;
    for (const r of openToOrganisers().filter((x) => x.orgRoles)) {
      for (const role of ['owner', 'organiser', 'viewer'] as const) {
        if (r.orgRoles?.includes(role)) continue;
        const res = await call(t, r.method, fillWith(r.path, idsA), tokens[role], { role: 'owner' });
        if (res.status !== 403) throw new Error(`${r.method} ${r.path} as ${role} gave ${res.status}, not 403`);
        checked++;
      }
    }
    // PATCH and DELETE /api/organisers/:organiserId and the four invitation routes, each refused to two roles.
    expect(checked).toBeGreaterThanOrEqual(12);
    const list = await call(t, 'GET', '/api/organisers', tokens.viewer);
    expect(list.status).toBe(200);
    expect(list.body.map((o: { email: string }) => o.email)).not.toContain('boss@beta.example.org');
  });

  it('logs out an organiser whose role or organisation changed, or who was removed', async () => {
    const o = await t.organiserOf('Demo organisation', 'organiser', 'moving@example.org');
    expect((await call(t, 'GET', '/api/events', o.token)).status).toBe(200);
    await t.db.transaction((m) => m.update(OrganiserEntity, { id: o.id }, { role: 'viewer' }));
    expect((await call(t, 'GET', '/api/events', o.token)).status).toBe(401);
    await t.db.transaction((m) => m.update(OrganiserEntity, { id: o.id }, { role: 'organiser' }));
    expect((await call(t, 'GET', '/api/events', o.token)).status).toBe(200);
    const beta = await t.organiserOf('Beta', 'owner', 'boss@beta.example.org');
    await t.db.transaction((m) => m.update(OrganiserEntity, { id: o.id }, { organisationId: beta.organisationId }));
    expect((await call(t, 'GET', '/api/events', o.token)).status).toBe(401);
    await t.db.transaction((m) => m.delete(OrganiserEntity, { id: o.id }));
    expect((await call(t, 'GET', '/api/events', o.token)).status).toBe(401);
  });
});
