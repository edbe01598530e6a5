/**
 * `calendars <problem.json> <schedule.json> --out <dir>`: one iCalendar file per person with a
 * meeting, `<dir>/<personId>.ics`, with times in the event's time zone (`event.timezone`).
 */
import type { AgendaEvent, FieldError } from '@clustermatch/domain';
import {
  agendaEvent,
  agendasFromSchedule,
  isValidTimeZone,
  parseProblem,
  parseSchedule,
  validateSchedule,
} from '@clustermatch/domain';
import { attendeeCalendar, organiserCalendar } from '@clustermatch/calendar';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from '../io';

const usage = `usage: npm run --silent cli -- calendars <problem.json> <schedule.json> --out <dir> [options]

options:
  --out <dir>               directory for <personId>.ics (created if missing)
  --venue <text>            venue shown in LOCATION after the table name (default: none)
  --event-name <text>       event name (default: event.name of the problem)
  --timezone <IANA zone>    zone of the times (default: event.timezone of the problem, else UTC)
  --organiser-name <text>   ORGANIZER name (default: "Organiser")
  --organiser-email <addr>  ORGANIZER address (default: organiser@localhost)
  --organiser-out <file>    also write the organiser's whole-event calendar to <file>
  --stamp <ISO date-time>   DTSTAMP of the events (default: now); fix it for reproducible files
`;

const FLAGS = [
  'out',
  'venue',
  'event-name',
  'timezone',
  'organiser-name',
  'organiser-email',
  'organiser-out',
  'stamp',
] as const;
type Flag = (typeof FLAGS)[number];

interface Args {
  readonly files: string[];
  readonly flags: Partial<Record<Flag, string>>;
}

function parseArgs(args: readonly string[]): Args | string {
  const files: string[] = [];
  const flags: Partial<Record<Flag, string>> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (!(FLAGS as readonly string[]).includes(name)) return `unknown option --${name}`;
      const value = inline ?? args[++i];
      if (value === undefined || value === '') return `--${name} needs a value`;
      flags[name as Flag] = value;
    } else files.push(a);
  }
  return { files, flags };
}

/** Person ids become file names: keep them to a safe alphabet. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;

async function readJson(file: string, io: CliIo): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    io.err(`${file}: cannot read (${e instanceof Error ? e.message : String(e)})\n`);
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    io.err(`${file}: invalid JSON (${e instanceof Error ? e.message : String(e)})\n`);
    return undefined;
  }
}

const report = (io: CliIo, file: string, errors: readonly FieldError[]): void => {
  for (const e of errors) io.err(`${file}: ${e.path}: ${e.message}\n`);
};

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(usage);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.err(`calendars: ${parsed}\n\n${usage}`);
    return 2;
  }
  const { files, flags } = parsed;
  if (files.length !== 2 || flags.out === undefined) {
    io.err(`calendars: need <problem.json> <schedule.json> and --out <dir>\n\n${usage}`);
    return 2;
  }
  const [problemFile, scheduleFile] = files;

  const problemJson = await readJson(problemFile, io);
  if (problemJson === undefined) return 2;
  const problem = parseProblem(problemJson);
  if (!problem.ok) {
    report(io, problemFile, problem.errors);
    return 2;
  }
  const scheduleJson = await readJson(scheduleFile, io);
  if (scheduleJson === undefined) return 2;
  const schedule = parseSchedule(scheduleJson);
  if (!schedule.ok) {
    report(io, scheduleFile, schedule.errors);
    return 2;
  }
  // A calendar from a schedule that breaks the rules would send people to double-booked tables.
  // Objective and stats figures do not change any calendar, so they are not checked here.
  const broken = validateSchedule(problem.value, schedule.value).filter(
    (v) => v.rule !== 'objective' && v.rule !== 'stats',
  );
  if (broken.length > 0) {
    for (const v of broken) io.err(`${scheduleFile}: rule ${v.rule}: ${v.message}\n`);
    return 2;
  }

  const flagErrors: string[] = [];
  if (flags.timezone !== undefined && !isValidTimeZone(flags.timezone))
    flagErrors.push(`--timezone: unknown IANA time zone "${flags.timezone}"`);
  if (flags['organiser-email'] !== undefined && !/^[^\s@<>]+@[^\s@<>]+$/.test(flags['organiser-email'])) {
    flagErrors.push(`--organiser-email: not an e-mail address "${flags['organiser-email']}"`);
  }
  const stamp = flags.stamp !== undefined ? new Date(flags.stamp) : new Date();
  if (Number.isNaN(stamp.getTime())) flagErrors.push(`--stamp: not a date-time "${flags.stamp ?? ''}"`);
  problem.value.people.forEach((p, i) => {
    if (!SAFE_ID.test(p.id))
      flagErrors.push(
        `${problemFile}: people[${i}].id: "${p.id}" cannot be a file name (letters, digits, . _ @ - only)`,
      );
  });
  if (flagErrors.length > 0) {
    for (const e of flagErrors) io.err(`${e}\n`);
    return 2;
  }

  const event: AgendaEvent = agendaEvent(problem.value, {
    ...(flags['event-name'] !== undefined ? { name: flags['event-name'] } : {}),
    ...(flags.venue !== undefined ? { venue: flags.venue } : {}),
    ...(flags.timezone !== undefined ? { timezone: flags.timezone } : {}),
    ...(flags['organiser-name'] !== undefined ? { organiserName: flags['organiser-name'] } : {}),
    ...(flags['organiser-email'] !== undefined ? { organiserEmail: flags['organiser-email'] } : {}),
  });
  const agendas = agendasFromSchedule(problem.value, schedule.value, { event });

  const out = flags.out;
  await mkdir(out, { recursive: true });
  for (const agenda of agendas) {
    await writeFile(path.join(out, `${agenda.person.id}.ics`), attendeeCalendar(event, agenda, { stamp }), 'utf8');
  }
  const organiserOut = flags['organiser-out'];
  if (organiserOut !== undefined) {
    await mkdir(path.dirname(organiserOut), { recursive: true });
    await writeFile(organiserOut, organiserCalendar(event, agendas, { stamp }), 'utf8');
  }
  const meetings = schedule.value.assignments.length;
  io.out(
    `wrote ${agendas.length} calendar${agendas.length === 1 ? '' : 's'} (${meetings} meeting${meetings === 1 ? '' : 's'}, times in ${event.timezone}) to ${out}` +
      (organiserOut !== undefined ? `; organiser calendar ${organiserOut}` : '') +
      '\n',
  );
  return 0;
}
