import type { Assignment, Problem, Schedule } from './contract';

/** One broken rule of a schedule. `rule` is the contract's rule number (1-6), or a named check. */
export interface Violation {
  readonly rule: 1 | 2 | 3 | 4 | 5 | 6 | 'coverage' | 'objective' | 'stats';
  readonly message: string;
}

/** One formatter per time zone: building an `Intl.DateTimeFormat` costs far more than using one. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(tz: string): Intl.DateTimeFormat {
  let fmt = dayFormats.get(tz);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(tz, fmt);
  }
  return fmt;
}

/**
 * The calendar day (YYYY-MM-DD) of each slot: the day of its start in the event's time zone,
 * or, without a zone, the date as written with the slot's own offset.
 */
export function slotDays(problem: Problem): Map<string, string> {
  const tz = problem.event?.timezone;
  const fmt = tz ? dayFormat(tz) : undefined;
  const days = new Map<string, string>();
  for (const s of problem.slots) {
    days.set(s.id, fmt ? fmt.format(new Date(s.start)) : s.start.slice(0, 10));
  }
  return days;
}

/** Slot ids in chronological order. */
export function slotsInOrder(problem: Problem): string[] {
  return [...problem.slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)).map((s) => s.id);
}

/**
 * Idle gaps (objective point 3): for each person and day, the number of runs of one or more
 * free slots between two of their meetings.
 */
export function countIdleGaps(problem: Problem, assignments: readonly Assignment[]): number {
  const order = slotsInOrder(problem);
  const index = new Map(order.map((id, i) => [id, i]));
  const days = slotDays(problem);
  const meetingPeople = new Map(problem.meetings.map((m) => [m.id, m.people]));
  const busy = new Map<string, number[]>();
  for (const a of assignments) {
    for (const p of meetingPeople.get(a.meeting) ?? []) {
      const list = busy.get(p) ?? [];
      list.push(index.get(a.slot) ?? -1);
      busy.set(p, list);
    }
  }
  let gaps = 0;
  for (const list of busy.values()) {
    list.sort((a, b) => a - b);
    for (let k = 1; k < list.length; k++) {
      const prev = list[k - 1];
      const cur = list[k];
      if (cur - prev > 1 && days.get(order[prev]) === days.get(order[cur])) gaps++;
    }
  }
  return gaps;
}

/** Parties (clusters) that requested at least one meeting but hold none. */
export function partiesWithoutMeeting(problem: Problem, assignments: readonly Assignment[]): string[] {
  const partyOf = new Map(problem.people.map((p) => [p.id, p.party]));
  const requested = new Set<string>();
  for (const m of problem.meetings) for (const p of m.people) requested.add(partyOf.get(p) ?? p);
  const held = new Set(assignments.map((a) => a.meeting));
  const served = new Set<string>();
  for (const m of problem.meetings) {
    if (held.has(m.id)) for (const p of m.people) served.add(partyOf.get(p) ?? p);
  }
  return [...requested].filter((p) => !served.has(p)).sort();
}

/** Sum of the weights of the assigned meetings. */
export function totalWeight(problem: Problem, assignments: readonly Assignment[]): number {
  const w = new Map(problem.meetings.map((m) => [m.id, m.weight]));
  return assignments.reduce((s, a) => s + (w.get(a.meeting) ?? 0), 0);
}

/**
 * Checks a schedule against every rule of the contract, independently of any solver:
 * rules 1-6, that every requested meeting appears exactly once, that `objective` is the held
 * weight, that `objective <= bound`, that the stats match and that `idleGapsBound <= idleGaps`. Returns all violations found.
 */
