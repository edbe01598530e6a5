import {
  checkPins,
  InvalidInputError,
  parseProblem,
  parseSchedule,
  validateSchedule,
  partiesWithoutMeeting,
  type Assignment,
  type FieldError,
  type Problem,
  type Schedule,
  type Unscheduled,
} from '@clustermatch/domain';
import { aggregateBound, coverableBound, servableParties, slotBound, trivialBound, type BoundResult } from './bound';
import { gapPhase } from './gap-phase';
import { loadHighs } from './lp';
import { buildModel, type Model } from './model';
import { unscheduledReason } from './reasons';
import { Rng } from './rng';
import { Search } from './search';
import { State } from './state';
import { assignTables } from './tables';
import { TUNING } from './tuning';
import { defaultOptions, type BoundMethod, type SolveOptions, type SolvePhase, type SolveProgress } from './types';

/** `stats.boundMethod` is a number (stats are numbers): the index of the method in this list. */
export const BOUND_METHODS: readonly BoundMethod[] = [
  'trivial',
  'aggregate-lp',
  'slot-lp',
  'aggregate-mip',
  'slot-mip',
];

/**
 * Schedules the meetings of a problem (contract version 1.1): the fewest parties left without a
 * meeting, then the most weight, then the fewest idle gaps, each with a proven bound.
 *
 * Throws `InvalidInputError` (with every field error) when the problem or `keep` is malformed;
 * returns status `infeasible` when only the pins clash.
 *
 * Phases, over one `SolveContext`: **construct** (greedy, then a coverage pass); **bound** (an LP
 * bound on an aggregated model whose solution also steers the search, and a proof of the most
 * parties any schedule serves); **improve** (large neighbourhood search; when it stalls below the
 * bound, stronger bounds: aggregated integer programme, slot-indexed LP and integer programme, all
 * via HiGHS, whose solutions are adopted when better); **gaps** (idle gaps with the held meetings
 * fixed: local search, an exact model where the event allows, and a proven lower bound).
 *
 * Extra `stats`: `idleGapsBound` (contract 1.1), `held`, `iterations`, `boundMethod` (index in
 * `BOUND_METHODS`), `weightSeconds` (time to the final weight), and with `keep`: `kept`
 * (published meetings left in place), `released` (published meetings that could not stay) and
 * `moved` (released ones held elsewhere).
 */
export async function solve(problem: Problem, options: Partial<SolveOptions> = {}): Promise<Schedule> {
  const opts: SolveOptions = { ...defaultOptions, ...options };
  const t0 = opts.clock ? opts.clock() : 0;
  const parsed = parseProblem(problem);
  if (!parsed.ok) {
    const seconds = opts.clock ? (opts.clock() - t0) / 1000 : 0;
    if (onlyPinErrors(problem, parsed.errors)) return infeasibleSchedule(problem, parsed.errors, seconds);
    throw new InvalidInputError(parsed.errors);
  }
  void loadHighs().catch(() => undefined); // compiles in the background while we construct
  if (opts.keep !== undefined) {
    const k = parseSchedule(opts.keep);
    if (!k.ok) throw new InvalidInputError(k.errors.map((e) => ({ path: `keep.${e.path}`, message: e.message })));
  }

  const ctx = new SolveContext(problem, opts, t0);
  constructPhase(ctx);
  await boundPhase(ctx);
  await improvePhase(ctx);
  const gaps = await gapPhase(ctx);
  if (!ctx.weightProven && ctx.gapTimeUp()) ctx.stoppedByTime = true;
  const schedule = finish(ctx, gaps.bound);
  // The independent validator has the last word: never hand out a schedule that breaks a rule.
  const violations = validateSchedule(problem, schedule);
  if (violations.length > 0)
    throw new Error(`internal solver error, schedule rejected: ${violations.map((v) => v.message).join('; ')}`);
  // The whole run, including tables, reasons and the check above.
  return { ...schedule, stats: { ...schedule.stats, seconds: Math.round(ctx.elapsed() * 1000) / 1000 } };
}

/** Everything the phases share: the model, the state and search, the bound, the clock and counters. */
export class SolveContext {
  readonly model: Model;
  /** The model bounds are proven on: without the kept meetings fixed, so bounds hold for any schedule. */
  readonly boundModel: Model;
  readonly st: State;
  readonly search: Search;
  readonly rng: Rng;
  readonly keepMode: boolean;
  /** Weights are scaled by a power of two inside the model (exact); tolerances follow the lightest meeting. */
  readonly scale: number;
  readonly eps: number;
  /** Parties that requested meetings, and those of them some schedule can serve. */
  readonly requested: number;
  readonly servableCount: number;
  /** Most parties any schedule can serve, once proven by the coverage programme. */
  maxServable: number;
  maxServableProven = false;
  bound: number;
  boundMethod: BoundMethod = 'trivial';
  iterations = 0;
  stoppedByTime = false;
  weightProven = false;
  weightSeconds = 0;
  idleGapsBound: number | undefined = undefined;
  private lastReport = -Infinity;

