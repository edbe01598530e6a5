import type { Problem, Schedule } from './contract';
import { parseProblem, parseSchedule } from './parse';
import { countIdleGaps, partiesWithoutMeeting, slotDays, validateSchedule } from './validate';
import { meetingWeight } from './weight';

const base = (): Problem => ({
  version: 1,
  event: { name: 'Test', timezone: 'Europe/Copenhagen' },
  slots: [
    { id: 's1', start: '2027-05-11T09:00:00+02:00', end: '2027-05-11T09:30:00+02:00' },
    { id: 's2', start: '2027-05-11T09:30:00+02:00', end: '2027-05-11T10:00:00+02:00' },
    { id: 's3', start: '2027-05-11T10:00:00+02:00', end: '2027-05-11T10:30:00+02:00' },
    { id: 's4', start: '2027-05-12T09:00:00+02:00', end: '2027-05-12T09:30:00+02:00' },
  ],
  tables: [
    { id: 'T1', seats: 2 },
    { id: 'T2', seats: 4 },
  ],
  people: [
    { id: 'a1', party: 'A' },
    { id: 'b1', party: 'B' },
    { id: 'c1', party: 'C', unavailable: ['s1'] },
    { id: 'd1', party: 'D', maxMeetings: 1 },
  ],
  meetings: [
    { id: 'm1', people: ['a1', 'b1'], weight: 5 },
    { id: 'm2', people: ['a1', 'c1'], weight: 3, allowedSlots: ['s2', 's3'] },
    { id: 'm3', people: ['b1', 'c1', 'd1'], weight: 4 },
    { id: 'm4', people: ['a1', 'd1'], weight: 2 },
  ],
});

const sched = (
  assignments: Schedule['assignments'],
  unscheduled: Schedule['unscheduled'],
  problem = base(),
): Schedule => {
  const w = new Map(problem.meetings.map((m) => [m.id, m.weight]));
  return {
    version: 1,
    status: 'feasible',
    objective: assignments.reduce((s, a) => s + (w.get(a.meeting) ?? 0), 0),
    bound: null,
    assignments,
    unscheduled,
    stats: {
      seconds: 0,
      idleGaps: countIdleGaps(problem, assignments),
      partiesWithoutMeeting: partiesWithoutMeeting(problem, assignments).length,
    },
  };
};

const errorsOf = (input: unknown) => {
  const r = parseProblem(input);
  return r.ok ? [] : r.errors;
};

