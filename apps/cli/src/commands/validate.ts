import { parseSchedule, validateSchedule } from '@clustermatch/solver';
import { parseCommandArgs } from '../args';
import { fieldErrorLines, readJsonFile } from '../files';
import type { CliIo } from '../io';
import { describe, readProblem } from './solve';

const usage = 'usage: validate <problem.json> <schedule.json>\n';

/** Exit 0 when valid, 1 when a rule is broken (each violation printed), 2 on unreadable or invalid input. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, { help: { type: 'boolean' } });
  if (!parsed.ok) {
    io.err(`${parsed.message}\n${usage}`);
    return 2;
  }
  if (parsed.values['help']) {
    io.out(usage);
    return 0;
  }
  if (parsed.positionals.length !== 2) {
    io.err(`validate needs a problem file and a schedule file\n${usage}`);
    return 2;
  }
  const [problemFile, scheduleFile] = parsed.positionals;
  const problem = readProblem(problemFile, io);
  if (!problem) return 2;
  const raw = readJsonFile(scheduleFile);
  if (!raw.ok) {
    io.err(`${raw.message}\n`);
    return 2;
  }
  const r = parseSchedule(raw.value);
  if (!r.ok) {
    io.err(
      `${scheduleFile}: invalid schedule (${r.errors.length} ${r.errors.length === 1 ? 'error' : 'errors'})\n${fieldErrorLines(r.errors)}`,
    );
    return 2;
  }
  const violations = validateSchedule(problem, r.value);
  if (violations.length > 0) {
    for (const v of violations) io.out(`${typeof v.rule === 'number' ? `rule ${v.rule}` : v.rule}: ${v.message}\n`);
    io.out(
      `invalid: ${violations.length} ${violations.length === 1 ? 'violation' : 'violations'} in ${scheduleFile}\n`,
    );
    return 1;
  }
  io.out(`valid: ${describe(problem, r.value)}\n`);
  return 0;
}