  constructor(
    readonly problem: Problem,
    readonly opts: SolveOptions,
    private readonly t0: number,
  ) {
    this.model = buildModel(problem, opts.keep);
    this.boundModel = opts.keep ? buildModel(problem) : this.model;
    this.st = new State(this.model);
    this.rng = new Rng(opts.seed);
    this.search = new Search(this.model, this.st, this.rng, () => this.timeUp());
    this.keepMode = opts.keep !== undefined;
    this.scale = this.model.weightScale;
    this.eps = this.model.weightTol;
    const servable = servableParties(this.boundModel);
    let requested = 0;
    let servableCount = 0;
    for (let q = 0; q < this.boundModel.nParty; q++) {
      if (this.boundModel.partyMeetings[q].length === 0) continue;
      requested++;
      if (servable[q]) servableCount++;
    }
    this.requested = requested;
    this.servableCount = servableCount;
    this.maxServable = servableCount;
    this.bound = trivialBound(this.boundModel);
  }

  elapsed(): number {
    return this.opts.clock ? (this.opts.clock() - this.t0) / 1000 : 0;
  }
  timeUp(): boolean {
    return this.opts.clock !== undefined && this.elapsed() >= this.opts.timeLimitSeconds;
  }
  /** Seconds left for a HiGHS run (without a clock: the limit itself, per run). */
  remaining(): number {
    return this.opts.clock ? Math.max(0.05, this.opts.timeLimitSeconds - this.elapsed()) : this.opts.timeLimitSeconds;
  }
  /** Seconds kept back at the end for tables, reasons and the final check (they grow with the event). */
  private finishReserve(): number {
    return Math.min(0.2 * this.opts.timeLimitSeconds, 0.25 + TUNING.finishSecondsPerMeeting * this.model.nM);
  }
  /** The idle-gap phase stops here, leaving the finishing reserve (and `spare` seconds more when given). */
  gapTimeUp(spare = 0): boolean {
    return this.opts.clock !== undefined && this.elapsed() >= this.opts.timeLimitSeconds - this.finishReserve() - spare;
  }
  /** Seconds the gap search leaves for the idle-gap bound when time runs short. */
  boundSpare(): number {
    return TUNING.gapBoundSpareShare * this.opts.timeLimitSeconds;
  }
  /**
   * HiGHS limits for an integer programme of the gap phase that may take `seconds`. With a clock, that
   * time. Without one (a deterministic run) a node limit, with at least `untimedMipSeconds` as a safety
   * net whose answers are dropped: a time limit alone stopped runs at different points on a busier
   * machine, or in the first solve of a process while HiGHS is still being compiled, and the same
   * seed gave different idle-gap bounds (1, then 2).
   */
  mipLimits(seconds: number): { timeLimit: number; nodeLimit?: number } {
    return this.opts.clock !== undefined
      ? { timeLimit: seconds }
      : { timeLimit: Math.max(seconds, TUNING.untimedMipSeconds), nodeLimit: TUNING.untimedMipNodes };
  }
  gapRemaining(): number {
    return this.opts.clock
      ? Math.max(0.05, this.opts.timeLimitSeconds - this.finishReserve() - this.elapsed())
      : this.opts.timeLimitSeconds;
  }
  timeFraction(): number {
    return this.opts.clock
      ? this.elapsed() / Math.max(1e-9, this.opts.timeLimitSeconds)
      : this.iterations / Math.max(1, this.opts.maxIterations);
  }
  served(): number {
    return this.requested - this.st.uncovered;
  }
  allServed(): boolean {
    return this.st.uncovered === this.requested - this.servableCount;
  }
  /** Level 1 of the objective is settled: every servable party served, or the proven most. */
  levelOneProven(): boolean {
    return this.allServed() || (this.maxServableProven && this.served() >= this.maxServable);
  }
  /** Levels 1 and 2 are proven optimal. */
  proven(): boolean {
    return this.levelOneProven() && this.st.weight >= this.bound - this.eps;
  }
  /** Takes a better bound, ignoring one below a valid schedule's weight (numerical trouble). */
  useBound(r: BoundResult | null): void {
    if (r && r.bound < this.bound - this.eps && r.bound >= this.st.weight - this.eps) {
      this.bound = r.bound;
      this.boundMethod = r.method;
    }
  }