describe('parseProblem', () => {
  it('accepts the base problem', () => {
    expect(parseProblem(base())).toEqual({ ok: true, value: base() });
  });

  it('names missing fields by path', () => {
    const p = base() as unknown as { meetings: Record<string, unknown>[] };
    delete p.meetings[1].weight;
    expect(errorsOf(p)).toEqual([{ path: 'meetings[1].weight', message: 'is required' }]);
  });

  it('rejects unknown ids', () => {
    const p = base();
    const bad = { ...p, meetings: [...p.meetings, { id: 'm5', people: ['a1', 'zz'], weight: 1 }] };
    expect(errorsOf(bad)).toEqual([{ path: 'meetings[4].people[1]', message: 'unknown person "zz"' }]);
  });

  it('rejects duplicate ids', () => {
    const p = base();
    const bad = { ...p, tables: [...p.tables, { id: 'T1', seats: 3 }] };
    expect(errorsOf(bad)).toEqual([
      { path: 'tables[2].id', message: 'duplicate table id "T1" (first at tables[0].id)' },
    ]);
  });

  it('rejects overlapping slots', () => {
    const p = base();
    const bad = {
      ...p,
      slots: [...p.slots, { id: 's9', start: '2027-05-11T09:15:00+02:00', end: '2027-05-11T09:45:00+02:00' }],
    };
    expect(errorsOf(bad).map((e) => e.message)).toEqual([
      'slot "s9" overlaps slot "s1"',
      'slot "s2" overlaps slot "s9"',
    ]);
  });

  it('rejects weight <= 0 and non-numbers', () => {
    const p = base();
    const bad = {
      ...p,
      meetings: [
        { ...p.meetings[0], weight: 0 },
        { ...p.meetings[1], weight: '3' },
      ],
    };
    expect(errorsOf(bad)).toEqual([
      { path: 'meetings[0].weight', message: 'must be > 0 (got 0)' },
      { path: 'meetings[1].weight', message: 'must be a number' },
    ]);
  });

  it('rejects weights whose sum is not a finite number (objective and bound would be Infinity)', () => {
    const p = base();
    const huge = { ...p, meetings: p.meetings.map((m) => ({ ...m, weight: 1e308 })) };
    expect(errorsOf(huge)).toEqual([
      { path: 'meetings', message: `the weights add up to more than ${Number.MAX_VALUE}; use smaller weights` },
    ]);
    expect(errorsOf({ ...p, meetings: p.meetings.map((m) => ({ ...m, weight: 1e300 })) })).toEqual([]);
  });

  it('rejects dates that do not exist (Date.parse would roll 2027-02-30 over to 2 March)', () => {
    const p = base();
    const at = (start: string, end: string) => ({ ...p, slots: [{ id: 's1', start, end }, ...p.slots.slice(1)] });
    expect(errorsOf(at('2027-02-30T09:00:00+02:00', '2027-02-30T09:30:00+02:00'))).toEqual([
      { path: 'slots[0].start', message: 'is not a real date and time (got "2027-02-30T09:00:00+02:00")' },
      { path: 'slots[0].end', message: 'is not a real date and time (got "2027-02-30T09:30:00+02:00")' },
    ]);
    expect(errorsOf(at('2027-04-31T09:00:00+02:00', '2027-05-11T08:00:00+02:00'))).toEqual([
      { path: 'slots[0].start', message: 'is not a real date and time (got "2027-04-31T09:00:00+02:00")' },
    ]);
    expect(errorsOf(at('2027-05-10T24:00:00+02:00', '2027-05-11T08:00:00+02:00'))[0]?.path).toBe('slots[0].start');
    expect(errorsOf(at('2027-05-10T09:00:00+02:00', '2027-05-10T09:30:00+02:00'))).toEqual([]);
    expect(errorsOf(at('2028-02-29T09:00:00+01:00', '2028-02-29T09:30:00+01:00'))).toEqual([]);
  });

  it('rejects a slot without an offset and an unknown time zone', () => {
    const p = base();
    const bad = {
      ...p,
      event: { timezone: 'Mars/Olympus' },
      slots: [{ id: 's1', start: '2027-05-11T09:00:00', end: '2027-05-11T09:30:00+02:00' }],
    };
    // s2 and s3 are gone too, so meeting m2's allowedSlots now name unknown slots.
    expect(errorsOf(bad).map((e) => e.path)).toEqual([
      'event.timezone',
      'slots[0].start',
      'meetings[1].allowedSlots[0]',
      'meetings[1].allowedSlots[1]',
    ]);
  });

  it('rejects pins that clash: same person, same slot', () => {
    const p = base();
    const bad = {
      ...p,
      meetings: [
        { ...p.meetings[0], pin: { slot: 's1' } },
        { ...p.meetings[3], pin: { slot: 's1' } },
      ],
    };
    expect(errorsOf(bad)).toEqual([
      {
        path: 'meetings[1].pin.slot',
        message: 'meeting m4 and meeting m1 are both pinned to slot s1 and both need a1',
      },
    ]);
  });

  it('rejects a pin where a person is unavailable, outside allowedSlots, or at too small a table', () => {
    const p = base();
    const bad = {
      ...p,
      meetings: [
        { ...p.meetings[1], pin: { slot: 's1' } },
        { ...p.meetings[2], pin: { slot: 's2', table: 'T1' } },
      ],
    };
    expect(errorsOf(bad).map((e) => e.message)).toEqual([
      'meeting m2 is pinned to slot s1, which is not among its allowedSlots',
      'meeting m2 is pinned to slot s1, where c1 is unavailable',
      'meeting m3 has 3 people but its pinned table T1 has 2 seats',
    ]);
  });

  it('rejects more pins than maxMeetings allows', () => {
    const p = base();
    const bad = {
      ...p,
      meetings: [
        { ...p.meetings[2], pin: { slot: 's2' } },
        { ...p.meetings[3], pin: { slot: 's3' } },
      ],
    };
    expect(errorsOf(bad)).toEqual([
      { path: 'people[3].maxMeetings', message: 'd1 has 2 pinned meetings but maxMeetings is 1' },
    ]);
  });

  it('rejects fields outside the contract and a wrong version', () => {
    expect(errorsOf({ ...base(), version: 2, extra: true }).map((e) => e.path)).toEqual(['extra', 'version']);
  });
});

