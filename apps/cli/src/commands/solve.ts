import type { Problem, Schedule, SolveOptions, SolveProgress } from '@clustermatch/solver';
import { InvalidInputError, parseProblem, parseSchedule, solve } from '@clustermatch/solver';
import { numberOption, parseCommandArgs } from '../args';
import { fieldErrorLines, readJsonFile, writeJsonFile } from '../files';
import type { CliIo } from '../io';

const usage = `usage: solve <problem.json> --out <schedule.json> [--time-limit S] [--seed N] [--keep <previous schedule.json>]\n`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {
    out: { type: 'string' },
    'time-limit': { type: 'string' },
    seed: { type: 'string' },
    keep: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (!parsed.ok) return fail(io, `${parsed.message}\n${usage}`);
  if (parsed.values['help']) {
    io.out(usage);
    return 0;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) return fail(io, `solve needs exactly one problem file\n${usage}`);
  const out = parsed.values['out'];
  if (typeof out !== 'string' || out === '') return fail(io, `--out <schedule.json> is required\n${usage}`);
  const timeLimit = numberOption(parsed.values, 'time-limit', 'positive');
  const seed = numberOption(parsed.values, 'seed', 'integer');
  for (const v of [timeLimit, seed]) if (typeof v === 'string') return fail(io, `${v}\n`);

  const problem = readProblem(file, io);
  if (!problem) return 2;
  let keep: Schedule | undefined;
  const keepFile = parsed.values['keep'];
  if (typeof keepFile === 'string') {
    const raw = readJsonFile(keepFile);
    if (!raw.ok) return fail(io, `--keep: ${raw.message}\n`);
    const r = parseSchedule(raw.value);
    if (!r.ok) return fail(io, `--keep ${keepFile}: invalid schedule\n${fieldErrorLines(r.errors)}`);
    keep = r.value;
  }

  const bar = new ProgressLine(io);
  const options: Partial<SolveOptions> = {
    clock: () => io.now(),
    ...(typeof timeLimit === 'number' ? { timeLimitSeconds: timeLimit } : {}),
    ...(typeof seed === 'number' ? { seed } : {}),
    ...(keep ? { keep } : {}),
    onProgress: (p) => bar.update(p),
  };
  let schedule: Schedule;
  try {
    schedule = await solve(problem, options);
  } catch (e) {
    bar.finish();
    if (e instanceof InvalidInputError) return fail(io, `${file}: invalid problem\n${fieldErrorLines(e.errors)}`);
    io.err(`solve failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  bar.update({
    phase: 'done',
    fraction: 1,
    objective: schedule.objective,
    bound: schedule.bound,
    partiesWithoutMeeting: schedule.stats.partiesWithoutMeeting,
    idleGaps: schedule.stats.idleGaps,
  });
  bar.finish();
  try {
    writeJsonFile(out, schedule);
  } catch (e) {
    return fail(io, `cannot write ${out}: ${(e as Error).message}\n`);
  }
  if (schedule.status === 'infeasible') {
    io.err(`${file}: the pins cannot all hold (schedule written to ${out})\n`);
    for (const u of schedule.unscheduled) io.err(`  ${u.meeting}: ${u.reason}\n`);
    return 1;
  }
  io.out(`${describe(problem, schedule)} -> ${out}\n`);
  return 0;
}

function fail(io: CliIo, message: string): number {
  io.err(message);
  return 2;
}

/** Reads and checks a problem file; prints what is wrong and returns undefined on failure. */
export function readProblem(file: string, io: CliIo): Problem | undefined {
  const raw = readJsonFile(file);
  if (!raw.ok) {
    io.err(`${raw.message}\n`);
    return undefined;
  }
  const r = parseProblem(raw.value);
  if (!r.ok) {
    io.err(
      `${file}: invalid problem (${r.errors.length} ${r.errors.length === 1 ? 'error' : 'errors'})\n${fieldErrorLines(r.errors)}`,
    );
    return undefined;
  }
  return r.value;
}

export function gapPercent(objective: number, bound: number | null): string {
  if (bound === null) return 'n/a';
  if (bound <= 0) return '0.00%';
  return `${((100 * (bound - objective)) / bound).toFixed(2)}%`;
}

/** One line: status, objective, bound, gap, meetings held, parties without a meeting, idle gaps, time. */
export function describe(problem: Problem, s: Schedule): string {
  return (
    `${s.status}: objective ${s.objective}, bound ${s.bound ?? 'unknown'} (gap ${gapPercent(s.objective, s.bound)}), ` +
    `${s.assignments.length}/${problem.meetings.length} meetings held, ${s.stats.partiesWithoutMeeting} parties without a meeting, ` +
    `${s.stats.idleGaps} idle gaps, ${s.stats.seconds.toFixed(2)} s`
  );
}

/** A progress bar redrawn in place on a terminal; silent otherwise (the summary line says it all). */
class ProgressLine {
  private last = '';
  private drawn = false;
  constructor(private readonly io: CliIo) {}

  update(p: SolveProgress): void {
    if (!this.io.isTTY) return;
    const width = 30;
    const fraction = Math.max(0, Math.min(1, p.fraction));
    const filled = Math.round(fraction * width);
    const line =
      `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ` +
      `${p.phase.padEnd(9)} best ${p.objective}  bound ${p.bound ?? '?'}  gap ${gapPercent(p.objective, p.bound)}  ` +
      `without meeting ${p.partiesWithoutMeeting}  idle gaps ${p.idleGaps}`;
    if (line === this.last) return;
    this.last = line;
    this.drawn = true;
    this.io.err(`\r${line}\x1b[K`);
  }

  finish(): void {
    if (this.drawn) this.io.err('\n');
    this.drawn = false;
  }
}
