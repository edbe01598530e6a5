import type { Agenda, AgendaEvent, AgendaMeeting } from '@clustermatch/domain';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import type { ICalCalendar } from 'ical-generator';
import { DateTime, IANAZone } from 'luxon';
import { vtimezone } from './vtimezone';

/**
 * iCalendar files for attendees and organisers.
 *
 * Methods, and why:
 * - Files and subscribed feeds use `METHOD:PUBLISH` (RFC 5546): a PUBLISH object may carry many
 *   UIDs, so one file holds a whole agenda. Outlook, Google and Apple import or subscribe to it;
 *   a later version with the same UID and a higher SEQUENCE updates the event in place, and a
 *   meeting that is no longer held stays in the file with `STATUS:CANCELLED` (and a higher
 *   SEQUENCE) so clients drop or strike it instead of keeping a stale copy.
 * - A mail about one meeting may carry `meetingInvitation()`: `METHOD:REQUEST` (or `CANCEL` when the
 *   meeting is cancelled) with exactly one UID and the recipient as ATTENDEE, which iTIP requires.
 *   Gmail and Outlook then show it as an invitation and update or remove the event on the next
 *   REQUEST/CANCEL with the same UID. RSVP is off: replies go nowhere useful, the schedule is the
 *   organiser's decision.
 */

/** English defaults for the few words a calendar shows; pass others for another language. */
export interface CalendarLabels {
  /** SUMMARY of an attendee's meeting; `{parties}` is replaced by the other cluster names. */
  readonly meetingWith: string;
  /** SUMMARY of a meeting in the organiser's calendar; `{parties}` lists all clusters. */
  readonly organiserMeeting: string;
  readonly people: string;
  readonly note: string;
  readonly table: string;
  readonly cancelled: string;
  readonly agendaName: string;
  readonly organiserName: string;
}

export const englishLabels: CalendarLabels = {
  meetingWith: 'Meeting with {parties}',
  organiserMeeting: '{parties}',
  people: 'People',
  note: 'Note',
  table: 'Table',
  cancelled: 'Cancelled',
  agendaName: '{event}: agenda of {person}',
  organiserName: '{event}: all meetings',
};

export interface CalendarOptions {
  /** DTSTAMP of every event: when this version was generated (the caller's clock). */
  readonly stamp: Date;
  /** The domain part of UIDs, default `clustermatch`. Never change it once calendars are published. */
  readonly uidDomain?: string;
  /** Suggested refresh interval for subscribed feeds (REFRESH-INTERVAL / X-PUBLISHED-TTL). */
  readonly refreshSeconds?: number;
  readonly labels?: CalendarLabels;
}

/** Stable UID of a meeting in one attendee's calendar (or the organiser's when `personId` is omitted). */
export function meetingUid(meetingId: string, personId?: string, domain = 'clustermatch'): string {
  return personId === undefined ? `${meetingId}@${domain}` : `${meetingId}.${personId}@${domain}`;
}

// ---- text in iCalendar: nothing a user typed may start a line of its own (RFC 5545 3.1, 3.2, 3.3.11).
/* eslint-disable no-control-regex -- removing control characters is the point of these helpers */
/** Control characters (line breaks and tabs included), DEL, C1 controls, and the Unicode line separators. */
const CONTROL_RUN = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;
/** The same except line feed, which ical-generator writes as the escape `\n` in TEXT values. */
const CONTROL_RUN_BUT_LF = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029]+/g;
/* eslint-enable no-control-regex */

/** One line of text (SUMMARY, LOCATION, a name): every run of control characters becomes one space. */
const oneLine = (s: string): string => s.replace(CONTROL_RUN, ' ');
/** Text that may span lines (DESCRIPTION, a note): line breaks kept as line feeds, other control characters become spaces. */
const multiLine = (s: string): string => s.replace(/\r\n?/g, '\n').replace(CONTROL_RUN_BUT_LF, ' ');
/**
 * A TEXT value that ical-generator writes without escaping (the calendar's NAME and X-WR-CALNAME): one line,
 * with backslash, semicolon and comma escaped.
 */
const rawTextValue = (s: string): string => oneLine(s).replace(/[\\;,]/g, (c) => `\\${c}`);
/** A quoted parameter value (CN): one line without double quotes, which a quoted value cannot hold. */
const paramValue = (s: string): string => oneLine(s).replace(/"/g, "'");

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole: string, key: string) => values[key] ?? whole);

