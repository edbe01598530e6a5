/**
 * Test support for the solver (not part of its public surface): a compact way to write small
 * problems, and an exhaustive brute-force optimum written independently of the solver (it shares
 * only the contract and the domain's table matching and idle-gap count).
 */
import { countIdleGaps, fitsTable, unmatchedMeetings } from '@clustermatch/domain';
import type { Assignment, Meeting, Person, Problem } from '@clustermatch/domain';

/** Slots s1..sN of 30 minutes on one day (or two days with `days: 2`). */
export function slots(n: number, days: 1 | 2 = 1): Problem['slots'] {
  return Array.from({ length: n }, (_, i) => {
    const day = days === 2 && i >= Math.ceil(n / 2) ? 12 : 11;
    const k = days === 2 && i >= Math.ceil(n / 2) ? i - Math.ceil(n / 2) : i;
    const start = 9 * 60 + 30 * k;
    const t = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
    return {
      id: `s${i + 1}`,
      start: `2027-05-${day}T${t(start)}:00+02:00`,
      end: `2027-05-${day}T${t(start + 30)}:00+02:00`,
    };
  });
}

/** A problem from short descriptions. People are `<party>-<n>`, e.g. `A-1`. */
export function problem(opts: {
  slots: number;
  tables: number | readonly number[];
  people: readonly (string | Person)[];
  meetings: readonly Meeting[];
  days?: 1 | 2;
}): Problem {
  const seats = typeof opts.tables === 'number' ? Array.from({ length: opts.tables }, () => 2) : opts.tables;
  return {
    version: 1,
    event: { name: 'Test', timezone: 'Europe/Berlin' },
    slots: slots(opts.slots, opts.days),
    tables: seats.map((s, i) => ({ id: `T${i + 1}`, seats: s })),
    people: opts.people.map((p) => (typeof p === 'string' ? { id: p, party: p.split('-')[0] } : p)),
    meetings: opts.meetings,
  };
}

/** One level of the objective reached by some valid schedule, and the fewest idle gaps there. */
export interface Level {
  readonly uncovered: number;
  readonly weight: number;
  readonly minGaps: number;
}

/**
 * Exhaustive optimum over every valid schedule (tiny problems only): the fewest parties without a
 * meeting, then the most weight; also the fewest idle gaps at every level (uncovered, weight) reached.
 */
export function bruteForce(
  pr: Problem,
  /** Called with every valid schedule (tables left empty) and its levels. */
  visit?: (held: readonly Assignment[], uncovered: number, weight: number) => void,
): {
  uncovered: number;
  weight: number;
  maxWeightByUncovered: Map<number, number>;
  levels: Level[];
} {
  const slotIds = pr.slots.map((s) => s.id);
  const people = new Map(pr.people.map((p) => [p.id, p]));
  const ms = pr.meetings;
  const choice = new Array<number>(ms.length).fill(-1);
  const partyOf = (id: string) => people.get(id)?.party ?? id;
  const requested = new Set(ms.flatMap((m) => m.people.map(partyOf)));
  let best = { uncovered: Infinity, weight: -Infinity };
  const byUncovered = new Map<number, number>();
  const levels: Level[] = [];

  /** Can these meetings all get a table of their own in the slot (seats, allowedTables), next to the pinned ones? */
  const fitsTables = (here: readonly Meeting[], slot: string, pinnedTables: Set<string>): boolean => {
    const free = pr.tables.filter((t) => !pinnedTables.has(`${t.id}|${slot}`));
    const options = here.map((m) => free.flatMap((t, k) => (fitsTable(m, t) ? [k] : [])));
    return unmatchedMeetings(options, free.length).length === 0;
  };

  const evaluate = (): void => {
    const busy = new Set<string>();
    const load = new Map<string, number>();
    const pinnedTables = new Set<string>();
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i];
      const c = choice[i];
      if (m.pin && (c < 0 || slotIds[c] !== m.pin.slot)) return;
      if (c < 0) continue;
      const s = slotIds[c];
      if (m.allowedSlots && !m.allowedSlots.includes(s)) return;
      for (const p of m.people) {
        if (busy.has(`${p}|${s}`) || people.get(p)?.unavailable?.includes(s)) return;
        busy.add(`${p}|${s}`);
        load.set(p, (load.get(p) ?? 0) + 1);
      }
      if (m.pin?.table !== undefined) {
        const key = `${m.pin.table}|${s}`;
        if (pinnedTables.has(key)) return;
        if ((pr.tables.find((t) => t.id === m.pin?.table)?.seats ?? 0) < m.people.length) return;
        if (m.allowedTables && !m.allowedTables.includes(m.pin.table)) return;
        pinnedTables.add(key);
      }
    }
    for (const [p, n] of load) if (n > (people.get(p)?.maxMeetings ?? Infinity)) return;
    for (const s of slotIds) {
      const here = ms.filter((m, i) => choice[i] >= 0 && slotIds[choice[i]] === s && m.pin?.table === undefined);
      if (!fitsTables(here, s, pinnedTables)) return;
    }
    const served = new Set<string>();
    let weight = 0;
    const held: Assignment[] = [];
    ms.forEach((m, i) => {
      if (choice[i] < 0) return;
      weight += m.weight;
      held.push({ meeting: m.id, slot: slotIds[choice[i]], table: '' });
      for (const p of m.people) served.add(partyOf(p));
    });
    const uncovered = [...requested].filter((q) => !served.has(q)).length;
    byUncovered.set(uncovered, Math.max(byUncovered.get(uncovered) ?? -Infinity, weight));
    visit?.(held, uncovered, weight);
    const gaps = countIdleGaps(pr, held);
    const same = levels.findIndex(
      (l) => l.uncovered === uncovered && Math.abs(l.weight - weight) <= 1e-9 * Math.max(1, Math.abs(weight)),
    );
    if (same < 0) levels.push({ uncovered, weight, minGaps: gaps });
    else if (gaps < levels[same].minGaps) levels[same] = { ...levels[same], minGaps: gaps };
    if (
      uncovered < best.uncovered ||
      (uncovered === best.uncovered && weight > best.weight + 1e-9 * Math.min(1, Math.abs(best.weight)))
    )
      best = { uncovered, weight };
  };

  const rec = (i: number): void => {
    if (i === ms.length) return evaluate();
    for (let c = -1; c < slotIds.length; c++) {
      choice[i] = c;
      rec(i + 1);
    }
    choice[i] = -1;
  };
  rec(0);
  return { ...best, maxWeightByUncovered: byUncovered, levels };
}
