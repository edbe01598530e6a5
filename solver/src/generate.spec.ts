import type { Assignment, Problem, Schedule } from '@clustermatch/domain';
import {
  countIdleGaps,
  parseProblem,
  partiesWithoutMeeting,
  slotDays,
  totalWeight,
  validateSchedule,
} from '@clustermatch/domain';
import { checkGenerateParams, generateInstance, generateProblem, type GenerateParams } from './generate';

const ev550: GenerateParams = { clusters: 150, meetings: 550, slots: 16, tables: 45, seed: 7 };

const scheduleOf = (problem: Problem, assignments: readonly Assignment[]): Schedule => {
  const held = new Set(assignments.map((a) => a.meeting));
  return {
    version: 1,
    status: 'feasible',
    objective: totalWeight(problem, assignments),
    bound: null,
    assignments,
    unscheduled: problem.meetings.filter((m) => !held.has(m.id)).map((m) => ({ meeting: m.id, reason: 'not planted' })),
    stats: {
      seconds: 0,
      idleGaps: countIdleGaps(problem, assignments),
      partiesWithoutMeeting: partiesWithoutMeeting(problem, assignments).length,
    },
  };
};

const partySets = (p: Problem) => {
  const partyOf = new Map(p.people.map((x) => [x.id, x.party]));
  return p.meetings.map((m) => [...new Set(m.people.map((id) => partyOf.get(id) ?? id))].sort().join('|'));
};

