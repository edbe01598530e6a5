import type { ContractVersion, Meeting, Problem, Schedule, Table } from './contract';

/** The contract versions a reader accepts (`docs/file-formats.md`). */
export const CONTRACT_VERSIONS: readonly ContractVersion[] = [1, 1.1];

/** One problem with the input, naming the field path (e.g. `meetings[3].people[1]`). */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** Thrown for input that does not parse (e.g. by `solve`); carries every field error. */
export class InvalidInputError extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    this.name = 'InvalidInputError';
  }
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Is the date-time (already matching ISO_WITH_OFFSET) a real one? `Date.parse` quietly rolls
 * 2027-02-30 over to 2 March; this rejects impossible months, days, hours, minutes and offsets.
 */
function isRealDateTime(v: string): boolean {
  const [y, mo, d, h, mi] = [v.slice(0, 4), v.slice(5, 7), v.slice(8, 10), v.slice(11, 13), v.slice(14, 16)].map(
    Number,
  );
  const sec = v[16] === ':' ? Number(v.slice(17, 19)) : 0;
  const off = /([+-])(\d{2}):(\d{2})$/.exec(v);
  if (off && (Number(off[2]) > 23 || Number(off[3]) > 59)) return false;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth && h <= 23 && mi <= 59 && sec <= 59;
}

class Checker {
  readonly errors: FieldError[] = [];
  fail(path: string, message: string): void {
    this.errors.push({ path, message });
  }
  object(v: unknown, path: string): v is Json {
    if (isObject(v)) return true;
    this.fail(path, v === undefined ? 'is required' : 'must be an object');
    return false;
  }
  array(v: unknown, path: string, optional = false): v is unknown[] {
    if (optional && v === undefined) return false;
    if (Array.isArray(v)) return true;
    this.fail(path, v === undefined ? 'is required' : 'must be an array');
    return false;
  }
  string(v: unknown, path: string, optional = false): v is string {
    if (optional && v === undefined) return false;
    if (typeof v === 'string' && v.trim() !== '') return true;
    this.fail(path, v === undefined ? 'is required' : 'must be a non-empty string');
    return false;
  }
  integer(v: unknown, path: string, min: number, optional = false): v is number {
    if (optional && v === undefined) return false;
    if (typeof v === 'number' && Number.isInteger(v) && v >= min) return true;
    this.fail(path, v === undefined ? 'is required' : `must be an integer >= ${min}`);
    return false;
  }
  /** The contract version: 1, or 1.1 for a file that uses a 1.1 field. */
  version(v: unknown): void {
    if (!CONTRACT_VERSIONS.includes(v as ContractVersion))
      this.fail('version', `must be 1 or 1.1 (got ${JSON.stringify(v)})`);
  }
  /** An optional list of known ids (e.g. `allowedSlots`), each reported when unknown. */
  idList(v: unknown, path: string, known: ReadonlyMap<string, string>, kind: string): void {
    if (!this.array(v, path, true)) return;
    (v as unknown[]).forEach((x, j) => {
      if (this.string(x, `${path}[${j}]`) && !known.has(x as string))
        this.fail(`${path}[${j}]`, `unknown ${kind} "${String(x)}"`);
    });
  }
  unknownKeys(o: Json, path: string, allowed: readonly string[]): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) this.fail(`${path}.${k}`.replace(/^\./, ''), 'is not a field of the contract');
    }
  }
  /** Records ids, reporting duplicates; returns the id if it is a usable string. */
  id(v: unknown, path: string, seen: Map<string, string>, kind: string): string | undefined {
    if (!this.string(v, path)) return undefined;
    const first = seen.get(v);
    if (first !== undefined) {
      this.fail(path, `duplicate ${kind} id "${v}" (first at ${first})`);
      return undefined;
    }
    seen.set(v, path);
    return v;
  }
}

/** Is `tz` an IANA time zone this runtime knows? */
export function isValidTimeZone(tz: string): boolean {
  if (validZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    validZones.add(tz);
    return true;
  } catch {
    return false;
  }
}
/** Zones already found valid (a formatter is costly to build; a solve parses the problem more than once). */
const validZones = new Set<string>();

/**
 * Reads and checks a problem file (contract version 1). Reports every structural problem with
 * its field path: missing fields, wrong types, duplicate or unknown ids, overlapping slots,
 * weight <= 0, and pins that break rules 2-4 or 6 or clash with one another.
 */
