/**
 * Issue 9, item 3, on SQLite and PostgreSQL: the participants lists (search, sort, paging), last sign-in recorded
 * at sign-in, login links mailed through the outbox to a real SMTP server in English and Danish (one, or all who
 * have not signed in) that sign the delegate in, exports of clusters, delegates and requests (formulas escaped),
 * adding a cluster to the event, the excellence label kept for organisers (an expired one marked), and a
 * delegate changing who attends their cluster's side of a request.
 */
import { parseMime, partText, TestSmtpServer, type Received } from '@clustermatch/mail/testing';
import { MailWorkerService } from '../src/mail/mail-worker.service';
import { acceptedRequest, clusterBody, setUpEvent, startTestApp, type Basics, type TestApp } from '../test-utils';

jest.setTimeout(180_000);

interface Page<T> {
  total: number;
  items: T[];
  notSignedIn?: number;
}
interface ClusterRow {
  id: string;
  name: string;
  country: string;
  label: string;
  labelValidUntil: string | null;
  labelExpired: boolean;
  delegates: number;
  signedIn: number;
  requests: number;
}
interface DelegateRow {
  id: string;
  name: string;
  email: string;
  clusterId: string;
  clusterName: string;
  lastSignInAt: string | null;
}

const LINK = /https:\/\/match\.example\.org\/login\?token=([A-Za-z0-9_%.~-]+)/;

