import type { Agenda, AgendaEvent, AgendaMeeting } from '@clustermatch/domain';
import { agendaChanges } from '@clustermatch/domain';
import { en, escapeHtml, MailDataError, render } from './index';

const event: AgendaEvent = {
  name: 'Spring Match 2027',
  venue: 'Messe Halle 4',
  timezone: 'Europe/Berlin',
  organiserName: 'CM Team',
  organiserEmail: 'team@example.org',
};

const meeting = (
  id: string,
  start: string,
  end: string,
  table: string,
  extra: Partial<AgendaMeeting> = {},
): AgendaMeeting => ({
  meetingId: id,
  slotStart: start,
  slotEnd: end,
  tableName: table,
  otherParties: ['Robotics <Valley>'],
  people: ['Ana Berg', 'Bo Lund'],
  status: 'confirmed',
  sequence: 0,
  ...extra,
});

const agenda: Agenda = {
  person: { id: 'a1', name: 'Ana <b>Berg</b>', email: 'ana@example.org', party: 'ca', partyName: 'Agri-Food' },
  meetings: [
    meeting('m1', '2027-05-11T09:00:00+02:00', '2027-05-11T09:30:00+02:00', 'Table 1', {
      note: 'Greenhouse robots & "AI"',
    }),
    // Written in UTC: 10:00 in Berlin.
    meeting('m2', '2027-05-11T08:00:00Z', '2027-05-11T08:30:00Z', 'Table 7'),
    meeting('m3', '2027-05-12T09:00:00+02:00', '2027-05-12T09:30:00+02:00', 'Table 2'),
    meeting('m4', '2027-05-12T11:00:00+02:00', '2027-05-12T11:30:00+02:00', 'Table 3', {
      status: 'cancelled',
      sequence: 1,
    }),
  ],
};
const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nEND:VCALENDAR\r\n';

