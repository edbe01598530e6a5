/**
 * One HiGHS run, written once as plain JavaScript source so that it runs the same way in this
 * thread and in a worker thread (`highs-worker.ts`), where a run that overruns its time limit can
 * be stopped from outside. HiGHS looks at its clock only between some of its steps: on the
 * pattern model of a 240-meeting forum event its first cut rounds at the root took about 7 s with
 * no check (and no interrupt callback), so a 4 s limit ended after 8-14 s.
 *
 * The source is a string, not a function of this module, because a function's compiled text
 * depends on the build (test transforms and coverage counters insert names the worker does not
 * have); the string is the same everywhere. It uses only the `highs` object and its arguments.
 */

import type { LinearModel } from './lp';

/** What a run hands back: plain data (typed arrays and numbers), so it crosses to another thread. */
export type HighsRunResult =
  | {
      readonly kind: 'mip';
      readonly status: string;
      readonly dual: number;
      /** The primal solution, or null when HiGHS has none. */
      readonly x: Float64Array | null;
      readonly objective: number;
    }
  | {
      readonly kind: 'lp';
      readonly status: string;
      readonly x: Float64Array | null;
      readonly rowDual: Float64Array | null;
    };

/** The model as plain data: it crosses to the worker thread as it is. */
export type HighsRunModel = LinearModel;

export interface HighsRunOptions {
  readonly integer: boolean;
  readonly timeLimit: number;
  readonly start: Float64Array | null;
  readonly absGap: number;
  readonly presolve: boolean;
  /** MIP: stop after this many branch-and-bound nodes (null: no limit), a limit that does not depend on the machine. */
  readonly nodeLimit: number | null;
}

/**
 * `function (highs, lp, opts)`: maximise lp.cost.x subject to A x <= rhs, 0 <= x <= upper; returns a
 * `HighsRunResult` or null when HiGHS gives no usable answer.
 */
export const HIGHS_RUN_SOURCE = `function highsRun(highs, lp, opts) {
  var nRows = lp.rhs.length;
  var model = highs.createModel();
  try {
    model.options.set({ output_flag: false, time_limit: Math.max(0.05, opts.timeLimit) });
    if (opts.integer) model.options.set({ mip_rel_gap: 0, mip_abs_gap: opts.absGap });
    if (opts.integer && opts.nodeLimit !== null) model.options.set({ mip_max_nodes: opts.nodeLimit });
    if (!opts.presolve) model.options.set({ presolve: 'off' });
    var spec = {
      numCols: lp.nCols,
      numRows: nRows,
      sense: highs.constants.objectiveSense.maximize,
      colCost: lp.cost,
      colLower: new Float64Array(lp.nCols),
      colUpper: lp.upper,
      rowLower: new Float64Array(nRows).fill(-highs.infinity),
      rowUpper: lp.rhs,
      matrix: { format: 'csr', numRows: nRows, numCols: lp.nCols, starts: lp.rowStart, indices: lp.rowCol, values: lp.rowVal },
    };
    if (opts.integer) {
      var integrality = new Int32Array(lp.nCols);
      for (var j = 0; j < lp.nCols; j++)
        integrality[j] = !lp.integer || lp.integer[j] ? highs.constants.variableType.integer : highs.constants.variableType.continuous;
      spec.integrality = integrality;
    }
    model.passModel(spec);
    if (opts.start) model.setSolution({ colValue: opts.start });
    model.run();
    var code = model.getModelStatus();
    var status = String(code);
    var names = highs.constants.modelStatus;
    for (var k in names) if (names[k] === code) status = k;
    if (opts.integer) {
      if (status !== 'optimal' && status !== 'timeLimit' && status !== 'interrupted' && status !== 'solutionLimit') return null;
      var dual = Number(model.info.get('mip_dual_bound'));
      if (!isFinite(dual)) return null;
      var has = Number(model.info.get('primal_solution_status')) === 2;
      return {
        kind: 'mip',
        status: status,
        dual: dual,
        x: has ? Float64Array.from(model.getSolution().colValue) : null,
        objective: has ? Number(model.info.get('objective_function_value')) : -Infinity,
      };
    }
    if (status !== 'optimal') return { kind: 'lp', status: status, x: null, rowDual: null };
    var sol = model.getSolution();
    return { kind: 'lp', status: status, x: Float64Array.from(sol.colValue), rowDual: Float64Array.from(sol.rowDual) };
  } finally {
    model.dispose();
  }
}`;

type HighsRun = (highs: unknown, lp: HighsRunModel, opts: HighsRunOptions) => HighsRunResult | null;

let compiled: HighsRun | undefined;

/** The run as a function of this thread (made from the source once). */
export function highsRun(): HighsRun {
  // The source is this module's own constant, never outside input.
  compiled ??= new Function(`return (${HIGHS_RUN_SOURCE});`)() as HighsRun;
  return compiled;
}
