import type { Agenda, AgendaEvent, Problem, Schedule } from '@clustermatch/domain';
import { agendasFromSchedule, nextSequences } from '@clustermatch/domain';
import ICAL from 'ical.js';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { attendeeCalendar, meetingInvitation, meetingUid, organiserCalendar, vtimezone } from './index';

// A small event in Berlin across the start of summer time (Sunday 28 March 2027, 02:00 -> 03:00).
const problem: Problem = {
  version: 1,
  event: { name: 'Spring Match 2027', timezone: 'Europe/Berlin' },
  slots: [
    { id: 's1', start: '2027-03-26T09:00:00+01:00', end: '2027-03-26T09:30:00+01:00' },
    { id: 's2', start: '2027-03-28T01:30:00+01:00', end: '2027-03-28T03:30:00+02:00' },
    { id: 's3', start: '2027-03-29T09:00:00+02:00', end: '2027-03-29T09:30:00+02:00' },
    // Written with a UTC offset: the calendar must still show it at 10:00 Berlin time.
    { id: 's4', start: '2027-03-29T08:00:00Z', end: '2027-03-29T08:30:00Z' },
  ],
  tables: [
    { id: 'T1', seats: 4, name: 'Table 1' },
    { id: 'T2', seats: 4 },
  ],
  people: [
    { id: 'a1', party: 'ca', name: 'Ana Berg', email: 'ana@example.org' },
    { id: 'b1', party: 'cb', name: 'Bo Lund', email: 'bo@example.org' },
    { id: 'c1', party: 'cc', name: 'Cai Ortiz' },
  ],
  meetings: [
    { id: 'm1', people: ['a1', 'b1'], weight: 10, title: 'Robots, <greenhouses> & "AI"' },
    { id: 'm2', people: ['a1', 'b1', 'c1'], weight: 5 },
    { id: 'm3', people: ['b1', 'c1'], weight: 3 },
  ],
};
const schedule: Schedule = {
  version: 1,
  status: 'feasible',
  objective: 18,
  bound: null,
  assignments: [
    { meeting: 'm1', slot: 's2', table: 'T1' },
    { meeting: 'm2', slot: 's1', table: 'T2' },
    { meeting: 'm3', slot: 's4', table: 'T1' },
  ],
  unscheduled: [],
  stats: { seconds: 0, idleGaps: 0, partiesWithoutMeeting: 0 },
};
const names = { ca: 'Agri-Food Cluster', cb: 'Robotics Valley', cc: 'Cleantech Hub' };
const eventExtra = { venue: 'Messe Halle 4', organiserName: 'CM Team', organiserEmail: 'team@example.org' };
const stamp = new Date(Date.UTC(2027, 1, 1, 12, 0, 0));

interface ParsedEvent {
  uid: string;
  sequence: number;
  start: number;
  end: number;
  startLocal: string;
  tzid: string;
  summary: string;
  location: string;
  description: string;
  status: string;
  organizer: string;
}

/** Parses with ical.js, registering only the file's own VTIMEZONEs (ical.js has no zone database). */
function parse(text: string): { cal: ICAL.Component; events: ParsedEvent[] } {
  ICAL.TimezoneService.reset();
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const vtz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  const events = cal.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    return {
      uid: e.uid,
      sequence: e.sequence,
      start: e.startDate.toUnixTime(),
      end: e.endDate.toUnixTime(),
      startLocal: e.startDate.toString(),
      tzid: e.startDate.zone?.tzid ?? '',
      summary: e.summary,
      location: e.location,
      description: e.description,
      status: String(c.getFirstPropertyValue('status')),
      organizer: String(c.getFirstPropertyValue('organizer')),
    };
  });
  return { cal, events };
}

const epoch = (iso: string): number => Date.parse(iso) / 1000;

interface Rendered {
  januaryOffset: number;
  attendees: Record<string, string>;
  organiser: string;
  vtimezone: string;
}

/** Renders in a child process whose TZ really is `tz` (see test-support/render-in-child.ts). */
function renderIn(tz: string, event: AgendaEvent, agendas: readonly Agenda[]): Rendered {
  const out = execFileSync(
    process.execPath,
    ['-r', '@swc-node/register', path.join(__dirname, '../test-support/render-in-child.ts')],
    {
      cwd: path.join(__dirname, '../../..'),
      env: { ...process.env, TZ: tz },
      input: JSON.stringify({ event, agendas, stamp: stamp.toISOString() }),
      encoding: 'utf8',
    },
  );
  return JSON.parse(out) as Rendered;
}