export function parseProblem(input: unknown): ParseResult<Problem> {
  const c = new Checker();
  if (!c.object(input, '(root)')) return { ok: false, errors: c.errors };
  c.unknownKeys(input, '', ['version', 'event', 'slots', 'tables', 'people', 'meetings']);
  c.version(input['version']);

  const event = input['event'];
  if (event !== undefined && c.object(event, 'event')) {
    c.unknownKeys(event, 'event', ['name', 'timezone']);
    c.string(event['name'], 'event.name', true);
    if (c.string(event['timezone'], 'event.timezone', true) && !isValidTimeZone(event['timezone'] as string)) {
      c.fail('event.timezone', `unknown IANA time zone "${String(event['timezone'])}"`);
    }
  }

  const slotIds = new Map<string, string>();
  const intervals: { id: string; start: number; end: number; path: string }[] = [];
  if (c.array(input['slots'], 'slots')) {
    (input['slots'] as unknown[]).forEach((s, i) => {
      const p = `slots[${i}]`;
      if (!c.object(s, p)) return;
      c.unknownKeys(s, p, ['id', 'start', 'end']);
      const id = c.id(s['id'], `${p}.id`, slotIds, 'slot');
      const times: number[] = [];
      for (const f of ['start', 'end'] as const) {
        const v = s[f];
        if (!c.string(v, `${p}.${f}`)) continue;
        const t = Date.parse(v as string);
        if (!ISO_WITH_OFFSET.test(v as string) || Number.isNaN(t)) {
          c.fail(
            `${p}.${f}`,
            `must be an ISO 8601 date-time with an offset, e.g. 2027-05-11T09:00:00+02:00 (got "${String(v)}")`,
          );
        } else if (!isRealDateTime(v as string)) {
          c.fail(`${p}.${f}`, `is not a real date and time (got "${String(v)}")`);
        } else times.push(t);
      }
      if (times.length === 2) {
        if (times[1] <= times[0]) c.fail(`${p}.end`, 'must be after start');
        else if (id !== undefined) intervals.push({ id, start: times[0], end: times[1], path: p });
      }
    });
    intervals.sort((a, b) => a.start - b.start);
    for (let i = 1; i < intervals.length; i++) {
      if (intervals[i].start < intervals[i - 1].end) {
        c.fail(intervals[i].path, `slot "${intervals[i].id}" overlaps slot "${intervals[i - 1].id}"`);
      }
    }
  }

  const tableIds = new Map<string, string>();
  const seats = new Map<string, number>();
  if (c.array(input['tables'], 'tables')) {
    (input['tables'] as unknown[]).forEach((t, i) => {
      const p = `tables[${i}]`;
      if (!c.object(t, p)) return;
      c.unknownKeys(t, p, ['id', 'seats', 'name']);
      const id = c.id(t['id'], `${p}.id`, tableIds, 'table');
      if (c.integer(t['seats'], `${p}.seats`, 1) && id !== undefined) seats.set(id, t['seats'] as number);
      c.string(t['name'], `${p}.name`, true);
    });
  }

  const personIds = new Map<string, string>();
  const personUnavailable = new Map<string, Set<string>>();
  if (c.array(input['people'], 'people')) {
    (input['people'] as unknown[]).forEach((q, i) => {
      const p = `people[${i}]`;
      if (!c.object(q, p)) return;
      c.unknownKeys(q, p, ['id', 'party', 'name', 'email', 'unavailable', 'maxMeetings']);
      const id = c.id(q['id'], `${p}.id`, personIds, 'person');
      c.string(q['party'], `${p}.party`);
      c.string(q['name'], `${p}.name`, true);
      c.string(q['email'], `${p}.email`, true);
      c.integer(q['maxMeetings'], `${p}.maxMeetings`, 0, true);
      const un = new Set<string>();
      if (c.array(q['unavailable'], `${p}.unavailable`, true)) {
        (q['unavailable'] as unknown[]).forEach((s, j) => {
          if (!c.string(s, `${p}.unavailable[${j}]`)) return;
          if (!slotIds.has(s as string)) c.fail(`${p}.unavailable[${j}]`, `unknown slot "${String(s)}"`);
          un.add(s as string);
        });
      }
      if (id !== undefined) personUnavailable.set(id, un);
    });
  }

  const meetingIds = new Map<string, string>();
  if (c.array(input['meetings'], 'meetings')) {
    (input['meetings'] as unknown[]).forEach((m, i) => {
      const p = `meetings[${i}]`;
      if (!c.object(m, p)) return;
      c.unknownKeys(m, p, ['id', 'people', 'weight', 'allowedSlots', 'allowedTables', 'pin', 'title']);
      c.id(m['id'], `${p}.id`, meetingIds, 'meeting');
      c.string(m['title'], `${p}.title`, true);
      const w = m['weight'];
      if (typeof w !== 'number' || !Number.isFinite(w))
        c.fail(`${p}.weight`, w === undefined ? 'is required' : 'must be a number');
      else if (w <= 0) c.fail(`${p}.weight`, `must be > 0 (got ${w})`);
      if (c.array(m['people'], `${p}.people`)) {
        const ps = m['people'] as unknown[];
        if (ps.length < 2) c.fail(`${p}.people`, 'a meeting needs at least 2 people');
        const seen = new Set<string>();
        ps.forEach((x, j) => {
          if (!c.string(x, `${p}.people[${j}]`)) return;
          if (!personIds.has(x as string)) c.fail(`${p}.people[${j}]`, `unknown person "${String(x)}"`);
          if (seen.has(x as string)) c.fail(`${p}.people[${j}]`, `person "${String(x)}" is listed twice`);
          seen.add(x as string);
        });
      }
      c.idList(m['allowedSlots'], `${p}.allowedSlots`, slotIds, 'slot');
      c.idList(m['allowedTables'], `${p}.allowedTables`, tableIds, 'table');
      const pin = m['pin'];
      if (pin !== undefined && c.object(pin, `${p}.pin`)) {
        c.unknownKeys(pin, `${p}.pin`, ['slot', 'table']);
        if (c.string(pin['slot'], `${p}.pin.slot`) && !slotIds.has(pin['slot'] as string)) {
          c.fail(`${p}.pin.slot`, `unknown slot "${String(pin['slot'])}"`);
        }
        if (c.string(pin['table'], `${p}.pin.table`, true) && !tableIds.has(pin['table'] as string)) {
          c.fail(`${p}.pin.table`, `unknown table "${String(pin['table'])}"`);
        }
      }
    });
    // Objectives and bounds are sums of weights: they must stay finite numbers (JSON has no Infinity).
    let total = 0;
    for (const m of input['meetings'] as unknown[]) {
      const w = typeof m === 'object' && m !== null ? (m as Record<string, unknown>)['weight'] : undefined;
      if (typeof w === 'number' && Number.isFinite(w) && w > 0) total += w;
    }
    if (!Number.isFinite(total))
      c.fail('meetings', `the weights add up to more than ${Number.MAX_VALUE}; use smaller weights`);
  }

  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  const problem = input as unknown as Problem;
  const pinErrors = checkPins(problem);
  if (pinErrors.length > 0) return { ok: false, errors: pinErrors };
  return { ok: true, value: problem };
}

