import type { Problem, Schedule } from '@clustermatch/domain';
import type { SolveOptions } from './types';

/** Placeholder signature, replaced by the real optimiser (issue 3). */
export async function solve(problem: Problem, options: Partial<SolveOptions> = {}): Promise<Schedule> {
  void problem;
  void options;
  throw new Error('solve: not implemented yet');
}
