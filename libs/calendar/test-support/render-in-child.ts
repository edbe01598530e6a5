/**
 * Test helper, run as a child process so that `TZ` is really the process's zone (Jest gives each
 * test file its own copy of `process.env`, so changing `TZ` inside a test changes nothing).
 * Reads `{ event, agendas, stamp }` as JSON on stdin and writes JSON on stdout: the process's UTC
 * offset in January, each attendee's calendar, the organiser's calendar and a VTIMEZONE.
 */
import type { Agenda, AgendaEvent } from '@clustermatch/domain';
import { attendeeCalendar, organiserCalendar, vtimezone } from '../src/index';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => (input += chunk));
process.stdin.on('end', () => {
  const { event, agendas, stamp } = JSON.parse(input) as { event: AgendaEvent; agendas: Agenda[]; stamp: string };
  const options = { stamp: new Date(stamp) };
  process.stdout.write(
    JSON.stringify({
      januaryOffset: new Date(Date.UTC(2027, 0, 1)).getTimezoneOffset(),
      attendees: Object.fromEntries(agendas.map((a) => [a.person.id, attendeeCalendar(event, a, options)])),
      organiser: organiserCalendar(event, agendas, options),
      vtimezone: vtimezone(event.timezone, Date.UTC(2026, 0, 1), Date.UTC(2028, 0, 1)),
    }),
  );
});
