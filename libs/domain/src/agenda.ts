import type { Problem, Schedule } from './contract';

/**
 * Plain data for an attendee's agenda: what calendars (`@clustermatch/calendar`) and mails
 * (`@clustermatch/mail`) are made from. No ORM, no clock: the service maps its entities to these.
 *
 * @example
 * ```ts
 * const agendas = agendasFromSchedule(problem, schedule, {
 *   event: { venue: 'Messe Halle 4', organiserName: 'CM Team', organiserEmail: 'team@example.org' },
 *   partyNames: { c1: 'Agri-Food Cluster' },
 *   notes: { m1: 'Robotics for greenhouses' },
 * });
 * ```
 */

/** The event as calendars and mails show it. `timezone` is the IANA zone all times are shown in. */
export interface AgendaEvent {
  readonly name: string;
  readonly venue: string;
  readonly timezone: string;
  readonly organiserName: string;
  readonly organiserEmail: string;
  /** A public page of the event, if any. */
  readonly url?: string;
}

/** The person an agenda belongs to. */
export interface AgendaPerson {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  /** The person's party (cluster) id. */
  readonly party: string;
  /** The party's display name (its id if none is known). */
  readonly partyName: string;
}

export type AgendaMeetingStatus = 'confirmed' | 'cancelled';

/** One meeting in a person's agenda. */
export interface AgendaMeeting {
  readonly meetingId: string;
  /** ISO 8601 with an offset, e.g. `2027-05-11T09:00:00+02:00`. */
  readonly slotStart: string;
  readonly slotEnd: string;
  readonly tableName: string;
  /** Display names of the other parties (clusters) at the meeting, not the person's own. */
  readonly otherParties: readonly string[];
  /** Display names of everyone attending, the agenda's owner included. */
  readonly people: readonly string[];
  /** The request's note (what the meeting is about), if any. */
  readonly note?: string;
  readonly status: AgendaMeetingStatus;
  /** Revision of the published meeting: 0 when first published, +1 each time it moves or is cancelled. */
  readonly sequence: number;
}

/** A person's agenda: their meetings in chronological order. */
export interface Agenda {
  readonly person: AgendaPerson;
  readonly meetings: readonly AgendaMeeting[];
}

/** What a contract problem and schedule do not carry; all optional. */
export interface AgendaExtra {
  /** Defaults: the problem's event name (or "Matchmaking"), its time zone (or UTC), venue "", organiser "Organiser" / "organiser@localhost". */
  readonly event?: Partial<AgendaEvent>;
  /** Party (cluster) id -> display name. */
  readonly partyNames?: Readonly<Record<string, string>>;
  /** Meeting id -> the request's note. Falls back to the meeting's `title`. */
  readonly notes?: Readonly<Record<string, string>>;
  /** Meeting id -> SEQUENCE of the published meeting (default 0). */
  readonly sequences?: Readonly<Record<string, number>>;
  /** Meetings published earlier and now cancelled: kept in the agendas with status `cancelled`. */
  readonly cancelled?: readonly CancelledMeeting[];
}

/** A meeting that was published at a slot and table and is no longer held. */
export interface CancelledMeeting {
  readonly meeting: string;
  readonly slot: string;
  readonly table: string;
}

/** The event of an agenda from a problem and optional overrides. */
export function agendaEvent(problem: Problem, extra: Partial<AgendaEvent> = {}): AgendaEvent {
  return {
    name: extra.name ?? problem.event?.name ?? 'Matchmaking',
    venue: extra.venue ?? '',
    timezone: extra.timezone ?? problem.event?.timezone ?? 'UTC',
    organiserName: extra.organiserName ?? 'Organiser',
    organiserEmail: extra.organiserEmail ?? 'organiser@localhost',
    ...(extra.url !== undefined ? { url: extra.url } : {}),
  };
}

/**
 * Turns a contract problem and schedule into one agenda per person who has at least one meeting
 * (held, or cancelled and listed in `extra.cancelled`), sorted by person id; each agenda's meetings
 * are sorted by start time. Assignments naming unknown meetings, slots or tables are skipped
 * (check the schedule with `validateSchedule` first).
 */