describe('contract 1.1', () => {
  it('accepts version 1.1 and allowedTables, and names an unknown table', () => {
    const p = { ...base(), version: 1.1, meetings: [{ ...base().meetings[0], allowedTables: ['T2'] }] };
    expect(errorsOf(p)).toEqual([]);
    const bad = { ...p, meetings: [{ ...p.meetings[0], allowedTables: ['T9'] }] };
    expect(errorsOf(bad)).toEqual([{ path: 'meetings[0].allowedTables[0]', message: 'unknown table "T9"' }]);
    expect(errorsOf({ ...base(), version: 1.2 })).toEqual([{ path: 'version', message: 'must be 1 or 1.1 (got 1.2)' }]);
  });
  it('rejects a pin at a table outside allowedTables, and pins that no allowed table can seat', () => {
    const pinned = { ...base().meetings[0], allowedTables: ['T2'], pin: { slot: 's1', table: 'T1' } };
    expect(errorsOf({ ...base(), meetings: [pinned] })).toEqual([
      {
        path: 'meetings[0].pin.table',
        message: 'meeting m1 is pinned to table T1, which is not among its allowedTables',
      },
    ]);
    // Pins without a table, allowed only at T1: one per slot fits, a second in the same slot does not.
    const a = { ...base().meetings[0], allowedTables: ['T1'], pin: { slot: 's1' } };
    const b = { id: 'm9', people: ['c1', 'd1'], weight: 1, allowedTables: ['T1'], pin: { slot: 's2' } };
    const c = { id: 'm8', people: ['a1', 'b1'], weight: 1, allowedTables: ['T1'], pin: { slot: 's2' } };
    expect(errorsOf({ ...base(), meetings: [a, b] })).toEqual([]);
    expect(errorsOf({ ...base(), meetings: [b, c] }).map((e) => e.message)).toEqual([
      'no free table among its allowedTables with 2 seats left in slot s2 for pinned meeting m8',
    ]);
  });
  it('validator: rule 4 for tables, and an idle-gap bound above the idle gaps', () => {
    const p = {
      ...base(),
      meetings: base().meetings.map((m) => (m.id === 'm1' ? { ...m, allowedTables: ['T2'] } : m)),
    };
    const s = sched(
      [{ meeting: 'm1', slot: 's1', table: 'T1' }],
      base()
        .meetings.slice(1)
        .map((m) => ({ meeting: m.id, reason: 'x' })),
      p,
    );
    expect(validateSchedule(p, s).map((v) => [v.rule, v.message])).toEqual([
      [4, 'meeting m1 is at table T1, not one of its allowedTables'],
    ]);
    const ok = sched(
      [{ meeting: 'm1', slot: 's1', table: 'T2' }],
      base()
        .meetings.slice(1)
        .map((m) => ({ meeting: m.id, reason: 'x' })),
      p,
    );
    expect(validateSchedule(p, ok)).toEqual([]);
    const claimed = { ...ok, stats: { ...ok.stats, idleGapsBound: 1 } };
    expect(validateSchedule(p, claimed).map((v) => v.message)).toEqual([
      "stats.idleGapsBound 1 exceeds the schedule's 0 idle gaps",
    ]);
  });
});

