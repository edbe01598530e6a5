/**
 * `npm run bench [-- --quick] [-- --only ev550,tight] [-- --before <git ref> | --no-before] [-- --limit S]`:
 * clustermatch's solver against the solver of an earlier commit ("before", default the commit
 * before issue 13, measured in the same run on the same instances), a greedy baseline and a
 * reference MIP (HiGHS), each run in its own child process (so peak memory is its own), on
 * instances generated in memory with fixed seeds. Every schedule is checked with
 * `validateSchedule`. Prints a table per instance, then the whole result as markdown.
 * `--quick` skips the MIP and the large instances; `--limit S` gives ours and before S seconds instead of
 * 10 (on a machine other work keeps busy, both then reach their gap phases). Not part of `npm test`; the numbers are
 * measurements, never assertions.
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Problem, Schedule } from '@clustermatch/domain';
import { validateSchedule } from '@clustermatch/domain';
import { generateProblem } from '../src/generate';
import type { BenchInstance } from './instances';
import { instances } from './instances';
import type { WorkerResult } from './worker';

const DEFAULT_LIMIT = 10;
const MIP_LIMIT = 30;
/** The solver as it was before issue 13 (the default "before" for the comparison). */
const DEFAULT_BEFORE = '6f38c7b';
const root = join(__dirname, '..', '..');
const scratch = join(root, 'tmp', 'bench');

/**
 * The solver of an earlier commit, extracted to tmp/bench/before-<ref> (git archive) with a small
 * runner that solves a problem file; its own tsconfig maps its own `@clustermatch/domain`.
 */
function prepareBefore(ref: string): string {
  const dir = join(scratch, `before-${ref}`);
  if (!existsSync(join(dir, 'solver'))) {
    mkdirSync(dir, { recursive: true });
    execSync(`git archive ${ref} solver libs/domain tsconfig.base.json | tar -x -C ${JSON.stringify(dir)}`, {
      cwd: root,
    });
  }
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'run.ts'), KEEP_RUNNER.replace('SOLVER_INDEX', './solver/src/index'));
  return dir;
}

/**
 * A runner that solves a problem file, optionally keeping a published schedule (`keep` file): then
 * it solves twice in the same process and reports the second (warm) run, with the first (cold:
 * a fresh process, as a solve job in a new worker) in `extra.coldSeconds`. Used for the solver of
 * an earlier commit and, with the same text, for ours.
 */
const KEEP_RUNNER = [
  "import { readFileSync } from 'node:fs';",
  "import { solve } from 'SOLVER_INDEX';",
  'const [file, limit, keepFile] = process.argv.slice(2);',
  "const problem = JSON.parse(readFileSync(file, 'utf8'));",
  "const keep = keepFile ? JSON.parse(readFileSync(keepFile, 'utf8')) : undefined;",
  'if (typeof global.gc === "function") global.gc();',
  'const clock = () => performance.now();',
  'const once = async () => {',
  '  const t0 = clock();',
  '  const schedule = await solve(problem, { timeLimitSeconds: Number(limit), seed: 1, clock, ...(keep ? { keep } : {}) });',
  '  return { schedule, seconds: (clock() - t0) / 1000 };',
  '};',
  'once().then(async (first) => {',
  '  const second = keep ? await once() : first;',
  '  const peakMb = process.resourceUsage().maxRSS / 1024;',
  '  const extra = keep ? { coldSeconds: first.seconds } : {};',
  "  process.stdout.write(JSON.stringify({ schedule: second.schedule, seconds: second.seconds, peakMb, extra }) + '\\n');",
  '});',
  '',
].join('\n');

