/**
 * Issue 14, item 5: security headers from helmet on every kind of response (API, errors, the public calendar
 * feed, the docs), with a strict Content-Security-Policy. The web app passing that policy in Chromium is
 * checked by the browser test (apps/web/e2e).
 */
import { startTestApp, TEST_ORGANISER, type TestApp } from '../test-utils';

/** The CSP as a map of directive -> sources. */
function policy(header: string | undefined): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['GET', '/api/health', 200],
    ['GET', '/api/events', 401],
    ['POST', '/api/auth/login', 401],
    ['GET', '/api/no-such-route', 404],
    ['GET', '/calendars/unknown-token-0123456789abcdef.ics', 404],
  ] as const)('%s %s (%i) carries a strict policy and no X-Powered-By', async (method, path, status) => {
    const req =
      method === 'GET' ? t.http.get(path) : t.http.post(path).send({ ...TEST_ORGANISER, password: 'wrong-one' });
    const res = await req.expect(status);
    const csp = policy(res.headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('lets only the API docs page use inline styles (Swagger UI), still without inline scripts or framing', async () => {
    const res = await t.http.get('/api/docs').expect(200);
    const csp = policy(res.headers['content-security-policy']);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(res.text).not.toMatch(/<script>(?!\s*<\/script>)/);
  });
});