describe('validateSchedule', () => {
  const ok = sched(
    [
      { meeting: 'm1', slot: 's1', table: 'T1' },
      { meeting: 'm2', slot: 's2', table: 'T1' },
      { meeting: 'm3', slot: 's3', table: 'T2' },
    ],
    [{ meeting: 'm4', reason: 'd1 has reached maxMeetings' }],
  );

  it('accepts a valid schedule', () => {
    expect(validateSchedule(base(), ok)).toEqual([]);
    expect(parseSchedule(ok).ok).toBe(true);
  });

  it('rule 1: a meeting held twice', () => {
    const s = sched([...ok.assignments, { meeting: 'm1', slot: 's4', table: 'T1' }], ok.unscheduled);
    expect(validateSchedule(base(), s).map((v) => v.rule)).toContain(1);
  });

  it('rule 2: a person double-booked, and a person unavailable', () => {
    const s = sched(
      [
        { meeting: 'm1', slot: 's2', table: 'T1' },
        { meeting: 'm2', slot: 's2', table: 'T2' },
        { meeting: 'm3', slot: 's1', table: 'T2' },
      ],
      ok.unscheduled,
    );
    const v = validateSchedule(base(), s);
    expect(v.filter((x) => x.rule === 2).map((x) => x.message)).toEqual([
      'a1 is in meetings m1 and m2 in slot s2',
      'c1 is unavailable in slot s1 but attends meeting m3',
    ]);
  });

  it('rule 3: a table used twice in a slot, and too few seats', () => {
    const s = sched(
      [
        { meeting: 'm1', slot: 's1', table: 'T1' },
        { meeting: 'm2', slot: 's2', table: 'T1' },
        { meeting: 'm3', slot: 's2', table: 'T1' },
      ],
      ok.unscheduled,
    );
    const msgs = validateSchedule(base(), s)
      .filter((x) => x.rule === 3)
      .map((x) => x.message);
    expect(msgs).toEqual([
      'table T1 holds meetings m2 and m3 in slot s2',
      'meeting m3 has 3 people but table T1 has 2 seats',
    ]);
  });

  it('rule 4: outside allowedSlots', () => {
    const s = sched(
      [{ meeting: 'm2', slot: 's4', table: 'T1' }],
      [
        { meeting: 'm1', reason: 'x' },
        { meeting: 'm3', reason: 'x' },
        { meeting: 'm4', reason: 'x' },
      ],
    );
    expect(validateSchedule(base(), s).map((v) => v.rule)).toEqual([4]);
  });

  it('rule 5: a pinned meeting moved', () => {
    const p = base();
    const pinned: Problem = {
      ...p,
      meetings: p.meetings.map((m) => (m.id === 'm1' ? { ...m, pin: { slot: 's4', table: 'T2' } } : m)),
    };
    expect(validateSchedule(pinned, sched(ok.assignments, ok.unscheduled, pinned)).map((v) => v.rule)).toEqual([5]);
  });

  it('rule 6: maxMeetings exceeded', () => {
    const s = sched([...ok.assignments, { meeting: 'm4', slot: 's4', table: 'T1' }], []);
    expect(validateSchedule(base(), s).map((v) => v.message)).toEqual(['d1 attends 2 meetings but maxMeetings is 1']);
  });

  it('coverage: every meeting exactly once', () => {
    const s = sched(ok.assignments, []);
    expect(validateSchedule(base(), s).map((v) => v.message)).toEqual([
      'meeting m4 is neither assigned nor unscheduled',
    ]);
  });

  it('objective, bound and stats must be true', () => {
    const s: Schedule = { ...ok, objective: 99, bound: 50, status: 'optimal', stats: { ...ok.stats, idleGaps: 7 } };
    expect(validateSchedule(base(), s).map((v) => v.rule)).toEqual(['objective', 'objective', 'stats']);
  });
});

describe('idle gaps and days', () => {
  it('counts a run of free slots once and never across days', () => {
    const p = base();
    const three: Problem = { ...p, people: p.people.map((x) => ({ ...x, unavailable: [], maxMeetings: undefined })) };
    // a1: s1 and s3 (one gap), s4 is the next day (no gap).
    const a = [
      { meeting: 'm1', slot: 's1', table: 'T1' },
      { meeting: 'm2', slot: 's3', table: 'T1' },
      { meeting: 'm4', slot: 's4', table: 'T1' },
    ];
    expect(countIdleGaps(three, a)).toBe(1);
  });

  it('puts a slot on the day of its start in the event time zone', () => {
    const p: Problem = {
      ...base(),
      event: { timezone: 'America/New_York' },
      slots: [{ id: 'x', start: '2027-05-12T01:00:00+02:00', end: '2027-05-12T01:30:00+02:00' }],
    };
    expect(slotDays(p).get('x')).toBe('2027-05-11');
  });

  it('lists parties without a meeting', () => {
    expect(partiesWithoutMeeting(base(), [{ meeting: 'm1', slot: 's1', table: 'T1' }])).toEqual(['C', 'D']);
  });
});

describe('meetingWeight', () => {
  it('puts mutual interest first', () => {
    expect(meetingWeight(3, 3)).toBeGreaterThan(meetingWeight(5, 1));
    expect(meetingWeight(4, 4)).toBeGreaterThan(meetingWeight(5, 3));
    expect([meetingWeight(1, 1), meetingWeight(5, 5)]).toEqual([3, 35]);
  });
  it('rejects interests outside 1-5, naming the argument', () => {
    expect(() => meetingWeight(0, 3)).toThrow('requesterInterest must be between 1 and 5 (got 0)');
    expect(() => meetingWeight(3, 6)).toThrow('receiverInterest must be between 1 and 5 (got 6)');
  });
});
