import {
  countIdleGaps,
  partiesWithoutMeeting,
  validateSchedule,
  type Meeting,
  type Problem,
  type Schedule,
} from '@clustermatch/domain';
import { aggregateBound, slotBound } from './bound';
import { generateProblem } from './generate';
import { dualBound, LinearModelBuilder, solveLinear } from './lp';
import { buildModel } from './model';
import { Rng } from './rng';
import { Search } from './search';
import { State } from './state';
import { solve, SolveContext } from './solve';
import { TUNING } from './tuning';
import { defaultOptions, type SolveProgress } from './types';
import { problem } from '../test-support/problems';

const m = (id: string, people: string[], weight: number, extra: Partial<Meeting> = {}): Meeting => ({
  id,
  people,
  weight,
  ...extra,
});
const at = (s: Schedule) => new Map(s.assignments.map((a) => [a.meeting, a]));
const valid = (pr: Problem, s: Schedule): Schedule => {
  expect(validateSchedule(pr, s)).toEqual([]);
  return s;
};

/** A small realistic event (seeded generator). */
const event = (seed: number, extra: Partial<Parameters<typeof generateProblem>[0]> = {}): Problem =>
  generateProblem({ clusters: 40, meetings: 140, slots: 10, tables: 12, seed, ...extra });

