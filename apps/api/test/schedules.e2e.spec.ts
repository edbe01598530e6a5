/**
 * The full flow of a conference through the real API, on SQLite and on PostgreSQL:
 * the organiser sets up an event (days -> slots, tables), registers clusters and delegates;
 * delegates request and accept meetings; the organiser solves (a job in a worker thread),
 * reviews the draft and publishes it; delegates read their agendas; exports; then late changes
 * (a cancellation, a new accepted request, a delegate unavailable) are re-solved keeping the
 * published meetings in place, and version 2 is published with the list of changes.
 */
import { meetingWeight } from '@clustermatch/domain';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { startTestApp, waitForJob, type TestApp } from '../test-utils';

jest.setTimeout(180_000);

interface SlotRow {
  id: string;
  code: string;
  startsAt: string;
}
interface Assignment {
  requestId: string;
  slot: { id: string; code: string | null; start: string; end: string };
  table: { id: string; name: string };
  clusters: { id: string; name: string; country: string }[];
  people: { id: string; name: string | null; clusterId: string | null }[];
  weight: number;
}
interface Review {
  id: string;
  number: number;
  state: string;
  solverStatus: string;
  objective: number;
  bound: number | null;
  gap: number | null;
  stats: Record<string, number>;
  assignments: Assignment[];
  unscheduled: { requestId: string; reason: string; clusters: { id: string }[] }[];
  meetingsPerCluster: { id: string; name: string; country: string; meetings: number; requested: number }[];
  meetingsPerCountry: { country: string; clusters: number; meetings: number }[];
  changes: {
    basedOnVersion: number;
    added: { requestId: string }[];
    removed: { requestId: string; reason: string; reasonCode: string }[];
    moved: { requestId: string; from: { slotId: string }; to: { slotId: string } }[];
    unchanged: number;
  } | null;
}

const COUNTRIES = ['DE', 'FR', 'ES', 'IT', 'NL', 'PL', 'SE', 'AT'];

