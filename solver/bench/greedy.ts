/**
 * Greedy baseline, as today's tools schedule: meetings by weight (highest first), each in the first
 * chronological slot where all its people are free and available, at the smallest free table with
 * enough seats (among its allowedTables, if any). Pinned meetings are placed first, where pinned. No search, no bound.
 */
import type { Assignment, Problem, Schedule, ScheduleStatus } from '@clustermatch/domain';
import { countIdleGaps, partiesWithoutMeeting, slotsInOrder, totalWeight } from '@clustermatch/domain';

export function greedySchedule(problem: Problem): Schedule {
  const order = slotsInOrder(problem);
  const people = new Map(problem.people.map((p) => [p.id, p]));
  const busy = new Set<string>(); // person|slot
  const used = new Map<string, number>(); // meetings per person
  const tablesBySeats = [...problem.tables].sort((a, b) => a.seats - b.seats || a.id.localeCompare(b.id));
  const tableBusy = new Set<string>(); // table|slot
  const assignments: Assignment[] = [];
  const placed = new Set<string>();

  const place = (meetingId: string, ps: readonly string[], slot: string, table: string) => {
    for (const p of ps) {
      busy.add(`${p}|${slot}`);
      used.set(p, (used.get(p) ?? 0) + 1);
    }
    tableBusy.add(`${table}|${slot}`);
    assignments.push({ meeting: meetingId, slot, table });
    placed.add(meetingId);
  };
  const freeTable = (slot: string, size: number, allowed?: readonly string[]) =>
    tablesBySeats.find(
      (t) => t.seats >= size && !tableBusy.has(`${t.id}|${slot}`) && (!allowed || allowed.includes(t.id)),
    );

  for (const m of problem.meetings) {
    if (!m.pin) continue;
    const table = m.pin.table ?? freeTable(m.pin.slot, m.people.length, m.allowedTables)?.id;
    if (table !== undefined) place(m.id, m.people, m.pin.slot, table);
  }
  const rest = problem.meetings.filter((m) => !m.pin).sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id));
  for (const m of rest) {
    if (m.people.some((p) => (used.get(p) ?? 0) >= (people.get(p)?.maxMeetings ?? Infinity))) continue;
    for (const slot of order) {
      if (m.allowedSlots && !m.allowedSlots.includes(slot)) continue;
      if (m.people.some((p) => busy.has(`${p}|${slot}`) || people.get(p)?.unavailable?.includes(slot))) continue;
      const table = freeTable(slot, m.people.length, m.allowedTables);
      if (!table) continue;
      place(m.id, m.people, slot, table.id);
      break;
    }
  }
  return scheduleFrom(
    problem,
    assignments,
    'feasible',
    null,
    0,
    'greedy: no slot left where all attendees are free and a table fits',
  );
}

/** A contract schedule around assignments, with the stats computed by the domain functions. */
export function scheduleFrom(
  problem: Problem,
  assignments: readonly Assignment[],
  status: ScheduleStatus,
  bound: number | null,
  seconds: number,
  reason: string,
): Schedule {
  const held = new Set(assignments.map((a) => a.meeting));
  return {
    version: 1,
    status,
    objective: totalWeight(problem, assignments),
    bound,
    assignments,
    unscheduled: problem.meetings.filter((m) => !held.has(m.id)).map((m) => ({ meeting: m.id, reason })),
    stats: {
      seconds,
      idleGaps: countIdleGaps(problem, assignments),
      partiesWithoutMeeting: partiesWithoutMeeting(problem, assignments).length,
    },
  };
}