/**
 * Checks that the pins of a structurally valid problem can all hold together (contract rule 5):
 * each pin obeys rules 2-4 and 6 and no two pins clash. Returns one error per broken pin.
 */
export function checkPins(problem: Problem): FieldError[] {
  const errors: FieldError[] = [];
  const people = new Map(problem.people.map((p) => [p.id, p]));
  const seats = new Map(problem.tables.map((t) => [t.id, t.seats]));
  const personSlot = new Map<string, string>(); // `${person}|${slot}` -> meeting id
  const tableSlot = new Map<string, string>();
  const pinnedCount = new Map<string, number>();
  const pinned = problem.meetings.flatMap((m, i) => (m.pin ? [{ m, i, pin: m.pin }] : []));
  for (const { m, i, pin } of pinned) {
    const path = `meetings[${i}].pin`;
    if (m.allowedSlots && !m.allowedSlots.includes(pin.slot)) {
      errors.push({
        path: `${path}.slot`,
        message: `meeting ${m.id} is pinned to slot ${pin.slot}, which is not among its allowedSlots`,
      });
    }
    for (const pid of m.people) {
      const person = people.get(pid);
      if (person?.unavailable?.includes(pin.slot)) {
        errors.push({
          path: `${path}.slot`,
          message: `meeting ${m.id} is pinned to slot ${pin.slot}, where ${pid} is unavailable`,
        });
      }
      const key = `${pid}|${pin.slot}`;
      const other = personSlot.get(key);
      if (other !== undefined) {
        errors.push({
          path: `${path}.slot`,
          message: `meeting ${m.id} and meeting ${other} are both pinned to slot ${pin.slot} and both need ${pid}`,
        });
      } else personSlot.set(key, m.id);
      pinnedCount.set(pid, (pinnedCount.get(pid) ?? 0) + 1);
    }
    if (pin.table !== undefined && m.allowedTables && !m.allowedTables.includes(pin.table)) {
      errors.push({
        path: `${path}.table`,
        message: `meeting ${m.id} is pinned to table ${pin.table}, which is not among its allowedTables`,
      });
    }
    if (pin.table !== undefined) {
      const s = seats.get(pin.table) ?? 0;
      if (s < m.people.length) {
        errors.push({
          path: `${path}.table`,
          message: `meeting ${m.id} has ${m.people.length} people but its pinned table ${pin.table} has ${s} seats`,
        });
      }
      const key = `${pin.table}|${pin.slot}`;
      const other = tableSlot.get(key);
      if (other !== undefined) {
        errors.push({
          path: `${path}.table`,
          message: `meeting ${m.id} and meeting ${other} are both pinned to table ${pin.table} in slot ${pin.slot}`,
        });
      } else tableSlot.set(key, m.id);
    }
  }
  // Pins without a table still need one: per slot, a matching of those meetings to the free tables
  // that seat them (and that their allowedTables list, if any, names).
  const bySlot = new Map<string, typeof pinned>();
  for (const x of pinned) bySlot.set(x.pin.slot, [...(bySlot.get(x.pin.slot) ?? []), x]);
  for (const [slot, list] of bySlot) {
    const used = new Set(list.flatMap((x) => (x.pin.table !== undefined ? [x.pin.table] : [])));
    const free = problem.tables.filter((t) => !used.has(t.id));
    const loose = list.filter((x) => x.pin.table === undefined);
    const unmatched = unmatchedMeetings(
      loose.map((x) => free.flatMap((t, k) => (fitsTable(x.m, t) ? [k] : []))),
      free.length,
    );
    for (const k of unmatched) {
      const x = loose[k];
      const among = x.m.allowedTables ? ' among its allowedTables' : '';
      errors.push({
        path: `meetings[${x.i}].pin`,
        message: `no free table${among} with ${x.m.people.length} seats left in slot ${slot} for pinned meeting ${x.m.id}`,
      });
    }
  }
  for (const [pid, n] of pinnedCount) {
    const max = people.get(pid)?.maxMeetings;
    if (max !== undefined && n > max) {
      const i = problem.people.findIndex((p) => p.id === pid);
      errors.push({
        path: `people[${i}].maxMeetings`,
        message: `${pid} has ${n} pinned meetings but maxMeetings is ${max}`,
      });
    }
  }
  return errors;
}

