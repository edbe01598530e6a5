import fc from 'fast-check';
import {
  checkPins,
  partiesWithoutMeeting,
  validateSchedule,
  type Meeting,
  type Person,
  type Problem,
} from '@clustermatch/domain';
import { solve } from './solve';
import { bruteForce, slots } from './test-utils';

/** `arb` one time in (1 + odds), else null. */
const rarely = <T>(arb: fc.Arbitrary<T>, odds: number): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: fc.constant(null), weight: odds }, { arbitrary: arb, weight: 1 });

/** Random tiny problems: 1-3 slots, 1-3 tables of 2-4 seats, 2-5 people in 1-4 parties, 1-6 meetings. */
const tinyProblem = (withPins: boolean): fc.Arbitrary<Problem> =>
  fc
    .record({
      nSlots: fc.integer({ min: 1, max: 3 }),
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
        version: 1 as const,
        event: { timezone: 'Europe/Berlin' },
        slots: slotList,
        tables: seats.map((s, i) => ({ id: `T${i + 1}`, seats: s })),
        people: persons,
        meetings: ms.filter((m) => m.people.length >= 2),
      };
    })
    .filter((p) => p.meetings.length > 0);

const TOL = 1e-6;

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
});