function build(
  extra: Parameters<typeof agendasFromSchedule>[2] = {},
  sched: Schedule = schedule,
): { event: AgendaEvent; agendas: Agenda[] } {
  const agendas = agendasFromSchedule(problem, sched, { event: eventExtra, partyNames: names, ...extra });
  const event: AgendaEvent = { name: 'Spring Match 2027', timezone: 'Europe/Berlin', ...eventExtra };
  return { event, agendas };
}

describe('attendeeCalendar', () => {
  describe.each(['UTC', 'America/New_York'])('in a process with TZ=%s', (tz) => {
    const { event, agendas } = build();
    const here = renderIn(tz, event, agendas);
    const there = renderIn(tz === 'UTC' ? 'America/New_York' : 'UTC', event, agendas);

    it('runs in that zone (the check of the check)', () => {
      expect(here.januaryOffset).toBe(tz === 'UTC' ? 0 : 300);
    });

    it('gives every meeting its instant, in Europe/Berlin with TZID, across the DST change', () => {
      const { events } = parse(here.attendees['a1']);
      expect(events.map((e) => [e.uid, e.start, e.end])).toEqual([
        ['m2.a1@clustermatch', epoch('2027-03-26T09:00:00+01:00'), epoch('2027-03-26T09:30:00+01:00')],
        ['m1.a1@clustermatch', epoch('2027-03-28T01:30:00+01:00'), epoch('2027-03-28T03:30:00+02:00')],
      ]);
      expect(events.map((e) => e.tzid)).toEqual(['Europe/Berlin', 'Europe/Berlin']);
      expect(events[1].startLocal).toBe('2027-03-28T01:30:00');
      expect(here.attendees['a1']).toContain('DTEND;TZID=Europe/Berlin:20270328T033000');
      // A slot written in UTC is shown at its Berlin local time.
      expect(here.attendees['b1']).toContain('DTSTART;TZID=Europe/Berlin:20270329T100000');
      expect(parse(here.attendees['b1']).events.find((e) => e.uid === 'm3.b1@clustermatch')?.start).toBe(
        epoch('2027-03-29T08:00:00Z'),
      );
      expect(parse(here.organiser).events.map((e) => e.start)).toEqual([
        epoch('2027-03-26T09:00:00+01:00'),
        epoch('2027-03-28T01:30:00+01:00'),
        epoch('2027-03-29T08:00:00Z'),
      ]);
    });

    it('writes byte-identical files whatever the process zone', () => {
      expect(here.attendees).toEqual(there.attendees);
      expect(here.organiser).toBe(there.organiser);
      expect(here.vtimezone).toBe(there.vtimezone);
    });

    it('has the Berlin offsets on both sides of the March and October changes in its VTIMEZONE', () => {
      const comp = new ICAL.Component(
        ICAL.parse(`BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n${here.vtimezone}END:VCALENDAR\r\n`),
      );
      const vtz = comp.getFirstSubcomponent('vtimezone');
      if (!vtz) throw new Error('no VTIMEZONE');
      const zone = new ICAL.Timezone(vtz);
      const offsetAt = (local: string): number => zone.utcOffset(ICAL.Time.fromDateTimeString(local));
      expect(offsetAt('2027-03-28T01:59:00')).toBe(3600);
      expect(offsetAt('2027-03-28T03:00:00')).toBe(7200);
      expect(offsetAt('2027-10-31T01:00:00')).toBe(7200);
      expect(offsetAt('2027-10-31T04:00:00')).toBe(3600);
      expect(offsetAt('2026-07-01T12:00:00')).toBe(7200);
      expect(offsetAt('2027-01-15T12:00:00')).toBe(3600);
      expect(offsetAt('2029-07-01T12:00:00')).toBe(7200); // the yearly rule goes on
      expect(here.vtimezone).toContain(
        'BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT',
      );
      expect(here.vtimezone).toContain(
        'BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD',
      );
      expect(here.vtimezone.match(/BEGIN:(STANDARD|DAYLIGHT)/g)).toHaveLength(2);
      // The calendar files carry the same kind of VTIMEZONE.
      expect(
        parse(here.attendees['a1'])
          .cal.getAllSubcomponents('vtimezone')
          .map((c) => c.getFirstPropertyValue('tzid')),
      ).toEqual(['Europe/Berlin']);
    });
  });

  it('names the other clusters, the table and venue, the people and the note, the event as organiser', () => {
    const { event, agendas } = build();
    const ana = agendas.find((a) => a.person.id === 'a1');
    if (!ana) throw new Error('no agenda for a1');
    const { cal, events } = parse(attendeeCalendar(event, ana, { stamp }));
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    const [m2, m1] = events;
    expect(m1.summary).toBe('Meeting with Robotics Valley');
    expect(m2.summary).toBe('Meeting with Robotics Valley & Cleantech Hub');
    expect(m1.location).toBe('Table 1, Messe Halle 4');
    expect(m2.location).toBe('T2, Messe Halle 4');
    expect(m1.description).toContain('People: Ana Berg, Bo Lund');
    expect(m1.description).toContain('Note: Robots, <greenhouses> & "AI"');
    expect(m2.description).toContain('People: Ana Berg, Bo Lund, Cai Ortiz');
    expect(m1.organizer).toBe('mailto:team@example.org');
    expect(m1.status).toBe('CONFIRMED');
    expect(m1.sequence).toBe(0);
  });

  it('keeps UIDs across versions, raises SEQUENCE when a meeting moves and sends CANCELLED when it is dropped', () => {
    const v1 = build();
    const published = Object.fromEntries(
      schedule.assignments.map((a) => [a.meeting, { slot: a.slot, table: a.table, sequence: 0 }]),
    );
    // Version 2: m1 moves to s3, m2 is dropped, m3 stays.
    const schedule2: Schedule = {
      ...schedule,
      assignments: [
        { meeting: 'm1', slot: 's3', table: 'T1' },
        { meeting: 'm3', slot: 's4', table: 'T1' },
      ],
      unscheduled: [{ meeting: 'm2', reason: 'withdrawn' }],
    };
    const sequences = nextSequences(published, schedule2);
    expect(sequences).toEqual({ m1: 1, m2: 1, m3: 0 });
    const v2 = build({ sequences, cancelled: [{ meeting: 'm2', slot: 's1', table: 'T2' }] }, schedule2);

    const ana1 = v1.agendas.find((a) => a.person.id === 'a1');
    const ana2 = v2.agendas.find((a) => a.person.id === 'a1');
    if (!ana1 || !ana2) throw new Error('no agenda for a1');
    const before = parse(attendeeCalendar(v1.event, ana1, { stamp })).events;
    const after = parse(attendeeCalendar(v2.event, ana2, { stamp: new Date(Date.UTC(2027, 1, 2)) })).events;
    expect(after.map((e) => e.uid).sort()).toEqual(before.map((e) => e.uid).sort());

    const moved = after.find((e) => e.uid === meetingUid('m1', 'a1'));
    const movedBefore = before.find((e) => e.uid === meetingUid('m1', 'a1'));
    expect(moved?.sequence).toBeGreaterThan(movedBefore?.sequence ?? Infinity);
    expect(moved?.start).toBe(epoch('2027-03-29T09:00:00+02:00'));
    expect(moved?.status).toBe('CONFIRMED');

    const gone = after.find((e) => e.uid === meetingUid('m2', 'a1'));
    expect(gone?.status).toBe('CANCELLED');
    expect(gone?.sequence).toBe(1);
    expect(gone?.start).toBe(epoch('2027-03-26T09:00:00+01:00'));

    // Bo's m3 did not move: same UID, same SEQUENCE.
    const bo1 = v1.agendas.find((a) => a.person.id === 'b1');
    const bo2 = v2.agendas.find((a) => a.person.id === 'b1');
    if (!bo1 || !bo2) throw new Error('no agenda for b1');
    const m3a = parse(attendeeCalendar(v1.event, bo1, { stamp })).events.find((e) => e.uid === 'm3.b1@clustermatch');
    const m3b = parse(attendeeCalendar(v2.event, bo2, { stamp })).events.find((e) => e.uid === 'm3.b1@clustermatch');
    expect([m3a?.sequence, m3b?.sequence]).toEqual([0, 0]);
  });

  it('rejects an unknown time zone naming the field', () => {
    const { event, agendas } = build();
    expect(() => attendeeCalendar({ ...event, timezone: 'Mars/Olympus' }, agendas[0], { stamp })).toThrow(
      /event\.timezone.*Mars\/Olympus/,
    );
  });
});

