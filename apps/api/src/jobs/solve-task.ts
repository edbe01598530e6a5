/**
 * The solve itself, as run inside a worker thread: check the problem, solve with a real clock,
 * check the result against the independent validator before anyone stores it.
 */
import { parseProblem, validateSchedule, type Schedule } from '@clustermatch/domain';
import { solve, type SolveProgress } from '@clustermatch/solver';
import { performance } from 'node:perf_hooks';
import type { SolveJobPayload } from './job-queue';

export async function runSolveTask(
  payload: SolveJobPayload,
  onProgress: (p: SolveProgress) => void,
): Promise<Schedule> {
  const parsed = parseProblem(payload.problem);
  if (!parsed.ok) {
    const detail = parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    throw new Error(`invalid problem: ${detail}`);
  }
  const problem = parsed.value;
  const o = payload.options ?? {};
  const schedule = await solve(problem, {
    ...(o.timeLimitSeconds !== undefined ? { timeLimitSeconds: o.timeLimitSeconds } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.maxIterations !== undefined ? { maxIterations: o.maxIterations } : {}),
    ...(payload.keep ? { keep: payload.keep } : {}),
    clock: () => performance.now(),
    onProgress,
  });
  const violations = validateSchedule(problem, schedule);
  if (violations.length > 0) {
    throw new Error(
      `the solver returned an invalid schedule: ${violations
        .slice(0, 5)
        .map((v) => `rule ${v.rule}: ${v.message}`)
        .join('; ')}`,
    );
  }
  return schedule;
}
