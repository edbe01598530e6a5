/**
 * `npm run bench [-- --quick] [-- --only ev550,tight]`: clustermatch's solver against a greedy
 * baseline and a reference MIP (HiGHS), each run in its own child process (so peak memory is its
 * own), on instances generated in memory with fixed seeds. Every schedule is checked with
 * `validateSchedule`. Prints a table per instance, then the whole result as markdown.
 * Not part of `npm test`; the numbers are measurements, never assertions.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Problem, Schedule } from '@clustermatch/domain';
import { validateSchedule } from '@clustermatch/domain';
import { generateProblem } from '../src/generate';
import type { BenchInstance } from './instances';
import { instances } from './instances';
import type { WorkerResult } from './worker';

const OURS_LIMIT = 10;
const MIP_LIMIT = 30;
const root = join(__dirname, '..', '..');

interface Row {
  readonly instance: string;
  readonly solver: string;
  readonly meetings: number;
  readonly result?: WorkerResult;
  readonly error?: string;
  readonly violations: number;
}

function runWorker(kind: string, instance: string, limit: number): WorkerResult | { error: string } {
  const r = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', '--expose-gc', join(__dirname, 'worker.ts'), kind, instance, String(limit)],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: (limit * 4 + 120) * 1000,
    },
  );
  if (r.status !== 0) {
    const why = (r.stderr || r.error?.message || `exit ${r.status ?? r.signal}`).trim().split('\n')[0];
    return { error: why };
  }
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as WorkerResult;
}

const fmt = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined || Number.isNaN(n) ? '-' : n.toFixed(digits);
const gap = (s: Schedule) => (s.bound === null || s.bound <= 0 ? null : (100 * (s.bound - s.objective)) / s.bound);
const ratio = (a: number | undefined, b: number | undefined, digits = 3) =>
  a === undefined || b === undefined ? '-' : b === 0 ? (a === 0 ? '1 (both 0)' : `${a} vs 0`) : (a / b).toFixed(digits);

const HEADER = [
  'solver',
  'status',
  'meetings',
  'held',
  'objective',
  'bound',
  'gap %',
  'parties w/o meeting',
  'idle gaps',
  'seconds',
  'peak MB',
  'valid',
];

function cells(row: Row): string[] {
  const s = row.result?.schedule;
  if (!row.result || !s)
    return [
      row.solver,
      `failed: ${row.error ?? 'no schedule'}`,
      String(row.meetings),
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      fmt(row.result?.peakMb),
      '',
    ];
  const extra =
    row.solver === 'mip' && row.result.extra['highs'] !== undefined && row.result.extra['highs'] !== s.status
      ? ` (${String(row.result.extra['highs'])})`
      : '';
  return [
    row.solver,
    `${s.status}${extra}`,
    String(row.meetings),
    String(s.assignments.length),
    fmt(s.objective),
    fmt(s.bound),
    fmt(gap(s), 3),
    String(s.stats.partiesWithoutMeeting),
    String(s.stats.idleGaps),
    fmt(row.result.seconds, 2),
    fmt(row.result.peakMb),
    row.violations === 0 ? 'yes' : `NO (${row.violations})`,
  ];
}

function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function markdownTable(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function check(problem: Problem, solver: string, instance: string, result: WorkerResult | { error: string }): Row {
  if ('error' in result)
    return { instance, solver, meetings: problem.meetings.length, error: result.error, violations: 0 };
  let violations = 0;
  if (result.schedule) {
    const v = validateSchedule(problem, result.schedule);
    violations = v.length;
    for (const x of v.slice(0, 10))
      process.stdout.write(`  VIOLATION ${instance}/${solver}: rule ${String(x.rule)}: ${x.message}\n`);
    if (v.length > 10) process.stdout.write(`  ... and ${v.length - 10} more violations\n`);
  }
  return { instance, solver, meetings: problem.meetings.length, result, violations };
}

function ratios(rows: Row[]): string[] {
  const by = (name: string) => rows.find((r) => r.solver === name)?.result;
  const ours = by('ours')?.schedule;
  const greedy = by('greedy')?.schedule;
  const mip = by('mip')?.schedule;
  return [
    rows[0].instance,
    ratio(ours?.objective, greedy?.objective, 4),
    ratio(ours?.objective, mip?.objective, 4),
    ratio(greedy?.stats.idleGaps, ours?.stats.idleGaps, 2),
    `${greedy?.stats.partiesWithoutMeeting ?? '-'} / ${ours?.stats.partiesWithoutMeeting ?? '-'}`,
    ratio(by('ours')?.seconds, by('mip')?.seconds, 3),
  ];
}

function main(): void {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const onlyArg = args.indexOf('--only');
  const only = onlyArg >= 0 ? (args[onlyArg + 1] ?? '').split(',') : undefined;
  const chosen: BenchInstance[] = instances.filter((i) => (only ? only.includes(i.name) : !(quick && i.big)));
  const solvers = quick ? ['ours', 'greedy'] : ['ours', 'greedy', 'mip'];
  const out = (s: string) => process.stdout.write(`${s}\n`);

  out(
    `clustermatch benchmark: ${chosen.map((i) => i.name).join(', ')}; solvers ${solvers.join(', ')}${quick ? ' (--quick: no MIP, no 2,500 instance)' : ''}`,
  );
  out(
    `time limits: ours ${OURS_LIMIT} s, reference MIP (HiGHS WASM) ${MIP_LIMIT} s; node ${process.version}, ${process.platform}/${process.arch}`,
  );
  const base = runWorker('baseline', chosen[0]?.name ?? 'ev550', 1);
  const baseMb = 'error' in base ? null : base.peakMb;
  out(
    `a child process that only loads the code and generates the instance peaks at ${fmt(baseMb)} MB (included in every peak below)\n`,
  );

  const all: Row[] = [];
  const ratioRows: string[][] = [];
  for (const inst of chosen) {
    const problem = generateProblem(inst.params);
    out(`## ${inst.name}: ${inst.description}`);
    const rows: Row[] = [];
    for (const solver of solvers) {
      const limit = solver === 'mip' ? MIP_LIMIT : OURS_LIMIT;
      rows.push(check(problem, solver, inst.name, runWorker(solver, inst.name, limit)));
    }
    out(textTable(HEADER, rows.map(cells)));
    const r = ratios(rows);
    out(
      `ratios: objective ours/greedy ${r[1]}, ours/MIP ${r[2]}; idle gaps greedy/ours ${r[3]}; parties w/o meeting greedy/ours ${r[4]}; seconds ours/MIP ${r[5]}\n`,
    );
    ratioRows.push(r);
    all.push(...rows);
  }

  let resolveLine = 're-solve: not run (ev550 not selected)';
  if (chosen.some((i) => i.name === 'ev550')) {
    const r = runWorker('resolve', 'ev550', OURS_LIMIT);
    if ('error' in r) resolveLine = `re-solve (ev550, one meeting cancelled, one added, --keep): failed: ${r.error}`;
    else {
      const problem = JSON.parse(String(r.extra['problem'])) as Problem;
      const v = r.schedule ? validateSchedule(problem, r.schedule) : [];
      for (const x of v.slice(0, 10)) out(`  VIOLATION ev550/resolve: rule ${String(x.rule)}: ${x.message}`);
      resolveLine =
        `re-solve (ev550, one meeting cancelled, one added, keeping the rest): ${fmt(r.seconds * 1000, 1)} ms ` +
        `(first solve ${fmt(Number(r.extra['firstSeconds']), 2)} s); ${String(r.extra['moved'])} of ${String(r.extra['published'])} published meetings moved; ` +
        `new meeting ${Number(r.extra['newHeld']) === 1 ? 'held' : 'not held'}; status ${r.schedule?.status ?? '-'}; valid ${v.length === 0 ? 'yes' : `NO (${v.length})`}; peak ${fmt(r.peakMb)} MB`;
    }
  }
  out(resolveLine);

  out('\n# Benchmark results (markdown)\n');
  out(
    markdownTable(
      ['instance', ...HEADER],
      all.map((row) => [row.instance, ...cells(row)]),
    ),
  );
  out('');
  out(
    markdownTable(
      [
        'instance',
        'objective ours/greedy',
        'objective ours/MIP',
        'idle gaps greedy/ours',
        'parties w/o meeting greedy / ours',
        'seconds ours/MIP',
      ],
      ratioRows,
    ),
  );
  out('');
  out(`${resolveLine}`);
  out(`\nBaseline child process peak: ${fmt(baseMb)} MB. Time limits: ours ${OURS_LIMIT} s, MIP ${MIP_LIMIT} s.`);
}

main();