describe('vtimezone', () => {
  const range = (from: number, to: number): [number, number] => [Date.UTC(from, 0, 1), Date.UTC(to, 0, 1)];

  it('writes yearly rules for New York and Sydney (southern hemisphere)', () => {
    const ny = vtimezone('America/New_York', ...range(2026, 2029));
    expect(ny).toContain(
      'BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400',
    );
    expect(ny).toContain(
      'BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500',
    );
    const syd = vtimezone('Australia/Sydney', ...range(2026, 2029));
    expect(syd).toContain(
      'BEGIN:DAYLIGHT\r\nDTSTART:20261004T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\r\nTZOFFSETFROM:+1000\r\nTZOFFSETTO:+1100',
    );
    expect(syd).toContain(
      'BEGIN:STANDARD\r\nDTSTART:20260405T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\r\nTZOFFSETFROM:+1100\r\nTZOFFSETTO:+1000',
    );
  });

  it('lists each change when a single year gives no evidence of a rule', () => {
    const syd = vtimezone('Australia/Sydney', ...range(2027, 2028));
    expect(syd).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20270101T110000\r\nTZOFFSETFROM:+1100\r\nTZOFFSETTO:+1100');
    expect(syd).toContain('BEGIN:STANDARD\r\nDTSTART:20270404T030000\r\nTZOFFSETFROM:+1100\r\nTZOFFSETTO:+1000');
    expect(syd).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20271003T020000\r\nTZOFFSETFROM:+1000\r\nTZOFFSETTO:+1100');
    expect(syd).not.toContain('RRULE');
  });

  it('writes no rule for a zone that dropped DST in the range (Mexico City, 2022)', () => {
    const text = vtimezone('America/Mexico_City', ...range(2021, 2025));
    expect(text).not.toContain('RRULE');
    const comp = new ICAL.Component(
      ICAL.parse(`BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n${text}END:VCALENDAR\r\n`),
    );
    const vtz = comp.getFirstSubcomponent('vtimezone');
    if (!vtz) throw new Error('no VTIMEZONE');
    const zone = new ICAL.Timezone(vtz);
    expect(zone.utcOffset(ICAL.Time.fromDateTimeString('2022-07-01T12:00:00'))).toBe(-5 * 3600);
    expect(zone.utcOffset(ICAL.Time.fromDateTimeString('2023-07-01T12:00:00'))).toBe(-6 * 3600);
    expect(zone.utcOffset(ICAL.Time.fromDateTimeString('2024-07-01T12:00:00'))).toBe(-6 * 3600);
  });

  it('writes one observance for a zone without DST', () => {
    const kol = vtimezone('Asia/Kolkata', ...range(2026, 2029));
    expect(kol.match(/BEGIN:(STANDARD|DAYLIGHT)/g)).toEqual(['BEGIN:STANDARD']);
    expect(kol).toContain('TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530');
  });
});

