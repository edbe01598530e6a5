/**
 * The impact report (issue 11, part 5 as built), through HTTP on SQLite and PostgreSQL: a simulated cycle (requests
 * accepted, declined and left pending, a real solve and publish, the feedback survey, answers from a seeded random
 * 70 % of the attendees, evaluation answers), after which every figure of the report equals a count made here from
 * what the test sent and from the stored schedule; the CSV, XLSX and PDF (read back with pdf.js) hold the same figures; only organisers read it.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { ClusterEntity } from '../src/clusters/cluster.entity';
import { ScheduleAssignmentEntity, ScheduleVersionEntity } from '../src/schedules/schedule.entity';
import { binary, pdfText } from '../test-utils/pdf-text';
import { acceptedRequest, setUpEvent, solveAndPublish, startTestApp, type Basics, type TestApp } from '../test-utils';

jest.setTimeout(180_000);

const DAY = 86_400_000;
const NEXT = ['none', 'follow-up-call', 'visit', 'joint-application', 'partnership', 'commercial-deal', 'other'];
const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

/** mulberry32: the same answers on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sent {
  delegateId: string;
  clusterId: string;
  meetingId: string;
  held: boolean;
  usefulness: number | null;
  nextStep: string;
}

describe.each(['sqlite', 'postgres'] as const)('impact report on %s', (db) => {
  let t: TestApp;
  let b: Basics;
  let org: string;
  const sent: Sent[] = [];
  const scaleAnswers: number[] = [];
  let requested = 0;
  let accepted = 0;
  const collabs = [
    {
      from: 0,
      to: 1,
      by: 'delegate',
      atEvent: true,
      type: 'project',
      status: 'running',
      companies: 5,
      smes: 4,
      ideas: 3,
      products: 1,
      competences: 2,
    },
    {
      from: 2,
      to: 6,
      by: 'delegate',
      atEvent: true,
      type: 'application',
      status: 'planned',
      companies: 2,
      smes: 2,
      ideas: 1,
      products: 0,
      competences: 0,
    },
    {
      from: 4,
      to: 5,
      by: 'organiser',
      atEvent: false,
      type: 'project',
      status: 'completed',
      companies: 9,
      smes: 1,
      ideas: 7,
      products: 7,
      competences: 7,
    },
  ];

  beforeAll(async () => {
    t = await startTestApp({ db });
    org = await t.organiserToken();
    b = await setUpEvent(t, 8, 1);
    // Accepted: a ring and some chords; one declined, one left pending.
    const pairs: [number, number][] = [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 6],
      [6, 7],
      [7, 0],
      [0, 4],
      [1, 5],
      [2, 6],
    ];
    for (const [x, y] of pairs) await acceptedRequest(t, b, x, y);
    accepted = pairs.length;
    const token = async (c: number): Promise<string> => t.delegateToken(b.delegateIds[c]?.[0] ?? '');
    const declined = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(...auth(await token(3)))
      .send({ receiverClusterIds: [b.clusterIds[7]], interest: 2, delegateIds: [b.delegateIds[3]?.[0]] })
      .expect(201);
    await t.http
      .post(`/api/requests/${declined.body.id}/decline`)
      .set(...auth(await token(7)))
      .send({})
      .expect(200);
    await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(...auth(await token(5)))
      .send({ receiverClusterIds: [b.clusterIds[0]], interest: 2, delegateIds: [b.delegateIds[5]?.[0]] })
      .expect(201);
    requested = pairs.length + 2;
    await solveAndPublish(t, b.eventId);
    const q = await t.http
      .put(`/api/events/${b.eventId}/evaluation/questions`)
      .set(...auth(org))
      .send({ questions: [{ kind: 'scale', text: { en: 'Overall?', da: 'Samlet?' } }] })
      .expect(200);
    await t.http
      .post(`/api/events/${b.eventId}/feedback-survey`)
      .set(...auth(org))
      .send({ closesAt: new Date(Date.now() + 7 * DAY).toISOString(), reminderAfterDays: 3 })
      .expect(200);
    // A seeded random 70 % of the attendees answer every one of their meetings, and the evaluation.
    const random = rng(11);
    for (const [c, ids] of b.delegateIds.entries()) {
      const d = ids[0] ?? '';
      const tok = await token(c);
      const page = await t.http
        .get(`/api/events/${b.eventId}/feedback`)
        .set(...auth(tok))
        .expect(200);
      if (page.body.meetings.length === 0 || random() >= 0.7) continue;
      for (const m of page.body.meetings as { meetingId: string }[]) {
        const held = random() < 0.8;
        const usefulness = held ? 1 + Math.floor(random() * 5) : null;
        const nextStep = NEXT[Math.floor(random() * NEXT.length)] ?? 'none';
        await t.http
          .put(`/api/events/${b.eventId}/meetings/${m.meetingId}/feedback`)
          .set(...auth(tok))
          .send({ held, ...(held ? { usefulness } : {}), nextStep })
          .expect(200);
        sent.push({
          delegateId: d,
          clusterId: b.clusterIds[c] ?? '',
          meetingId: m.meetingId,
          held,
          usefulness,
          nextStep,
        });
      }
      const scale = 1 + Math.floor(random() * 5);
      await t.http
        .put(`/api/events/${b.eventId}/evaluation/answers`)
        .set(...auth(tok))
        .send({ answers: [{ questionId: q.body.questions[0].id, scale }] })
        .expect(200);
      scaleAnswers.push(scale);
    }
    // Collaborations: two launched at this event (by delegates), one not tied to any event (by an organiser).
    for (const c of collabs) {
      const tok = c.by === 'organiser' ? org : await token(c.from);
      await t.http
        .post(`/api/clusters/${b.clusterIds[c.from]}/collaborations`)
        .set(...auth(tok))
        .send({
          eventId: c.atEvent ? b.eventId : null,
          type: c.type,
          status: c.status,
          title: `Collaboration ${c.from}-${c.to}`,
          partners: [{ clusterId: b.clusterIds[c.to], companies: c.companies, smes: c.smes }],
          newIdeas: c.ideas,
          newProducts: c.products,
          newCompetences: c.competences,
        })
        .expect(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts every figure from the records', async () => {
    expect(sent.length).toBeGreaterThan(5);
    const res = await t.http
      .get(`/api/events/${b.eventId}/impact-report`)
      .set(...auth(org))
      .expect(200);
    const r = res.body;
    // Independent counts: the stored published schedule and what this test sent.
    const version = await t.db.manager.findOneByOrFail(ScheduleVersionEntity, {
      eventId: b.eventId,
      state: 'published',
    });
    const assignments = await t.db.manager.findBy(ScheduleAssignmentEntity, { versionId: version.id });
    const attendees = new Set(assignments.flatMap((a) => a.delegateIds));
    const answeredMeetings = new Set(sent.map((s) => s.meetingId));
    const heldMeetings = new Set(sent.filter((s) => s.held).map((s) => s.meetingId));
    const scores = sent.flatMap((s) => (s.usefulness === null ? [] : [s.usefulness]));
    const mean = (xs: number[]): number | null =>
      xs.length ? Math.round((xs.reduce((x, y) => x + y, 0) / xs.length) * 100) / 100 : null;
    const clusters = await t.db.manager.findBy(ClusterEntity, {});
    const inEvent = clusters.filter((c) => b.clusterIds.includes(c.id));
    const responded = new Set(sent.map((s) => s.delegateId)).size;

    expect(r.meetings).toEqual({
      requested,
      accepted,
      scheduled: assignments.length,
      held: heldMeetings.size,
      noShows: answeredMeetings.size - heldMeetings.size,
      unknown: assignments.length - answeredMeetings.size,
    });
    expect(r.responses).toEqual({
      attendees: attendees.size,
      responded,
      rate: Math.round((responded / attendees.size) * 1000) / 1000,
      answers: sent.length,
    });
    expect(r.usefulness).toEqual({
      mean: mean(scores),
      distribution: [1, 2, 3, 4, 5].map((s) => scores.filter((x) => x === s).length),
    });
    expect(r.nextSteps).toEqual(NEXT.map((n) => ({ nextStep: n, count: sent.filter((s) => s.nextStep === n).length })));
    expect(r.participation).toEqual({
      clusters: 8,
      companies: inEvent.reduce((x, c) => x + c.companies, 0),
      smes: inEvent.reduce((x, c) => x + c.smes, 0),
      countries: new Set(inEvent.map((c) => c.country)).size,
    });
    for (const row of r.byCountry as {
      country: string;
      scheduled: number;
      held: number;
      usefulness: number | null;
    }[]) {
      const ids = new Set(inEvent.filter((c) => c.country === row.country).map((c) => c.id));
      const mine = assignments.filter((a) => a.clusterIds.some((c) => ids.has(c)));
      expect(row.scheduled).toBe(mine.length);
      expect(row.held).toBe(mine.filter((a) => heldMeetings.has(a.requestId)).length);
      expect(row.usefulness).toBe(
        mean(sent.filter((s) => ids.has(s.clusterId) && s.usefulness !== null).map((s) => s.usefulness ?? 0)),
      );
    }
    const launched = collabs.filter((c) => c.atEvent);
    const total = (f: (c: (typeof collabs)[number]) => number): number => launched.reduce((s, c) => s + f(c), 0);
    expect(r.collaborations).toEqual({
      launched: launched.length,
      byType: ['project', 'application', 'partnership', 'commercial', 'knowledge-exchange', 'other'].map((type) => ({
        type,
        count: launched.filter((c) => c.type === type).length,
      })),
      byStatus: ['planned', 'running', 'completed', 'stopped'].map((status) => ({
        status,
        count: launched.filter((c) => c.status === status).length,
      })),
      newIdeas: total((c) => c.ideas),
      newProducts: total((c) => c.products),
      newCompetences: total((c) => c.competences),
      companies: total((c) => c.companies),
      smes: total((c) => c.smes),
    });
    expect(r.evaluation.respondents).toBe(scaleAnswers.length);
    expect(r.evaluation.questions[0].mean).toBe(mean(scaleAnswers));
  });

  it('exports the same figures as CSV, XLSX and PDF, refuses other formats, and is for organisers only', async () => {
    const json = (
      await t.http
        .get(`/api/events/${b.eventId}/impact-report`)
        .set(...auth(org))
        .expect(200)
    ).body;
    const csv = await t.http
      .get(`/api/events/${b.eventId}/impact-report?format=csv`)
      .set(...auth(org))
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const rows = parse(csv.text) as string[][];
    const value = (section: string, measure: string): string | undefined =>
      rows.find((x) => x[0] === section && x[1] === measure)?.[2];
    expect(rows[0]).toEqual(['section', 'measure', 'value']);
    expect(value('meetings', 'held')).toBe(String(json.meetings.held));
    expect(value('responses', 'rate')).toBe(String(json.responses.rate));
    expect(value('participation', 'smes')).toBe(String(json.participation.smes));
    expect(value('next steps', 'visit')).toBe(
      String(json.nextSteps.find((n: { nextStep: string }) => n.nextStep === 'visit').count),
    );

    const xlsx = await t.http
      .get(`/api/events/${b.eventId}/impact-report?format=xlsx`)
      .set(...auth(org))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    const bytes = xlsx.body as Buffer;
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = wb.getWorksheet('Impact report');
    const fromSheet: string[][] = [];
    sheet?.eachRow((row) => fromSheet.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(fromSheet).toEqual(rows);

    // The PDF opens (pdf.js reads it back) and holds every figure of the table, each next to its measure.
    const pdf = await t.http
      .get(`/api/events/${b.eventId}/impact-report?format=pdf`)
      .set(...auth(org))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/filename="Test-conference-impact-\d{4}\.pdf"/);
    const read = await pdfText(pdf.body as Buffer);
    const lines = read.text.split('\n').map((l) => l.trim());
    for (const [section, measure, value] of rows.slice(1)) {
      expect(lines).toContain(section);
      expect(lines).toContain(`${measure} ${value}`.trim());
    }
    expect(read.text).toContain('Impact report: Test conference');
    expect(read.text).toContain('Collaborations launched, by type');
    const bad = await t.http
      .get(`/api/events/${b.eventId}/impact-report?format=docx`)
      .set(...auth(org))
      .expect(400);
    expect(bad.body.fields[0].path).toBe('format');
    const delegate = await t.delegateToken(b.delegateIds[0]?.[0] ?? '');
    await t.http
      .get(`/api/events/${b.eventId}/impact-report`)
      .set(...auth(delegate))
      .expect(403);
    await t.http
      .get(`/api/events/${b.eventId}/impact-report?format=csv`)
      .set(...auth(delegate))
      .expect(403);
  });
});