const joinNames = (names: readonly string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} & ${names[names.length - 1]}`;

function zoned(iso: string, tz: string, path: string): DateTime {
  const t = DateTime.fromISO(iso, { setZone: true });
  if (!t.isValid) throw new RangeError(`${path}: not an ISO 8601 date-time (got "${iso}")`);
  return t.setZone(tz);
}

function newCalendar(
  event: AgendaEvent,
  name: string,
  method: ICalCalendarMethod,
  options: CalendarOptions,
): ICalCalendar {
  const cal = ical({
    name: rawTextValue(name),
    prodId: { company: 'clustermatch', product: 'agenda', language: 'EN' },
    method,
  });
  // Not cal.timezone(): with a calendar zone ical-generator writes DTSTAMP as local time without Z.
  // The zone (X-WR-TIMEZONE and VTIMEZONE) is added by withTimezone().
  if (options.refreshSeconds !== undefined) cal.ttl(options.refreshSeconds);
  return cal;
}

interface EventInput {
  readonly uid: string;
  readonly meeting: AgendaMeeting;
  readonly summary: string;
  readonly attendee?: { readonly name: string; readonly email: string };
}

function addEvent(
  cal: ICalCalendar,
  event: AgendaEvent,
  input: EventInput,
  options: CalendarOptions,
  path: string,
): void {
  const labels = options.labels ?? englishLabels;
  const m = input.meeting;
  const cancelled = m.status === 'cancelled';
  const description = [
    `${labels.people}: ${m.people.map(oneLine).join(', ')}`,
    ...(m.note !== undefined && m.note !== '' ? [`${labels.note}: ${multiLine(m.note)}`] : []),
    oneLine(event.name),
  ].join('\n');
  const e = cal.createEvent({
    id: input.uid,
    sequence: m.sequence,
    stamp: DateTime.fromJSDate(options.stamp, { zone: 'utc' }),
    start: zoned(m.slotStart, event.timezone, `${path}.slotStart`),
    end: zoned(m.slotEnd, event.timezone, `${path}.slotEnd`),
    timezone: event.timezone,
    summary: oneLine(cancelled ? `${labels.cancelled}: ${input.summary}` : input.summary),
    location: oneLine(event.venue !== '' ? `${m.tableName}, ${event.venue}` : m.tableName),
    description,
    organizer: { name: paramValue(event.organiserName), email: event.organiserEmail },
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    transparency: cancelled ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE,
    ...(event.url !== undefined ? { url: event.url } : {}),
  });
  if (input.attendee) {
    e.createAttendee({
      name: paramValue(input.attendee.name),
      email: input.attendee.email,
      role: ICalAttendeeRole.REQ,
      status: cancelled ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
      rsvp: false,
    });
  }
}

/**
 * Adds X-WR-TIMEZONE and our own VTIMEZONE (covering every event, from January 1st of the year
 * before the first to the end of the year after the last) before the first component.
 */
function withTimezone(text: string, tz: string, meetings: readonly AgendaMeeting[]): string {
  let block = `X-WR-TIMEZONE:${tz}\r\n`;
  if (tz !== 'UTC' && meetings.length > 0) {
    const years = meetings
      .flatMap((m) => [Date.parse(m.slotStart), Date.parse(m.slotEnd)])
      .map((t) => new Date(t).getUTCFullYear());
    block += vtimezone(tz, Date.UTC(Math.min(...years) - 1, 0, 1), Date.UTC(Math.max(...years) + 2, 0, 1));
  }
  // Whole lines only: a name may hold the text "BEGIN:VEVENT" (as one line of text, not a line of its own).
  const at = text.indexOf('\r\nBEGIN:VEVENT\r\n');
  const end = text.lastIndexOf('\r\nEND:VCALENDAR');
  const pos = (at >= 0 ? at : end) + 2;
  return text.slice(0, pos) + block + text.slice(pos);
}

function assertEvent(event: AgendaEvent): void {
  if (!IANAZone.isValidZone(event.timezone)) {
    throw new RangeError(`event.timezone: unknown IANA time zone "${event.timezone}"`);
  }
}

/**
 * One attendee's agenda as a VCALENDAR (METHOD:PUBLISH): one VEVENT per meeting, cancelled
 * meetings included as STATUS:CANCELLED. UIDs are `meetingUid(meetingId, personId)`.
 */
export function attendeeCalendar(event: AgendaEvent, agenda: Agenda, options: CalendarOptions): string {
  assertEvent(event);
  const labels = options.labels ?? englishLabels;
  const cal = newCalendar(
    event,
    fill(labels.agendaName, { event: event.name, person: agenda.person.name }),
    ICalCalendarMethod.PUBLISH,
    options,
  );
  agenda.meetings.forEach((m, i) =>
    addEvent(
      cal,
      event,
      {
        uid: meetingUid(m.meetingId, agenda.person.id, options.uidDomain),
        meeting: m,
        summary: fill(labels.meetingWith, { parties: joinNames(m.otherParties) }),
      },
      options,
      `meetings[${i}]`,
    ),
  );
  return withTimezone(cal.toString(), event.timezone, agenda.meetings);
}

/**
 * A single meeting as an iTIP message for a mail attachment: METHOD:REQUEST for a held meeting,
 * METHOD:CANCEL for a cancelled one, with the agenda's owner as ATTENDEE (needs their e-mail).
 * Same UID as in `attendeeCalendar`, so the invitation, the file and the feed are one event.
 */
export function meetingInvitation(
  event: AgendaEvent,
  agenda: Agenda,
  meetingId: string,
  options: CalendarOptions,
): string {
  assertEvent(event);
  const labels = options.labels ?? englishLabels;
  const i = agenda.meetings.findIndex((m) => m.meetingId === meetingId);
  const m = agenda.meetings[i];
  if (!m) throw new RangeError(`meetingId: "${meetingId}" is not in the agenda of ${agenda.person.id}`);
  const email = agenda.person.email;
  if (email === undefined)
    throw new RangeError(
      `person.email: ${agenda.person.id} has no e-mail address, needed as ATTENDEE of an invitation`,
    );
  const method = m.status === 'cancelled' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const cal = newCalendar(
    event,
    fill(labels.agendaName, { event: event.name, person: agenda.person.name }),
    method,
    options,
  );
  addEvent(
    cal,
    event,
    {
      uid: meetingUid(m.meetingId, agenda.person.id, options.uidDomain),
      meeting: m,
      summary: fill(labels.meetingWith, { parties: joinNames(m.otherParties) }),
      attendee: { name: agenda.person.name, email },
    },
    options,
    `meetings[${i}]`,
  );
  return withTimezone(cal.toString(), event.timezone, [m]);
}

/**
 * The organiser's whole-event calendar (METHOD:PUBLISH): one VEVENT per meeting, taken from the
 * attendees' agendas (a meeting appears once, however many attendees it has). UIDs are
 * `meetingUid(meetingId)`, distinct from the attendees' UIDs so both can live in one client.
 */
export function organiserCalendar(event: AgendaEvent, agendas: readonly Agenda[], options: CalendarOptions): string {
  assertEvent(event);
  const labels = options.labels ?? englishLabels;
  const cal = newCalendar(
    event,
    fill(labels.organiserName, { event: event.name }),
    ICalCalendarMethod.PUBLISH,
    options,
  );
  const seen = new Map<string, { meeting: AgendaMeeting; parties: string[] }>();
  for (const a of agendas) {
    for (const m of a.meetings) {
      const entry = seen.get(m.meetingId) ?? { meeting: m, parties: [] };
      for (const p of [a.person.partyName, ...m.otherParties]) if (!entry.parties.includes(p)) entry.parties.push(p);
      seen.set(m.meetingId, entry);
    }
  }
  const all = [...seen.values()].sort(
    (x, y) =>
      Date.parse(x.meeting.slotStart) - Date.parse(y.meeting.slotStart) ||
      (x.meeting.tableName < y.meeting.tableName ? -1 : 1),
  );
  all.forEach(({ meeting, parties }, i) =>
    addEvent(
      cal,
      event,
      {
        uid: meetingUid(meeting.meetingId, undefined, options.uidDomain),
        meeting,
        summary: fill(labels.organiserMeeting, { parties: joinNames(parties) }),
      },
      options,
      `meetings[${i}]`,
    ),
  );
  return withTimezone(
    cal.toString(),
    event.timezone,
    all.map((x) => x.meeting),
  );
}
