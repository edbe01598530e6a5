import ICAL from 'ical.js';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CliIo } from '../io';
import { main } from '../main';

const problem = {
  version: 1,
  event: { name: 'Spring Match 2027', timezone: 'Europe/Berlin' },
  slots: [
    { id: 's1', start: '2027-03-28T01:30:00+01:00', end: '2027-03-28T03:30:00+02:00' },
    { id: 's2', start: '2027-03-29T09:00:00+02:00', end: '2027-03-29T09:30:00+02:00' },
  ],
  tables: [{ id: 'T1', seats: 2, name: 'Table 1' }],
  people: [
    { id: 'a1', party: 'ca', name: 'Ana Berg' },
    { id: 'b1', party: 'cb', name: 'Bo Lund' },
    { id: 'c1', party: 'cc', name: 'Cai Ortiz' },
    { id: 'd1', party: 'cd', name: 'Dee (no meeting)' },
  ],
  meetings: [
    { id: 'm1', people: ['a1', 'b1'], weight: 10, title: 'Robots' },
    { id: 'm2', people: ['b1', 'c1'], weight: 5 },
    { id: 'm3', people: ['c1', 'd1'], weight: 1 },
  ],
};
const schedule = {
  version: 1,
  status: 'feasible',
  objective: 15,
  bound: null,
  assignments: [
    { meeting: 'm1', slot: 's1', table: 'T1' },
    { meeting: 'm2', slot: 's2', table: 'T1' },
  ],
  unscheduled: [{ meeting: 'm3', reason: 'no table left' }],
  stats: { seconds: 0, idleGaps: 0, partiesWithoutMeeting: 1 },
};

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
    isTTY: false,
    now: () => 0,
  };
  return io;
}

describe('cli calendars', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cm-calendars-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function files(p: unknown, s: unknown): Promise<[string, string]> {
    const pf = path.join(dir, 'problem.json');
    const sf = path.join(dir, 'schedule.json');
    await writeFile(pf, JSON.stringify(p));
    await writeFile(sf, JSON.stringify(s));
    return [pf, sf];
  }

  it('writes <personId>.ics for every person with a meeting, with the right instants', async () => {
    const [pf, sf] = await files(problem, schedule);
    const out = path.join(dir, 'out');
    const io = captureIo();
    const code = await main(
      [
        'calendars',
        pf,
        sf,
        '--out',
        out,
        '--venue',
        'Messe Halle 4',
        '--organiser-email',
        'team@example.org',
        '--organiser-out',
        path.join(dir, 'all.ics'),
        '--stamp',
        '2027-02-01T12:00:00Z',
      ],
      io,
    );
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    expect(io.stdout).toContain('wrote 3 calendars (2 meetings, times in Europe/Berlin)');
    expect((await readdir(out)).sort()).toEqual(['a1.ics', 'b1.ics', 'c1.ics']);

    ICAL.TimezoneService.reset();
    const bo = new ICAL.Component(ICAL.parse(await readFile(path.join(out, 'b1.ics'), 'utf8')));
    for (const vtz of bo.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
    const events = bo.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events.map((e) => [e.uid, e.startDate.toUnixTime(), e.endDate.toUnixTime(), e.location])).toEqual([
      [
        'm1.b1@clustermatch',
        Date.parse('2027-03-28T01:30:00+01:00') / 1000,
        Date.parse('2027-03-28T03:30:00+02:00') / 1000,
        'Table 1, Messe Halle 4',
      ],
      [
        'm2.b1@clustermatch',
        Date.parse('2027-03-29T09:00:00+02:00') / 1000,
        Date.parse('2027-03-29T09:30:00+02:00') / 1000,
        'Table 1, Messe Halle 4',
      ],
    ]);
    expect(events.map((e) => e.summary)).toEqual(['Meeting with ca', 'Meeting with cc']);
    expect(String(events[0].component.getFirstPropertyValue('organizer')).toLowerCase()).toBe(
      'mailto:team@example.org',
    );
    expect(events[0].component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2027-02-01T12:00:00Z');

    const all = new ICAL.Component(ICAL.parse(await readFile(path.join(dir, 'all.ics'), 'utf8')));
    expect(all.getAllSubcomponents('vevent').map((c) => c.getFirstPropertyValue('uid'))).toEqual([
      'm1@clustermatch',
      'm2@clustermatch',
    ]);
  });

  it('exits 2 with the field path on an invalid problem', async () => {
    const bad = { ...problem, meetings: [{ id: 'm1', people: ['a1', 'zz'], weight: 10 }] };
    const [pf, sf] = await files(bad, schedule);
    const io = captureIo();
    expect(await main(['calendars', pf, sf, '--out', path.join(dir, 'out')], io)).toBe(2);
    expect(io.stderr).toContain(`${pf}: meetings[0].people[1]: unknown person "zz"`);
  });

  it('exits 2 on a schedule that breaks the rules or has a bad shape, and on bad options', async () => {
    const clash = {
      ...schedule,
      assignments: [
        { meeting: 'm1', slot: 's1', table: 'T1' },
        { meeting: 'm2', slot: 's1', table: 'T1' },
      ],
    };
    let [pf, sf] = await files(problem, clash);
    let io = captureIo();
    expect(await main(['calendars', pf, sf, '--out', path.join(dir, 'out')], io)).toBe(2);
    expect(io.stderr).toMatch(/rule 2: b1 is in meetings m1 and m2 in slot s1/);

    [pf, sf] = await files(problem, { ...schedule, assignments: [{ meeting: 'm1', slot: 's1' }] });
    io = captureIo();
    expect(await main(['calendars', pf, sf, '--out', path.join(dir, 'out')], io)).toBe(2);
    expect(io.stderr).toContain(`${sf}: assignments[0].table: is required`);

    [pf, sf] = await files(problem, schedule);
    io = captureIo();
    expect(await main(['calendars', pf, sf, '--out', path.join(dir, 'out'), '--timezone', 'Mars/Base'], io)).toBe(2);
    expect(io.stderr).toContain('--timezone: unknown IANA time zone "Mars/Base"');

    io = captureIo();
    expect(await main(['calendars', pf, sf], io)).toBe(2);
    expect(io.stderr).toContain('need <problem.json> <schedule.json> and --out <dir>');

    io = captureIo();
    expect(await main(['calendars', path.join(dir, 'missing.json'), sf, '--out', dir], io)).toBe(2);
    expect(io.stderr).toContain('missing.json: cannot read');
  });

  it('refuses person ids that cannot be file names', async () => {
    const risky = {
      ...problem,
      people: problem.people.map((p) => (p.id === 'a1' ? { ...p, id: '../a1' } : p)),
      meetings: problem.meetings.map((m) => ({ ...m, people: m.people.map((q) => (q === 'a1' ? '../a1' : q)) })),
    };
    const [pf, sf] = await files(risky, schedule);
    const io = captureIo();
    expect(await main(['calendars', pf, sf, '--out', path.join(dir, 'out')], io)).toBe(2);
    expect(io.stderr).toContain('people[0].id: "../a1" cannot be a file name');
  });
});