describe('render', () => {
  it('magic-link: subject, text with the link, HTML with an escaped link and name', () => {
    const m = render('magic-link', {
      name: 'Ana <script>',
      eventName: 'Spring & Match',
      link: 'https://cm.example.org/login?t=a&b=1',
      expiresMinutes: 15,
    });
    expect(m.subject).toBe('Your sign-in link for Spring & Match');
    expect(m.text).toContain('Hello Ana <script>,');
    expect(m.text).toContain('Sign in: https://cm.example.org/login?t=a&b=1');
    expect(m.text).toContain('expires in 15 minutes');
    expect(m.html).toContain('Hello Ana &lt;script&gt;,');
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('href="https://cm.example.org/login?t=a&amp;b=1"');
    expect(m.html).toContain('<title>Your sign-in link for Spring &amp; Match</title>');
    expect(m.attachments).toBeUndefined();
  });

  it('rejects a non-http link and a bad field, naming the field', () => {
    expect(() => render('magic-link', { eventName: 'E', link: 'javascript:alert(1)', expiresMinutes: 15 })).toThrow(
      /^link: must be an http\(s\) URL/,
    );
    expect(() => render('magic-link', { eventName: 'E', link: 'https://x.org/', expiresMinutes: 0 })).toThrow(
      MailDataError,
    );
    expect(() =>
      render('request-accepted', { eventName: 'E', otherName: ' ', otherParty: 'P', link: 'https://x.org/' }),
    ).toThrow(/^otherName: /);
    expect(() =>
      render('reminder', { event: { ...event, timezone: 'Nowhere/Land' }, agenda, day: '2027-05-11' }),
    ).toThrow(/^event\.timezone: unknown/);
  });

  it('request-received quotes the note, escaped, and keeps the subject on one line', () => {
    const m = render('request-received', {
      name: 'Bo',
      eventName: 'Spring Match 2027',
      requesterName: 'Ana\r\nBcc: evil@example.org',
      requesterParty: 'Agri-Food',
      note: 'Line 1 <i>\nLine 2',
      link: 'https://cm.example.org/requests/7',
    });
    expect(m.subject).toBe('Ana Bcc: evil@example.org (Agri-Food) would like to meet you');
    expect(m.text).toContain('> Line 1 <i>\n> Line 2');
    expect(m.html).toContain('Line 1 &lt;i&gt;<br>Line 2');
    expect(m.html).toContain('href="https://cm.example.org/requests/7"');
  });

  it('request-accepted and request-declined differ in subject and next step', () => {
    const data = {
      name: 'Ana',
      eventName: 'Spring Match 2027',
      otherName: 'Bo Lund',
      otherParty: 'Robotics Valley',
      link: 'https://cm.example.org/r',
    };
    const yes = render('request-accepted', data);
    const no = render('request-declined', data);
    expect(yes.subject).toBe('Bo Lund (Robotics Valley) accepted your meeting request');
    expect(no.subject).toBe('Bo Lund (Robotics Valley) declined your meeting request');
    expect(yes.text).toContain(en.requestAccepted.next);
    expect(no.text).toContain(en.requestDeclined.next);
  });

  it('schedule-published lists the held meetings in the venue zone and attaches the .ics', () => {
    const m = render('schedule-published', { event, agenda, ics, link: 'https://cm.example.org/agenda' });
    expect(m.subject).toBe('Your agenda for Spring Match 2027');
    expect(m.text).toContain(
      '- Tue 11 May 2027, 09:00–09:30  Meeting with Robotics <Valley>\n  Table: Table 1\n  People: Ana Berg, Bo Lund\n  Note: Greenhouse robots & "AI"',
    );
    expect(m.text).toContain('- Tue 11 May 2027, 10:00–10:30  Meeting with Robotics <Valley>\n  Table: Table 7');
    expect(m.text).not.toContain('Table 3'); // the cancelled one
    expect(m.text).toContain('local time at the venue (Europe/Berlin)');
    expect(m.html).toContain('<strong>Tue 11 May 2027, 09:00–09:30  Meeting with Robotics &lt;Valley&gt;</strong>');
    expect(m.html).toContain('Note: Greenhouse robots &amp; &quot;AI&quot;');
    expect(m.html).toContain('Hello Ana &lt;b&gt;Berg&lt;/b&gt;,');
    expect(m.attachments).toEqual([
      { filename: 'agenda.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: ics },
    ]);
    expect(() => render('schedule-published', { event, agenda, ics: 'not a calendar' })).toThrow(/^ics: /);
  });

  it('schedule-changed says what changed (moved from/to, cancelled, new) and refuses an empty change list', () => {
    const after: Agenda = {
      ...agenda,
      meetings: [
        {
          ...agenda.meetings[0],
          slotStart: '2027-05-11T14:00:00+02:00',
          slotEnd: '2027-05-11T14:30:00+02:00',
          tableName: 'Table 9',
          sequence: 1,
        },
        agenda.meetings[2],
        meeting('m5', '2027-05-12T15:00:00+02:00', '2027-05-12T15:30:00+02:00', 'Table 4', {
          otherParties: ['Cleantech Hub'],
        }),
      ],
    };
    const changes = agendaChanges(agenda, after);
    expect(changes.map((c) => `${c.kind}:${c.kind === 'cancelled' ? c.before.meetingId : c.after.meetingId}`)).toEqual([
      'cancelled:m2',
      'moved:m1',
      'added:m5',
    ]);
    const m = render('schedule-changed', { event, agenda: after, changes, ics });
    expect(m.subject).toBe('Your agenda for Spring Match 2027 has changed');
    expect(m.text).toContain(
      '- Moved: Meeting with Robotics <Valley>\n  was: Tue 11 May 2027, 09:00–09:30, Table Table 1\n  now: Tue 11 May 2027, 14:00–14:30, Table Table 9',
    );
    expect(m.text).toContain('- Cancelled: Tue 11 May 2027, 10:00–10:30  Meeting with Robotics <Valley>');
    expect(m.text).toContain('- New: Wed 12 May 2027, 15:00–15:30  Meeting with Cleantech Hub');
    expect(m.attachments?.[0].filename).toBe('agenda.ics');
    expect(() => render('schedule-changed', { event, agenda, changes: [], ics })).toThrow(/^changes: is empty/);
  });

  it('schedule-published attaches the check-in QR code when given (issue 10), in English and Danish', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1v1H0z"/></svg>';
    const m = render('schedule-published', { event, agenda, ics, checkinQr: svg });
    expect(m.attachments?.map((a) => a.filename)).toEqual(['agenda.ics', 'check-in-code.svg']);
    expect(m.text).toContain('Your personal check-in code is attached');
    const da = render('schedule-published', { event, agenda, ics, checkinQr: svg }, { language: 'da' });
    expect(da.text).toContain('Din personlige indtjekningskode er vedhæftet');
    expect(render('schedule-published', { event, agenda, ics }).attachments).toHaveLength(1);
    expect(() => render('schedule-published', { event, agenda, ics, checkinQr: 'not svg' })).toThrow(/^checkinQr: /);
  });

  it('meeting-reminder (issue 10) names only the meeting starting soon, in English and Danish', () => {
    const m = render('meeting-reminder', { event, agenda, meetingIds: ['m3'], minutes: 15 });
    expect(m.subject).toBe('In 15 minutes at Spring Match 2027: your next meeting');
    expect(m.text).toContain('Your next meeting starts in 15 minutes:');
    expect(m.text).toContain('Table: Table 2');
    expect(m.text).not.toContain('Table 1');
    expect(m.html).toContain('Robotics &lt;Valley&gt;');
    const da = render('meeting-reminder', { event, agenda, meetingIds: ['m3'], minutes: 10 }, { language: 'da' });
    expect(da.subject).toBe('Om 10 minutter ved Spring Match 2027: dit næste møde');
    expect(da.text).toContain('Dit næste møde begynder om 10 minutter:');
    expect(() => render('meeting-reminder', { event, agenda, meetingIds: ['nope'], minutes: 15 })).toThrow(
      /^meetingIds: /,
    );
    expect(() => render('meeting-reminder', { event, agenda, meetingIds: ['m3'], minutes: 0 })).toThrow(/^minutes: /);
  });

  it('reminder lists only the held meetings of the given day', () => {
    const m = render('reminder', { event, agenda, day: '2027-05-12' });
    expect(m.subject).toBe('Tomorrow at Spring Match 2027: your meetings');
    expect(m.text).toContain('tomorrow, Wednesday 12 May 2027:');
    expect(m.text).toContain('Table: Table 2');
    expect(m.text).not.toContain('Table 1');
    expect(m.text).not.toContain('Table 3');
    expect(render('reminder', { event, agenda, day: '2027-05-13' }).text).toContain(en.reminder.none);
    expect(() => render('reminder', { event, agenda, day: '12.05.2027' })).toThrow(/^day: /);
  });

  it('escapes all five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
