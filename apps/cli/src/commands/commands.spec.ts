import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Assignment, Problem, Schedule } from '@clustermatch/solver';
import {
  countIdleGaps,
  generateInstance,
  parseProblem,
  parseSchedule,
  partiesWithoutMeeting,
  totalWeight,
  validateSchedule,
} from '@clustermatch/solver';
import type { CliIo } from '../io';
import { main } from '../main';
import { programEnv } from './organiser';

interface FakeIo extends CliIo {
  readonly stdout: () => string;
  readonly stderr: () => string;
}

function fakeIo(isTTY = false): FakeIo {
  let out = '';
  let err = '';
  return {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    isTTY,
    now: () => performance.now(),
    stdout: () => out,
    stderr: () => err,
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cm-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file: string, v: unknown) => writeFileSync(file, JSON.stringify(v));

const scheduleOf = (problem: Problem, assignments: readonly Assignment[]): Schedule => {
  const held = new Set(assignments.map((a) => a.meeting));
  return {
    version: 1,
    status: 'feasible',
    objective: totalWeight(problem, assignments),
    bound: null,
    assignments,
    unscheduled: problem.meetings.filter((m) => !held.has(m.id)).map((m) => ({ meeting: m.id, reason: 'not planted' })),
    stats: {
      seconds: 0,
      idleGaps: countIdleGaps(problem, assignments),
      partiesWithoutMeeting: partiesWithoutMeeting(problem, assignments).length,
    },
  };
};

const small = { clusters: 12, meetings: 16, slots: 6, tables: 5, seed: 3 };

describe('generate', () => {
  it('writes a valid, reproducible problem and says what it wrote', async () => {
    const file = join(dir, 'sub', 'p.json');
    const argv = [
      'generate',
      '--clusters',
      '30',
      '--meetings',
      '60',
      '--slots',
      '8',
      '--tables',
      '10',
      '--seed',
      '4',
      '--days',
      '2',
      '--group-share',
      '0.1',
      '--out',
      file,
    ];
    const io = fakeIo();
    expect(await main(argv, io)).toBe(0);
    expect(io.stdout()).toMatch(
      /^wrote .*p\.json: 30 clusters, \d+ delegates, 60 meetings \(6 group\), 8 slots over 2 days, 10 tables\n$/,
    );
    const first = readFileSync(file, 'utf8');
    const r = parseProblem(JSON.parse(first));
    expect(r.ok ? [] : r.errors).toEqual([]);
    expect(await main(argv, fakeIo())).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(first);
  });

  it('writes to stdout without --out, and --dense makes nearly every table busy', async () => {
    const io = fakeIo();
    expect(
      await main(['generate', '--clusters', '20', '--meetings', '38', '--slots', '4', '--tables', '10', '--dense'], io),
    ).toBe(0);
    const p = JSON.parse(io.stdout()) as Problem;
    expect(p.meetings).toHaveLength(38);
    expect(p.tables).toHaveLength(10);
  });

  it.each([
    [['--clusters', '0', '--meetings', '5', '--slots', '4'], '--clusters must be a positive integer'],
    [['--clusters', 'x', '--meetings', '5', '--slots', '4'], '--clusters must be a positive integer'],
    [
      ['--clusters', '10', '--meetings', '5', '--slots', '4', '--group-share', '1.5'],
      '--group-share must be a number between 0 and 1',
    ],
    [['--clusters', '10', '--meetings', '5', '--slots', '4', '--days', '8'], '--days must be an integer from 1 to 7'],
    [['--clusters', '10', '--slots', '4'], '--meetings is required'],
    [
      ['--clusters', '10', '--meetings', '50', '--slots', '4', '--tables', '2', '--dense'],
      '--meetings must be at most tables x slots = 8 for a dense event',
    ],
    [['--clusters', '10', '--meetings', '5', '--slots', '4', '--colour', 'red'], "Unknown option '--colour'"],
    [['--clusters', '10', '--meetings', '27', '--slots', '1'], '--meetings: only '],
  ])('rejects %j with exit 2', async (args, message) => {
    const io = fakeIo();
    expect(await main(['generate', ...args], io)).toBe(2);
    expect(io.stderr()).toContain(message);
    expect(io.stdout()).toBe('');
  });
});

describe('validate', () => {
  const planted = () => {
    const { problem, planted: plan } = generateInstance({
      clusters: 20,
      meetings: 36,
      slots: 4,
      tables: 10,
      seed: 5,
      dense: true,
    });
    const p = join(dir, 'p.json');
    writeJson(p, problem);
    return { problem, plan: plan ?? [], p };
  };

  it('accepts a valid schedule with exit 0 and a summary', async () => {
    const { problem, plan, p } = planted();
    const s = join(dir, 's.json');
    writeJson(s, scheduleOf(problem, plan));
    const io = fakeIo();
    expect(await main(['validate', p, s], io)).toBe(0);
    expect(io.stdout()).toMatch(
      /^valid: feasible: objective \d+, bound unknown \(gap n\/a\), 36\/36 meetings held, 0 parties without a meeting/,
    );
  });

  it('prints each violation and exits 1', async () => {
    const { problem, plan, p } = planted();
    // Put the second meeting at the first one's table and slot, and drop the third entirely.
    const broken = plan
      .map((a, i) => (i === 1 ? { ...a, slot: plan[0].slot, table: plan[0].table } : a))
      .filter((_, i) => i !== 2);
    const s = join(dir, 's.json');
    const sched = scheduleOf(problem, broken);
    writeJson(s, { ...sched, unscheduled: sched.unscheduled.filter((u) => u.meeting !== plan[2].meeting) });
    const io = fakeIo();
    expect(await main(['validate', p, s], io)).toBe(1);
    const lines = io.stdout().trim().split('\n');
    expect(lines).toContain(
      `rule 3: table ${plan[0].table} holds meetings ${plan[0].meeting} and ${plan[1].meeting} in slot ${plan[0].slot}`,
    );
    expect(lines).toContain(`coverage: meeting ${plan[2].meeting} is neither assigned nor unscheduled`);
    expect(lines[lines.length - 1]).toMatch(/^invalid: \d+ violations in /);
    expect(lines.length).toBe(validateSchedule(problem, readJson(s) as Schedule).length + 1);
  });

  it('exits 2 naming the field path when the problem is invalid', async () => {
    const { problem, plan } = planted();
    const bad = { ...problem, meetings: problem.meetings.map((m, i) => (i === 3 ? { ...m, weight: -2 } : m)) };
    const p = join(dir, 'bad.json');
    writeJson(p, bad);
    const s = join(dir, 's.json');
    writeJson(s, scheduleOf(problem, plan));
    const io = fakeIo();
    expect(await main(['validate', p, s], io)).toBe(2);
    expect(io.stderr()).toBe(`${p}: invalid problem (1 error)\nmeetings[3].weight: must be > 0 (got -2)\n`);
  });

  it('exits 2 on an unreadable file, bad JSON, a malformed schedule or wrong arguments', async () => {
    const { p } = planted();
    const missing = join(dir, 'nope.json');
    let io = fakeIo();
    expect(await main(['validate', p, missing], io)).toBe(2);
    expect(io.stderr()).toBe(`cannot read ${missing}: no such file\n`);

    const garbled = join(dir, 'garbled.json');
    writeFileSync(garbled, '{"version": 1,');
    io = fakeIo();
    expect(await main(['validate', garbled, p], io)).toBe(2);
    expect(io.stderr()).toContain(`${garbled} is not valid JSON`);

    const shape = join(dir, 'shape.json');
    writeJson(shape, {
      version: 1,
      status: 'great',
      objective: 1,
      bound: null,
      assignments: [],
      unscheduled: [],
      stats: { seconds: 0, idleGaps: 0, partiesWithoutMeeting: 0 },
    });
    io = fakeIo();
    expect(await main(['validate', p, shape], io)).toBe(2);
    expect(io.stderr()).toContain('status: must be one of optimal, feasible, infeasible, timedout');

    io = fakeIo();
    expect(await main(['validate', p], io)).toBe(2);
    expect(io.stderr()).toContain('usage: validate');
  });
});

describe('solve', () => {
  const writeProblem = (problem: Problem = generateInstance(small).problem) => {
    const p = join(dir, 'p.json');
    writeJson(p, problem);
    return p;
  };

  it('exits 2 with field paths on an invalid problem, before solving', async () => {
    const problem = generateInstance(small).problem;
    const bad = {
      ...problem,
      meetings: problem.meetings.map((m, i) => (i === 0 ? { ...m, people: [m.people[0], 'c9999-p1'] } : m)),
      tables: [...problem.tables, { id: problem.tables[0].id, seats: 4 }],
    };
    const p = writeProblem(bad as Problem);
    const io = fakeIo();
    expect(await main(['solve', p, '--out', join(dir, 's.json')], io)).toBe(2);
    expect(io.stderr()).toContain(`${p}: invalid problem (2 errors)\n`);
    expect(io.stderr()).toContain(`tables[5].id: duplicate table id "T001" (first at tables[0].id)\n`);
    expect(io.stderr()).toContain(`meetings[0].people[1]: unknown person "c9999-p1"\n`);
  });

  it('exits 2 on bad arguments and unreadable files', async () => {
    const p = writeProblem();
    const cases: [string[], string][] = [
      [[p], '--out <schedule.json> is required'],
      [[p, '--out', join(dir, 's.json'), '--time-limit', '0'], '--time-limit must be a positive number (got "0")'],
      [[p, '--out', join(dir, 's.json'), '--seed', '1.5'], '--seed must be an integer (got "1.5")'],
      [[join(dir, 'none.json'), '--out', join(dir, 's.json')], `cannot read ${join(dir, 'none.json')}: no such file`],
      [
        [p, '--out', join(dir, 's.json'), '--keep', join(dir, 'none.json')],
        `--keep: cannot read ${join(dir, 'none.json')}: no such file`,
      ],
    ];
    for (const [args, message] of cases) {
      const io = fakeIo();
      expect(await main(['solve', ...args], io)).toBe(2);
      expect(io.stderr()).toContain(message);
    }
  });

  it('reads a problem file that starts with a UTF-8 byte order mark', async () => {
    const p = join(dir, 'bom.json');
    writeFileSync(p, `\ufeff${JSON.stringify(generateInstance(small).problem)}`);
    const io = fakeIo();
    expect(await main(['solve', p, '--out', join(dir, 's.json')], io)).toBe(0);
    expect(parseSchedule(readJson(join(dir, 's.json'))).ok).toBe(true);
  });

  it('exits 2 with a message, not a hang, when the output folder cannot be created (e.g. under /proc)', async () => {
    const p = writeProblem();
    const io = fakeIo();
    expect(await main(['solve', p, '--out', '/proc/clustermatch-no-such-dir/s.json'], io)).toBe(2);
    expect(io.stderr()).toMatch(/^cannot write \/proc\/clustermatch-no-such-dir\/s\.json: ENOENT/);
  }, 20_000);

  it('writes a valid schedule and prints a one-line summary when not on a terminal', async () => {
    const p = writeProblem();
    const out = join(dir, 'out', 's.json');
    const io = fakeIo(false);
    expect(await main(['solve', p, '--out', out, '--time-limit', '5', '--seed', '2'], io)).toBe(0);
    const lines = io.stdout().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^(optimal|feasible|timedout): objective \d+, bound .*, \d+\/16 meetings held, \d+ parties without a meeting, \d+ idle gaps, .* -> /,
    );
    expect(io.stderr()).toBe('');
    const r = parseSchedule(readJson(out));
    expect(r.ok).toBe(true);
    if (r.ok) expect(validateSchedule(generateInstance(small).problem, r.value)).toEqual([]);
    const io2 = fakeIo();
    expect(await main(['validate', p, out], io2)).toBe(0);
  });

  it('draws a progress bar in place on a terminal', async () => {
    const p = writeProblem(generateInstance({ clusters: 40, meetings: 90, slots: 8, tables: 10, seed: 9 }).problem);
    const io = fakeIo(true);
    expect(await main(['solve', p, '--out', join(dir, 's.json')], io)).toBe(0);
    expect(io.stderr()).toMatch(/\r\[[#-]{30}\] +\d+% .*best \d+ +bound/);
    expect(io.stderr()).toMatch(/\r\[#{30}\] 100% +done +best \d+ +bound \d+ +gap [\d.]+% [^\r]*\n$/);
    expect(io.stderr().endsWith('\u001b[K\n')).toBe(true);
    expect(io.stderr().endsWith('\n')).toBe(true);
  });

  it('keeps published meetings in place with --keep after a cancellation and a new request', async () => {
    const problem = generateInstance({ clusters: 30, meetings: 50, slots: 8, tables: 8, seed: 11 }).problem;
    const p = writeProblem(problem);
    const first = join(dir, 'first.json');
    expect(await main(['solve', p, '--out', first], fakeIo())).toBe(0);
    const published = readJson(first) as Schedule;
    expect(published.assignments.length).toBeGreaterThan(10);
    // Cancel one held meeting, add one new request between two delegates.
    const cancelled = published.assignments[0].meeting;
    const people = problem.people;
    const changed: Problem = {
      ...problem,
      meetings: [
        ...problem.meetings.filter((m) => m.id !== cancelled),
        { id: 'm90000', people: [people[0].id, people[people.length - 1].id], weight: 30, title: 'Late request' },
      ],
    };
    const p2 = join(dir, 'p2.json');
    writeJson(p2, changed);
    const second = join(dir, 'second.json');
    const io = fakeIo();
    expect(await main(['solve', p2, '--out', second, '--keep', first], io)).toBe(0);
    const resolved = readJson(second) as Schedule;
    expect(validateSchedule(changed, resolved)).toEqual([]);
    const now = new Map(resolved.assignments.map((a) => [a.meeting, a]));
    for (const a of published.assignments) {
      if (a.meeting === cancelled) continue;
      expect(now.get(a.meeting)).toEqual(a);
    }
    expect(now.has(cancelled)).toBe(false);
  });
});

describe('argument parsing', () => {
  it('takes a negative number as an option value and reports it as invalid', async () => {
    const io = fakeIo();
    expect(await main(['generate', '--clusters', '-3', '--meetings', '10', '--slots', '4'], io)).toBe(2);
    expect(io.stderr()).toBe('--clusters must be a positive integer\n');
    const io2 = fakeIo();
    expect(await main(['solve', 'p.json', '--out', 'x.json', '--time-limit', '-1'], io2)).toBe(2);
    expect(io2.stderr()).toBe('--time-limit must be a positive number (got "-1")\n');
  });
});

describe('organiser: the environment of the service program', () => {
  it('gives back the NODE_EXTRA_CA_CERTS the cli script kept, and leaves others as they are', () => {
    expect(programEnv({ A: '1', NODE_EXTRA_CA_CERTS: '', CLUSTERMATCH_CA_CERTS: '/etc/ca.pem' })).toEqual({
      A: '1',
      NODE_EXTRA_CA_CERTS: '/etc/ca.pem',
    });
    // Run without npm's script (nothing kept): the variable stays as the caller set it.
    expect(programEnv({ A: '1', NODE_EXTRA_CA_CERTS: '/own.pem' })).toEqual({
      A: '1',
      NODE_EXTRA_CA_CERTS: '/own.pem',
    });
    expect(programEnv({ A: '1', NODE_EXTRA_CA_CERTS: '', CLUSTERMATCH_CA_CERTS: '' })).toEqual({
      A: '1',
      NODE_EXTRA_CA_CERTS: '',
    });
  });
});
