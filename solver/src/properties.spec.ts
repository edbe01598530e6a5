import fc from 'fast-check';
import {
  checkPins,
  countIdleGaps,
  partiesWithoutMeeting,
  validateSchedule,
  type Meeting,
  type Person,
  type Assignment,
  type Problem,
  type Schedule,
} from '@clustermatch/domain';
import { contextBound } from './gap-bound';
import { buildModel } from './model';
import { solve } from './solve';
import { bruteForce, problem, slots } from '../test-support/problems';

/** `arb` one time in (1 + odds), else null. */
const rarely = <T>(arb: fc.Arbitrary<T>, odds: number): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: fc.constant(null), weight: odds }, { arbitrary: arb, weight: 1 });

/**
 * Random tiny problems: 1-3 slots (4 over two days with `twoDays`), 1-3 tables of 2-4 seats,
 * 2-5 people in 1-4 parties, 1-6 meetings, some with allowedTables when `withTables`.
 */
const tinyProblem = (withPins: boolean, withTables = false, maxSlots = 3): fc.Arbitrary<Problem> =>
  fc
    .record({
      nSlots: fc.integer({ min: 1, max: maxSlots }),
      seats: fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 1, maxLength: 3 }),
      people: fc.array(
        fc.record({
          party: fc.integer({ min: 0, max: 3 }),
          unavailable: rarely(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 2 }), 3),
          max: rarely(fc.integer({ min: 0, max: 2 }), 3),
        }),
        { minLength: 2, maxLength: 5 },
      ),
      meetings: fc.array(
        fc.record({
          people: fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 3 }),
          weight: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.double({ min: 0.5, max: 9.5, noNaN: true })),
          allowed: rarely(fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }), 4),
          tables: withTables
            ? rarely(fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 2 }), 2)
            : fc.constant(null),
          pin: withPins
            ? rarely(
                fc.record({ slot: fc.integer({ min: 0, max: 2 }), table: rarely(fc.integer({ min: 0, max: 2 }), 1) }),
                4,
              )
            : fc.constant(null),
        }),
        { minLength: 1, maxLength: 6 },
      ),
    })
    .map(({ nSlots, seats, people, meetings }) => {
      const slotList = slots(nSlots);
      const sid = (k: number) => slotList[k % nSlots].id;
      const persons: Person[] = people.map((p, i) => ({
        id: `p${i}`,
        party: `c${p.party}`,
        ...(p.unavailable ? { unavailable: [...new Set(p.unavailable.map(sid))] } : {}),
        ...(p.max !== null ? { maxMeetings: p.max } : {}),
      }));
      const ms: Meeting[] = meetings.map((m, i) => ({
        id: `m${i}`,
        people: [...new Set(m.people.map((k) => `p${k % persons.length}`))],
        weight: m.weight,
        ...(m.allowed ? { allowedSlots: [...new Set(m.allowed.map(sid))] } : {}),
        ...(m.tables ? { allowedTables: [...new Set(m.tables.map((k) => `T${(k % seats.length) + 1}`))] } : {}),
        ...(m.pin
          ? {
              pin: {
                slot: sid(m.pin.slot),
                ...(m.pin.table !== null ? { table: `T${(m.pin.table % seats.length) + 1}` } : {}),
              },
            }
          : {}),
      }));
      return {
        version: (withTables ? 1.1 : 1) as Problem['version'],
        event: { timezone: 'Europe/Berlin' },
        slots: slotList,
        tables: seats.map((s, i) => ({ id: `T${i + 1}`, seats: s })),
        people: persons,
        meetings: ms.filter((m) => m.people.length >= 2),
      };
    })
    .filter((p) => p.meetings.length > 0);

const TOL = 1e-6;

/** Person `id`'s idle gaps in a schedule, counted by the domain's own rule on that person alone. */
const gapsOfPerson = (pr: Problem, held: readonly Assignment[], id: string): number =>
  countIdleGaps(
    { ...pr, meetings: pr.meetings.map((m) => ({ ...m, people: m.people.filter((q) => q === id) })) },
    held,
  );