  report(phase: SolvePhase, force = false, idleGaps?: number): void {
    const onProgress = this.opts.onProgress;
    if (!onProgress) return;
    const clock = this.opts.clock;
    const now = clock ? clock() : this.iterations;
    if (!force && now - this.lastReport < (clock ? 250 : 2000)) return;
    this.lastReport = now;
    const p: SolveProgress = {
      phase,
      fraction: phase === 'done' ? 1 : Math.min(1, Math.max(0, this.timeFraction())),
      objective: this.st.weight / this.scale,
      bound: this.bound / this.scale,
      partiesWithoutMeeting: this.st.uncovered,
      idleGaps: idleGaps ?? this.st.totalGaps(),
      ...(this.idleGapsBound !== undefined ? { idleGapsBound: this.idleGapsBound } : {}),
    };
    onProgress(p);
  }
}

/** Phase 1: greedy construction, then a pass that gives parties without a meeting one. */
function constructPhase(ctx: SolveContext): void {
  ctx.search.construct();
  ctx.search.coveragePass();
  ctx.report('construct', true);
}

/** The bound stages, from cheap to strong; each is tried only when the search stalls below the current bound. */
function boundStages(ctx: SolveContext): ((need: number) => Promise<void>)[] {
  const md = ctx.boundModel;
  const search = ctx.search;
  const steer = (r: BoundResult | null): void => {
    if (!r?.target || ctx.keepMode) return;
    search.setGuide(r.target);
    search.steerTowards(r.target);
    search.refreshWanted();
  };
  const slotModelOk = md.mFeas.reduce((n, f) => n + f.length, 0) <= TUNING.slotModelMaxColumns;
  return [
    async (need) => {
      const r = await aggregateBound(md, need, false, ctx.remaining());
      ctx.useBound(r);
      steer(r);
    },
    async (need) => {
      const r = await aggregateBound(md, need, true, ctx.remaining() * TUNING.aggregateMipTimeShare);
      ctx.useBound(r);
      steer(r);
    },
    async (need) => {
      if (slotModelOk) ctx.useBound(await slotBound(md, need, false, ctx.remaining() * TUNING.slotLpTimeShare));
    },
    async (need) => {
      if (!slotModelOk) return;
      const r = await slotBound(md, need, true, ctx.remaining() * TUNING.slotMipTimeShare);
      ctx.useBound(r);
      if (r?.slots && !ctx.keepMode) search.adopt(r.slots);
    },
  ];
}

/**
 * Phase 2: the first LP bound, then (when some servable party has no meeting) a proof of the most
 * parties any schedule can serve, and a few improvement passes.
 */
async function boundPhase(ctx: SolveContext): Promise<void> {
  const md = ctx.boundModel;
  if (!ctx.proven() && !ctx.timeUp()) await boundStages(ctx)[0](ctx.served());
  for (const kind of ['aggregate', 'slot'] as const) {
    if (ctx.allServed() || ctx.keepMode || ctx.timeUp() || ctx.levelOneProven()) break;
    if (kind === 'slot' && md.mFeas.reduce((n, f) => n + f.length, 0) > TUNING.slotModelMaxColumns) break;
    const r = await coverableBound(md, kind, ctx.remaining() * TUNING.coverageTimeShare);
    if (r === null) continue;
    ctx.maxServable = Math.min(ctx.maxServable, r.bound);
    ctx.maxServableProven = true;
    // The coverage programme's own schedule may serve parties the search missed: take it if better.
    if (r.slots && ctx.served() < ctx.maxServable) ctx.search.adopt(r.slots);
  }
  ctx.report('bound', true);
  for (let pass = 0; pass < 3 && !ctx.proven() && !ctx.timeUp(); pass++) {
    if (!ctx.search.improvePass()) break;
  }
}

/**
 * Phase 3: large neighbourhood search until levels 1 and 2 are proven optimal or a limit is hit;
 * the bound escalates to the next stage whenever the search stalls.
 */