async function loadXlsx(body: unknown): Promise<ExcelJS.Workbook> {
  expect(Buffer.isBuffer(body)).toBe(true);
  const wb = new ExcelJS.Workbook();
  const bytes = body as Uint8Array;
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

describe.each(['sqlite', 'postgres'] as const)('schedules: full flow on %s', (db) => {
  let t: TestApp;
  let org: string;
  let eventId: string;
  let slots: SlotRow[];
  const clusters: { id: string; name: string; country: string; delegates: { id: string; token: string }[] }[] = [];
  /** requestId -> [requester interest, receiver interest] */
  const interests = new Map<string, [number, number]>();
  let v1: Review;
  let groupId: string;

  const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

  async function request(from: number, to: number, ri: number, rr: number): Promise<string> {
    const a = clusters[from];
    const b = clusters[to];
    const created = await t.http
      .post(`/api/events/${eventId}/requests`)
      .set(...auth(a.delegates[0].token))
      .send({ receiverClusterIds: [b.id], interest: ri, note: `from ${a.name}`, delegateIds: [a.delegates[0].id] })
      .expect(201);
    await t.http
      .post(`/api/requests/${created.body.id}/accept`)
      .set(...auth(b.delegates[0].token))
      .send({ interest: rr, delegateIds: [b.delegates[0].id] })
      .expect((res) => expect([200, 201]).toContain(res.status));
    interests.set(created.body.id, [ri, rr]);
    return created.body.id as string;
  }

  async function solveAndWait(path: 'solve' | 'resolve'): Promise<Review> {
    const started = await t.http
      .post(`/api/events/${eventId}/schedule/${path}`)
      .set(...auth(org))
      .send({ timeLimitSeconds: 3, seed: 7 })
      .expect(202);
    expect(typeof started.body.jobId).toBe('string');
    const percents: number[] = [];
    const job = await waitForJob(t, started.body.statusUrl, org, (j) => percents.push(j.percent));
    expect(job.percent).toBe(100);
    for (let k = 1; k < percents.length; k++) expect(percents[k]).toBeGreaterThanOrEqual(percents[k - 1]);
    const review = await t.http
      .get(`/api/events/${eventId}/schedule/versions/${job.version.id}`)
      .set(...auth(org))
      .expect(200);
    return review.body as Review;
  }

  beforeAll(async () => {
    t = await startTestApp({ db });
    org = await t.organiserToken();
    const ev = await t.http
      .post('/api/events')
      .set(...auth(org))
      .send({
        name: 'Flow Test 2027',
        venue: 'Hall 7',
        timezone: 'Europe/Berlin',
        requestDeadline: '2027-05-01T22:00:00Z',
        days: [
          {
            date: '2027-05-11',
            startTime: '09:00',
            endTime: '12:00',
            meetingMinutes: 30,
            breaks: [{ start: '10:30', end: '11:00' }],
          },
          { date: '2027-05-12', startTime: '09:00', endTime: '11:00', meetingMinutes: 30 },
        ],
        tables: [
          { name: 'T1', seats: 4 },
          { name: 'T2', seats: 4 },
          { name: 'T3', seats: 2 },
        ],
      })
      .expect(201);
    eventId = ev.body.id;
    slots = (
      await t.http
        .get(`/api/events/${eventId}/slots`)
        .set(...auth(org))
        .expect(200)
    ).body as SlotRow[];
    expect(slots.length).toBe(9);
    for (let i = 0; i < 8; i++) {
      const c = await t.http
        .post('/api/clusters')
        .set(...auth(org))
        .send({
          name: `Cluster ${i} ${db}`,
          country: COUNTRIES[i],
          region: 'Region',
          sectors: [],
          technologies: [],
          scope: 'national',
          label: 'silver',
          members: {
            companies: 40,
            smes: 30,
            knowledgeInstitutions: 3,
            publicBodies: 1,
            industryAssociations: 1,
            financialActors: 0,
          },
          secretariatSize: 3,
          offers: 'testing',
          seeks: 'partners',
        })
        .expect(201);
      await t.http
        .post(`/api/events/${eventId}/participants`)
        .set(...auth(org))
        .send({ clusterId: c.body.id })
        .expect(201);
      const delegates: { id: string; token: string }[] = [];
      for (let k = 0; k < 2; k++) {
        const d = await t.http
          .post(`/api/clusters/${c.body.id}/delegates`)
          .set(...auth(org))
          .send({ name: `Person ${i}.${k}`, email: `p${i}-${k}-${db}@example.org`, role: 'Manager' })
          .expect(201);
        delegates.push({ id: d.body.id, token: await t.delegateToken(d.body.id) });
      }
      clusters.push({ id: c.body.id, name: c.body.name, country: COUNTRIES[i], delegates });
    }
    // Cluster 7's first delegate cannot meet at all: its meeting must come back unscheduled with a reason.
    await t.http
      .put(`/api/events/${eventId}/delegates/${clusters[7].delegates[0].id}/unavailability`)
      .set(...auth(clusters[7].delegates[0].token))
      .send({ slots: slots.map((s) => s.id) })
      .expect(200);
    const pairs: [number, number, number, number][] = [
      [0, 1, 5, 4],
      [0, 2, 3, 3],
      [0, 3, 2, 5],
      [1, 2, 4, 4],
      [1, 4, 1, 2],
      [2, 5, 5, 5],
      [3, 4, 3, 2],
      [3, 5, 4, 1],
      [4, 6, 2, 2],
      [5, 6, 3, 4],
      [6, 0, 4, 3],
      [6, 7, 5, 5],
    ];
    for (const [a, b, ri, rr] of pairs) await request(a, b, ri, rr);
    // A group meeting: cluster 1 with clusters 3 and 6 (three people; the 2-seat table T3 cannot hold it).
    const group = await t.http
      .post(`/api/events/${eventId}/requests`)
      .set(...auth(clusters[1].delegates[1].token))
      .send({
        receiverClusterIds: [clusters[3].id, clusters[6].id],
        interest: 5,
        delegateIds: [clusters[1].delegates[1].id],
      })
      .expect(201);
    for (const [k, interest] of [
      [3, 4],
      [6, 2],
    ] as const) {
      await t.http
        .post(`/api/requests/${group.body.id}/accept`)
        .set(...auth(clusters[k].delegates[1].token))
        .send({ interest, delegateIds: [clusters[k].delegates[1].id] })
        .expect((res) => expect([200, 201]).toContain(res.status));
    }
    groupId = group.body.id;
    interests.set(groupId, [5, 3]);
    // A pending request is not scheduled.
    await t.http
      .post(`/api/events/${eventId}/requests`)
      .set(...auth(clusters[1].delegates[0].token))
      .send({ receiverClusterIds: [clusters[5].id], interest: 3, delegateIds: [clusters[1].delegates[0].id] })
      .expect(201);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('solves in a job, stores a draft and shows it for review', async () => {
    const before = await t.http
      .get(`/api/events/${eventId}/agenda`)
      .set(...auth(clusters[0].delegates[0].token))
      .expect(200);
    expect(before.body.version).toBeNull();
    expect(before.body.meetings).toEqual([]);

    v1 = await solveAndWait('solve');
    expect(v1.number).toBe(1);
    expect(v1.state).toBe('draft');
    expect(['optimal', 'feasible', 'timedout']).toContain(v1.solverStatus);
    // Every accepted request appears once, held or unscheduled with a reason; the pending one does not.
    const held = v1.assignments.map((a) => a.requestId);
    const unheld = v1.unscheduled.map((u) => u.requestId);
    expect(new Set([...held, ...unheld])).toEqual(new Set(interests.keys()));
    expect(held.length + unheld.length).toBe(13);
    // The meeting with the delegate who is never available is unscheduled, with a reason.
    const blocked = v1.unscheduled.find((u) => u.clusters.some((c) => c.id === clusters[7].id));
    expect(blocked?.reason).toMatch(/\S/);
    // ... and its kind as a code, for the web app to say it in the reader's language (issue 16).
    expect(blocked).toMatchObject({ reasonCode: 'no_common_slot', reasonParams: {} });
    expect(held.length).toBe(12);
    // Weights come from both sides' interest; objective is their sum; bound and gap are reported.
    for (const a of v1.assignments) {
      const [ri, rr] = interests.get(a.requestId) ?? [0, 0];
      expect(a.weight).toBe(meetingWeight(ri, rr));
      expect(a.slot.code).toMatch(/^d\d+s\d+$/);
      expect(a.clusters).toHaveLength(a.requestId === groupId ? 3 : 2);
      expect(a.people).toHaveLength(a.requestId === groupId ? 3 : 2);
      expect(a.people.every((p) => p.name !== null)).toBe(true);
    }
    const g = v1.assignments.find((a) => a.requestId === groupId);
    expect(g?.weight).toBe(meetingWeight(5, 3));
    expect(g?.table.name).not.toBe('T3');
    expect(v1.objective).toBe(v1.assignments.reduce((s, a) => s + a.weight, 0));
    expect(v1.bound === null || v1.bound >= v1.objective).toBe(true);
    if (v1.bound !== null) expect(v1.gap).toBeCloseTo((v1.bound - v1.objective) / v1.bound, 9);
    // Nobody is double-booked and no table holds two meetings in one slot.
    const personSlot = new Set<string>();
    const tableSlot = new Set<string>();
    for (const a of v1.assignments) {
      for (const p of a.people) {
        expect(personSlot.has(`${p.id}|${a.slot.id}`)).toBe(false);
        personSlot.add(`${p.id}|${a.slot.id}`);
      }
      expect(tableSlot.has(`${a.table.id}|${a.slot.id}`)).toBe(false);
      tableSlot.add(`${a.table.id}|${a.slot.id}`);
    }
    expect(v1.stats.meetingsScheduled).toBe(12);
    expect(v1.stats.meetingsUnscheduled).toBe(1);
    expect(typeof v1.stats.idleGaps).toBe('number');
    const c0 = v1.meetingsPerCluster.find((c) => c.id === clusters[0].id);
    expect(c0).toMatchObject({ country: 'DE', meetings: 4, requested: 4 });
    expect(v1.meetingsPerCountry.reduce((s, c) => s + c.clusters, 0)).toBe(8);
    expect(v1.changes).toBeNull();

    const list = await t.http
      .get(`/api/events/${eventId}/schedule/versions`)
      .set(...auth(org))
      .expect(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ number: 1, state: 'draft', meetingsScheduled: 12, meetingsUnscheduled: 1 });
  });

  it('publishes the draft once; delegates then see their own agenda', async () => {
    const pub = await t.http
      .post(`/api/events/${eventId}/schedule/versions/${v1.id}/publish`)
      .set(...auth(org))
      .expect(200);
    expect(pub.body).toMatchObject({ number: 1, state: 'published' });
    const again = await t.http
      .post(`/api/events/${eventId}/schedule/versions/${v1.id}/publish`)
      .set(...auth(org))
      .expect(409);
    expect(again.body.message).toMatch(/already published/);

    const me = clusters[0].delegates[0];
    const agenda = await t.http
      .get(`/api/events/${eventId}/agenda`)
      .set(...auth(me.token))
      .expect(200);
    expect(agenda.body.version.number).toBe(1);
    const mine = v1.assignments.filter((a) => a.people.some((p) => p.id === me.id));
    expect(agenda.body.meetings.map((m: { requestId: string }) => m.requestId).sort()).toEqual(
      mine.map((a) => a.requestId).sort(),
    );
    for (const m of agenda.body.meetings as {
      requestId: string;
      start: string;
      table: string;
      with: { id: string }[];
      people: { name: string }[];
    }[]) {
      const a = mine.find((x) => x.requestId === m.requestId);
      expect(m.start).toBe(a?.slot.start);
      expect(m.table).toBe(a?.table.name);
      expect(m.with.map((c) => c.id)).not.toContain(clusters[0].id);
      expect(m.with).toHaveLength(1);
      expect(m.people.map((p) => p.name)).toContain('Person 0.0');
    }
    // The second delegate of cluster 0 was not chosen for any meeting.
    const other = await t.http
      .get(`/api/events/${eventId}/agenda`)
      .set(...auth(clusters[0].delegates[1].token))
      .expect(200);
    expect(other.body.meetings).toEqual([]);
  });

  it('exports the schedule and the table plan as CSV and XLSX', async () => {
    const csv = await t.http
      .get(`/api/events/${eventId}/schedule/versions/published/export?format=csv&kind=schedule`)
      .set(...auth(org))
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename=".*-v1-schedule\.csv"/);
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => r['Request']).sort()).toEqual(v1.assignments.map((a) => a.requestId).sort());
    const first = v1.assignments.find((a) => a.requestId === rows[0]['Request']);
    expect(rows[0]['Table']).toBe(first?.table.name);
    expect(rows[0]['Start']).toBe(first?.slot.start.slice(11, 16));
    expect(rows[0]['Clusters']).toContain(' x ');

    const plan = await t.http
      .get(`/api/events/${eventId}/schedule/versions/${v1.id}/export?format=csv&kind=tables`)
      .set(...auth(org))
      .expect(200);
    const grid = parse(plan.text) as string[][];
    expect(grid[0]).toEqual(['Date', 'Start', 'End', 'Slot', 'T1', 'T2', 'T3']);
    // One row per slot of the event, in time order, empty slots included.
    expect(grid.slice(1).map((r) => r[3])).toEqual(slots.map((s) => s.code));
    const filled = grid
      .slice(1)
      .flatMap((r) => r.slice(4))
      .filter((c) => c !== '');
    expect(filled).toHaveLength(12);

    const xlsx = await t.http
      .get(`/api/events/${eventId}/schedule/versions/${v1.id}/export?format=xlsx&kind=tables`)
      .set(...auth(org))
      .responseType('blob')
      .expect(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = await loadXlsx(xlsx.body);
    const ws = wb.getWorksheet('Table plan');
    expect(ws?.getRow(1).getCell(5).value).toBe('T1');
    let cells = 0;
    ws?.eachRow((row, n) => {
      if (n === 1) return;
      for (let c = 5; c <= 7; c++) if (row.getCell(c).value) cells++;
    });
    expect(cells).toBe(12);
    const sched = await t.http
      .get(`/api/events/${eventId}/schedule/versions/${v1.id}/export?format=xlsx`)
      .set(...auth(org))
      .responseType('blob')
      .expect(200);
    const wb2 = await loadXlsx(sched.body);
    expect(wb2.getWorksheet('Schedule')?.rowCount).toBe(13);
  });

  it('re-solves a late change keeping the published meetings, and publishes version 2 with the changes', async () => {
    const byId = new Map(v1.assignments.map((a) => [a.requestId, a]));
    // 1. A cancellation: cluster 2 withdraws its scheduled meeting with cluster 5.
    const cancelled = v1.assignments.find(
      (a) => a.clusters[0].id === clusters[2].id && a.clusters[1].id === clusters[5].id,
    );
    expect(cancelled).toBeDefined();
    if (!cancelled) return;
    await t.http
      .post(`/api/requests/${cancelled.requestId}/withdraw`)
      .set(...auth(clusters[2].delegates[0].token))
      .send({})
      .expect((r) => expect([200, 201]).toContain(r.status));
    // 2. A delegate becomes unavailable in the slot of one of their published meetings.
    const d4 = clusters[4].delegates[0];
    const hit = v1.assignments.find((a) => a.people.some((p) => p.id === d4.id));
    expect(hit).toBeDefined();
    if (!hit) return;
    await t.http
      .put(`/api/events/${eventId}/delegates/${d4.id}/unavailability`)
      .set(...auth(d4.token))
      .send({ slots: [hit.slot.id] })
      .expect(200);
    // 3. A new accepted request.
    const added = await request(2, 3, 4, 5);

    const v2 = await solveAndWait('resolve');
    expect(v2.number).toBe(2);
    expect(v2.state).toBe('draft');
    const held2 = new Map(v2.assignments.map((a) => [a.requestId, a]));
    // The published meetings not touched by a change did not move.
    for (const a of v1.assignments) {
      if (a.requestId === cancelled.requestId || a.requestId === hit.requestId) continue;
      const now = held2.get(a.requestId);
      expect(now?.slot.id).toBe(a.slot.id);
      expect(now?.table.id).toBe(a.table.id);
    }
    expect(held2.has(cancelled.requestId)).toBe(false);
    expect(held2.get(hit.requestId)?.slot.id).not.toBe(hit.slot.id);
    expect(held2.has(added)).toBe(true);

    const changes = v2.changes;
    expect(changes).not.toBeNull();
    if (!changes) return;
    expect(changes.basedOnVersion).toBe(1);
    expect(changes.removed.map((r) => r.requestId)).toEqual([cancelled.requestId]);
    expect(changes.removed[0].reason).toMatch(/withdrawn/);
    expect(changes.removed[0].reasonCode).toBe('no_longer_accepted');
    expect(changes.added.map((r) => r.requestId)).toEqual([added]);
    expect(changes.moved.map((r) => r.requestId)).toEqual([hit.requestId]);
    expect(changes.moved[0].from.slotId).toBe(hit.slot.id);
    expect(changes.unchanged).toBe(byId.size - 2);

    // Version 1 is still what delegates see until version 2 is published.
    const before = await t.http
      .get(`/api/events/${eventId}/agenda`)
      .set(...auth(d4.token))
      .expect(200);
    expect(before.body.version.number).toBe(1);

    await t.http
      .post(`/api/events/${eventId}/schedule/versions/${v2.id}/publish`)
      .set(...auth(org))
      .expect(200);
    await t.http
      .post(`/api/events/${eventId}/schedule/versions/${v1.id}/publish`)
      .set(...auth(org))
      .expect(409);
    const list = await t.http
      .get(`/api/events/${eventId}/schedule/versions`)
      .set(...auth(org))
      .expect(200);
    expect(list.body.map((v: { number: number; state: string }) => [v.number, v.state])).toEqual([
      [1, 'superseded'],
      [2, 'published'],
    ]);
    expect(list.body[1].basedOnVersion).toBe(1);

    const after = await t.http
      .get(`/api/events/${eventId}/agenda`)
      .set(...auth(d4.token))
      .expect(200);
    expect(after.body.version.number).toBe(2);
    const moved = (after.body.meetings as { requestId: string; start: string }[]).find(
      (m) => m.requestId === hit.requestId,
    );
    expect(moved?.start).toBe(held2.get(hit.requestId)?.slot.start);
    const c2 = await t.http
      .get(`/api/events/${eventId}/agenda`)
      .set(...auth(clusters[2].delegates[0].token))
      .expect(200);
    const ids = (c2.body.meetings as { requestId: string }[]).map((m) => m.requestId);
    expect(ids).not.toContain(cancelled.requestId);
    expect(ids).toContain(added);
  });
});