function runBefore(
  dir: string,
  problem: Problem,
  name: string,
  limit: number,
  keep?: Schedule,
): WorkerResult | { error: string } {
  mkdirSync(scratch, { recursive: true });
  const file = join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify(problem));
  const args = [file, String(limit)];
  if (keep) {
    args.push(join(scratch, `${name}-keep.json`));
    writeFileSync(args[2], JSON.stringify(keep));
  }
  const r = spawnSync(process.execPath, ['-r', '@swc-node/register', '--expose-gc', join(dir, 'run.ts'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: (limit * 4 + 120) * 1000,
    env: { ...process.env, SWC_NODE_PROJECT: join(dir, 'tsconfig.base.json') },
  });
  if (r.status !== 0) return { error: firstError(r.stderr || r.error?.message || `exit ${r.status ?? r.signal}`) };
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as WorkerResult;
}

/** Ours through the same runner as the earlier solver (a fresh process; cold and warm keep runs). */
function runOursKeep(problem: Problem, name: string, limit: number, keep: Schedule): WorkerResult | { error: string } {
  mkdirSync(scratch, { recursive: true });
  const runner = join(__dirname, '..', '..', 'tmp', 'bench', 'ours-run.ts');
  writeFileSync(runner, KEEP_RUNNER.replace('SOLVER_INDEX', '../../solver/src/index'));
  const dir = join(scratch, 'ours');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const keepFile = join(dir, `${name}-keep.json`);
  writeFileSync(file, JSON.stringify(problem));
  writeFileSync(keepFile, JSON.stringify(keep));
  const r = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', '--expose-gc', runner, file, String(limit), keepFile],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: (limit * 4 + 120) * 1000,
    },
  );
  if (r.status !== 0) return { error: firstError(r.stderr || r.error?.message || `exit ${r.status ?? r.signal}`) };
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as WorkerResult;
}

/** The line of a child's stderr that names the error (else its first line). */
function firstError(text: string): string {
  const lines = text.trim().split('\n');
  return (lines.find((l) => /Error\b/.test(l)) ?? lines[0]).trim().slice(0, 160);
}

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
  if (r.status !== 0) return { error: firstError(r.stderr || r.error?.message || `exit ${r.status ?? r.signal}`) };
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
  'idle-gap bound',
  'proof s',
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
      ...Array.from({ length: HEADER.length - 5 }, () => ''),
      fmt(row.result?.peakMb),
      '',
    ];
  const extra =
    row.solver === 'mip' && row.result.extra['highs'] !== undefined && row.result.extra['highs'] !== s.status
      ? ` (${String(row.result.extra['highs'])})`
      : '';
  const weightSeconds = s.stats['weightSeconds'];
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
    s.stats['idleGapsBound'] === undefined ? '-' : String(s.stats['idleGapsBound']),
    weightSeconds === undefined || s.status !== 'optimal' ? '-' : fmt(weightSeconds, 2),
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

/** Idle gaps of `a` against `b` as a change in per cent (e.g. -40 % = 40 % fewer). */
const change = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined
    ? '-'
    : b === 0
      ? a === 0
        ? '0 % (both 0)'
        : `${a} vs 0`
      : `${((100 * (a - b)) / b).toFixed(0)} %`;

function ratios(rows: Row[]): string[] {
  const by = (name: string) => rows.find((r) => r.solver === name)?.result;
  const ours = by('ours')?.schedule;
  const before = by('before')?.schedule;
  const greedy = by('greedy')?.schedule;
  const mip = by('mip')?.schedule;
  const proven = ours !== undefined && ours.stats['idleGapsBound'] === ours.stats.idleGaps;
  return [
    rows[0].instance,
    ratio(ours?.objective, mip?.objective, 4),
    ratio(ours?.objective, before?.objective, 4),
    change(ours?.stats.idleGaps, before?.stats.idleGaps),
    change(ours?.stats.idleGaps, greedy?.stats.idleGaps),
    ours ? `${ours.stats['idleGapsBound'] ?? '-'} (${proven ? 'proven minimal' : 'not proven'})` : '-',
    `${before?.stats.partiesWithoutMeeting ?? '-'} / ${ours?.stats.partiesWithoutMeeting ?? '-'}`,
    ratio(by('ours')?.seconds, by('mip')?.seconds, 3),
  ];
}

/** Seconds for ours and before (`--limit`). */
let OURS_LIMIT = DEFAULT_LIMIT;

