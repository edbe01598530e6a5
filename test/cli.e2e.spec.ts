/**
 * The CLI as a real child process, exactly as `npm run cli` runs it (the Node arguments are read from
 * the `cli` script of package.json): the bundled `dist/apps/cli/src/main.bundle.js` behind the
 * freshness check that rebuilds changed sources first (`scripts/fresh-build.cjs`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Problem, Schedule } from '@clustermatch/solver';
import { parseProblem, parseSchedule, validateSchedule } from '@clustermatch/solver';

const root = join(__dirname, '..');
/** The `cli` script of package.json, run by a shell as `npm run cli -- <command> ...` runs it. */
const cliScript = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { cli: string } }).scripts
  .cli;

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  return cliWith({}, ...args);
}

function cliWith(
  env: Record<string, string>,
  ...args: string[]
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('sh', ['-c', `${cliScript} "$@"`, 'sh', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, FORCE_COLOR: '0', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cm-e2e-'));
  // Compile once up front, so no test pays for (or races on) a rebuild.
  const b = spawnSync(process.execPath, ['scripts/build.cjs'], { cwd: root, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

jest.setTimeout(180_000);

describe('clustermatch CLI as a process', () => {
  it('generate -> solve -> validate, with exit codes and files', () => {
    const problemFile = join(dir, 'event.json');
    const g = cli(
      'generate',
      '--clusters',
      '40',
      '--meetings',
      '100',
      '--slots',
      '8',
      '--tables',
      '12',
      '--seed',
      '5',
      '--group-share',
      '0.1',
      '--out',
      problemFile,
    );
    expect(g.stderr).toBe('');
    expect(g.code).toBe(0);
    expect(g.stdout).toContain('40 clusters');
    const problem = readJson(problemFile);
    expect(parseProblem(problem).ok).toBe(true);

    const scheduleFile = join(dir, 'schedule.json');
    const s = cli('solve', problemFile, '--out', scheduleFile, '--time-limit', '5', '--seed', '3');
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/^(optimal|feasible|timedout): objective \d+/);
    const parsed = parseSchedule(readJson(scheduleFile));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(validateSchedule(problem as Problem, parsed.value)).toEqual([]);

    const v = cli('validate', problemFile, scheduleFile);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^valid: /);

    // A broken schedule: every meeting in the same slot at the same table.
    const broken = readJson(scheduleFile) as Schedule;
    const bad = {
      ...broken,
      assignments: broken.assignments.map((a) => ({
        ...a,
        slot: broken.assignments[0].slot,
        table: broken.assignments[0].table,
      })),
    };
    const badFile = join(dir, 'bad-schedule.json');
    writeFileSync(badFile, JSON.stringify(bad));
    const vb = cli('validate', problemFile, badFile);
    expect(vb.code).toBe(1);
    expect(vb.stdout).toContain('rule 3: table ');
    expect(vb.stdout).toMatch(/invalid: \d+ violations/);
  });

  it('exits 2 naming the field path on an invalid problem', () => {
    const s = cli('solve', 'fixtures/invalid/zero-weight.json', '--out', join(dir, 'never.json'));
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('meetings[2].weight: must be > 0 (got 0)');
    const v = cli('validate', 'fixtures/invalid/unknown-person.json', join(dir, 'never.json'));
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('meetings[0].people[1]: unknown person "c0009-p1"');
    const g = cli('generate', '--clusters', '-3', '--meetings', '10', '--slots', '4');
    expect(g.code).toBe(2);
    expect(g.stderr).toContain('--clusters must be a positive integer');
  });

  it('exits 2 with a one-line message, never a stack trace, on odd input files', () => {
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '');
    const array = join(dir, 'array.json');
    writeFileSync(array, '[]');
    const cases: [string, string][] = [
      [empty, `${empty} is not valid JSON: Unexpected end of JSON input`],
      [array, `${array}: invalid problem (1 error)\n(root): must be an object`],
      [dir, `cannot read ${dir}: is a directory`],
      [join(dir, 'missing.json'), `cannot read ${join(dir, 'missing.json')}: no such file`],
    ];
    for (const [file, message] of cases) {
      const r = cli('solve', file, '--out', join(dir, 'never.json'));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const out = cli('solve', 'fixtures/tiny.json', '--out', '/proc/clustermatch-no-such-dir/s.json');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^cannot write \/proc\/clustermatch-no-such-dir\/s\.json: ENOENT/);
  });

  it('solve --keep keeps the published meetings after one cancellation and one new request', () => {
    const problemFile = join(dir, 'keep.json');
    expect(
      cli(
        'generate',
        '--clusters',
        '50',
        '--meetings',
        '120',
        '--slots',
        '8',
        '--tables',
        '16',
        '--seed',
        '21',
        '--out',
        problemFile,
      ).code,
    ).toBe(0);
    const firstFile = join(dir, 'first.json');
    expect(cli('solve', problemFile, '--out', firstFile, '--time-limit', '5').code).toBe(0);
    const problem = readJson(problemFile) as Problem;
    const published = readJson(firstFile) as Schedule;
    const cancelled = published.assignments[0].meeting;
    const changed: Problem = {
      ...problem,
      meetings: [
        ...problem.meetings.filter((m) => m.id !== cancelled),
        {
          id: 'm99999',
          people: [problem.people[1].id, problem.people[problem.people.length - 2].id],
          weight: 35,
          title: 'Late request',
        },
      ],
    };
    const changedFile = join(dir, 'keep2.json');
    writeFileSync(changedFile, JSON.stringify(changed));
    const secondFile = join(dir, 'second.json');
    const r = cli('solve', changedFile, '--out', secondFile, '--keep', firstFile, '--time-limit', '5');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const second = readJson(secondFile) as Schedule;
    expect(validateSchedule(changed, second)).toEqual([]);
    const now = new Map(second.assignments.map((a) => [a.meeting, a]));
    const kept = published.assignments.filter((a) => a.meeting !== cancelled);
    for (const a of kept) expect(now.get(a.meeting)).toEqual(a);
    expect(now.has(cancelled)).toBe(false);
    expect(second.assignments.length + second.unscheduled.length).toBe(changed.meetings.length);
    expect(cli('validate', changedFile, secondFile).code).toBe(0);
  });

  it('starts without NODE_EXTRA_CA_CERTS, whose file Node would read first', () => {
    // Node warns on stderr at start when the file it names cannot be read: the command line must not read it.
    const missing = join(dir, 'no-such-ca.pem');
    const help = cliWith({ NODE_EXTRA_CA_CERTS: missing }, '--help');
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toContain('usage: npm run --silent cli');
    // (The organiser command gives the value back to the service's program it runs: organiser-cli.e2e.spec.)
  });
});