describe('meetingInvitation', () => {
  it('is a REQUEST with one UID and the attendee for a held meeting, a CANCEL for a cancelled one', () => {
    const { event, agendas } = build({ sequences: { m2: 3 }, cancelled: [] });
    const ana = agendas.find((a) => a.person.id === 'a1');
    if (!ana) throw new Error('no agenda for a1');
    const req = parse(meetingInvitation(event, ana, 'm1', { stamp }));
    expect(req.cal.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(req.events.map((e) => e.uid)).toEqual(['m1.a1@clustermatch']);
    const attendee = req.cal.getFirstSubcomponent('vevent')?.getFirstProperty('attendee');
    expect(String(attendee?.getFirstValue()).toLowerCase()).toBe('mailto:ana@example.org');
    expect(attendee?.getParameter('rsvp')).toBe('FALSE');

    const cancelledAgenda: Agenda = {
      ...ana,
      meetings: ana.meetings.map((m) => (m.meetingId === 'm2' ? { ...m, status: 'cancelled', sequence: 4 } : m)),
    };
    const cancel = parse(meetingInvitation(event, cancelledAgenda, 'm2', { stamp }));
    expect(cancel.cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.events[0].status).toBe('CANCELLED');
    expect(cancel.events[0].sequence).toBe(4);
    expect(cancel.events[0].uid).toBe('m2.a1@clustermatch');
  });

  it('needs the attendee e-mail and a meeting of the agenda', () => {
    const { event, agendas } = build();
    const cai = agendas.find((a) => a.person.id === 'c1');
    if (!cai) throw new Error('no agenda for c1');
    expect(() => meetingInvitation(event, cai, 'm2', { stamp })).toThrow(/person\.email/);
    expect(() => meetingInvitation(event, cai, 'm1', { stamp })).toThrow(/meetingId: "m1"/);
  });
});

describe('organiserCalendar', () => {
  it('has each meeting once, named by all its clusters, with organiser UIDs', () => {
    const { event, agendas } = build();
    const text = organiserCalendar(event, agendas, { stamp, refreshSeconds: 3600 });
    const { cal, events } = parse(text);
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(events.map((e) => e.uid)).toEqual(['m2@clustermatch', 'm1@clustermatch', 'm3@clustermatch']);
    expect(events.map((e) => e.start)).toEqual([
      epoch('2027-03-26T09:00:00+01:00'),
      epoch('2027-03-28T01:30:00+01:00'),
      epoch('2027-03-29T08:00:00Z'),
    ]);
    expect(events[1].summary).toBe('Agri-Food Cluster & Robotics Valley');
    expect(events[0].summary).toBe('Agri-Food Cluster, Robotics Valley & Cleantech Hub');
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
  });
});