async function improvePhase(ctx: SolveContext): Promise<void> {
  const { search, opts } = ctx;
  const stages = boundStages(ctx);
  const lastStage = ctx.keepMode ? 0 : stages.length - 1;
  const weightIterations = ctx.keepMode
    ? Math.min(opts.maxIterations, 50 * search.free.length + 200)
    : Math.floor(opts.maxIterations * TUNING.weightIterationShare);
  const patience = Math.min(
    TUNING.patienceBase + Math.floor(search.free.length / 2),
    Math.max(50, Math.floor(weightIterations / 10)),
  );
  let stage = 0;
  let needAtBound = ctx.served();
  let stagnant = 0;
  while (!ctx.proven() && ctx.iterations < weightIterations) {
    if (ctx.timeUp()) {
      ctx.stoppedByTime = true;
      break;
    }
    const r = search.lnsStep();
    ctx.iterations++;
    stagnant = r > 0 ? 0 : stagnant + 1;
    if (r > 0 || stagnant % 100 === 0) search.refreshWanted();
    if (stagnant > 0 && stagnant % 500 === 0) search.improvePass();
    if (ctx.served() > needAtBound) {
      needAtBound = ctx.served();
      for (let k = 0; k <= stage && !ctx.proven() && !ctx.timeUp(); k++) await stages[k](needAtBound);
    }
    if (stagnant >= patience && stage < lastStage && !ctx.timeUp()) {
      stage++;
      await stages[stage](needAtBound);
      ctx.report('bound', true);
      stagnant = 0;
    }
    ctx.report('improve');
  }
  // Out of iterations before every bound was tried: try the rest (they may also prove or improve).
  while (!ctx.proven() && stage < lastStage && !ctx.timeUp()) {
    stage++;
    await stages[stage](needAtBound);
  }
  ctx.weightProven = ctx.proven();
  ctx.weightSeconds = ctx.elapsed();
}

/** The schedule file: concrete tables, a reason for each meeting not held, and the stats. */
function finish(ctx: SolveContext, idleGapsBound: number | undefined): Schedule {
  const md = ctx.model;
  const st = ctx.st;
  const status: Schedule['status'] = ctx.weightProven ? 'optimal' : ctx.stoppedByTime ? 'timedout' : 'feasible';
  const tables = assignTables(md, st.slotOf);
  const assignments: Assignment[] = [];
  const unscheduled: Unscheduled[] = [];
  let kept = 0;
  let moved = 0;
  let released = 0;
  for (let m = 0; m < md.nM; m++) {
    if (md.keepOutcome[m] === 'kept') kept++;
    if (md.keepOutcome[m] === 'released') {
      released++;
      if (st.slotOf[m] >= 0) moved++;
    }
    if (st.slotOf[m] >= 0)
      assignments.push({ meeting: md.mId[m], slot: md.slotId[st.slotOf[m]], table: md.tableId[tables[m]] });
    else unscheduled.push({ meeting: md.mId[m], reason: unscheduledReason(md, st, m) });
  }
  const idleGaps = st.totalGaps();
  ctx.report('done', true, idleGaps);
  let objective = 0;
  for (let m = 0; m < md.nM; m++) if (st.slotOf[m] >= 0) objective += md.problem.meetings[m].weight;
  return {
    version: ctx.problem.version,
    status,
    objective,
    // Once proven, the bound equals the objective up to rounding noise: report them equal.
    bound: status === 'optimal' ? objective : ctx.bound / ctx.scale,
    assignments,
    unscheduled,
    stats: {
      seconds: Math.round(ctx.elapsed() * 1000) / 1000,
      idleGaps,
      ...(idleGapsBound !== undefined ? { idleGapsBound } : {}),
      partiesWithoutMeeting: partiesWithoutMeeting(md.problem, assignments).length,
      held: assignments.length,
      iterations: ctx.iterations,
      boundMethod: BOUND_METHODS.indexOf(ctx.boundMethod),
      weightSeconds: Math.round(ctx.weightSeconds * 1000) / 1000,
      kept,
      moved,
      released,
    },
  };
}

/** Did parsing fail only because the pins clash (structure fine)? */
function onlyPinErrors(problem: Problem, errors: readonly FieldError[]): boolean {
  try {
    const pinErrors = checkPins(problem);
    return pinErrors.length > 0 && JSON.stringify(pinErrors) === JSON.stringify(errors);
  } catch {
    return false;
  }
}

function infeasibleSchedule(problem: Problem, errors: readonly FieldError[], seconds: number): Schedule {
  const byMeeting = new Map<number, string[]>();
  for (const e of errors) {
    const k = /^meetings\[(\d+)\]/.exec(e.path);
    if (k) byMeeting.set(Number(k[1]), [...(byMeeting.get(Number(k[1])) ?? []), e.message]);
  }
  const all = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  const unscheduled = problem.meetings.map((m, i) => ({
    meeting: m.id,
    reason: byMeeting.has(i)
      ? `its pin cannot hold: ${(byMeeting.get(i) ?? []).join('; ')}`
      : `not scheduled because the pins cannot all hold (${all})`,
  }));
  return {
    version: problem.version,
    status: 'infeasible',
    objective: 0,
    bound: null,
    assignments: [],
    unscheduled,
    stats: {
      seconds: Math.round(seconds * 1000) / 1000,
      idleGaps: 0,
      partiesWithoutMeeting: partiesWithoutMeeting(problem, []).length,
    },
  };
}
