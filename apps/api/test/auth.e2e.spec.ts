import { setUpEvent, startTestApp, TestApp, TEST_ORGANISER } from '../test-utils';

describe('delegate magic links and login rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      config: { loginRateLimit: { limit: 5, ttlMs: 60_000 }, publicUrl: 'https://match.example.org' },
    });
    await setUpEvent(t, 2, 1);
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends a single-use link that logs the delegate in as their cluster', async () => {
    await t.http.post('/api/auth/magic-link').send({ email: 'D0-0@cluster0.example.org' }).expect(202);
    expect(t.magicLinks).toHaveLength(1);
    const link = t.magicLinks[0];
    expect(link?.to).toBe('d0-0@cluster0.example.org');
    const url = new URL(link?.url ?? '');
    expect(url.origin).toBe('https://match.example.org');
    const token = url.searchParams.get('token') ?? '';
    const ok = await t.http.post('/api/auth/magic-link/verify').send({ token }).expect(200);
    expect(ok.body.kind).toBe('delegate');
    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${ok.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ kind: 'delegate', email: 'd0-0@cluster0.example.org' });
    // Second use fails.
    await t.http.post('/api/auth/magic-link/verify').send({ token }).expect(401);
  });

  it('answers the same for an unknown e-mail and sends nothing', async () => {
    const before = t.magicLinks.length;
    const res = await t.http.post('/api/auth/magic-link').send({ email: 'nobody@example.org' }).expect(202);
    expect(res.body.message).toMatch(/If this e-mail/);
    expect(t.magicLinks).toHaveLength(before);
  });

  it('rate-limits the login endpoint with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await t.http.post('/api/auth/login').send({ ...TEST_ORGANISER, password: 'wrong-password' })).status,
      );
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Other routes are not limited.
    await t.http.get('/api/health').expect(200);
  });
});

describe('tokens of removed delegates', () => {
  it('stop working when the delegate is removed', async () => {
    const t = await startTestApp();
    try {
      const b = await setUpEvent(t, 1, 2);
      const leaving = b.delegateIds[0]?.[1] ?? '';
      const token = await t.delegateToken(leaving);
      await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
      await t.http
        .delete(`/api/delegates/${leaving}`)
        .set('Authorization', `Bearer ${await t.organiserToken()}`)
        .expect(204);
      await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      await t.http.get(`/api/events/${b.eventId}/clusters`).set('Authorization', `Bearer ${token}`).expect(401);
    } finally {
      await t.close();
    }
  });
});