const USAGE = [
  'usage: npm run bench [-- --quick] [--only ev550,tight] [--before <git ref> | --no-before] [--limit S]',
  '  --quick        no reference MIP and no large instances',
  '  --only a,b     only these instances',
  `  --before REF   the solver of an earlier commit to compare with (default ${DEFAULT_BEFORE}, before issue 13)`,
  '  --no-before    no earlier solver',
  '  --limit S      seconds for ours and before (default 10; big10k 30)',
  '  --help         this text',
].join('\n');

/** The command line, checked: an unknown option or instance is an error that names it (exit code 2). */
function parseCommandLine(argv: string[]): {
  quick: boolean;
  chosen: BenchInstance[];
  limit: number;
  /** `--limit` given: it replaces the per-instance limits (big10k's 30 s) too. */
  limitGiven: boolean;
  beforeRef: string | undefined;
} {
  const fail = (message: string): never => {
    process.stderr.write(`bench: ${message}\n${USAGE}\n`);
    process.exit(2);
  };
  let values: ReturnType<typeof readOptions>;
  try {
    values = readOptions(argv);
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\ninstances: ${instances.map((i) => i.name).join(', ')}\n`);
    process.exit(0);
  }
  const only = values.only?.split(',').filter((n) => n !== '');
  const unknown = (only ?? []).filter((n) => !instances.some((i) => i.name === n));
  if (unknown.length > 0)
    fail(`--only: no instance named ${unknown.join(', ')} (there are ${instances.map((i) => i.name).join(', ')})`);
  const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
  if (!(limit > 0)) fail(`--limit must be a positive number of seconds, not "${values.limit}"`);
  if (values['no-before'] && values.before !== undefined) fail('--before and --no-before exclude each other');
  const quick = values.quick ?? false;
  return {
    quick,
    chosen: instances.filter((i) => (only ? only.includes(i.name) : !(quick && i.big))),
    limit,
    limitGiven: values.limit !== undefined,
    beforeRef: values['no-before'] ? undefined : (values.before ?? DEFAULT_BEFORE),
  };
}

function readOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean' },
      only: { type: 'string' },
      limit: { type: 'string' },
      before: { type: 'string' },
      'no-before': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}

function main(): void {
  const { quick, chosen, limit, limitGiven, beforeRef } = parseCommandLine(process.argv.slice(2));
  OURS_LIMIT = limit;
  const solvers = ['ours', ...(beforeRef ? ['before'] : []), 'greedy', ...(quick ? [] : ['mip'])];
  const out = (s: string) => process.stdout.write(`${s}\n`);

  out(
    `clustermatch benchmark: ${chosen.map((i) => i.name).join(', ')}; solvers ${solvers.join(', ')}${quick ? ' (--quick: no MIP, no large instances)' : ''}`,
  );
  out(
    `time limits: ours and before ${OURS_LIMIT} s (big10k 30 s), reference MIP (HiGHS WASM) ${MIP_LIMIT} s; before = the solver at ${beforeRef ?? '(not run)'}; node ${process.version}, ${process.platform}/${process.arch}`,
  );
  out(
    "'proof s': seconds until levels 1 and 2 (parties served, weight) were proven optimal; 'idle-gap bound': a proven lower bound on idle gaps at those levels\n",
  );
  const beforeDir = beforeRef ? prepareBefore(beforeRef) : undefined;
  const base = runWorker('baseline', chosen[0]?.name ?? 'ev550', 1);
  const baseMb = 'error' in base ? null : base.peakMb;
  out(
    `a child process that only loads the code and generates the instance peaks at ${fmt(baseMb)} MB (included in every peak below)\n`,
  );

  const all: Row[] = [];
  const ratioRows: string[][] = [];
  for (const inst of chosen) {
    const problem = generateProblem(inst.params);
    const limit = limitGiven ? OURS_LIMIT : (inst.limit ?? OURS_LIMIT);
    out(`## ${inst.name}: ${inst.description}`);
    const rows: Row[] = [];
    for (const solver of solvers) {
      // The reference MIP models seats, not allowedTables, and is not run on the largest event.
      if (solver === 'mip' && ((inst.big && inst.name !== 'big2500') || problem.meetings.some((m) => m.allowedTables)))
        continue;
      const result =
        solver === 'before' && beforeDir
          ? runBefore(beforeDir, problem, inst.name, limit)
          : runWorker(solver, inst.name, solver === 'mip' ? MIP_LIMIT : limit);
      rows.push(check(problem, solver, inst.name, result));
    }
    out(textTable(HEADER, rows.map(cells)));
    const r = ratios(rows);
    out(
      `ratios: objective ours/MIP ${r[1]}, ours/before ${r[2]}; idle gaps ours vs before ${r[3]}, vs greedy ${r[4]}; idle-gap bound ${r[5]}; parties w/o meeting before/ours ${r[6]}; seconds ours/MIP ${r[7]}\n`,
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
      const first = JSON.parse(String(r.extra['first'])) as Schedule;
      const v = r.schedule ? validateSchedule(problem, r.schedule) : [];
      for (const x of v.slice(0, 10)) out(`  VIOLATION ev550/resolve: rule ${String(x.rule)}: ${x.message}`);
      // The same re-solve (same changed problem, same published schedule) in fresh processes: ours
      // and the earlier solver, each solved cold (first solve of the process) and then warm.
      const describe = (x: WorkerResult | { error: string }): string => {
        if ('error' in x) return `failed: ${x.error}`;
        const bad = x.schedule ? validateSchedule(problem, x.schedule).length : 0;
        return (
          `${fmt(Number(x.extra['coldSeconds']) * 1000, 1)} ms cold, ${fmt(x.seconds * 1000, 1)} ms warm, ` +
          `${x.schedule?.assignments.length ?? '-'} held, ${x.schedule?.stats.idleGaps ?? '-'} idle gaps, ` +
          `status ${x.schedule?.status ?? '-'}, valid ${bad === 0 ? 'yes' : `NO (${bad})`}`
        );
      };
      const ours = runOursKeep(problem, 'ev550-resolve', OURS_LIMIT, first);
      const before = beforeDir ? runBefore(beforeDir, problem, 'ev550-resolve', OURS_LIMIT, first) : undefined;
      resolveLine =
        `re-solve (ev550, one meeting cancelled, one added, keeping the rest): ${fmt(r.seconds * 1000, 1)} ms ` +
        `right after the first solve in the same process (first solve ${fmt(Number(r.extra['firstSeconds']), 2)} s); ` +
        `${String(r.extra['moved'])} of ${String(r.extra['published'])} published meetings moved; ` +
        `new meeting ${Number(r.extra['newHeld']) === 1 ? 'held' : 'not held'}; status ${r.schedule?.status ?? '-'}; valid ${v.length === 0 ? 'yes' : `NO (${v.length})`}; peak ${fmt(r.peakMb)} MB\n` +
        `  same re-solve in a fresh process: ours ${describe(ours)}` +
        (before ? `\n  same re-solve in a fresh process: before ${describe(before)}` : '') +
        (!('error' in ours) && before && !('error' in before)
          ? `\n  ratio ours/before: cold ${ratio(Number(ours.extra['coldSeconds']), Number(before.extra['coldSeconds']), 2)}, warm ${ratio(ours.seconds, before.seconds, 2)}`
          : '');
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
        'objective ours/MIP',
        'objective ours/before',
        'idle gaps ours vs before',
        'idle gaps ours vs greedy',
        'idle-gap bound',
        'parties w/o meeting before / ours',
        'seconds ours/MIP',
      ],
      ratioRows,
    ),
  );
  out('');
  out(`${resolveLine}`);
  out(
    `\nBaseline child process peak: ${fmt(baseMb)} MB. Time limits: ours and before ${OURS_LIMIT} s (big10k 30 s), MIP ${MIP_LIMIT} s.`,
  );
}

main();