export function agendasFromSchedule(problem: Problem, schedule: Schedule, extra: AgendaExtra = {}): Agenda[] {
  const slots = new Map(problem.slots.map((s) => [s.id, s]));
  const tables = new Map(problem.tables.map((t) => [t.id, t]));
  const meetings = new Map(problem.meetings.map((m) => [m.id, m]));
  const people = new Map(problem.people.map((p) => [p.id, p]));
  const partyName = (party: string): string => extra.partyNames?.[party] ?? party;
  const personName = (id: string): string => people.get(id)?.name ?? id;

  const byPerson = new Map<string, AgendaMeeting[]>();
  const add = (meetingId: string, slotId: string, tableId: string, status: AgendaMeetingStatus): void => {
    const m = meetings.get(meetingId);
    const slot = slots.get(slotId);
    const table = tables.get(tableId);
    if (!m || !slot || !table) return;
    const note = extra.notes?.[m.id] ?? m.title;
    for (const pid of m.people) {
      const own = people.get(pid)?.party;
      const others: string[] = [];
      for (const q of m.people) {
        const party = people.get(q)?.party ?? q;
        if (party !== own && !others.includes(partyName(party))) others.push(partyName(party));
      }
      const entry: AgendaMeeting = {
        meetingId: m.id,
        slotStart: slot.start,
        slotEnd: slot.end,
        tableName: table.name ?? table.id,
        otherParties: others,
        people: m.people.map(personName),
        ...(note !== undefined ? { note } : {}),
        status,
        sequence: extra.sequences?.[m.id] ?? 0,
      };
      byPerson.set(pid, [...(byPerson.get(pid) ?? []), entry]);
    }
  };
  for (const a of schedule.assignments) add(a.meeting, a.slot, a.table, 'confirmed');
  const held = new Set(schedule.assignments.map((a) => a.meeting));
  for (const c of extra.cancelled ?? []) if (!held.has(c.meeting)) add(c.meeting, c.slot, c.table, 'cancelled');

  return [...byPerson.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([pid, list]) => {
      const p = people.get(pid);
      const party = p?.party ?? pid;
      return {
        person: {
          id: pid,
          name: p?.name ?? pid,
          ...(p?.email !== undefined ? { email: p.email } : {}),
          party,
          partyName: partyName(party),
        },
        meetings: [...list].sort(
          (x, y) => Date.parse(x.slotStart) - Date.parse(y.slotStart) || (x.meetingId < y.meetingId ? -1 : 1),
        ),
      };
    });
}

/** What happened to one meeting of a person between two versions of their agenda. */
export type AgendaChange =
  | { readonly kind: 'added'; readonly after: AgendaMeeting }
  | { readonly kind: 'moved'; readonly before: AgendaMeeting; readonly after: AgendaMeeting }
  | { readonly kind: 'cancelled'; readonly before: AgendaMeeting };

/**
 * The changes between a person's published agenda and a new one: meetings added, moved (other
 * time or table) or cancelled. An empty list means the person need not be told anything.
 */
export function agendaChanges(before: Agenda | undefined, after: Agenda | undefined): AgendaChange[] {
  const live = (a: Agenda | undefined): Map<string, AgendaMeeting> =>
    new Map((a?.meetings ?? []).filter((m) => m.status === 'confirmed').map((m) => [m.meetingId, m]));
  const old = live(before);
  const now = live(after);
  const changes: AgendaChange[] = [];
  for (const [id, b] of old) {
    const a = now.get(id);
    if (!a) changes.push({ kind: 'cancelled', before: b });
    else if (
      Date.parse(a.slotStart) !== Date.parse(b.slotStart) ||
      Date.parse(a.slotEnd) !== Date.parse(b.slotEnd) ||
      a.tableName !== b.tableName
    ) {
      changes.push({ kind: 'moved', before: b, after: a });
    }
  }
  for (const [id, a] of now) if (!old.has(id)) changes.push({ kind: 'added', after: a });
  const at = (c: AgendaChange): number => Date.parse(c.kind === 'cancelled' ? c.before.slotStart : c.after.slotStart);
  return changes.sort((x, y) => at(x) - at(y));
}

/**
 * The SEQUENCE of each meeting in a new version of a published schedule: unchanged when the
 * meeting keeps its slot and table, +1 when it moves or is cancelled, 0 when it is new.
 * `previous` is the published placement and sequence per meeting id.
 */
export function nextSequences(
  previous: Readonly<
    Record<
      string,
      { readonly slot: string; readonly table: string; readonly sequence: number; readonly cancelled?: boolean }
    >
  >,
  schedule: Schedule,
): Record<string, number> {
  const out: Record<string, number> = {};
  const held = new Map(schedule.assignments.map((a) => [a.meeting, a]));
  for (const [id, p] of Object.entries(previous)) {
    const a = held.get(id);
    if (p.cancelled) out[id] = a ? p.sequence + 1 : p.sequence;
    else if (!a) out[id] = p.sequence + 1;
    else out[id] = a.slot === p.slot && a.table === p.table ? p.sequence : p.sequence + 1;
  }
  for (const a of schedule.assignments) if (!(a.meeting in out)) out[a.meeting] = 0;
  return out;
}

/**
 * Who must hear about a new version of a published schedule, and what changed for each: every
 * person whose agenda gained, lost or moved a meeting. People without changes are left out. A
 * person who lost every meeting gets their (empty or all-cancelled) new agenda.
 */
export function affectedAttendees(
  before: readonly Agenda[],
  after: readonly Agenda[],
): { agenda: Agenda; changes: AgendaChange[] }[] {
  const old = new Map(before.map((a) => [a.person.id, a]));
  const now = new Map(after.map((a) => [a.person.id, a]));
  const ids = [...new Set([...old.keys(), ...now.keys()])].sort();
  const out: { agenda: Agenda; changes: AgendaChange[] }[] = [];
  for (const id of ids) {
    const b = old.get(id);
    const a = now.get(id);
    const changes = agendaChanges(b, a);
    const agenda = a ?? (b ? { person: b.person, meetings: [] } : undefined);
    if (changes.length > 0 && agenda) out.push({ agenda, changes });
  }
  return out;
}