export function validateSchedule(problem: Problem, schedule: Schedule): Violation[] {
  const out: Violation[] = [];
  const meetings = new Map(problem.meetings.map((m) => [m.id, m]));
  const slots = new Set(problem.slots.map((s) => s.id));
  const tables = new Map(problem.tables.map((t) => [t.id, t]));
  const people = new Map(problem.people.map((p) => [p.id, p]));

  // Coverage and rule 1.
  const seen = new Map<string, string>();
  for (const a of schedule.assignments) {
    if (!meetings.has(a.meeting)) out.push({ rule: 'coverage', message: `assignment of unknown meeting ${a.meeting}` });
    const prev = seen.get(a.meeting);
    if (prev !== undefined)
      out.push({
        rule: 1,
        message: `meeting ${a.meeting} is ${prev === 'held' ? 'held more than once' : 'both held and unscheduled'}`,
      });
    seen.set(a.meeting, 'held');
  }
  for (const u of schedule.unscheduled) {
    if (!meetings.has(u.meeting))
      out.push({ rule: 'coverage', message: `unscheduled entry for unknown meeting ${u.meeting}` });
    if (seen.has(u.meeting)) out.push({ rule: 1, message: `meeting ${u.meeting} is listed more than once` });
    if (!u.reason || u.reason.trim() === '')
      out.push({ rule: 'coverage', message: `unscheduled meeting ${u.meeting} has no reason` });
    seen.set(u.meeting, 'unscheduled');
  }
  for (const m of problem.meetings) {
    if (!seen.has(m.id)) out.push({ rule: 'coverage', message: `meeting ${m.id} is neither assigned nor unscheduled` });
  }

  const personSlot = new Map<string, string>();
  const tableSlot = new Map<string, string>();
  const count = new Map<string, number>();
  for (const a of schedule.assignments) {
    const m = meetings.get(a.meeting);
    if (!m) continue;
    if (!slots.has(a.slot)) {
      out.push({ rule: 1, message: `meeting ${a.meeting} is in unknown slot ${a.slot}` });
      continue;
    }
    const table = tables.get(a.table);
    if (!table) out.push({ rule: 1, message: `meeting ${a.meeting} is at unknown table ${a.table}` });
    // Rule 2.
    for (const pid of m.people) {
      const key = `${pid}|${a.slot}`;
      const other = personSlot.get(key);
      if (other !== undefined)
        out.push({ rule: 2, message: `${pid} is in meetings ${other} and ${a.meeting} in slot ${a.slot}` });
      personSlot.set(key, a.meeting);
      if (people.get(pid)?.unavailable?.includes(a.slot)) {
        out.push({ rule: 2, message: `${pid} is unavailable in slot ${a.slot} but attends meeting ${a.meeting}` });
      }
      count.set(pid, (count.get(pid) ?? 0) + 1);
    }
    // Rule 3.
    if (table) {
      const key = `${a.table}|${a.slot}`;
      const other = tableSlot.get(key);
      if (other !== undefined)
        out.push({ rule: 3, message: `table ${a.table} holds meetings ${other} and ${a.meeting} in slot ${a.slot}` });
      tableSlot.set(key, a.meeting);
      if (table.seats < m.people.length) {
        out.push({
          rule: 3,
          message: `meeting ${a.meeting} has ${m.people.length} people but table ${a.table} has ${table.seats} seats`,
        });
      }
    }
    // Rule 4.
    if (m.allowedSlots && !m.allowedSlots.includes(a.slot)) {
      out.push({ rule: 4, message: `meeting ${a.meeting} is in slot ${a.slot}, not one of its allowedSlots` });
    }
    if (m.allowedTables && !m.allowedTables.includes(a.table)) {
      out.push({ rule: 4, message: `meeting ${a.meeting} is at table ${a.table}, not one of its allowedTables` });
    }
    // Rule 5.
    if (m.pin && (m.pin.slot !== a.slot || (m.pin.table !== undefined && m.pin.table !== a.table))) {
      out.push({
        rule: 5,
        message: `meeting ${a.meeting} is pinned to ${m.pin.slot}${m.pin.table ? `/${m.pin.table}` : ''} but held at ${a.slot}/${a.table}`,
      });
    }
  }
  // Rule 5: a pinned meeting must be held (unless the schedule declares the pins infeasible).
  if (schedule.status !== 'infeasible') {
    for (const m of problem.meetings) {
      if (m.pin && !schedule.assignments.some((a) => a.meeting === m.id)) {
        out.push({ rule: 5, message: `pinned meeting ${m.id} is not held` });
      }
    }
  }
  // Rule 6.
  for (const [pid, n] of count) {
    const max = people.get(pid)?.maxMeetings;
    if (max !== undefined && n > max)
      out.push({ rule: 6, message: `${pid} attends ${n} meetings but maxMeetings is ${max}` });
  }

  const weight = totalWeight(problem, schedule.assignments);
  const eps = 1e-6 * Math.max(1, Math.abs(weight));
  if (Math.abs(weight - schedule.objective) > eps) {
    out.push({
      rule: 'objective',
      message: `objective is ${schedule.objective} but the held meetings weigh ${weight}`,
    });
  }
  if (schedule.bound !== null && schedule.objective > schedule.bound + eps) {
    out.push({ rule: 'objective', message: `objective ${schedule.objective} exceeds bound ${schedule.bound}` });
  }
  if (schedule.status === 'optimal' && schedule.bound !== null && schedule.bound - schedule.objective > eps) {
    out.push({
      rule: 'objective',
      message: `status is optimal but objective ${schedule.objective} is below bound ${schedule.bound}`,
    });
  }
  const gaps = countIdleGaps(problem, schedule.assignments);
  if (schedule.stats.idleGaps !== gaps)
    out.push({ rule: 'stats', message: `stats.idleGaps is ${schedule.stats.idleGaps} but the schedule has ${gaps}` });
  const gapsBound = schedule.stats.idleGapsBound;
  if (gapsBound !== undefined && gapsBound > gaps) {
    out.push({ rule: 'stats', message: `stats.idleGapsBound ${gapsBound} exceeds the schedule's ${gaps} idle gaps` });
  }
  const without = partiesWithoutMeeting(problem, schedule.assignments).length;
  if (schedule.stats.partiesWithoutMeeting !== without) {
    out.push({
      rule: 'stats',
      message: `stats.partiesWithoutMeeting is ${schedule.stats.partiesWithoutMeeting} but ${without} parties have no meeting`,
    });
  }
  return out;
}
