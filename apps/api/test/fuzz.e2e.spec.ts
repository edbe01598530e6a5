/**
 * Issue 14, item 3: junk bodies to every POST/PUT/PATCH route of the OpenAPI document, read from the running
 * app (a new route is covered without touching this file), with a token the route accepts. Bodies are built
 * from the route's own schema with some fields replaced by junk (wrong types, null, deep nesting, huge and
 * control-character strings, unicode, arrays for objects, objects for arrays), or are junk as a whole (deeply
 * nested or malformed JSON, scalars). Any 5xx fails. fast-check with a fixed seed: the same bodies every run.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { deepJson, setUpEvent, startTestApp, type TestApp } from '../test-utils';

const SEED = 1414;

interface Schema {
  type?: string;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  format?: string;
}
interface Operation {
  method: 'post' | 'put' | 'patch';
  path: string;
  /** The JSON body schema, when the route takes JSON. */
  json?: Schema;
  /** Other content types the route takes (file uploads). */
  raw: string[];
}
interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** One run of a route: the body as raw text (JSON or not) with its content type, and the path parameters (encoded). */
interface Attempt {
  body?: { type: string; text: string | Buffer };
  params: Record<string, string>;
}

const strange = [
  '',
  ' ',
  'a\r\nDESCRIPTION:pwn',
  '\u0000',
  'x\u0000y',
  '\u2028\u2029',
  '\u202eevil',
  '=HYPERLINK("http://evil.example","x")',
  '%00',
  '../../etc/passwd',
  "'; DROP TABLE cluster; --",
  '😀'.repeat(300),
  '\ud800',
  '1e19',
  '-1',
  'null',
  '{}',
];

