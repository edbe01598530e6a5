/**
 * Public types of the clustermatch solver. The file format types (Problem, Schedule, ...) come
 * from `@clustermatch/domain` (contract version 1) and are re-exported from the package index.
 *
 * @example
 * ```ts
 * import { solve } from '@clustermatch/solver';
 * const schedule = await solve(problem, { timeLimitSeconds: 5, seed: 7, clock: () => performance.now() });
 * if (schedule.status === 'optimal') console.log('proven optimal', schedule.objective);
 * ```
 */
import type { Schedule } from '@clustermatch/domain';

/**
 * What the solver is doing: building a first schedule, proving a bound, improving levels 1-2 of the
 * objective (parties served, weight), cutting idle gaps (level 3), or done.
 */
export type SolvePhase = 'construct' | 'bound' | 'improve' | 'gaps' | 'done';

/**
 * How the weight bound was proven: every placeable meeting (trivial), or a linear / integer
 * programme on the aggregated or the slot-indexed model (see `bound.ts`).
 */
export type BoundMethod = 'trivial' | 'aggregate-lp' | 'slot-lp' | 'aggregate-mip' | 'slot-mip';

/** A snapshot of the search, reported while it runs. */
export interface SolveProgress {
  readonly phase: SolvePhase;
  /** 0..1, an estimate of how far the solve is (time or work used against its limit). */
  readonly fraction: number;
  /** Total weight of the best valid schedule so far. */
  readonly objective: number;
  /** Best proven upper bound so far, or null. */
  readonly bound: number | null;
  readonly partiesWithoutMeeting: number;
  readonly idleGaps: number;
  /** Best proven lower bound on idle gaps so far (given levels 1 and 2), when known. */
  readonly idleGapsBound?: number;
}

export interface SolveOptions {
  /** Stop improving after this many seconds and return the best schedule (status `timedout`
   * if not proven optimal by then). Needs `clock`. */
  readonly timeLimitSeconds: number;
  /** Seed of the pseudo-random search; the same problem, options and seed give the same
   * schedule when the search is stopped by `maxIterations` rather than by time. */
  readonly seed: number;
  /** Upper limit on improvement iterations (deterministic stop). */
  readonly maxIterations: number;
  /** Milliseconds from a monotonic clock (e.g. `() => performance.now()`). The solver reads no
   * clock of its own: without one, only `maxIterations` limits the search and `stats.seconds` is 0. */
  readonly clock?: () => number;
  /** A previous (published) schedule to keep: its meetings stay in their slot and table unless
   * one of their people became unavailable there, the table is gone or too small, or the
   * meeting was withdrawn; new and changed requests are placed around them. */
  readonly keep?: Schedule;
  /** Called now and then with the state of the search. */
  readonly onProgress?: (progress: SolveProgress) => void;
}

export const defaultOptions: SolveOptions = {
  timeLimitSeconds: 10,
  seed: 1,
  maxIterations: 200_000,
};
