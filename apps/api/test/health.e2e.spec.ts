import { startTestApp, TestApp, TEST_ORGANISER } from '../test-utils';

describe.each(['sqlite', 'postgres'] as const)('boot on %s', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /api/health without a token', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: db === 'sqlite' ? 'better-sqlite3' : 'postgres' });
  });

  it('answers /api/health ahead of the framework exactly as the framework route does', async () => {
    // `/api/health/` (trailing slash) is not taken by the direct answer; the controller answers it.
    const direct = await t.http.get('/api/health').set('Authorization', 'Bearer not-a-jwt').expect(200);
    const routed = await t.http.get('/api/health/').set('Authorization', 'Bearer not-a-jwt').expect(200);
    const headers = (h: Record<string, string>): Record<string, string> =>
      Object.fromEntries(Object.entries(h).filter(([name]) => name !== 'date'));
    expect(direct.text).toBe(routed.text);
    expect(headers(direct.headers)).toEqual(headers(routed.headers));
    expect(direct.headers['content-security-policy']).toBeDefined();
    expect(direct.headers['etag']).toBeDefined();
    const head = await t.http.head('/api/health').expect(200);
    expect(head.headers['content-length']).toBe(direct.headers['content-length']);
    expect(headers(head.headers)).toEqual(headers(routed.headers));
    // With a query, `answerHealthDirectly` (the Express middleware) answers: the same again.
    const query = await t.http.get('/api/health?probe=1').expect(200);
    expect(query.text).toBe(routed.text);
    expect(headers(query.headers)).toEqual(headers(routed.headers));
    // A conditional request goes to Express, which answers 304 to a matching tag, as the routed answer does.
    await t.http.get('/api/health').set('If-None-Match', String(direct.headers['etag'])).expect(304);
    await t.http.get('/api/health/').set('If-None-Match', String(direct.headers['etag'])).expect(304);
    await t.http.post('/api/health').expect(404);
  });

  it('logs the organiser in and rejects a wrong password', async () => {
    const ok = await t.http.post('/api/auth/login').send(TEST_ORGANISER).expect(200);
    expect(typeof ok.body.accessToken).toBe('string');
    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${ok.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ kind: 'organiser', email: TEST_ORGANISER.email });
    await t.http
      .post('/api/auth/login')
      .send({ ...TEST_ORGANISER, password: 'wrong-password' })
      .expect(401);
    await t.http.get('/api/auth/me').expect(401);
    await t.http.get('/api/auth/me').set('Authorization', 'Bearer not-a-jwt').expect(401);
  });

  it('names the field of a bad login body', async () => {
    const res = await t.http.post('/api/auth/login').send({ email: 'nope', password: 'x', extra: 1 }).expect(400);
    const paths = (res.body.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['email', 'extra']);
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    expect(res.body.paths['/api/auth/login']).toBeDefined();
  });
});
