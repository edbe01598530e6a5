/**
 * Reports across events (issue 11, part 5) through HTTP on SQLite and PostgreSQL: two events in different years
 * sharing clusters, real solves and publishes, feedback and collaborations; every figure of the report by year, by
 * country and by cluster, and of the yearly performance report, equals a count made here from what the test sent;
 * the files (CSV, XLSX, PDF read back with pdf.js) hold the same figures; bad parameters are 400 naming the field;
 * delegates get 403.
 */
import { parse } from 'csv-parse/sync';
import type { Basics, TestApp } from '../test-utils';
import { acceptedRequest, solveAndPublish, setUpEvent, startTestApp } from '../test-utils';
import { binary, pdfText } from '../test-utils/pdf-text';

jest.setTimeout(180_000);

const DAY = 86_400_000;
const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

interface Group {
  key: string;
  label: string;
  events: number;
  clusters: number;
  scheduled: number;
  held: number;
  noShows: number;
  answers: number;
  usefulness: number | null;
  collaborations: number;
  newIdeas: number;
  newProducts: number;
  newCompetences: number;
}

describe.each(['sqlite', 'postgres'] as const)('reports across events on %s', (db) => {
  let t: TestApp;
  let b: Basics;
  let org: string;
  let eventB: string;
  let betaToken: string;
  const thisYear = new Date().getUTCFullYear();
  /** The request ids of each event's accepted meetings, by the pair of clusters. */
  const inA = new Map<string, string>();
  const inB = new Map<string, string>();
  const token = (c: number): Promise<string> => t.delegateToken(b.delegateIds[c]?.[0] ?? '');
  const answer = async (eventId: string, meetingId: string, c: number, held: boolean, usefulness?: number) =>
    t.http
      .put(`/api/events/${eventId}/meetings/${meetingId}/feedback`)
      .set(...auth(await token(c)))
      .send({ held, ...(usefulness ? { usefulness } : {}), nextStep: held ? 'visit' : 'none' })
      .expect(200);

  beforeAll(async () => {
    t = await startTestApp({ db });
    org = await t.organiserToken();
    // Event A (setUpEvent: 11 May 2027): clusters 0-5 (countries DE FR ES IT PL DE).
    b = await setUpEvent(t, 6, 1);
    for (const [x, y] of [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [0, 5],
    ] as const)
      inA.set(`${x}-${y}`, await acceptedRequest(t, b, x, y));
    await solveAndPublish(t, b.eventId);
    // Event B this year: clusters 0-3.
    const ev = await t.http
      .post('/api/events')
      .set(...auth(org))
      .send({
        name: 'Event B',
        venue: 'Hall B',
        timezone: 'Europe/Copenhagen',
        requestDeadline: '2099-01-01T00:00:00Z',
        days: [{ date: `${thisYear}-01-02`, startTime: '09:00', endTime: '11:00', meetingMinutes: 30, breaks: [] }],
        tables: [
          { name: 'B1', seats: 4 },
          { name: 'B2', seats: 4 },
        ],
      })
      .expect(201);
    eventB = ev.body.id;
    for (const c of [0, 1, 2, 3])
      await t.http
        .post(`/api/events/${eventB}/participants`)
        .set(...auth(org))
        .send({ clusterId: b.clusterIds[c] })
        .expect(201);
    const bb: Basics = { ...b, eventId: eventB };
    for (const [x, y] of [
      [0, 1],
      [2, 3],
      [0, 3],
    ] as const)
      inB.set(`${x}-${y}`, await acceptedRequest(t, bb, x, y));
    await solveAndPublish(t, eventB);
    for (const e of [b.eventId, eventB])
      await t.http
        .post(`/api/events/${e}/feedback-survey`)
        .set(...auth(org))
        .send({ closesAt: new Date(Date.now() + 7 * DAY).toISOString(), reminderAfterDays: 3 })
        .expect(200);
    // A: 0-1 held (5 and 3), 3-4 not held by either side. B: 2-3 held (4).
    await answer(b.eventId, inA.get('0-1') ?? '', 0, true, 5);
    await answer(b.eventId, inA.get('0-1') ?? '', 1, true, 3);
    await answer(b.eventId, inA.get('3-4') ?? '', 3, false);
    await answer(b.eventId, inA.get('3-4') ?? '', 4, false);
    await answer(eventB, inB.get('2-3') ?? '', 2, true, 4);
    // Collaborations: launched at A (0 and 1), at B (2 and 3), and at no event (4 and 5), all recorded this year.
    const collab = async (
      from: number,
      to: number,
      eventId: string | null,
      type: string,
      partner: { companies: number; smes: number },
      counts: { newIdeas: number; newProducts: number; newCompetences: number },
    ) =>
      t.http
        .post(`/api/clusters/${b.clusterIds[from]}/collaborations`)
        .set(...auth(await token(from)))
        .send({
          eventId,
          type,
          status: 'running',
          title: `${from} and ${to}`,
          partners: [{ clusterId: b.clusterIds[to], ...partner }],
          ...counts,
        })
        .expect(201);
    await collab(
      0,
      1,
      b.eventId,
      'project',
      { companies: 5, smes: 4 },
      { newIdeas: 2, newProducts: 0, newCompetences: 0 },
    );
    await collab(
      2,
      3,
      eventB,
      'application',
      { companies: 3, smes: 1 },
      { newIdeas: 1, newProducts: 1, newCompetences: 0 },
    );
    await collab(
      4,
      5,
      null,
      'knowledge-exchange',
      { companies: 7, smes: 7 },
      { newIdeas: 0, newProducts: 0, newCompetences: 3 },
    );
    // Another organisation's event (the same year as A), with an accepted meeting and a collaboration of its own:
    // none of it may count in this organisation's reports, and none of this one's in its.
    const beta = await t.organiserOf('Beta', 'owner');
    const other = await setUpEvent(t, 3, 1, { token: beta.token, prefix: 'Beta' });
    await acceptedRequest(t, other, 0, 1);
    await t.http
      .post(`/api/clusters/${other.clusterIds[0]}/collaborations`)
      .set(...auth(beta.token))
      .send({
        eventId: null,
        type: 'project',
        status: 'running',
        title: 'Beta',
        partners: [{ clusterId: other.clusterIds[1] }],
        newIdeas: 9,
      })
      .expect(201);
    betaToken = beta.token;
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async (query: string): Promise<{ groups: Group[] }> =>
    (
      await t.http
        .get(`/api/impact-reports?${query}`)
        .set(...auth(org))
        .expect(200)
    ).body;

  it('counts by year', async () => {
    const r = await get('by=year');
    expect(r.groups).toEqual([
      {
        key: String(thisYear),
        label: String(thisYear),
        events: 1,
        clusters: 4,
        scheduled: 3,
        held: 1,
        noShows: 0,
        answers: 1,
        usefulness: 4,
        collaborations: 1,
        newIdeas: 1,
        newProducts: 1,
        newCompetences: 0,
      },
      {
        key: '2027',
        label: '2027',
        events: 1,
        clusters: 6,
        scheduled: 5,
        held: 1,
        noShows: 1,
        answers: 4,
        usefulness: 4,
        collaborations: 1,
        newIdeas: 2,
        newProducts: 0,
        newCompetences: 0,
      },
    ]);
    expect((await get('by=year&year=2027')).groups.map((g) => g.key)).toEqual(['2027']);
  });

  it('counts by country and by cluster', async () => {
    const byCountry = await get('by=country');
    expect(byCountry.groups.map((g) => g.key)).toEqual(['DE', 'ES', 'FR', 'IT', 'PL']);
    // DE: clusters 0 and 5; meetings A 0-1, 0-5, B 0-1, 0-3; the answer of cluster 0's delegate.
    expect(byCountry.groups[0]).toEqual({
      key: 'DE',
      label: 'DE',
      events: 2,
      clusters: 2,
      scheduled: 4,
      held: 1,
      noShows: 0,
      answers: 1,
      usefulness: 5,
      collaborations: 1,
      newIdeas: 2,
      newProducts: 0,
      newCompetences: 0,
    });
    const byCluster = await get('by=cluster');
    expect(byCluster.groups.map((g) => g.label)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `Cluster 00${i}`));
    // Cluster 3: A 2-3, 3-4 (no-show), B 2-3 (held), 0-3; its own answer (not held); B's collaboration.
    expect(byCluster.groups[3]).toEqual({
      key: b.clusterIds[3],
      label: 'Cluster 003',
      events: 2,
      clusters: 1,
      scheduled: 4,
      held: 1,
      noShows: 1,
      answers: 1,
      usefulness: null,
      collaborations: 1,
      newIdeas: 1,
      newProducts: 1,
      newCompetences: 0,
    });
  });

  it('gives the yearly performance report in its fixed shape, as JSON, CSV, XLSX and PDF', async () => {
    const now = await t.http
      .get(`/api/impact-reports/performance?year=${thisYear}`)
      .set(...auth(org))
      .expect(200);
    expect(now.body).toMatchObject({
      year: thisYear,
      events: [{ eventId: eventB, name: 'Event B' }],
      participatingClusters: 4,
      participatingCompanies: 40 + 41 + 42 + 43,
      participatingSmes: 4 * 30,
      newCollaborations: 3,
      fromEvents: 2,
      companiesInCollaborations: 5 + 3 + 7,
      smesInCollaborations: 4 + 1 + 7,
      newIdeas: 3,
      newProducts: 1,
      newCompetences: 3,
    });
    expect(now.body.byType).toEqual(
      ['project', 'application', 'partnership', 'commercial', 'knowledge-exchange', 'other'].map((type) => ({
        type,
        count: ['project', 'application', 'knowledge-exchange'].includes(type) ? 1 : 0,
      })),
    );
    const then = await t.http
      .get('/api/impact-reports/performance?year=2027')
      .set(...auth(org))
      .expect(200);
    expect(then.body).toMatchObject({ participatingClusters: 6, newCollaborations: 0, newIdeas: 0 });

    const csv = await t.http
      .get(`/api/impact-reports/performance?year=${thisYear}&format=csv`)
      .set(...auth(org))
      .expect(200);
    const rows = parse(csv.text) as string[][];
    const value = (measure: string): string | undefined => rows.find((x) => x[1] === measure)?.[2];
    expect(value('participating companies')).toBe(String(40 + 41 + 42 + 43));
    expect(value('of which SMEs (under 50 employees)')).toBe('120');
    expect(value('new collaborations')).toBe('3');
    expect(value('new ideas')).toBe('3');
    expect(value('new products')).toBe('1');
    expect(value('new competences')).toBe('3');
    const pdf = await t.http
      .get(`/api/impact-reports/performance?year=${thisYear}&format=pdf`)
      .set(...auth(org))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const lines = (await pdfText(pdf.body as Buffer)).text.split('\n').map((l) => l.trim());
    for (const [, measure, v] of rows.slice(1)) expect(lines).toContain(`${measure} ${v}`);
    const xlsx = await t.http
      .get(`/api/impact-reports?by=country&format=xlsx`)
      .set(...auth(org))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  it("gives another organisation nothing of this one's events and collaborations", async () => {
    const across = await t.http
      .get('/api/impact-reports?by=cluster')
      .set(...auth(betaToken))
      .expect(200);
    expect(across.body.groups.map((g: Group) => g.label)).toEqual([0, 1, 2].map((i) => `BetaCluster 00${i}`));
    const perf = await t.http
      .get(`/api/impact-reports/performance?year=${thisYear}`)
      .set(...auth(betaToken))
      .expect(200);
    expect(perf.body).toMatchObject({ events: [], participatingClusters: 0, newCollaborations: 1, newIdeas: 9 });
  });

  it('refuses bad parameters naming them, and delegates', async () => {
    for (const [url, field] of [
      ['/api/impact-reports?by=month', 'by'],
      ['/api/impact-reports?year=soon', 'year'],
      ['/api/impact-reports?format=docx', 'format'],
      ['/api/impact-reports/performance', 'year'],
      ['/api/impact-reports/performance?year=1999', 'year'],
    ] as const) {
      const res = await t.http
        .get(url)
        .set(...auth(org))
        .expect(400);
      expect(res.body.fields[0].path).toBe(field);
    }
    const d = await token(0);
    await t.http
      .get('/api/impact-reports')
      .set(...auth(d))
      .expect(403);
    await t.http
      .get(`/api/impact-reports/performance?year=${thisYear}`)
      .set(...auth(d))
      .expect(403);
  });
});