/** Junk of every kind, for one field. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(1e308, -1e308, 1e19, -0, 2 ** 53 + 1, 0.5, -1, 0),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...strange),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'é'.repeat(n)),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null)), { maxLength: 6 }),
  fc.integer({ min: 500, max: 3_000 }).map((n) => Array.from({ length: n }, (_, i) => `x${i}`)),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxKeys: 4 }),
  fc.integer({ min: 2, max: 60 }).map((d) => {
    let v: unknown = 'deep';
    for (let i = 0; i < d; i++) v = i % 2 ? [v] : { v };
    return v;
  }),
);

describe.each([
  ['sqlite', 12],
  ['postgres', 6],
] as const)('fuzz: junk bodies to every POST/PUT/PATCH route (%s)', (db, runsPerRoute) => {
  let t: TestApp;
  let doc: OpenApi;
  let operations: Operation[];
  let ids: Record<string, string>;
  let organiser: string;
  let delegate: string;

  const resolve = (s: Schema | undefined): Schema => {
    let cur = s ?? {};
    for (let i = 0; i < 10; i++) {
      if (cur.$ref) cur = doc.components?.schemas?.[cur.$ref.replace('#/components/schemas/', '')] ?? {};
      else if (cur.allOf?.length === 1) cur = cur.allOf[0] ?? {};
      else break;
    }
    return cur;
  };

  /** A value that fits `s` (as far as the schema says), with junk in some of its fields. */
  const fitting = (raw: Schema | undefined, depth: number): fc.Arbitrary<unknown> => {
    const s = resolve(raw);
    if (s.enum?.length) return fc.constantFrom(...s.enum);
    if (depth > 4) return junk;
    const field = (inner: Schema): fc.Arbitrary<unknown> =>
      fc.oneof({ weight: 4, arbitrary: fitting(inner, depth + 1) }, { weight: 1, arbitrary: junk });
    switch (s.type) {
      case 'string':
        return fc.oneof(
          s.example !== undefined ? fc.constant(s.example) : fc.constant('Example text'),
          fc.string({ maxLength: Math.min(s.maxLength ?? 30, 30) }),
          fc.constantFrom(...Object.values(ids)),
          fc.constantFrom(...strange),
        );
      case 'integer':
        return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 });
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(field(s.items ?? {}), { maxLength: 4 });
      default: {
        const props = Object.entries(s.properties ?? {});
        if (props.length === 0) return junk;
        return fc.record(Object.fromEntries(props.map(([k, v]) => [k, field(v)])), {
          requiredKeys: (s.required ?? []).filter((k) => props.some(([p]) => p === k)),
        });
      }
    }
  };

  const jsonBody = (text: string) => ({ type: 'application/json', text });

  /** What is sent to one route: mostly schema-shaped bodies with junk fields, sometimes junk as a whole. */
  const attempts = (op: Operation): fc.Arbitrary<Attempt> => {
    const names = (op.path.match(/\{(\w+)\}/g) ?? []).map((n) => n.slice(1, -1));
    // Path segments, already encoded: the real id mostly, sometimes junk (including bytes that are not UTF-8).
    const encodable = strange.filter(
      (x) => x !== '' && !/[\ud800-\udfff]/.test(x.replace(/\p{Extended_Pictographic}/gu, '')),
    );
    const param = (name: string): fc.Arbitrary<string> =>
      fc.oneof(
        { weight: 8, arbitrary: fc.constant(encodeURIComponent(ids[name] ?? randomUUID())) },
        { weight: 1, arbitrary: fc.constantFrom(...encodable.map((x) => encodeURIComponent(x))) },
        { weight: 1, arbitrary: fc.constantFrom('%ED%A0%80', '%FF%FE', '%C0%AE%C0%AE', '%', 'x'.repeat(3000)) },
      );
    const params = fc.record(Object.fromEntries(names.map((n) => [n, param(n)])));
    const bodies: fc.Arbitrary<Attempt['body']>[] = [
      fc.constant(undefined),
      junk.map((v) => jsonBody(JSON.stringify(v) ?? 'null')),
      fc.integer({ min: 20, max: 4_000 }).map((d) => jsonBody(deepJson(d, d % 2 ? 'array' : 'object'))),
      fc.string({ maxLength: 30 }).map((s) => jsonBody(`{"${s}`)),
    ];
    const weighted: fc.WeightedArbitrary<Attempt['body']>[] = bodies.map((arbitrary) => ({ weight: 1, arbitrary }));
    if (op.json)
      weighted.push({
        weight: 8,
        arbitrary: fitting(op.json, 0).map((v) => jsonBody(JSON.stringify(v) ?? 'null')),
      });
    for (const type of op.raw) {
      weighted.push({
        weight: 3,
        arbitrary: fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }).map((text) => ({ type, text })),
          fc.uint8Array({ maxLength: 2_000 }).map((b) => ({ type, text: Buffer.from(b) })),
          fc
            .array(fc.array(fc.constantFrom(...strange, 'name', 'email', 'gold', 'DE'), { maxLength: 20 }), {
              maxLength: 6,
            })
            .map((rows) => ({
              type,
              text: rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n'),
            })),
        ),
      });
    }
    return fc.record({ body: fc.oneof(...weighted), params });
  };

  const send = async (op: Operation, a: Attempt, token: string | undefined) => {
    const url = op.path.replace(/\{(\w+)\}/g, (_, n: string) => a.params[n] ?? '');
    let req = t.http[op.method](url);
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    if (a.body) req = req.set('Content-Type', a.body.type).send(a.body.text);
    return req;
  };

  beforeAll(async () => {
    t = await startTestApp({ db, magicLinks: 'outbox' });
    const b = await setUpEvent(t, 3, 2);
    organiser = await t.organiserToken();
    delegate = await t.delegateToken(b.delegateIds[0]?.[0] ?? '');
    const auth = { Authorization: `Bearer ${organiser}` };
    // A request that is answered already (accepting it again is a 409, so no solve can ever start).
    const r = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set('Authorization', `Bearer ${delegate}`)
      .send({ receiverClusterIds: [b.clusterIds[1]], interest: 3, delegateIds: [b.delegateIds[0]?.[0]] })
      .expect(201);
    await t.http.post(`/api/requests/${r.body.id}/withdraw`).set('Authorization', `Bearer ${delegate}`).expect(200);
    const terms = await t.http.get('/api/taxonomy').set(auth).expect(200);
    const outbox = await t.http.get('/api/mail/outbox').set(auth).expect(200);
    ids = {
      eventId: b.eventId,
      clusterId: b.clusterIds[0] ?? '',
      delegateId: b.delegateIds[0]?.[0] ?? '',
      requestId: r.body.id,
      termId: terms.body[0].id,
      id: outbox.body[0]?.id ?? randomUUID(),
      versionId: 'published',
      jobId: randomUUID(),
    };
    doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApi;
    operations = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of ['post', 'put', 'patch'] as const) {
        const op = item[method];
        if (!op) continue;
        const content = op.requestBody?.content ?? {};
        const json = content['application/json']?.schema;
        operations.push({
          method,
          path,
          ...(json ? { json } : {}),
          raw: Object.keys(content).filter((c) => c !== 'application/json'),
        });
      }
    }
    operations.sort((x, y) => `${x.path} ${x.method}`.localeCompare(`${y.path} ${y.method}`));
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('finds the write routes in the OpenAPI document of the running app', () => {
    const keys = operations.map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /api/events',
        'PATCH /api/events/{eventId}',
        'PATCH /api/clusters/{clusterId}',
        'PATCH /api/delegates/{delegateId}',
        'PUT /api/events/{eventId}/delegates/{delegateId}/unavailability',
        'POST /api/auth/login',
        'POST /api/events/{eventId}/imports/clusters',
      ]),
    );
    expect(operations.length).toBeGreaterThan(25);
    expect(operations.find((o) => o.path === '/api/events/{eventId}/imports/clusters')?.raw).toContain('text/csv');
  });

  it('never answers 5xx, with a token each route accepts', async () => {
    const statuses = new Map<number, number>();
    for (const op of operations) {
      // The token the route accepts: the organiser's, unless the route is for delegates only.
      const encoded = Object.fromEntries(Object.entries(ids).map(([k, v]) => [k, encodeURIComponent(v)]));
      const probe = await send(op, { params: encoded, body: jsonBody('{}') }, organiser);
      const token = probe.status === 403 ? delegate : organiser;
      await fc.assert(
        fc.asyncProperty(attempts(op), async (a) => {
          const res = await send(op, a, token);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) {
            const shown = a.body ? String(a.body.text).slice(0, 300) : '(no body)';
            throw new Error(
              `${op.method.toUpperCase()} ${op.path} ${JSON.stringify(a.params)} answered ${res.status}: ${JSON.stringify(res.body)}\nbody: ${shown}`,
            );
          }
        }),
        { seed: SEED, numRuns: runsPerRoute, endOnFailure: true },
      );
    }
    // The bodies reach the handlers (some succeed) as well as the validation (most are refused with 400/422).
    const count = (lo: number, hi: number): number =>
      [...statuses.entries()].filter(([s]) => s >= lo && s < hi).reduce((n, [, c]) => n + c, 0);
    expect(count(200, 300)).toBeGreaterThan(0);
    expect((statuses.get(400) ?? 0) + (statuses.get(422) ?? 0)).toBeGreaterThan(count(200, 300));
    // The service is still fine afterwards.
    await t.http.get('/api/health').expect(200);
  }, 240_000);
});