describe('generateProblem', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateProblem(ev550);
    expect(generateProblem(ev550)).toEqual(a);
    const b = generateProblem({ ...ev550, seed: 8 });
    expect(b.meetings).not.toEqual(a.meetings);
  });

  it('produces a problem that parseProblem accepts, with the requested counts', () => {
    const p = generateProblem(ev550);
    const r = parseProblem(p);
    expect(r.ok ? [] : r.errors).toEqual([]);
    expect(p.meetings).toHaveLength(550);
    expect(p.slots).toHaveLength(16);
    expect(p.tables).toHaveLength(45);
    expect(new Set(p.people.map((x) => x.party)).size).toBe(150);
    expect(p.slots.map((s) => s.id).slice(0, 3)).toEqual(['d1s01', 'd1s02', 'd1s03']);
    expect(p.slots[0].start).toBe('2027-05-11T09:00:00+02:00');
  });

  it('gives every cluster 1-3 delegates with ids like c0012-p1, about 300 delegates for 150 clusters', () => {
    const p = generateProblem(ev550);
    const byParty = new Map<string, string[]>();
    for (const x of p.people) byParty.set(x.party, [...(byParty.get(x.party) ?? []), x.id]);
    for (const [party, ids] of byParty) {
      expect(party).toMatch(/^c\d{4}$/);
      expect(ids.length).toBeGreaterThanOrEqual(1);
      expect(ids.length).toBeLessThanOrEqual(3);
      ids.forEach((id, k) => expect(id).toBe(`${party}-p${k + 1}`));
    }
    expect(p.people.length).toBeGreaterThan(240);
    expect(p.people.length).toBeLessThan(360);
  });

  it('has no duplicate pair requests, every cluster requests a meeting, and popular clusters get more', () => {
    const p = generateProblem(ev550);
    const sets = partySets(p);
    expect(new Set(sets).size).toBe(sets.length);
    const count = new Map<string, number>();
    for (const key of sets) for (const party of key.split('|')) count.set(party, (count.get(party) ?? 0) + 1);
    expect(count.size).toBe(150);
    const sorted = [...count.values()].sort((a, b) => b - a);
    // Zipf-like: the busiest cluster has several times the median load.
    expect(sorted[0]).toBeGreaterThan(3 * sorted[75]);
  });

  it('uses weights from both sides’ interest, some caps and some unavailability', () => {
    const p = generateProblem(ev550);
    for (const m of p.meetings) {
      expect(Number.isInteger(m.weight)).toBe(true);
      expect(m.weight).toBeGreaterThanOrEqual(3);
      expect(m.weight).toBeLessThanOrEqual(35);
    }
    const capped = p.people.filter((x) => x.maxMeetings !== undefined).length;
    const unavailable = p.people.filter((x) => (x.unavailable?.length ?? 0) > 0).length;
    expect(capped).toBeGreaterThan(p.people.length * 0.03);
    expect(unavailable).toBeGreaterThan(p.people.length * 0.05);
  });

  it('makes two-day events with slots on two calendar days in the event time zone', () => {
    const p = generateProblem({ ...ev550, slots: 24, days: 2, timezone: 'America/Toronto', startDate: '2027-10-05' });
    expect(parseProblem(p).ok).toBe(true);
    const days = slotDays(p);
    expect(new Set(days.values())).toEqual(new Set(['2027-10-05', '2027-10-06']));
    expect(p.slots.filter((s) => s.id.startsWith('d2'))).toHaveLength(12);
    expect(p.slots[0].start).toBe('2027-10-05T09:00:00-04:00');
  });

  it('adds group meetings of 3-4 people and 6-8 seat tables for them', () => {
    const p = generateProblem({ ...ev550, groupShare: 0.1 });
    const groups = p.meetings.filter((m) => m.people.length > 2);
    expect(groups.length).toBeGreaterThanOrEqual(50);
    for (const g of groups) expect(g.people.length).toBeLessThanOrEqual(4);
    expect(p.tables.some((t) => t.seats >= 6)).toBe(true);
    expect(p.tables.filter((t) => t.seats <= 4).length).toBeGreaterThan(p.tables.length / 2);
    expect(generateProblem(ev550).tables.every((t) => t.seats <= 4)).toBe(true);
  });

  it('derives tight and loose table counts when none is given', () => {
    const { tables: _t, ...rest } = ev550;
    void _t;
    const tight = generateProblem({ ...rest, tightTables: true });
    const loose = generateProblem(rest);
    expect(tight.tables.length).toBe(Math.ceil(550 / 16));
    expect(loose.tables.length).toBeGreaterThan(tight.tables.length);
  });

  it('builds dense events around a planted complete schedule that passes the validator', () => {
    const { problem, planted } = generateInstance({ ...ev550, meetings: 680, dense: true, groupShare: 0.05 });
    expect(parseProblem(problem).ok).toBe(true);
    expect(planted).toBeDefined();
    const plan = planted ?? [];
    expect(plan).toHaveLength(680);
    expect(validateSchedule(problem, scheduleOf(problem, plan))).toEqual([]);
    // Nearly every table is used in every slot.
    for (const s of problem.slots) expect(plan.filter((a) => a.slot === s.id).length).toBeGreaterThanOrEqual(42);
    expect(new Set(partySets(problem)).size).toBe(680);
    expect(problem.people.some((x) => x.maxMeetings !== undefined)).toBe(true);
  });

  it('keeps the planted schedule valid across seeds and sizes (property)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { problem, planted } = generateInstance({
        clusters: 40,
        meetings: 110,
        slots: 8,
        tables: 14,
        seed,
        dense: true,
        days: 2,
        groupShare: 0.1,
      });
      expect(validateSchedule(problem, scheduleOf(problem, planted ?? []))).toEqual([]);
      expect(planted?.length).toBe(110);
    }
  });

  it('is valid on small random parameter sets', () => {
    for (let seed = 0; seed < 20; seed++) {
      const clusters = 8 + ((seed * 7) % 40);
      const meetings = Math.floor(clusters * 1.5);
      const p = generateProblem({
        clusters,
        meetings,
        slots: 4 + (seed % 9),
        seed,
        days: seed % 2 === 0 ? 1 : 2,
        groupShare: (seed % 3) / 10,
      });
      const r = parseProblem(p);
      expect(r.ok ? [] : r.errors).toEqual([]);
      expect(p.meetings.length).toBe(meetings);
    }
  });

  it('refuses, rather than silently returning fewer, when the requests cannot all be made', () => {
    expect(() => generateProblem({ clusters: 10, meetings: 27, slots: 1, seed: 1 })).toThrow(
      /^meetings: only \d+ of 27 distinct requests fit 10 clusters in 1 slots/,
    );
  });

  it('rejects bad parameters with a message naming the parameter', () => {
    expect(checkGenerateParams({ ...ev550, clusters: 0 })).toEqual(['clusters must be a positive integer']);
    expect(checkGenerateParams({ ...ev550, meetings: 2.5 })).toEqual(['meetings must be a positive integer']);
    expect(checkGenerateParams({ ...ev550, groupShare: 2 })).toEqual(['groupShare must be a number between 0 and 1']);
    expect(checkGenerateParams({ ...ev550, meetings: 800, dense: true })).toEqual([
      'meetings must be at most tables x slots = 720 for a dense event',
    ]);
    expect(() => generateProblem({ ...ev550, timezone: 'Mars/Base' })).toThrow(
      'timezone "Mars/Base" is not a known IANA time zone',
    );
  });

  it('rejects sizes that would run for minutes, impossible start dates and too few clusters', () => {
    // Before: --clusters 1e8, --slots 1e8 or --tables 1e9 ran without end; 2027-02-30 became 2 March.
    expect(checkGenerateParams({ ...ev550, clusters: 100_000_000 })).toEqual(['clusters must be at most 5000']);
    expect(checkGenerateParams({ ...ev550, slots: 100_000_000 })).toEqual(['slots must be at most 500']);
    expect(checkGenerateParams({ ...ev550, tables: 1_000_000_000 })).toEqual(['tables must be at most 10000']);
    expect(checkGenerateParams({ ...ev550, startDate: '2027-02-30' })).toEqual([
      'startDate 2027-02-30 is not a real date',
    ]);
    expect(checkGenerateParams({ ...ev550, startDate: '2028-02-29' })).toEqual([]);
    expect(checkGenerateParams({ ...ev550, clusters: 2, meetings: 1 })).toEqual([
      'clusters must be at least 3 (2 clusters leave no pair to request)',
    ]);
  });

  it('makes B2B forums: one delegate per cluster, every meeting placeable (a valid planted schedule), busy delegates, blocks', () => {
    const params: GenerateParams = { clusters: 40, meetings: 150, slots: 12, seed: 3, shape: 'forum' };
    const { problem, planted } = generateInstance(params);
    expect(parseProblem(problem).ok).toBe(true);
    expect(problem.people).toHaveLength(40);
    expect(problem.meetings).toHaveLength(150);
    expect(planted).toHaveLength(150);
    expect(validateSchedule(problem, scheduleOf(problem, planted ?? []))).toEqual([]);
    const load = new Map<string, number>();
    for (const m of problem.meetings) for (const p of m.people) load.set(p, (load.get(p) ?? 0) + 1);
    const free = (id: string) => 12 - (problem.people.find((p) => p.id === id)?.unavailable?.length ?? 0);
    const busy = problem.people.filter((p) => (load.get(p.id) ?? 0) >= free(p.id) / 2).length;
    expect(busy).toBeGreaterThan(problem.people.length / 2);
    // Unavailability comes in blocks: one run of slots per day.
    const order = problem.slots.map((x) => x.id);
    for (const p of problem.people) {
      const idx = (p.unavailable ?? []).map((x) => order.indexOf(x)).sort((a, b) => a - b);
      const runs = idx.filter((v, k) => k === 0 || v !== idx[k - 1] + 1).length;
      expect(runs).toBeLessThanOrEqual(1);
    }
  });

  it('popularShare: a tenth of the clusters receive about half of the requests', () => {
    const problem = generateProblem({ ...ev550, popularShare: 0.1 });
    const count = new Map<string, number>();
    for (const key of partySets(problem))
      for (const party of key.split('|')) count.set(party, (count.get(party) ?? 0) + 1);
    const sorted = [...count.values()].sort((a, b) => b - a);
    const top = sorted.slice(0, 15).reduce((a, b) => a + b, 0);
    const all = sorted.reduce((a, b) => a + b, 0);
    // Each meeting counts both sides, so half of the requests is about a quarter of all mentions plus the top's own.
    expect(top / all).toBeGreaterThan(0.25);
    expect(top / all).toBeLessThan(0.6);
  });

  it('hostShare and accessibleShare give meetings allowedTables: the host stand or accessible tables', () => {
    const problem = generateProblem({ ...ev550, hostShare: 0.2, accessibleShare: 0.05 });
    expect(parseProblem(problem).ok).toBe(true);
    const restricted = problem.meetings.filter((m) => m.allowedTables);
    expect(restricted.length).toBeGreaterThan(50);
    const names = new Map(problem.tables.map((t) => [t.id, t.name ?? '']));
    for (const m of restricted)
      for (const t of m.allowedTables ?? []) expect(names.get(t)).toMatch(/stand of|accessible/);
    expect(checkGenerateParams({ ...ev550, dense: true, hostShare: 0.2 })).toContain(
      'hostShare and accessibleShare need an event without a planted schedule (not dense or forum)',
    );
  });
});
