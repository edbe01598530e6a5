/**
 * Issue 9, item 5: hand edits of a draft through the API, on both databases. A valid move, a swap, unschedule and
 * place, each refused rule (double-booked person, unavailable slot, seats, table taken) answered with the rule and the
 * conflicting meeting named and nothing changed, the figures of an edited draft, "solve around pins" keeping every
 * pinned meeting at its slot and table, and a published version refusing edits.
 */
import {
  acceptedRequest,
  setUpEvent,
  waitForJob,
  solveToDraft,
  type Basics,
  type TestApp,
  startTestApp,
} from '../test-utils';

jest.setTimeout(180_000);

interface Assignment {
  requestId: string;
  slot: { id: string; code: string | null; start: string };
  table: { id: string; name: string };
  people: { id: string }[];
  weight: number;
  pinned: boolean;
}
interface Review {
  id: string;
  number: number;
  state: string;
  objective: number;
  bound: number | null;
  gap: number | null;
  solverStatus: string;
  stats: Record<string, number>;
  assignments: Assignment[];
  unscheduled: { requestId: string; reason: string }[];
  meetingsScheduled: number;
  meetingsUnscheduled: number;
}
interface Refusal {
  statusCode: number;
  message: string;
  rule: string;
  meeting: { requestId: string };
  conflictingMeeting: { requestId: string; clusters: { name: string }[] } | null;
  person: string | null;
}

const SLOTS = ['d1s01', 'd1s02', 'd1s03', 'd1s04', 'd1s05'];
const TABLES = ['T1', 'T2', 'T3'];

