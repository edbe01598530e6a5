/**
 * The one small adapter around HiGHS (WASM). Models are always written as
 *
 *     maximise c.x  subject to  A x <= b,  0 <= x <= u
 *
 * so any non-negative row multipliers y give the valid upper bound
 * b.y + sum_j u_j * max(0, c_j - (A^T y)_j) (weak duality). `dualBound` computes it from the
 * duals HiGHS returns, so a bound never rests on the solver's tolerances.
 */
import * as highsModule from 'highs';
import { highsRun, type HighsRunOptions, type HighsRunResult } from './highs-run';
import { runInWorker } from './highs-worker';

type Loader = typeof highsModule.default;
type Highs = Awaited<ReturnType<Loader>>;

let highsPromise: Promise<Highs> | undefined;

/** Loads HiGHS once per process (the `.default` unwrap copes with both module shapes). */
export function loadHighs(): Promise<Highs> {
  if (!highsPromise) {
    const mod = highsModule as unknown as { default?: Loader } & Loader;
    const loader: Loader = typeof mod.default === 'function' ? mod.default : mod;
    highsPromise = loader();
  }
  return highsPromise;
}

/** A linear model in row form: rows[r] lists (column, coefficient) pairs with upper bound rhs[r]. */
export interface LinearModel {
  readonly nCols: number;
  readonly cost: Float64Array;
  readonly upper: Float64Array;
  readonly rowStart: Int32Array;
  readonly rowCol: Int32Array;
  readonly rowVal: Float64Array;
  readonly rhs: Float64Array;
  /** 1 for the columns that must be integral in a MIP (all of them when absent). */
  readonly integer?: Uint8Array;
}

/** Incremental builder of a `LinearModel`. */
export class LinearModelBuilder {
  private readonly starts: number[] = [0];
  private readonly cols: number[] = [];
  private readonly vals: number[] = [];
  private readonly rhs: number[] = [];
  readonly cost: number[] = [];
  readonly upper: number[] = [];
  private readonly integral: number[] = [];

  /** Adds a column 0 <= x <= upper with the given cost; `integer` false makes it continuous in a MIP. */
  addColumn(cost: number, upper: number, integer = true): number {
    this.cost.push(cost);
    this.upper.push(upper);
    this.integral.push(integer ? 1 : 0);
    return this.cost.length - 1;
  }

  /** Adds sum(coef * x) <= rhs (skipped when empty). */
  addRow(cols: readonly number[], coef: number | readonly number[], rhs: number): void {
    if (cols.length === 0) return;
    cols.forEach((c, k) => {
      this.cols.push(c);
      this.vals.push(typeof coef === 'number' ? coef : coef[k]);
    });
    this.starts.push(this.cols.length);
    this.rhs.push(rhs);
  }

  build(): LinearModel {
    return {
      nCols: this.cost.length,
      cost: Float64Array.from(this.cost),
      upper: Float64Array.from(this.upper),
      rowStart: Int32Array.from(this.starts),
      rowCol: Int32Array.from(this.cols),
      rowVal: Float64Array.from(this.vals),
      rhs: Float64Array.from(this.rhs),
      integer: Uint8Array.from(this.integral),
    };
  }
}

export interface LinearResult {
  /** A proven upper bound on the model's optimum (LP: from the duals; MIP: HiGHS's dual bound). */
  readonly bound: number;
  /** The primal solution HiGHS found (may be fractional for an LP); empty when it has none. */
  readonly x: Float64Array;
  /** MIP: the objective of `x` (-Infinity without a solution). */
  readonly objective: number;
  /** LP: the non-negative row multipliers that give `bound` (see `dualBound`). */
  readonly duals?: Float64Array;
  /** HiGHS model status text, e.g. 'optimal', 'time limit'. */
  readonly status: string;
}