/** The fewest idle gaps any valid schedule has at the schedule's own levels 1 and 2 (brute force). */
const minGapsAtLevel = (pr: Problem, s: Schedule): number | undefined => {
  const uncovered = partiesWithoutMeeting(pr, s.assignments).length;
  return bruteForce(pr).levels.find(
    (l) => l.uncovered === uncovered && Math.abs(l.weight - s.objective) <= 1e-9 * Math.max(1, s.objective),
  )?.minGaps;
};

describe('properties on random problems', () => {
  it('every schedule is valid, objective <= bound, and matches an exhaustive optimum', async () => {
    await fc.assert(
      fc.asyncProperty(tinyProblem(false), fc.integer({ min: 1, max: 1000 }), async (pr, seed) => {
        const s = await solve(pr, { seed, maxIterations: 3000 });
        expect(validateSchedule(pr, s)).toEqual([]);
        expect(s.bound).not.toBeNull();
        const bound = s.bound ?? Infinity;
        expect(s.objective).toBeLessThanOrEqual(bound + TOL);
        const bf = bruteForce(pr);
        const uncovered = partiesWithoutMeeting(pr, s.assignments).length;
        // The solver leaves no party without a meeting that some valid schedule serves.
        expect(uncovered).toBe(bf.uncovered);
        expect(s.objective).toBeLessThanOrEqual(bf.weight + TOL);
        expect(bf.weight).toBeLessThanOrEqual(bound + TOL);
        if (s.status === 'optimal') expect(s.objective).toBeCloseTo(bf.weight, 6);
      }),
      { numRuns: 250, seed: 42 },
    );
  });

  it('with pins: infeasible exactly when the pins clash, otherwise valid and within the bound', async () => {
    await fc.assert(
      fc.asyncProperty(tinyProblem(true), async (pr) => {
        const s = await solve(pr, { seed: 1, maxIterations: 2000 });
        expect(validateSchedule(pr, s)).toEqual([]);
        if (checkPins(pr).length > 0) {
          expect(s.status).toBe('infeasible');
          expect(s.unscheduled).toHaveLength(pr.meetings.length);
          return;
        }
        expect(s.status).not.toBe('infeasible');
        const bf = bruteForce(pr);
        const uncovered = partiesWithoutMeeting(pr, s.assignments).length;
        expect(uncovered).toBe(bf.uncovered);
        expect(s.objective).toBeLessThanOrEqual(bf.weight + TOL);
        expect(bf.weight).toBeLessThanOrEqual((s.bound ?? Infinity) + TOL);
        if (s.status === 'optimal') expect(s.objective).toBeCloseTo(bf.weight, 6);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('allowedTables: valid, as many parties served as possible, within the bound, and never at a table not allowed', async () => {
    await fc.assert(
      fc.asyncProperty(tinyProblem(true, true), async (pr) => {
        const s = await solve(pr, { seed: 1, maxIterations: 2000 });
        expect(validateSchedule(pr, s)).toEqual([]);
        if (checkPins(pr).length > 0) {
          expect(s.status).toBe('infeasible');
          return;
        }
        const bf = bruteForce(pr);
        expect(partiesWithoutMeeting(pr, s.assignments).length).toBe(bf.uncovered);
        expect(bf.weight).toBeLessThanOrEqual((s.bound ?? Infinity) + TOL);
        if (s.status === 'optimal') expect(s.objective).toBeCloseTo(bf.weight, 6);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('idle gaps: no valid schedule at the same levels 1 and 2 has fewer gaps than stats.idleGapsBound', async () => {
    let proven = 0;
    await fc.assert(
      fc.asyncProperty(tinyProblem(false, true, 4), fc.integer({ min: 1, max: 1000 }), async (pr, seed) => {
        const s = await solve(pr, { seed, maxIterations: 3000 });
        expect(validateSchedule(pr, s)).toEqual([]);
        const bound = s.stats['idleGapsBound'];
        if (bound === undefined) return;
        const best = minGapsAtLevel(pr, s);
        expect(best).toBeDefined();
        expect(bound).toBeLessThanOrEqual(best ?? -1);
        if (bound === s.stats.idleGaps) {
          proven++;
          expect(s.stats.idleGaps).toBe(best);
        }
      }),
      { numRuns: 200, seed: 23 },
    );
    // Most tiny problems are proved (the property would pass vacuously otherwise).
    expect(proven).toBeGreaterThan(100);
  });
  it("idle gaps: a gap forced by the partners' other meetings is proven (pattern bound), also by brute force", async () => {
    // A meets B and C; B also meets D and C also meets E, and D and E can only come in slot 2. So
    // A's two meetings go to slots 1 and 3 (a gap), although A alone could have them side by side.
    const pr = problem({
      slots: 3,
      tables: 3,
      people: [
        'A-1',
        'B-1',
        'C-1',
        { id: 'D-1', party: 'D', unavailable: ['s1', 's3'] },
        { id: 'E-1', party: 'E', unavailable: ['s1', 's3'] },
      ],
      meetings: [
        { id: 'ab', people: ['A-1', 'B-1'], weight: 1 },
        { id: 'ac', people: ['A-1', 'C-1'], weight: 1 },
        { id: 'bd', people: ['B-1', 'D-1'], weight: 1 },
        { id: 'ce', people: ['C-1', 'E-1'], weight: 1 },
      ],
    });
    for (const opts of [
      { seed: 3, maxIterations: 2000 },
      { seed: 3, timeLimitSeconds: 5, clock: () => performance.now() },
    ]) {
      const s = await solve(pr, opts);
      expect(validateSchedule(pr, s)).toEqual([]);
      expect(s.assignments).toHaveLength(4);
      expect(s.stats.idleGaps).toBe(1);
      expect(s.stats['idleGapsBound']).toBe(1);
      expect(minGapsAtLevel(pr, s)).toBe(1);
    }
    // The context bound sees it from A's partners' other meetings alone (A alone could be gap-free).
    const md = buildModel(pr);
    const all = Array.from({ length: md.nM }, (_, m) => m);
    const a = pr.people.findIndex((p) => p.id === 'A-1');
    expect(await contextBound(md, { held: all, optional: [] }, a, 5)).toBe(1);
    expect(await contextBound(md, { held: all.filter((m) => md.mId[m] !== 'ce'), optional: [] }, a, 5)).toBe(0);
  });

  it('context bound: no schedule at the optimal levels 1 and 2 gives a person fewer gaps than their bound (brute force)', async () => {
    let positive = 0;
    await fc.assert(
      fc.asyncProperty(tinyProblem(true, true, 4), async (pr) => {
        if (checkPins(pr).length > 0) return;
        const all: { held: Assignment[]; uncovered: number; weight: number }[] = [];
        const bf = bruteForce(pr, (held, uncovered, weight) => all.push({ held: [...held], uncovered, weight }));
        const best = all.filter(
          (x) => x.uncovered === bf.uncovered && Math.abs(x.weight - bf.weight) <= 1e-9 * Math.max(1, bf.weight),
        );
        expect(best.length).toBeGreaterThan(0);
        // The strongest selection the solver could ever use: held = in every optimal schedule,
        // optional = in some; a meeting in none is left out.
        const md = buildModel(pr);
        const times = new Map<string, number>();
        for (const x of best) for (const a of x.held) times.set(a.meeting, (times.get(a.meeting) ?? 0) + 1);
        const held: number[] = [];
        const optional: number[] = [];
        for (let m = 0; m < md.nM; m++) {
          if (md.mFixedSlot[m] >= 0 || md.mFeas[m].length === 0) continue;
          const n = times.get(md.mId[m]) ?? 0;
          if (n === best.length) held.push(m);
          else if (n > 0) optional.push(m);
        }
        let sum = 0;
        for (let p = 0; p < md.nP; p++) {
          const id = pr.people[p].id;
          const bound = await contextBound(md, { held, optional }, p, 5);
          const least = Math.min(...best.map((x) => gapsOfPerson(pr, x.held, id)));
          expect(bound).toBeLessThanOrEqual(least);
          sum += bound;
          if (bound > 0) positive++;
        }
        expect(sum).toBeLessThanOrEqual(Math.min(...best.map((x) => countIdleGaps(pr, x.held))));
      }),
      { numRuns: 150, seed: 31 },
    );
    // Some bounds are positive, so the property does not pass vacuously.
    expect(positive).toBeGreaterThan(5);
  });
});
