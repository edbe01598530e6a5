/**
 * Issue 16, item 6, on SQLite and PostgreSQL: the long lists an organiser reads. The event's requests and the mail
 * outbox are searched, filtered, sorted and paged by the service, with true totals (the outbox list was cut at 200
 * without saying so), per-status and per-kind counts, and the recipient's plain name beside the address. Bad query
 * parameters give 400 naming each field. Item 7: the event's solve jobs are listed, newest first, so the solve
 * page finds a running job again after the organiser left it.
 */
import { MailService, splitMailbox } from '../src/mail/mail.service';
import { acceptedRequest, setUpEvent, startTestApp, waitForJob, type Basics, type TestApp } from '../test-utils';

jest.setTimeout(180_000);

interface Party {
  clusterName: string;
  role: 'requester' | 'receiver';
}
interface RequestRow {
  id: string;
  status: string;
  note: string;
  weight: number | null;
  createdAt: string;
  parties: Party[];
}
interface RequestPage {
  total: number;
  counts: { status: string; n: number }[];
  items: RequestRow[];
}
interface MailRow {
  id: string;
  kind: string;
  eventId: string | null;
  to: string;
  toName: string;
  toAddress: string;
  subject: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
}
interface MailPage {
  total: number;
  kinds: { kind: string; n: number }[];
  items: MailRow[];
}

const requesterOf = (r: RequestRow): string => r.parties.find((p) => p.role === 'requester')?.clusterName ?? '';

