/**
 * Issue 14, item 2: text from users (names, venue, table names, notes) never adds a line, a property or a
 * parameter to a calendar, whatever control characters, quotes or separators it holds. Parsed back with ical.js.
 */
import type { Agenda, AgendaEvent } from '@clustermatch/domain';
import ICAL from 'ical.js';
import { attendeeCalendar, meetingInvitation, organiserCalendar } from './index';

const INJECT = '\r\nDESCRIPTION:pwn\r\nBEGIN:VEVENT\r\nUID:evil\r\nEND:VEVENT\n';

const event: AgendaEvent = {
  id: 'e1',
  name: `Spring${INJECT}Match; a, b \\ c`,
  venue: `Hall 4${INJECT}\u2028LOCATION:evil`,
  timezone: 'Europe/Berlin',
  organiserName: `CM "Team"${INJECT};ROLE=CHAIR`,
  organiserEmail: 'team@example.org',
} as AgendaEvent;

const agenda: Agenda = {
  person: {
    id: 'p1',
    name: `Eve${INJECT}"x";RSVP=TRUE:mailto:evil@example.org`,
    email: 'eve@example.org',
    party: 'c1',
    partyName: `Eve's Cluster${INJECT}`,
  },
  meetings: [
    {
      meetingId: 'm1',
      sequence: 0,
      status: 'confirmed',
      slotStart: '2027-05-11T09:00:00+02:00',
      slotEnd: '2027-05-11T09:30:00+02:00',
      tableName: `T1${INJECT}`,
      otherParties: [`Other\u0000Cluster${INJECT}`],
      people: [`Ann\u000bBerg${INJECT}`, 'Bo'],
      note: `Line one\r\nLine two\u0007${INJECT}`,
    },
  ],
} as Agenda;

const stamp = new Date(Date.UTC(2027, 1, 1, 12, 0, 0));

/** Every property name per component, in order, from the parsed calendar. */
function shape(text: string): { calendar: string[]; events: string[][]; parsed: ICAL.Component } {
  const parsed = new ICAL.Component(ICAL.parse(text));
  return {
    parsed,
    calendar: parsed.getAllProperties().map((p) => p.name),
    events: parsed.getAllSubcomponents('vevent').map((e) => e.getAllProperties().map((p) => p.name)),
  };
}

/** RFC 5545 3.3.11 TEXT unescaping (ical.js leaves NAME and X-WR-CALNAME as written). */
const unescapeText = (s: string): string =>
  s.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

// eslint-disable-next-line no-control-regex -- looking for control characters
const noControl = (s: string): boolean => !/[\u0000-\u0009\u000b-\u001f\u007f\u2028\u2029]/.test(s);

describe('user text in calendars cannot inject lines, properties or parameters', () => {
  const files = {
    attendee: attendeeCalendar(event, agenda, { stamp }),
    invitation: meetingInvitation(event, agenda, 'm1', { stamp }),
    organiser: organiserCalendar(event, [agenda], { stamp }),
  };

  it.each(Object.entries(files))('keeps the %s calendar to its own properties', (_kind, text) => {
    const { calendar, events, parsed } = shape(text);
    expect(calendar.filter((n) => n === 'description')).toEqual([]);
    expect(calendar.filter((n) => n === 'name')).toHaveLength(1);
    expect(calendar.filter((n) => n === 'x-wr-calname')).toHaveLength(1);
    expect(events).toHaveLength(1);
    const props = events[0] ?? [];
    for (const once of ['uid', 'summary', 'location', 'description', 'organizer'])
      expect([once, props.filter((n) => n === once).length]).toEqual([once, 1]);
    const vevent = parsed.getFirstSubcomponent('vevent');
    expect(vevent?.getFirstPropertyValue('uid')).not.toBe('evil');
    // The text is all there, on one line where it belongs.
    const name = unescapeText(String(parsed.getFirstPropertyValue('x-wr-calname')));
    expect(name).toContain('Spring');
    expect(name).toContain('DESCRIPTION:pwn');
    expect(name).toContain('Match; a, b \\ c');
    expect(noControl(name)).toBe(true);
    expect(unescapeText(String(parsed.getFirstPropertyValue('name')))).toBe(name);
    for (const p of ['summary', 'location'] as const) {
      const v = String(vevent?.getFirstPropertyValue(p));
      expect([p, noControl(v), v.includes('\n')]).toEqual([p, true, false]);
    }
    expect(String(vevent?.getFirstPropertyValue('location'))).toContain('LOCATION:evil');
    const description = String(vevent?.getFirstPropertyValue('description'));
    expect(noControl(description)).toBe(true);
    expect(description).toContain('Line one\nLine two');
    // Quoted parameters hold the whole name and nothing else.
    const organizer = vevent?.getFirstProperty('organizer');
    expect(organizer?.getParameter('cn')).toContain("CM 'Team'");
    expect(organizer?.getParameter('role')).toBeUndefined();
    expect(organizer?.getFirstValue()).toBe('mailto:team@example.org');
  });

  it('gives the attendee of an invitation one CN with the whole name and no extra parameters', () => {
    const { parsed } = shape(files.invitation);
    const attendee = parsed.getFirstSubcomponent('vevent')?.getFirstProperty('attendee');
    expect(attendee?.getParameter('cn')).toMatch(/^Eve DESCRIPTION:pwn .* 'x';RSVP=TRUE:mailto:evil@example\.org$/);
    expect(attendee?.getParameter('rsvp')).toBe('FALSE');
    expect(String(attendee?.getFirstValue()).toLowerCase()).toBe('mailto:eve@example.org');
  });
});