describe.each(['sqlite', 'postgres'] as const)('hand edits of a draft on %s', (db) => {
  let t: TestApp;
  let b: Basics;
  let org: string;
  let draftId: string;
  let r01: string;
  let r23: string;
  let r02: string;
  let r13: string;
  let group: string;

  const auth = (): [string, string] => ['Authorization', `Bearer ${org}`];
  const review = async (versionId = draftId): Promise<Review> =>
    (
      await t.http
        .get(`/api/events/${b.eventId}/schedule/versions/${versionId}`)
        .set(...auth())
        .expect(200)
    ).body as Review;
  const edit = (meetingId: string, body: Record<string, unknown>, versionId = draftId) =>
    t.http
      .patch(`/api/events/${b.eventId}/schedule/versions/${versionId}/meetings/${meetingId}`)
      .set(...auth())
      .send(body);
  const at = (r: Review, id: string): Assignment | undefined => r.assignments.find((a) => a.requestId === id);
  const place = (a: Assignment | undefined): string => `${a?.slot.code}/${a?.table.name}`;
  /** The schedule as `requestId@slot/table` rows, to show nothing changed. */
  const snapshot = (r: Review): string[] =>
    r.assignments.map((a) => `${a.requestId}@${place(a)}${a.pinned ? '*' : ''}`).sort();
  const peopleOf = (r: Review, id: string): Set<string> => new Set(at(r, id)?.people.map((p) => p.id));
  /** Slot codes where none of the meeting's people has another meeting, and free tables there. */
  const freeCells = (r: Review, id: string): { slot: string; table: string }[] => {
    const mine = peopleOf(r, id);
    const out: { slot: string; table: string }[] = [];
    for (const slot of SLOTS) {
      const here = r.assignments.filter((a) => a.slot.code === slot && a.requestId !== id);
      if (here.some((a) => a.people.some((p) => mine.has(p.id)))) continue;
      for (const table of TABLES) if (!here.some((a) => a.table.name === table)) out.push({ slot, table });
    }
    return out;
  };

  beforeAll(async () => {
    t = await startTestApp({ db });
    org = await t.organiserToken();
    b = await setUpEvent(t, 4, 3);
    r01 = await acceptedRequest(t, b, 0, 1);
    r23 = await acceptedRequest(t, b, 2, 3);
    r02 = await acceptedRequest(t, b, 0, 2);
    r13 = await acceptedRequest(t, b, 1, 3);
    // A group meeting of five people: only T3 (6 seats) holds it.
    const d = (c: number, i: number): string => b.delegateIds[c]?.[i] ?? '';
    const token = async (c: number): Promise<string> => t.delegateToken(d(c, 0));
    const g = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set('Authorization', `Bearer ${await token(0)}`)
      .send({ receiverClusterIds: [b.clusterIds[1], b.clusterIds[2]], interest: 5, delegateIds: [d(0, 1), d(0, 2)] })
      .expect(201);
    group = g.body.id;
    for (const [c, ids] of [
      [1, [d(1, 1), d(1, 2)]],
      [2, [d(2, 1)]],
    ] as const) {
      await t.http
        .post(`/api/requests/${group}/accept`)
        .set('Authorization', `Bearer ${await token(c)}`)
        .send({ interest: 4, delegateIds: ids })
        .expect(200);
    }
    draftId = await solveToDraft(t, b.eventId);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('solves a draft that holds every meeting, the group of five at the six-seat table', async () => {
    const r = await review();
    expect(r.state).toBe('draft');
    expect(r.assignments.map((a) => a.requestId).sort()).toEqual([r01, r23, r02, r13, group].sort());
    expect(at(r, group)?.table.name).toBe('T3');
    expect(at(r, group)?.people).toHaveLength(5);
    expect(r.assignments.every((a) => a.pinned === false)).toBe(true);
  });

  it('moves a meeting to a free slot and table, and shows the figures again', async () => {
    const before = await review();
    const target = freeCells(before, r01).find(
      (c) => `${c.slot}/${c.table}` !== place(at(before, r01)) && c.table !== 'T3',
    );
    expect(target).toBeDefined();
    const res = await edit(r01, { slot: target?.slot, table: target?.table }).expect(200);
    expect(res.body.meeting).toMatchObject({
      requestId: r01,
      scheduled: true,
      slot: { code: target?.slot },
      table: { name: target?.table },
      pinned: false,
    });
    expect(res.body.version.objective).toBe(before.objective);
    const after = await review();
    expect(place(at(after, r01))).toBe(`${target?.slot}/${target?.table}`);
    expect(after.stats['handEdits']).toBe(1);
    expect(typeof after.stats['idleGaps']).toBe('number');
    expect(after.stats['idleGaps']).toBe(res.body.version.idleGaps);
    expect(after.gap).toBe(res.body.version.gap);
    expect(after.objective).toBe(before.objective);
  });

  it('refuses a double-booked person, naming the rule, the person and the other meeting; nothing changes', async () => {
    const before = await review();
    // r02 shares cluster 0's first delegate with r01 (r13 shares cluster 1's): put r01 in r02's slot.
    const slot = at(before, r02)?.slot.code;
    const res = await edit(r01, { slot, table: 'T1' }).expect(409);
    const clashing = [r02, r13].filter((id) => at(before, id)?.slot.code === slot);
    const body = res.body as Refusal;
    expect(body.rule).toBe('double-booked');
    expect(body.meeting.requestId).toBe(r01);
    expect(clashing).toContain(body.conflictingMeeting?.requestId);
    expect(body.person).toBeTruthy();
    expect(body.message).toContain(body.person);
    expect(snapshot(await review())).toEqual(snapshot(before));
  });

  it('refuses a table taken in that slot, naming the meeting there', async () => {
    const before = await review();
    // r23 shares nobody with r01, and nobody who meets in r23's slot shares with r01 (r02 and r13 share with r23).
    const there = at(before, r23);
    const res = await edit(r01, { slot: there?.slot.code, table: there?.table.name }).expect(409);
    expect(res.body).toMatchObject({ rule: 'table-taken', conflictingMeeting: { requestId: r23 } });
    expect(res.body.message).toContain(`Table ${there?.table.name}`);
    expect(snapshot(await review())).toEqual(snapshot(before));
  });

  it('refuses a table with fewer seats than the meeting has people', async () => {
    const before = await review();
    const cell = freeCells(before, group).find((c) => c.table !== 'T3');
    expect(cell).toBeDefined();
    const res = await edit(group, { slot: cell?.slot, table: cell?.table }).expect(422);
    expect(res.body).toMatchObject({ rule: 'seats', table: { name: cell?.table, seats: 4 }, conflictingMeeting: null });
    expect(snapshot(await review())).toEqual(snapshot(before));
  });

  it('swaps two meetings in one step', async () => {
    const before = await review();
    const a = at(before, r01);
    const c = at(before, r23);
    const res = await t.http
      .post(`/api/events/${b.eventId}/schedule/versions/${draftId}/meetings/${r01}/swap`)
      .set(...auth())
      .send({ with: r23 })
      .expect(200);
    expect(res.body.meetings).toHaveLength(2);
    const after = await review();
    expect(place(at(after, r01))).toBe(place(c));
    expect(place(at(after, r23))).toBe(place(a));
  });

  it('unschedules a meeting and places it again', async () => {
    const before = await review();
    const was = at(before, r13);
    const out = await edit(r13, { slot: null }).expect(200);
    expect(out.body.meeting).toMatchObject({ scheduled: false, slot: null, table: null, pinned: false });
    const mid = await review();
    expect(at(mid, r13)).toBeUndefined();
    expect(mid.unscheduled.map((u) => u.requestId)).toContain(r13);
    expect(mid.meetingsUnscheduled).toBe(before.meetingsUnscheduled + 1);
    expect(mid.objective).toBeCloseTo(before.objective - (was?.weight ?? 0));
    // Place it back with its slot only: the first free table that fits is taken.
    const back = await edit(r13, { slot: was?.slot.code }).expect(200);
    expect(back.body.meeting.scheduled).toBe(true);
    const after = await review();
    expect(at(after, r13)?.slot.code).toBe(was?.slot.code);
    expect(after.unscheduled.map((u) => u.requestId)).not.toContain(r13);
    expect(after.objective).toBeCloseTo(before.objective);
  });

  it('refuses a slot where a person is unavailable', async () => {
    const before = await review();
    const cur = at(before, r01)?.slot.code;
    const cell = freeCells(before, r01).find((c) => c.slot !== cur);
    expect(cell).toBeDefined();
    await t.http
      .put(`/api/events/${b.eventId}/delegates/${b.delegateIds[0]?.[0]}/unavailability`)
      .set(...auth())
      .send({ slots: [cell?.slot] })
      .expect(200);
    const res = await edit(r01, { slot: cell?.slot, table: cell?.table }).expect(422);
    expect(res.body).toMatchObject({ rule: 'unavailable', slot: { code: cell?.slot, day: 1 } });
    expect(res.body.message).toMatch(/is not available in Day 1, \d\d:\d\d/);
    expect(snapshot(await review())).toEqual(snapshot(before));
    await t.http
      .put(`/api/events/${b.eventId}/delegates/${b.delegateIds[0]?.[0]}/unavailability`)
      .set(...auth())
      .send({ slots: [] })
      .expect(200);
  });

  it('refuses bad input naming the field: unknown slot or table, nothing to change, null table', async () => {
    const before = await review();
    const slot = await edit(r01, { slot: 'd9s99' }).expect(422);
    expect(slot.body.fields).toEqual([expect.objectContaining({ path: 'slot' })]);
    const table = await edit(r01, { table: 'Nowhere' }).expect(422);
    expect(table.body.fields).toEqual([expect.objectContaining({ path: 'table' })]);
    await edit(r01, {}).expect(400);
    const nul = await edit(r01, { table: null }).expect(400);
    expect(nul.body.fields[0].path).toBe('table');
    await edit(r01, { pinned: 'yes' }).expect(400);
    await edit(r01, { slot: null, pinned: true }).expect(422);
    await edit('no-such-meeting', { pinned: true }).expect(404);
    expect(snapshot(await review())).toEqual(snapshot(before));
  });

  it('solves again around the pins: every pinned meeting stays at its slot and table', async () => {
    const before = await review();
    // Pin the moved r01 and the group where they are now.
    for (const id of [r01, group]) {
      const res = await edit(id, { pinned: true }).expect(200);
      expect(res.body.meeting.pinned).toBe(true);
    }
    const pinned = await review();
    expect(
      pinned.assignments
        .filter((a) => a.pinned)
        .map((a) => a.requestId)
        .sort(),
    ).toEqual([r01, group].sort());
    expect(snapshot(pinned).map((x) => x.replace('*', ''))).toEqual(snapshot(before).map((x) => x.replace('*', '')));
    const started = await t.http
      .post(`/api/events/${b.eventId}/schedule/versions/${draftId}/solve-around-pins`)
      .set(...auth())
      .send({ timeLimitSeconds: 1, seed: 5 })
      .expect(202);
    expect(started.body.pinned).toBe(2);
    const job = await waitForJob(t, started.body.statusUrl, org);
    expect(job.version.id).not.toBe(draftId);
    const next = await review(job.version.id);
    for (const id of [r01, group]) {
      expect(place(at(next, id))).toBe(place(at(pinned, id)));
      expect(at(next, id)?.pinned).toBe(true);
    }
    expect(next.assignments.filter((a) => a.pinned)).toHaveLength(2);
    draftId = job.version.id;
  });

  it('says how many attendees publishing would mail, changing nothing, then mails that many', async () => {
    const draft = await review();
    const people = new Set(draft.assignments.flatMap((a) => a.people.map((p) => p.id)));
    const preview = await t.http
      .get(`/api/events/${b.eventId}/schedule/versions/${draftId}/publish-preview`)
      .set(...auth())
      .expect(200);
    expect(preview.body).toEqual({ attendees: people.size, firstPublish: true });
    // Nothing was published or queued by the preview.
    expect((await review()).state).toBe('draft');
    await t.http
      .get(`/api/events/${b.eventId}/schedule/versions/published`)
      .set(...auth())
      .expect(404);
    const again = await t.http
      .get(`/api/events/${b.eventId}/schedule/versions/${draftId}/publish-preview`)
      .set(...auth())
      .expect(200);
    expect(again.body.attendees).toBe(people.size);
    const published = await t.http
      .post(`/api/events/${b.eventId}/schedule/versions/${draftId}/publish`)
      .set(...auth())
      .expect(200);
    expect(published.body.attendeesMailed).toBe(people.size);
    await t.http
      .get(`/api/events/${b.eventId}/schedule/versions/${draftId}/publish-preview`)
      .set(...auth())
      .expect(409);
  });

  it('refuses edits of a published version, and leaves it as published', async () => {
    const before = await review();
    expect(before.state).toBe('published');
    const res = await edit(r02, { pinned: true }).expect(409);
    expect(res.body.message).toMatch(/published and cannot be edited/);
    await edit(r02, { slot: null }, 'published').expect(409);
    expect(snapshot(await review())).toEqual(snapshot(before));
  });
});