describe.each(['sqlite', 'postgres'] as const)('long lists: requests and the outbox (%s)', (db) => {
  let t: TestApp;
  let b: Basics;
  let org: string;
  const requests = async (query: Record<string, string | number> = {}, token = org): Promise<RequestPage> =>
    (
      await t.http
        .get(`/api/events/${b.eventId}/requests/page`)
        .query(query)
        .set('Authorization', `Bearer ${token}`)
        .expect(200)
    ).body;
  const outbox = async (query: Record<string, string | number> = {}): Promise<MailPage> =>
    (
      await t.http
        .get('/api/mail/outbox/page')
        .query({ eventId: b.eventId, ...query })
        .set('Authorization', `Bearer ${org}`)
        .expect(200)
    ).body;
  const asDelegate = async (c: number): Promise<string> => t.delegateToken(b.delegateIds[c]?.[0] ?? '');
  const request = async (from: number, to: number, note = ''): Promise<string> => {
    const res = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set('Authorization', `Bearer ${await asDelegate(from)}`)
      .send({
        receiverClusterIds: [b.clusterIds[to]],
        interest: 2,
        delegateIds: [b.delegateIds[from]?.[0]],
        ...(note ? { note } : {}),
      });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp({ db, config: { publicUrl: 'https://match.example.org' } });
    b = await setUpEvent(t, 6, 2);
    org = await t.organiserToken();
    // Two accepted (weight 4 × 3 + 4 + 3 = 19), four pending, one declined.
    await acceptedRequest(t, b, 1, 2);
    await acceptedRequest(t, b, 3, 4);
    await request(0, 1, 'Hydrogen pilots in the harbour');
    await request(0, 2);
    await request(5, 0);
    await request(4, 5);
    const declined = await request(2, 3);
    await t.http
      .post(`/api/requests/${declined}/decline`)
      .set('Authorization', `Bearer ${await asDelegate(3)}`)
      .send({ reason: 'No capacity' })
      .expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('pages the requests with the true total, per-status counts and disjoint pages', async () => {
    const all = await requests({ limit: 200 });
    expect(all.total).toBe(7);
    expect(all.items).toHaveLength(7);
    expect(all.counts).toEqual([
      { status: 'pending', n: 4 },
      { status: 'accepted', n: 2 },
      { status: 'declined', n: 1 },
    ]);
    // Default: oldest first, 25 a page.
    const createdAt = all.items.map((r) => r.createdAt);
    expect([...createdAt].sort()).toEqual(createdAt);
    const first = await requests({ limit: 3 });
    const second = await requests({ limit: 3, offset: 3 });
    const third = await requests({ limit: 3, offset: 6 });
    expect([first.total, second.total, third.total]).toEqual([7, 7, 7]);
    expect([first.items.length, second.items.length, third.items.length]).toEqual([3, 3, 1]);
    expect([...first.items, ...second.items, ...third.items].map((r) => r.id)).toEqual(all.items.map((r) => r.id));
    expect((await requests({ offset: 50 })).items).toEqual([]);
  });

  it('searches the requests by cluster, note and delegate, filters by status and keeps the counts', async () => {
    const note = await requests({ q: 'HYDROGEN harbour' });
    expect(note.total).toBe(1);
    expect(note.items[0]?.note).toBe('Hydrogen pilots in the harbour');
    const cluster = await requests({ q: 'cluster 005' });
    expect(cluster.total).toBe(2);
    for (const r of cluster.items) expect(r.parties.map((p) => p.clusterName)).toContain('Cluster 005');
    // An attending delegate's name finds the requests they go to.
    const delegate = await requests({ q: 'delegate 0-0' });
    expect(delegate.total).toBe(2);
    expect(delegate.items.map(requesterOf)).toEqual(['Cluster 000', 'Cluster 000']);
    const accepted = await requests({ status: 'accepted' });
    expect(accepted.total).toBe(2);
    expect(accepted.items.every((r) => r.status === 'accepted' && r.weight === 19)).toBe(true);
    // The counts are the search's, the status filter aside.
    expect(accepted.counts.map((c) => c.n).reduce((a, n) => a + n, 0)).toBe(7);
    const pendingOf0 = await requests({ status: 'pending', clusterId: b.clusterIds[0] ?? '' });
    expect(pendingOf0.total).toBe(3);
    expect(await requests({ q: 'no such words' })).toEqual({ total: 0, counts: [], items: [] });
  });

  it('sorts the requests by requester, weight and status in either direction', async () => {
    const byRequester = await requests({ sort: 'requester', dir: 'desc' });
    const names = byRequester.items.map(requesterOf);
    expect(names).toEqual([...names].sort().reverse());
    expect(names[0]).toBe('Cluster 005');
    // Requests without a weight (not accepted) come last in either direction.
    for (const dir of ['asc', 'desc']) {
      const byWeight = await requests({ sort: 'weight', dir });
      expect(byWeight.items.map((r) => r.weight)).toEqual([19, 19, null, null, null, null, null]);
    }
    const byStatus = await requests({ sort: 'status' });
    const statuses = byStatus.items.map((r) => r.status);
    expect(statuses).toEqual([...statuses].sort());
  });

  it("gives a delegate their own cluster's requests only, and refuses another cluster's", async () => {
    const token = await asDelegate(0);
    const own = await requests({}, token);
    expect(own.total).toBe(3);
    for (const r of own.items) expect(r.parties.map((p) => p.clusterName)).toContain('Cluster 000');
    const other = await t.http
      .get(`/api/events/${b.eventId}/requests/page`)
      .query({ clusterId: b.clusterIds[3] })
      .set('Authorization', `Bearer ${token}`);
    expect(other.status).toBe(403);
  });

  it('refuses bad request-list parameters naming each field', async () => {
    const bad = await t.http
      .get(`/api/events/${b.eventId}/requests/page`)
      .query({ sort: 'secret', dir: 'up', limit: 0, offset: -1, status: 'lost' })
      .set('Authorization', `Bearer ${org}`);
    expect(bad.status).toBe(400);
    expect((bad.body.fields as { path: string }[]).map((f) => f.path).sort()).toEqual([
      'dir',
      'limit',
      'offset',
      'sort',
      'status',
    ]);
    const long = await t.http
      .get(`/api/events/${b.eventId}/requests/page`)
      .query({ q: 'x'.repeat(201), limit: 201 })
      .set('Authorization', `Bearer ${org}`);
    expect(long.status).toBe(400);
    expect((long.body.fields as { path: string }[]).map((f) => f.path).sort()).toEqual(['limit', 'q']);
  });

  it('pages the whole outbox with a true total, beyond what one page holds', async () => {
    const links = await t.http
      .post(`/api/events/${b.eventId}/participants/login-links`)
      .set('Authorization', `Bearer ${org}`)
      .send({ delegateIds: b.delegateIds.flat() })
      .expect(200);
    expect(links.body.queued).toBe(12);
    const stored = (await t.app.get(MailService).list({ limit: 1000 })).filter(
      (m) => m.eventId === null || m.eventId === b.eventId,
    );
    expect(stored.length).toBeGreaterThan(12);
    const first = await outbox({ limit: 5 });
    expect(first.total).toBe(stored.length);
    const seen: string[] = [];
    for (let offset = 0; offset < first.total; offset += 5)
      seen.push(...(await outbox({ limit: 5, offset })).items.map((m) => m.id));
    expect(new Set(seen).size).toBe(stored.length);
    expect([...seen].sort()).toEqual(stored.map((m) => m.id).sort());
    // Newest first by default.
    const created = (await outbox({ limit: 200 })).items.map((m) => m.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('filters the outbox by kind and status, counts each kind and searches recipient and subject', async () => {
    const page = await outbox({ kind: 'event-invitation', limit: 200 });
    expect(page.total).toBe(12);
    expect(page.items.every((m) => m.kind === 'event-invitation')).toBe(true);
    expect(page.kinds).toEqual(expect.arrayContaining([{ kind: 'event-invitation', n: 12 }]));
    expect(page.kinds.find((k) => k.kind === 'request-received')?.n).toBeGreaterThan(0);
    const kinds = page.kinds.map((k) => k.kind);
    expect(kinds).toEqual([...kinds].sort());
    // The page's kinds are the event's whatever the filter: every kind shown in the dropdown has mails.
    const sum = page.kinds.reduce((a, k) => a + k.n, 0);
    expect(sum).toBe((await outbox()).total);

    const one = await outbox({ kind: 'event-invitation', q: 'delegate 4-1' });
    expect(one.total).toBe(1);
    expect(one.items[0]).toMatchObject({
      toName: 'Delegate 4-1',
      toAddress: 'd4-1@cluster4.example.org',
      to: '"Delegate 4-1" <d4-1@cluster4.example.org>',
    });
    expect((await outbox({ q: 'cluster4.example.org', kind: 'event-invitation' })).total).toBe(2);
    expect((await outbox({ status: 'sent' })).total).toBe(0);
    expect((await outbox({ status: 'pending' })).total).toBe((await outbox()).total);
    // A LIKE wildcard is searched for as itself.
    expect((await outbox({ q: '%' })).total).toBe(0);
  });

  it('sorts the outbox by recipient name and subject', async () => {
    const byName = (await outbox({ kind: 'event-invitation', sort: 'to', dir: 'asc', limit: 200 })).items.map(
      (m) => m.toName,
    );
    expect(byName[0]).toBe('Delegate 0-0');
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'en')));
    const desc = (await outbox({ kind: 'event-invitation', sort: 'to', dir: 'desc', limit: 200 })).items.map(
      (m) => m.toName,
    );
    expect(desc).toEqual([...byName].reverse());
    const subjects = (await outbox({ sort: 'subject', dir: 'asc', limit: 200 })).items.map((m) =>
      m.subject.toLowerCase(),
    );
    expect(subjects).toEqual([...subjects].sort());
  });

  it('refuses bad outbox parameters naming each field', async () => {
    const bad = await t.http
      .get('/api/mail/outbox/page')
      .query({ kind: 'Not a kind!', sort: 'size', dir: 'sideways', limit: 201, status: 'lost' })
      .set('Authorization', `Bearer ${org}`);
    expect(bad.status).toBe(400);
    expect((bad.body.fields as { path: string }[]).map((f) => f.path).sort()).toEqual([
      'dir',
      'kind',
      'limit',
      'sort',
      'status',
    ]);
    const delegate = await t.http.get('/api/mail/outbox/page').set('Authorization', `Bearer ${await asDelegate(0)}`);
    expect(delegate.status).toBe(403);
  });

  it('splits a mailbox into a plain name and the address', () => {
    expect(splitMailbox('"Anna \\"AJ\\" Jensen" <anna@example.org>')).toEqual({
      toName: 'Anna "AJ" Jensen',
      toAddress: 'anna@example.org',
    });
    expect(splitMailbox('Bo Berg <bo@example.org>')).toEqual({ toName: 'Bo Berg', toAddress: 'bo@example.org' });
    expect(splitMailbox('cat@example.org')).toEqual({ toName: 'cat@example.org', toAddress: 'cat@example.org' });
  });

  it("lists the event's solve jobs newest first, so a running one is found again", async () => {
    const jobs = async (): Promise<{ id: string; state: string; mode: string }[]> =>
      (await t.http.get(`/api/events/${b.eventId}/schedule/jobs`).set('Authorization', `Bearer ${org}`).expect(200))
        .body;
    expect(await jobs()).toEqual([]);
    const started = await t.http
      .post(`/api/events/${b.eventId}/schedule/solve`)
      .set('Authorization', `Bearer ${org}`)
      .send({ timeLimitSeconds: 2 })
      .expect(202);
    const listed = await jobs();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: started.body.jobId, mode: 'solve' });
    await waitForJob(t, started.body.statusUrl, org);
    const again = await t.http
      .post(`/api/events/${b.eventId}/schedule/solve`)
      .set('Authorization', `Bearer ${org}`)
      .send({ timeLimitSeconds: 2 })
      .expect(202);
    const both = await jobs();
    expect(both.map((j) => j.id)).toEqual([again.body.jobId, started.body.jobId]);
    expect(both[1]?.state).toBe('done');
    await waitForJob(t, again.body.statusUrl, org);
    const delegate = await t.http
      .get(`/api/events/${b.eventId}/schedule/jobs`)
      .set('Authorization', `Bearer ${await asDelegate(0)}`);
    expect(delegate.status).toBe(403);
  });
});