describe.each(['sqlite', 'postgres'] as const)('participants of an event (%s)', (db) => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let b: Basics;
  let org: string;
  const auth = (token = org): [string, string] => ['Authorization', `Bearer ${token}`];
  const textOf = (r: Received | undefined): string => partText(parseMime(r?.raw ?? ''), 'text/plain') ?? '';
  async function deliverAll(): Promise<void> {
    const worker = t.app.get(MailWorkerService);
    for (let i = 0; i < 50; i++) if ((await worker.runOnce()).claimed === 0) return;
  }
  const clusters = async (query: Record<string, string | number> = {}): Promise<Page<ClusterRow>> =>
    (
      await t.http
        .get(`/api/events/${b.eventId}/participants/clusters`)
        .query(query)
        .set(...auth())
        .expect(200)
    ).body;
  const delegates = async (query: Record<string, string | number> = {}): Promise<Page<DelegateRow>> =>
    (
      await t.http
        .get(`/api/events/${b.eventId}/participants/delegates`)
        .query(query)
        .set(...auth())
        .expect(200)
    ).body;

  beforeAll(async () => {
    const port = await smtp.start();
    Object.assign(process.env, { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Match <team@match.example.org>' });
    t = await startTestApp({ db, config: { publicUrl: 'https://match.example.org' } });
    b = await setUpEvent(t, 5, 2);
    org = await t.organiserToken();
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    delete process.env['SMTP_URL'];
    delete process.env['MAIL_FROM'];
  });

  it('lists, searches, sorts and pages the clusters and delegates on the service', async () => {
    const all = await clusters();
    expect(all.total).toBe(5);
    expect(all.items.map((c) => c.name)).toEqual([
      'Cluster 000',
      'Cluster 001',
      'Cluster 002',
      'Cluster 003',
      'Cluster 004',
    ]);
    expect(all.items.every((c) => c.delegates === 2 && c.signedIn === 0 && c.requests === 0)).toBe(true);
    // clusterBody: countries DE, FR, ES, IT, PL by index.
    const byCountry = await clusters({ sort: 'country', dir: 'desc' });
    expect(byCountry.items.map((c) => c.country)).toEqual(['PL', 'IT', 'FR', 'ES', 'DE']);
    const second = await clusters({ sort: 'name', limit: 2, offset: 2 });
    expect(second.total).toBe(5);
    expect(second.items.map((c) => c.name)).toEqual(['Cluster 002', 'Cluster 003']);
    expect((await clusters({ q: 'cluster 004' })).items.map((c) => c.name)).toEqual(['Cluster 004']);
    expect((await clusters({ q: 'pl' })).total).toBe(1);

    const ds = await delegates({ sort: 'email', dir: 'desc', limit: 3 });
    expect(ds.total).toBe(10);
    expect(ds.notSignedIn).toBe(10);
    expect(ds.items.map((d) => d.email)).toEqual([
      'd4-1@cluster4.example.org',
      'd4-0@cluster4.example.org',
      'd3-1@cluster3.example.org',
    ]);
    const one = await delegates({ q: 'cluster 002 delegate 2-1' });
    expect(one.items.map((d) => [d.name, d.clusterName, d.lastSignInAt])).toEqual([
      ['Delegate 2-1', 'Cluster 002', null],
    ]);
    expect((await delegates({ clusterId: b.clusterIds[1] ?? '' })).total).toBe(2);

    const bad = await t.http
      .get(`/api/events/${b.eventId}/participants/clusters`)
      .query({ sort: 'secret', limit: 0 })
      .set(...auth());
    expect(bad.status).toBe(400);
    expect((bad.body.fields as { path: string }[]).map((f) => f.path).sort()).toEqual(['limit', 'sort']);
  });

  it('records the last sign-in when a login link is used', async () => {
    const email = 'd0-0@cluster0.example.org';
    const before = Date.now();
    await t.http.post('/api/auth/magic-link').send({ email }).expect(202);
    const link = t.magicLinks.filter((l) => l.to === email).at(-1)?.url ?? '';
    const token = new URL(link).searchParams.get('token') ?? '';
    await t.http.post('/api/auth/magic-link/verify').send({ token }).expect(200);
    const [d] = (await delegates({ q: email })).items;
    expect(d?.lastSignInAt).not.toBeNull();
    expect(Date.parse(d?.lastSignInAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    const signed = await delegates({ signedIn: 'yes' });
    expect(signed.items.map((x) => x.email)).toEqual([email]);
    expect((await delegates({ signedIn: 'no' })).total).toBe(9);
    expect((await delegates({ sort: 'lastSignIn', dir: 'desc', limit: 1 })).items[0]?.email).toBe(email);
    expect((await clusters({ sort: 'signedIn', dir: 'desc', limit: 1 })).items[0]).toMatchObject({
      name: 'Cluster 000',
      signedIn: 1,
    });
  });

  it('adds a new cluster to the event in one step, and refuses bad input naming the field', async () => {
    const res = await t.http
      .post(`/api/events/${b.eventId}/participants/clusters`)
      .set(...auth())
      .send(
        clusterBody(50, { name: 'Aarhus Food Cluster', country: 'DK', label: 'gold', labelValidUntil: '2020-06-30' }),
      )
      .expect(201);
    expect(res.body).toMatchObject({ name: 'Aarhus Food Cluster', country: 'DK', labelExpired: true, delegates: 0 });
    await t.http
      .post(`/api/clusters/${res.body.id}/delegates`)
      .set(...auth())
      .send({ name: 'Anna Jensen', email: 'anna@food.example.org', role: 'Cluster manager' })
      .expect(201);
    expect((await clusters()).total).toBe(6);
    const dup = await t.http
      .post(`/api/events/${b.eventId}/participants/clusters`)
      .set(...auth())
      .send(clusterBody(51, { name: 'aarhus food cluster' }));
    expect(dup.status).toBe(409);
    const bad = await t.http
      .post(`/api/events/${b.eventId}/participants/clusters`)
      .set(...auth())
      .send(clusterBody(52, { country: 'XX' }));
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].path).toBe('country');
    expect((await clusters()).total).toBe(6);
    const unknownEvent = await t.http
      .post('/api/events/00000000-0000-0000-0000-000000000000/participants/clusters')
      .set(...auth())
      .send(clusterBody(53));
    expect(unknownEvent.status).toBe(404);
  });

  it('lets only organisers set the excellence label and its validity; an expired label is marked', async () => {
    const clusterId = b.clusterIds[1] ?? '';
    const delegate = await t.delegateToken(b.delegateIds[1]?.[0] ?? '');
    const profile = (
      await t.http
        .get(`/api/clusters/${clusterId}`)
        .set(...auth(delegate))
        .expect(200)
    ).body;
    // The profile form sends the label back unchanged: fine.
    await t.http
      .patch(`/api/clusters/${clusterId}`)
      .set(...auth(delegate))
      .send({ seeks: 'Battery recyclers', label: profile.label, labelValidUntil: profile.labelValidUntil })
      .expect(200);
    const raise = await t.http
      .patch(`/api/clusters/${clusterId}`)
      .set(...auth(delegate))
      .send({ label: 'gold' });
    expect(raise.status).toBe(403);
    expect(raise.body.fields).toEqual([
      { path: 'label', code: 'unknown', message: 'only organisers set the excellence label' },
    ]);
    const extend = await t.http
      .patch(`/api/clusters/${clusterId}`)
      .set(...auth(delegate))
      .send({ labelValidUntil: '2099-12-31', seeks: 'Not saved either' });
    expect(extend.status).toBe(403);
    expect(extend.body.fields[0].path).toBe('labelValidUntil');
    const after = (
      await t.http
        .get(`/api/clusters/${clusterId}`)
        .set(...auth())
        .expect(200)
    ).body;
    expect([after.label, after.labelValidUntil, after.seeks]).toEqual([
      profile.label,
      profile.labelValidUntil,
      'Battery recyclers',
    ]);

    await t.http
      .patch(`/api/clusters/${clusterId}`)
      .set(...auth())
      .send({ label: 'silver', labelValidUntil: '2021-01-31' })
      .expect(200);
    const row = (await clusters({ q: 'cluster 001' })).items[0];
    expect(row).toMatchObject({ label: 'silver', labelValidUntil: '2021-01-31', labelExpired: true });
    await t.http
      .patch(`/api/clusters/${clusterId}`)
      .set(...auth())
      .send({ labelValidUntil: '2099-01-31' })
      .expect(200);
    expect((await clusters({ q: 'cluster 001' })).items[0]?.labelExpired).toBe(false);
    // "none" is never expired, whatever the date.
    await t.http
      .patch(`/api/clusters/${clusterId}`)
      .set(...auth())
      .send({ label: 'none', labelValidUntil: '2001-01-01' })
      .expect(200);
    expect((await clusters({ q: 'cluster 001' })).items[0]?.labelExpired).toBe(false);
  });

  it('mails login links through the outbox in each recipient’s language, and the link signs them in', async () => {
    await deliverAll();
    smtp.received.length = 0;
    const none = await t.http
      .post(`/api/events/${b.eventId}/participants/login-links`)
      .set(...auth())
      .send({});
    expect(none.status).toBe(422);
    expect(none.body.fields[0].path).toBe('delegateIds');
    const stranger = await t.http
      .post(`/api/events/${b.eventId}/participants/login-links`)
      .set(...auth())
      .send({ delegateIds: [b.delegateIds[2]?.[0], 'no-such-delegate'] });
    expect(stranger.status).toBe(422);
    expect(stranger.body.fields).toEqual([
      { path: 'delegateIds[1]', code: 'unknown', message: 'no delegate no-such-delegate of a cluster in this event' },
    ]);

    const target = b.delegateIds[2]?.[0] ?? '';
    const one = await t.http
      .post(`/api/events/${b.eventId}/participants/login-links`)
      .set(...auth())
      .send({ delegateIds: [target] })
      .expect(200);
    expect(one.body).toEqual({ queued: 1, delegateIds: [target] });
    await deliverAll();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to).toEqual(['d2-0@cluster2.example.org']);
    expect(textOf(mail)).toContain('You are registered as a delegate of Cluster 002 for Test conference');
    const token = LINK.exec(textOf(mail))?.[1] ?? '';
    expect(token).not.toBe('');
    const signedIn = await t.http
      .post('/api/auth/magic-link/verify')
      .send({ token: decodeURIComponent(token) })
      .expect(200);
    expect(signedIn.body.kind).toBe('delegate');
    expect((await delegates({ q: 'd2-0@cluster2' })).items[0]?.lastSignInAt).not.toBeNull();

    // Everyone who has not signed in (11 delegates, 2 signed in); the Danish cluster's delegate in Danish.
    smtp.received.length = 0;
    const waiting = (await delegates({ signedIn: 'no', limit: 200 })).items.map((d) => d.email).sort();
    expect(waiting).toHaveLength(9);
    const all = await t.http
      .post(`/api/events/${b.eventId}/participants/login-links`)
      .set(...auth())
      .send({ notSignedIn: true })
      .expect(200);
    expect(all.body.queued).toBe(9);
    await deliverAll();
    expect(smtp.received.flatMap((r) => r.to).sort()).toEqual(waiting);
    const danish = smtp.received.find((r) => r.to.includes('anna@food.example.org'));
    expect(textOf(danish)).toContain('Du er tilmeldt som delegeret for Aarhus Food Cluster til Test conference');
    const english = smtp.received.find((r) => r.to.includes('d3-0@cluster3.example.org'));
    expect(textOf(english)).toContain('You are registered as a delegate');
    // The organiser may choose the language for everyone.
    smtp.received.length = 0;
    await t.http
      .post(`/api/events/${b.eventId}/participants/login-links`)
      .set(...auth())
      .send({ delegateIds: [b.delegateIds[3]?.[1]], language: 'da' })
      .expect(200);
    await deliverAll();
    expect(textOf(smtp.received[0])).toContain('Du er tilmeldt som delegeret for Cluster 003');
  });

  it('exports clusters, delegates and requests as CSV (formulas escaped) and XLSX (text cells)', async () => {
    await t.http
      .post(`/api/events/${b.eventId}/participants/clusters`)
      .set(...auth())
      .send(clusterBody(60, { name: '=HYPERLINK("http://evil.example","x")', country: 'FR' }))
      .expect(201);
    await acceptedRequest(t, b, 3, 4);
    const csv = async (kind: string): Promise<string> =>
      (
        await t.http
          .get(`/api/events/${b.eventId}/participants/export`)
          .query({ kind, format: 'csv' })
          .set(...auth())
          .expect(200)
          .expect('Content-Type', /text\/csv/)
      ).text;
    const clustersCsv = await csv('clusters');
    const lines = clustersCsv.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'name,country,region,sectors,technologies,scope,label,label_valid_until,companies,smes,knowledge_institutions,public_bodies,industry_associations,financial_actors,secretariat_size,offers,seeks,website,label_status,delegates,signed_in,open_requests',
    );
    expect(lines).toHaveLength(8);
    expect(clustersCsv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(clustersCsv).toMatch(/\nAarhus Food Cluster,DK,.*,gold,2020-06-30,.*,expired,1,\d,0/);
    const delegatesCsv = await csv('delegates');
    expect(delegatesCsv.split(/\r?\n/)[0]).toBe('cluster,name,email,role,last_sign_in');
    expect(delegatesCsv).toMatch(/Cluster 000,Delegate 0-0,d0-0@cluster0\.example\.org,Manager,\d{4}-\d{2}-\d{2}T/);
    const requestsCsv = await csv('requests');
    expect(requestsCsv.split(/\r?\n/)[0]).toContain('request_id,status,requester,receivers,answers');
    expect(requestsCsv).toMatch(/,accepted,Cluster 003,Cluster 004,accepted,/);

    const xlsx = await t.http
      .get(`/api/events/${b.eventId}/participants/export`)
      .query({ kind: 'clusters', format: 'xlsx' })
      .set(...auth())
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const bytes = xlsx.body as Buffer;
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0];
    const names = (ws?.getColumn(1).values ?? []).filter((v) => typeof v === 'string');
    expect(names).toContain('=HYPERLINK("http://evil.example","x")');
    const evil = ws?.getColumn(1).values.findIndex((v) => typeof v === 'string' && v.startsWith('=')) ?? -1;
    expect(ws?.getCell(evil, 1).type).toBe(ExcelJS.ValueType.String);

    const bad = await t.http
      .get(`/api/events/${b.eventId}/participants/export`)
      .query({ kind: 'secrets' })
      .set(...auth());
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].path).toBe('kind');
  });

  it('lets a delegate change who of their cluster attends an accepted meeting, and no one else', async () => {
    const requestId = await acceptedRequest(t, b, 0, 1);
    const [b0, b1] = b.delegateIds[1] ?? [];
    const receiver = await t.delegateToken(b0 ?? '');
    const url = `/api/events/${b.eventId}/requests/${requestId}/attendees`;
    const changed = await t.http
      .put(url)
      .set(...auth(receiver))
      .send({ delegateIds: [b1] })
      .expect(200);
    expect(changed.body).toEqual({ requestId, clusterId: b.clusterIds[1], delegateIds: [b1] });
    const req = (
      await t.http
        .get(`/api/requests/${requestId}`)
        .set(...auth())
        .expect(200)
    ).body;
    const side = (req.parties as { clusterId: string; delegates: { id: string }[] }[]).find(
      (p) => p.clusterId === b.clusterIds[1],
    );
    expect(side?.delegates.map((d) => d.id)).toEqual([b1]);

    const foreign = await t.http
      .put(url)
      .set(...auth(receiver))
      .send({ delegateIds: [b.delegateIds[2]?.[0]] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.fields[0].path).toBe('delegateIds[0]');
    const otherSide = await t.http
      .put(url)
      .set(...auth(receiver))
      .send({ delegateIds: [b.delegateIds[0]?.[1]], clusterId: b.clusterIds[0] });
    expect(otherSide.status).toBe(403);
    const outsider = await t.http
      .put(url)
      .set(...auth(await t.delegateToken(b.delegateIds[2]?.[0] ?? '')))
      .send({ delegateIds: [b.delegateIds[2]?.[0]] });
    expect(outsider.status).toBe(404);
    const empty = await t.http
      .put(url)
      .set(...auth(receiver))
      .send({ delegateIds: [] });
    expect(empty.status).toBe(400);
    // Organisers name the side.
    await t.http
      .put(url)
      .set(...auth())
      .send({ delegateIds: [b.delegateIds[0]?.[1]], clusterId: b.clusterIds[0] })
      .expect(200);
    const noSide = await t.http
      .put(url)
      .set(...auth())
      .send({ delegateIds: [b0] });
    expect(noSide.status).toBe(422);
    expect(noSide.body.fields[0].path).toBe('clusterId');
  });

  it('lets a viewer of the organisation read and export but change nothing; another organisation sees none of it', async () => {
    const me = (
      await t.http
        .get('/api/auth/me')
        .set(...auth())
        .expect(200)
    ).body as { organisationName: string };
    const viewer = await t.organiserOf(me.organisationName, 'viewer');
    const as = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];
    const ev = `/api/events/${b.eventId}`;
    expect(
      (
        await t.http
          .get(`${ev}/participants/clusters`)
          .set(...as(viewer.token))
          .expect(200)
      ).body.total,
    ).toBe(7);
    await t.http
      .get(`${ev}/participants/delegates`)
      .set(...as(viewer.token))
      .expect(200);
    await t.http
      .get(`${ev}/participants/export?kind=requests&format=csv`)
      .set(...as(viewer.token))
      .expect(200);
    const writes: [string, string, object][] = [
      ['post', `${ev}/participants/login-links`, { notSignedIn: true }],
      ['post', `${ev}/participants/clusters`, clusterBody(90)],
      [
        'put',
        `${ev}/requests/${await acceptedRequest(t, b, 2, 3)}/attendees`,
        { delegateIds: [b.delegateIds[2]?.[1]], clusterId: b.clusterIds[2] },
      ],
    ];
    for (const [method, url, body] of writes) {
      const res = await (method === 'post' ? t.http.post(url) : t.http.put(url)).set(...as(viewer.token)).send(body);
      expect([url, res.status]).toEqual([url, 403]);
    }
    const other = await t.organiserOf('Beta Cluster Network', 'owner');
    for (const url of [
      `${ev}/participants/clusters`,
      `${ev}/participants/delegates`,
      `${ev}/participants/export?kind=delegates`,
    ]) {
      const res = await t.http.get(url).set(...as(other.token));
      expect([url, res.status]).toEqual([url, 404]);
      expect(res.text).not.toContain('cluster0.example.org');
    }
    const links = await t.http
      .post(`${ev}/participants/login-links`)
      .set(...as(other.token))
      .send({ notSignedIn: true });
    expect(links.status).toBe(404);
  });
});