describe('on generated events', () => {
  it('proves a realistic 550-meeting event optimal and explains every unscheduled meeting', async () => {
    const pr = generateProblem({ clusters: 150, meetings: 550, slots: 16, tables: 45, seed: 7 });
    const s = valid(pr, await solve(pr, { seed: 1 }));
    expect(s.status).toBe('optimal');
    expect(s.objective).toBe(s.bound);
    expect(s.stats.partiesWithoutMeeting).toBe(0);
    for (const u of s.unscheduled) expect(u.reason).toMatch(/c\d{4}-p\d|table|slot/);
  });

  it('has at most half the idle gaps of a greedy first-slot schedule', async () => {
    const pr = event(3);
    const s = valid(pr, await solve(pr, { seed: 1 }));
    // Greedy baseline: heaviest first, each into the earliest slot where everyone is free.
    const busy = new Set<string>();
    const perSlot = new Map<string, number>();
    const greedy: { meeting: string; slot: string; table: string }[] = [];
    const unavailable = new Map(pr.people.map((p) => [p.id, new Set(p.unavailable ?? [])]));
    const load = new Map<string, number>();
    const cap = new Map(pr.people.map((p) => [p.id, p.maxMeetings ?? Infinity]));
    for (const x of [...pr.meetings].sort((a, b) => b.weight - a.weight)) {
      const slot = pr.slots.find(
        (sl) =>
          (perSlot.get(sl.id) ?? 0) < pr.tables.length &&
          (!x.allowedSlots || x.allowedSlots.includes(sl.id)) &&
          x.people.every(
            (p) =>
              !busy.has(`${p}|${sl.id}`) && !unavailable.get(p)?.has(sl.id) && (load.get(p) ?? 0) < (cap.get(p) ?? 0),
          ),
      );
      if (!slot) continue;
      x.people.forEach((p) => {
        busy.add(`${p}|${slot.id}`);
        load.set(p, (load.get(p) ?? 0) + 1);
      });
      perSlot.set(slot.id, (perSlot.get(slot.id) ?? 0) + 1);
      greedy.push({ meeting: x.id, slot: slot.id, table: 'T' });
    }
    expect(s.stats.idleGaps * 2).toBeLessThanOrEqual(countIdleGaps(pr, greedy));
  });

  it('is deterministic for a seed and an iteration limit', async () => {
    const pr = event(11, { groupShare: 0.1 });
    const a = await solve(pr, { seed: 5, maxIterations: 3000 });
    const b = await solve(pr, { seed: 5, maxIterations: 3000 });
    expect(b).toEqual(a);
  });

  it('metamorphic: removing a meeting that is not held keeps the optimum', async () => {
    const pr = event(4, { tables: 8 });
    const s = valid(pr, await solve(pr, { seed: 1 }));
    expect(s.status).toBe('optimal');
    expect(s.unscheduled.length).toBeGreaterThan(0);
    const drop = s.unscheduled[0].meeting;
    const smaller = { ...pr, meetings: pr.meetings.filter((x) => x.id !== drop) };
    const t = valid(smaller, await solve(smaller, { seed: 2 }));
    // The old schedule is still valid, so neither optimum can pass the other's bound.
    expect(t.bound ?? Infinity).toBeGreaterThanOrEqual(s.objective);
    expect(t.objective).toBeLessThanOrEqual(s.bound ?? Infinity);
    if (t.status === 'optimal') expect(t.objective).toBe(s.objective);
  });

  it('metamorphic: taking a table away never raises the optimum', async () => {
    const pr = event(5, { tables: 9, groupShare: 0.1 });
    const s = valid(pr, await solve(pr, { seed: 1 }));
    const tighter = { ...pr, tables: pr.tables.slice(1) };
    const t = valid(tighter, await solve(tighter, { seed: 1 }));
    expect(t.objective).toBeLessThanOrEqual(s.bound ?? Infinity);
    if (s.status === 'optimal' && t.status === 'optimal') expect(t.objective).toBeLessThanOrEqual(s.objective);
  });

  it('reports progress with objective and bound, and stats.seconds from the given clock', async () => {
    const pr = event(6);
    const seen: SolveProgress[] = [];
    let now = 0;
    // Each reading of the clock is a millisecond later: 2,000 readings are the whole (2 s) limit.
    const s = await solve(pr, { clock: () => (now += 1), timeLimitSeconds: 2, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[seen.length - 1].phase).toBe('done');
    expect(seen[seen.length - 1].objective).toBe(s.objective);
    for (const p of seen) expect(p.fraction).toBeGreaterThanOrEqual(0);
    expect(s.stats.seconds).toBeGreaterThan(0);
    // HiGHS runs on real time while this clock runs on readings: the solve takes seconds of real time.
  }, 60_000);
});

describe('coverage: no party left without a meeting when a valid schedule serves it', () => {
  // One slot, two tables. Greedy by weight holds A-B (10) and leaves C and D with nothing;
  // A-C plus B-D serves everyone.
  const pr = (acWeight: number): Problem =>
    problem({
      slots: 1,
      tables: 2,
      people: ['A-1', 'B-1', 'C-1', 'D-1'],
      meetings: [m('ab', ['A-1', 'B-1'], 10), m('ac', ['A-1', 'C-1'], acWeight), m('bd', ['B-1', 'D-1'], 1)],
    });
  it('serves every party at no cost', async () => {
    const s = valid(pr(9), await solve(pr(9)));
    expect([...at(s).keys()].sort()).toEqual(['ac', 'bd']);
    expect(s.stats.partiesWithoutMeeting).toBe(0);
    expect(s.status).toBe('optimal');
    expect(s.bound).toBe(10);
  });
  it('serves every party even when it costs weight, and proves it within that constraint', async () => {
    const s = valid(pr(5), await solve(pr(5)));
    expect(partiesWithoutMeeting(pr(5), s.assignments)).toEqual([]);
    expect(s.objective).toBe(6);
    expect(s.bound).toBe(6);
    expect(s.status).toBe('optimal');
    expect(s.unscheduled[0].reason).toContain('without meetings');
  });
  it('proves the fewest parties without a meeting when not all can be served together', async () => {
    // One slot: A meets B or C, never both; one of B and C goes without.
    const p2 = problem({
      slots: 1,
      tables: 2,
      people: ['A-1', 'B-1', 'C-1'],
      meetings: [m('ab', ['A-1', 'B-1'], 3), m('ac', ['A-1', 'C-1'], 2)],
    });
    const s = valid(p2, await solve(p2));
    expect(s.stats.partiesWithoutMeeting).toBe(1);
    expect(s.objective).toBe(3);
    expect(s.status).toBe('optimal');
  });
});

describe('keep (late changes)', () => {
  const base = event(8);
  it('keeps every published meeting in place after one cancellation and one new request', async () => {
    const first = valid(base, await solve(base, { seed: 1 }));
    const cancelled = first.assignments[0].meeting;
    const [a, b] = [base.people[0].id, base.people[base.people.length - 1].id];
    const changed: Problem = {
      ...base,
      meetings: [...base.meetings.filter((x) => x.id !== cancelled), m('new1', [a, b], 40)],
    };
    const s = valid(changed, await solve(changed, { seed: 1, keep: first }));
    const now = at(s);
    for (const x of first.assignments) {
      if (x.meeting === cancelled) continue;
      expect(now.get(x.meeting)).toEqual(x);
    }
    expect(s.stats['kept']).toBe(first.assignments.length - 1);
    expect(s.stats['moved']).toBe(0);
  });
  it('moves a published meeting whose person became unavailable, and keeps the others', async () => {
    const first = valid(base, await solve(base, { seed: 1 }));
    const victim =
      first.assignments.find((x) => first.assignments.filter((y) => y.slot === x.slot).length < base.tables.length) ??
      first.assignments[0];
    const person = base.meetings.find((x) => x.id === victim.meeting)?.people[0] ?? '';
    const changed: Problem = {
      ...base,
      people: base.people.map((p) =>
        p.id === person ? { ...p, unavailable: [...(p.unavailable ?? []), victim.slot] } : p,
      ),
    };
    const s = valid(changed, await solve(changed, { seed: 1, keep: first }));
    const now = at(s);
    expect(now.get(victim.meeting)?.slot).not.toBe(victim.slot);
    expect(s.stats['released']).toBeGreaterThanOrEqual(1);
    if (!now.has(victim.meeting)) {
      expect(s.unscheduled.find((u) => u.meeting === victim.meeting)?.reason).toContain(
        `${person} is now unavailable in slot ${victim.slot}`,
      );
    } else expect(s.stats['moved']).toBeGreaterThanOrEqual(1);
    // Published meetings of people not involved stay exactly where they were.
    const involved = new Set(base.meetings.filter((x) => x.people.includes(person)).map((x) => x.id));
    for (const x of first.assignments) if (!involved.has(x.meeting)) expect(now.get(x.meeting)).toEqual(x);
  });
  it('lets a pin in the problem win over a kept meeting', async () => {
    const pr = problem({
      slots: 2,
      tables: 1,
      people: ['A-1', 'B-1', 'C-1', 'D-1'],
      meetings: [m('m1', ['A-1', 'B-1'], 5), m('m2', ['C-1', 'D-1'], 5)],
    });
    const first = valid(pr, await solve(pr));
    const slotOfM1 = at(first).get('m1')?.slot ?? '';
    const pinned: Problem = {
      ...pr,
      meetings: [pr.meetings[0], { ...pr.meetings[1], pin: { slot: slotOfM1, table: 'T1' } }],
    };
    const s = valid(pinned, await solve(pinned, { keep: first }));
    expect(at(s).get('m2')).toEqual({ meeting: 'm2', slot: slotOfM1, table: 'T1' });
    expect(at(s).get('m1')?.slot).not.toBe(slotOfM1);
  });
});

describe('bounds', () => {
  it('dualBound is a weak-duality bound for any non-negative multipliers', () => {
    // max 3x + 2y, x + y <= 4, x + 3y <= 6, 0 <= x, y <= 10: optimum 12 at x = 4.
    const b = new LinearModelBuilder();
    const x = b.addColumn(3, 10);
    const y = b.addColumn(2, 10);
    b.addRow([x, y], 1, 4);
    b.addRow([x, y], [1, 3], 6);
    const lp = b.build();
    expect(dualBound(lp, Float64Array.from([3, 0]))).toBe(12);
    expect(dualBound(lp, Float64Array.from([0, 0]))).toBe(50);
    expect(dualBound(lp, Float64Array.from([1, 1]))).toBeGreaterThanOrEqual(12);
  });
  it('solves an LP and a MIP through HiGHS with rigorous bounds', async () => {
    // Odd cycle: x1 + x2 <= 1, x2 + x3 <= 1, x1 + x3 <= 1; LP 1.5, MIP 1.
    const b = new LinearModelBuilder();
    const c = [b.addColumn(1, 1), b.addColumn(1, 1), b.addColumn(1, 1)];
    b.addRow([c[0], c[1]], 1, 1);
    b.addRow([c[1], c[2]], 1, 1);
    b.addRow([c[0], c[2]], 1, 1);
    const lp = b.build();
    const r = await solveLinear(lp);
    expect(r?.bound).toBeCloseTo(1.5, 6);
    const i = await solveLinear(lp, { integer: true });
    expect(i?.bound).toBeCloseTo(1, 6);
  });
  /** A 0-1 knapsack with three capacity rows over `n` items (hard to prove for HiGHS from a few hundred on). */
  const knapsack = (n: number) => {
    const b = new LinearModelBuilder();
    const cols: number[] = [];
    for (let j = 0; j < n; j++) cols.push(b.addColumn(10 + ((j * 37) % 41), 1));
    for (let r = 0; r < 3; r++)
      b.addRow(
        cols,
        cols.map((j) => 5 + ((j * (13 + r * 7)) % 29)),
        3 * n + 30 * r,
      );
    return b.build();
  };
  it('answers the same in a worker thread as in this one (LP and MIP), and gives up at the hard stop', async () => {
    const lp = knapsack(30);
    const here = await solveLinear(lp, { integer: true, timeLimit: 30 });
    const there = await solveLinear(lp, { integer: true, timeLimit: 30, hardStopSeconds: 60 });
    expect(here?.status).toBe('optimal');
    expect(there?.status).toBe('optimal');
    expect(there?.bound).toBeCloseTo(here?.bound ?? NaN, 6);
    expect(there?.objective).toBeCloseTo(here?.objective ?? NaN, 6);
    expect(there?.x.length).toBe(lp.nCols);
    const lpHere = await solveLinear(lp);
    const lpThere = await solveLinear(lp, { hardStopSeconds: 60 });
    expect(lpThere?.bound).toBeCloseTo(lpHere?.bound ?? NaN, 6);
    expect(lpThere?.duals?.length).toBe(lp.rhs.length);
    // A model HiGHS works on for many seconds, stopped from outside after 0.2 s (its own limit is
    // 60 s): no result; the next call makes a new worker and answers.
    expect(await solveLinear(knapsack(300), { integer: true, timeLimit: 60, hardStopSeconds: 0.2 })).toBeNull();
    const again = await solveLinear(lp, { integer: true, timeLimit: 30, hardStopSeconds: 60 });
    expect(again?.bound).toBeCloseTo(here?.bound ?? NaN, 6);
  }, 60_000);
  it('without a clock, the gap phase stops HiGHS on a node limit and drops an answer that time cut short', async () => {
    // Without a clock the idle-gap bounds ran HiGHS with time limits of 0.1-1 s, so a busier machine, or the
    // first solve of a process while HiGHS was compiled, proved another bound for the same seed (1, then 2).
    const lp = knapsack(300);
    const a = await solveLinear(lp, { integer: true, timeLimit: 60, nodeLimit: 20 });
    const b = await solveLinear(lp, { integer: true, timeLimit: 60, nodeLimit: 20 });
    expect(a?.status).toBe('solutionLimit');
    expect(a?.x.length).toBe(lp.nCols);
    expect(b?.bound).toBe(a?.bound);
    expect(b?.objective).toBe(a?.objective);
    // Cut short by the safety net (HiGHS takes seconds on this model): no answer rather than a partial one.
    expect(await solveLinear(lp, { integer: true, timeLimit: 0.05, nodeLimit: 1_000_000 })).toBeNull();
    const pr = event(1);
    expect(new SolveContext(pr, { ...defaultOptions, clock: () => 0 }, 0).mipLimits(0.1)).toEqual({ timeLimit: 0.1 });
    expect(new SolveContext(pr, defaultOptions, 0).mipLimits(0.1)).toEqual({
      timeLimit: TUNING.untimedMipSeconds,
      nodeLimit: TUNING.untimedMipNodes,
    });
  }, 60_000);
  it('escalates past the LP when it is not tight (three people, one slot, a triangle of meetings)', async () => {
    const pr = problem({
      slots: 1,
      tables: 3,
      people: ['A-1', 'B-1', 'C-1'],
      meetings: [m('ab', ['A-1', 'B-1'], 2), m('bc', ['B-1', 'C-1'], 2), m('ac', ['A-1', 'C-1'], 2)],
    });
    const md = buildModel(pr);
    expect((await aggregateBound(md, 0, false, 5))?.bound).toBe(3);
    expect((await slotBound(md, 0, false, 5))?.bound).toBe(3);
    expect((await aggregateBound(md, 0, true, 5))?.bound).toBe(2);
    const s = valid(pr, await solve(pr));
    expect(s.objective).toBe(2);
    expect(s.bound).toBe(2);
    expect(s.status).toBe('optimal');
  });
  it('uses the slot-indexed LP when tables per slot bind (the aggregated models cannot see it)', async () => {
    const pr = problem({
      slots: 2,
      tables: 1,
      people: ['A-1', 'B-1', 'C-1', 'D-1'],
      meetings: [
        m('m1', ['A-1', 'B-1'], 5, { allowedSlots: ['s1'] }),
        m('m2', ['C-1', 'D-1'], 4, { allowedSlots: ['s1'] }),
      ],
    });
    const md = buildModel(pr);
    expect((await aggregateBound(md, 0, true, 5))?.bound).toBe(9);
    const mip = await slotBound(md, 0, true, 5);
    expect(mip?.bound).toBe(5);
    expect([...(mip?.slots ?? [])]).toEqual([0, -1]);
    const s = valid(pr, await solve(pr));
    expect(s).toMatchObject({ status: 'optimal', objective: 5, bound: 5 });
    expect(s.stats['boundMethod']).toBe(2);
  });
  it('cuts an improvement pass short when told to stop (the time limit), but not its coverage pass', () => {
    // Two parties, two meetings, room for both; the first is held, so both parties have a meeting and the coverage
    // pass has nothing to do: the rest of the pass would insert the second.
    const pr = problem({
      slots: 1,
      tables: 2,
      people: ['A-1', 'A-2', 'B-1', 'B-2'],
      meetings: [m('m1', ['A-1', 'B-1'], 3), m('m2', ['A-2', 'B-2'], 2)],
    });
    const md = buildModel(pr);
    const fresh = (stop?: () => boolean): Search => {
      const st = new State(md);
      st.place(0, 0);
      st.commit();
      return new Search(md, st, new Rng(1), stop);
    };
    const covered = fresh();
    covered.coveragePass();
    expect(covered.st.held).toBe(1);
    const whole = fresh();
    whole.improvePass();
    expect(whole.st.held).toBe(2);
    let asked = 0;
    const stopped = fresh(() => {
      asked++;
      return true;
    });
    stopped.improvePass();
    expect(asked).toBe(1);
    expect(stopped.st.held).toBe(1);
    // The coverage pass at its start is not cut short: with nothing held, both parties get their meeting.
    const unserved = new Search(md, new State(md), new Rng(1), () => true);
    unserved.improvePass();
    expect(unserved.st.held).toBe(2);
  });
  it('returns the best schedule so far with status timedout when the clock runs out before a proof', async () => {
    const pr = problem({
      slots: 1,
      tables: 3,
      people: ['A-1', 'B-1', 'C-1'],
      meetings: [m('ab', ['A-1', 'B-1'], 2), m('bc', ['B-1', 'C-1'], 2), m('ac', ['A-1', 'C-1'], 2)],
    });
    let now = 0;
    const s = valid(pr, await solve(pr, { timeLimitSeconds: 1, clock: () => (now += 400) }));
    expect(s.status).toBe('timedout');
    expect(s.objective).toBe(2);
    expect(s.bound).toBe(3);
  });
});

describe('edge cases', () => {
  it('handles an event without meetings, tables or slots', async () => {
    const empty = problem({ slots: 2, tables: 1, people: ['A-1'], meetings: [] });
    expect(valid(empty, await solve(empty))).toMatchObject({ status: 'optimal', objective: 0, bound: 0 });
    const noTables = problem({ slots: 2, tables: [], people: ['A-1', 'B-1'], meetings: [m('m1', ['A-1', 'B-1'], 2)] });
    expect(valid(noTables, await solve(noTables)).unscheduled).toEqual([
      { meeting: 'm1', reason: 'the event has no tables' },
    ]);
    const noSlots = problem({ slots: 0, tables: 1, people: ['A-1', 'B-1'], meetings: [m('m1', ['A-1', 'B-1'], 2)] });
    expect(valid(noSlots, await solve(noSlots)).unscheduled).toEqual([
      { meeting: 'm1', reason: 'the event has no slots' },
    ]);
  });
  it('reports fractional weights exactly', async () => {
    const pr = problem({
      slots: 1,
      tables: 2,
      people: ['A-1', 'B-1', 'C-1', 'D-1'],
      meetings: [m('m1', ['A-1', 'B-1'], 0.1), m('m2', ['C-1', 'D-1'], 0.2)],
    });
    const s = valid(pr, await solve(pr));
    expect(s.objective).toBe(0.1 + 0.2);
    expect(s.bound).toBe(s.objective);
  });
  it('rejects a malformed schedule to keep, naming the field', async () => {
    const pr = problem({ slots: 1, tables: 1, people: ['A-1', 'B-1'], meetings: [m('m1', ['A-1', 'B-1'], 2)] });
    const bad = {
      version: 1,
      status: 'optimal',
      objective: 0,
      bound: null,
      assignments: [{ meeting: 'm1', slot: 's1' }],
      unscheduled: [],
      stats: { seconds: 0, idleGaps: 0, partiesWithoutMeeting: 0 },
    };
    await expect(solve(pr, { keep: bad as unknown as Schedule })).rejects.toThrow(
      'keep.assignments[0].table: is required',
    );
  });
});