/** Can meeting `m` use table `t` (enough seats, and among its allowedTables if it has that list)? */
export function fitsTable(m: Meeting, t: Table): boolean {
  return t.seats >= m.people.length && (m.allowedTables === undefined || m.allowedTables.includes(t.id));
}

/**
 * A maximum matching of items to places (Kuhn's augmenting paths), where `options[i]` lists the
 * places item i may take among `places`. Returns the items left without a place (none when all fit).
 */
export function unmatchedMeetings(options: readonly (readonly number[])[], places: number): number[] {
  const holder = new Int32Array(places).fill(-1);
  const augment = (i: number, seen: Uint8Array): boolean => {
    for (const k of options[i]) {
      if (seen[k]) continue;
      seen[k] = 1;
      if (holder[k] < 0 || augment(holder[k], seen)) {
        holder[k] = i;
        return true;
      }
    }
    return false;
  };
  const out: number[] = [];
  options.forEach((_, i) => {
    if (!augment(i, new Uint8Array(places))) out.push(i);
  });
  return out;
}

/** Reads a schedule file (contract version 1), checking its shape only (rules: `validateSchedule`). */
export function parseSchedule(input: unknown): ParseResult<Schedule> {
  const c = new Checker();
  if (!c.object(input, '(root)')) return { ok: false, errors: c.errors };
  c.version(input['version']);
  if (!['optimal', 'feasible', 'infeasible', 'timedout'].includes(input['status'] as string)) {
    c.fail('status', 'must be one of optimal, feasible, infeasible, timedout');
  }
  if (typeof input['objective'] !== 'number') c.fail('objective', 'must be a number');
  if (input['bound'] !== null && typeof input['bound'] !== 'number') c.fail('bound', 'must be a number or null');
  if (c.array(input['assignments'], 'assignments')) {
    (input['assignments'] as unknown[]).forEach((a, i) => {
      const p = `assignments[${i}]`;
      if (!c.object(a, p)) return;
      c.string(a['meeting'], `${p}.meeting`);
      c.string(a['slot'], `${p}.slot`);
      c.string(a['table'], `${p}.table`);
    });
  }
  if (c.array(input['unscheduled'], 'unscheduled')) {
    (input['unscheduled'] as unknown[]).forEach((u, i) => {
      const p = `unscheduled[${i}]`;
      if (!c.object(u, p)) return;
      c.string(u['meeting'], `${p}.meeting`);
      c.string(u['reason'], `${p}.reason`);
    });
  }
  if (c.object(input['stats'], 'stats')) {
    const st = input['stats'] as Json;
    for (const f of ['seconds', 'idleGaps', 'partiesWithoutMeeting']) {
      if (typeof st[f] !== 'number') c.fail(`stats.${f}`, 'must be a number');
    }
    if (st['idleGapsBound'] !== undefined) c.integer(st['idleGapsBound'], 'stats.idleGapsBound', 0);
  }
  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return { ok: true, value: input as unknown as Schedule };
}