/** Weak-duality bound for multipliers y >= 0 (see the file comment). */
export function dualBound(lp: LinearModel, y: Float64Array): number {
  const reduced = Float64Array.from(lp.cost);
  let b = 0;
  const nRows = lp.rhs.length;
  for (let r = 0; r < nRows; r++) {
    const yr = y[r];
    if (yr <= 0) continue;
    b += lp.rhs[r] * yr;
    for (let k = lp.rowStart[r]; k < lp.rowStart[r + 1]; k++) reduced[lp.rowCol[k]] -= lp.rowVal[k] * yr;
  }
  for (let j = 0; j < lp.nCols; j++) if (reduced[j] > 0) b += reduced[j] * lp.upper[j];
  return b;
}

/**
 * Solves the LP relaxation (or, with `integer`, the MIP) and returns a rigorous bound.
 * Returns null when HiGHS fails or gives no usable answer in the time allowed.
 */
export async function solveLinear(
  lp: LinearModel,
  opts: {
    integer?: boolean;
    timeLimit?: number;
    start?: Float64Array;
    /** MIP: stop when the dual bound is this close to the best solution (below 1 for an integral objective). */
    absGap?: number;
    /**
     * HiGHS presolve (default on). Off for a small LP solved first in a process: HiGHS (WASM) compiles each
     * function on its first call, and on the aggregated LP of a 550-800 meeting event presolve's code cost
     * more to compile than it saved (first LP 300-850 ms -> 100-300 ms on a loaded machine).
     */
    presolve?: boolean;
    /**
     * Run HiGHS in a worker thread and give up (null) when it has not answered this many seconds
     * after the start (see `highs-worker.ts`): for the large models whose first steps HiGHS does not
     * time. Only for timed solves; without a worker (none can be made) it runs here as usual.
     */
    hardStopSeconds?: number;
    /**
     * MIP, for runs whose answer must not depend on the machine (a solve without a clock): stop after
     * this many branch-and-bound nodes, and give no answer (null) when the time limit, kept only as a
     * safety net, stops it first.
     */
    nodeLimit?: number;
  } = {},
): Promise<LinearResult | null> {
  if (lp.nCols === 0) return { bound: 0, x: new Float64Array(0), objective: 0, status: 'optimal' };
  const runOpts: HighsRunOptions = {
    integer: opts.integer ?? false,
    timeLimit: opts.timeLimit ?? 30,
    start: opts.start ?? null,
    absGap: opts.absGap ?? 1e-6,
    presolve: opts.presolve ?? true,
    nodeLimit: opts.nodeLimit ?? null,
  };
  let raw: HighsRunResult | null | undefined;
  if (opts.hardStopSeconds !== undefined) raw = await runInWorker(lp, runOpts, opts.hardStopSeconds);
  if (raw === undefined) {
    let highs: Highs;
    try {
      highs = await loadHighs();
    } catch {
      return null; // no LP solver: the caller keeps the bound it has
    }
    try {
      raw = highsRun()(highs, lp, runOpts);
    } catch {
      return null; // HiGHS failed on this model: no bound from it
    }
  }
  if (!raw) return null;
  if (raw.kind === 'mip' && opts.nodeLimit !== undefined && raw.status !== 'optimal' && raw.status !== 'solutionLimit')
    return null; // stopped by time: how far it got depends on the machine
  if (raw.kind === 'mip')
    return { bound: raw.dual, x: raw.x ?? new Float64Array(0), objective: raw.objective, status: raw.status };
  if (!raw.x || !raw.rowDual) return null;
  // Multipliers of <= rows in a maximisation are >= 0; use whichever sign convention HiGHS chose.
  const pos = Float64Array.from(raw.rowDual, (v) => Math.max(0, v));
  const neg = Float64Array.from(raw.rowDual, (v) => Math.max(0, -v));
  const [bPos, bNeg] = [dualBound(lp, pos), dualBound(lp, neg)];
  const x = raw.x;
  const objective = x.reduce((a, v, j) => a + v * lp.cost[j], 0);
  return bPos <= bNeg
    ? { bound: bPos, x, objective, duals: pos, status: raw.status }
    : { bound: bNeg, x, objective, duals: neg, status: raw.status };
}
