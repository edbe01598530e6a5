/**
 * Issue 14, item 3: input of the wrong shape gets a 400/422 naming the field, never a 500, on both databases:
 * null in optional fields of PATCH bodies, a missing nested object, JSON nested thousands of levels deep,
 * absurd numbers in list queries, NUL characters in parameters.
 */
import { Basics, deepJson, setUpEvent, startTestApp, TestApp } from '../test-utils';

interface Field {
  path: string;
  message: string;
}
const paths = (body: { fields?: Field[] }): string[] => [...new Set((body.fields ?? []).map((f) => f.path))];

describe.each(['sqlite', 'postgres'] as const)('input of the wrong shape on %s', (db) => {
  let t: TestApp;
  let b: Basics;
  let org: { Authorization: string };
  let a0: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp({ db });
    b = await setUpEvent(t, 2, 1);
    org = { Authorization: `Bearer ${await t.organiserToken()}` };
    a0 = { Authorization: `Bearer ${await t.delegateToken(b.delegateIds[0]?.[0] ?? '')}` };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses null in every optional field of PATCH events, naming the field, and changes nothing', async () => {
    const before = await t.http.get(`/api/events/${b.eventId}`).set(org).expect(200);
    for (const field of ['name', 'venue', 'timezone', 'requestDeadline']) {
      const res = await t.http
        .patch(`/api/events/${b.eventId}`)
        .set(org)
        .send({ [field]: null });
      expect([field, res.status]).toEqual([field, 400]);
      expect(paths(res.body)).toContain(field);
    }
    const after = await t.http.get(`/api/events/${b.eventId}`).set(org).expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('refuses null in PATCH clusters except where null clears the value (labelValidUntil, website)', async () => {
    const url = `/api/clusters/${b.clusterIds[0]}`;
    const before = await t.http.get(url).set(org).expect(200);
    for (const field of [
      'name',
      'country',
      'region',
      'sectors',
      'technologies',
      'scope',
      'label',
      'members',
      'secretariatSize',
      'offers',
      'seeks',
    ]) {
      const res = await t.http
        .patch(url)
        .set(a0)
        .send({ [field]: null });
      expect([field, res.status]).toEqual([field, 400]);
      expect(paths(res.body)).toContain(field);
    }
    const unchanged = await t.http.get(url).set(org).expect(200);
    expect(unchanged.body).toEqual(before.body);
    // A delegate clears their cluster's website; only organisers set the label's validity (issue 9, item 3).
    const cleared = await t.http.patch(url).set(a0).send({ website: null }).expect(200);
    expect(cleared.body).toMatchObject({ website: null });
    const noLabelDate = await t.http.patch(url).set(org).send({ labelValidUntil: null }).expect(200);
    expect(noLabelDate.body).toMatchObject({ labelValidUntil: null, website: null });
  });

  it('refuses null in PATCH delegates, naming the field', async () => {
    const url = `/api/delegates/${b.delegateIds[0]?.[0]}`;
    for (const field of ['name', 'email', 'role']) {
      const res = await t.http
        .patch(url)
        .set(org)
        .send({ [field]: null });
      expect([field, res.status]).toEqual([field, 400]);
      expect(paths(res.body)).toContain(field);
    }
  });

  it('refuses null in other optional body fields (request note, solve options, reminders)', async () => {
    const note = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(a0)
      .send({ receiverClusterIds: [b.clusterIds[1]], interest: 3, delegateIds: [b.delegateIds[0]?.[0]], note: null });
    expect(note.status).toBe(400);
    expect(paths(note.body)).toContain('note');
    const solve = await t.http
      .post(`/api/events/${b.eventId}/schedule/solve`)
      .set(org)
      .send({ timeLimitSeconds: null });
    expect(solve.status).toBe(400);
    expect(paths(solve.body)).toContain('timeLimitSeconds');
    const reminders = await t.http.post('/api/mail/reminders').set(org).send({ at: null });
    expect(reminders.status).toBe(400);
    expect(paths(reminders.body)).toContain('at');
  });

  it('refuses a new cluster without members (or with members of the wrong type), naming members', async () => {
    const body = {
      name: 'No Members Cluster',
      country: 'DK',
      region: 'Midtjylland',
      sectors: ['Energy'],
      technologies: ['Hydrogen'],
      scope: 'national',
      label: 'gold',
      secretariatSize: 3,
      offers: 'x',
      seeks: 'y',
    };
    for (const members of [undefined, null, 'many', [1, 2], 7]) {
      const res = await t.http
        .post('/api/clusters')
        .set(org)
        .send(members === undefined ? body : { ...body, members });
      expect([JSON.stringify(members), res.status]).toEqual([JSON.stringify(members), 400]);
      expect(paths(res.body)).toContain('members');
    }
  });

  it('answers JSON nested 3,000 levels deep with 400 naming the body, on validated and other routes alike', async () => {
    const routes: [string, string, { Authorization: string } | undefined][] = [
      ['post', '/api/events', org],
      ['patch', `/api/clusters/${b.clusterIds[0]}`, a0],
      ['put', `/api/events/${b.eventId}/tables`, org],
      ['post', '/api/auth/login', undefined],
      ['post', '/api/auth/magic-link', undefined],
      ['post', `/api/events/${b.eventId}/schedule/versions/unknown/publish`, org],
    ];
    for (const [method, url, auth] of routes) {
      for (const json of [
        deepJson(3000),
        deepJson(3000, 'object'),
        `{"name": ${deepJson(3000)}}`,
        `{"members": ${deepJson(3000, 'object')}}`,
      ]) {
        let req = t.http[method as 'post' | 'put' | 'patch'](url).set('Content-Type', 'application/json');
        if (auth) req = req.set(auth);
        const res = await req.send(json);
        expect([method, url, res.status]).toEqual([method, url, 400]);
        // The place where the nesting went too deep: below the root array, the field, or the object chain.
        expect(res.body.fields?.[0]?.path).toMatch(/^(body\[0\]|name\[0\]|members\.a|a\.a)/);
        expect(res.body.message).toMatch(/nested/);
      }
    }
    await t.http.get('/api/health').expect(200);
  });

  it('answers absurd numbers in list queries with 400 naming the parameter', async () => {
    for (const url of [`/api/events/${b.eventId}/clusters`, '/api/clusters']) {
      for (const [name, value] of [
        ['offset', '1e19'],
        ['offset', '18446744073709551616'],
        ['offset', '-1'],
        ['offset', '1.5'],
        ['offset', 'Infinity'],
        ['offset', 'NaN'],
        ['limit', '1e400'],
        ['limit', '-0.5'],
      ] as const) {
        const res = await t.http
          .get(url)
          .query({ [name]: value })
          .set(org);
        expect([url, name, value, res.status]).toEqual([url, name, value, 400]);
        expect(paths(res.body)).toEqual([name]);
      }
    }
    const far = await t.http.get(`/api/events/${b.eventId}/clusters`).query({ offset: '1000000' }).set(org).expect(200);
    expect(far.body.items).toEqual([]);
  });

  it('answers NUL characters in parameters, queries and bodies with 400 naming where', async () => {
    const ev = await t.http.get('/api/events/abc%00def').set(org);
    expect(ev.status).toBe(400);
    expect(paths(ev.body)).toEqual(['eventId']);
    const q = await t.http.get(`/api/events/${b.eventId}/clusters`).query({ q: 'a\u0000b' }).set(org);
    expect(q.status).toBe(400);
    expect(paths(q.body)).toEqual(['q']);
    const body = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(a0)
      .send({ receiverClusterIds: ['x\u0000y'], interest: 3, delegateIds: [b.delegateIds[0]?.[0]] });
    expect(body.status).toBe(400);
    expect(paths(body.body)).toEqual(['receiverClusterIds[0]']);
  });
});
