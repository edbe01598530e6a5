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
import { loadHighs } from './lp';
import { buildModel, type Model } from './model';
import { unscheduledReason } from './reasons';
import { Rng } from './rng';
import { Search } from './search';
import { State } from './state';
import { assignTables } from './tables';
import { defaultOptions, type SolveOptions, type SolveProgress } from './types';

const SLOT_MODEL_MAX_COLUMNS = 25_000;
const GAP_FACTOR = 150;

/**
 * Schedules the meetings of a problem (contract version 1): the fewest parties left without a
 * meeting, then the most weight, then the fewest idle gaps, with a proven upper bound.
 *
 * Throws `InvalidInputError` (with every field error) when the problem or `keep` is malformed;
 * returns status `infeasible` when only the pins clash.
 *
 * How: greedy construction; ejection-chain insertion and swap-in (coverage first); an LP bound on
 * an aggregated model whose solution also steers the search; large neighbourhood search; and, when
 * the search stalls below the bound, stronger bounds (aggregated integer programme, slot-indexed LP,
 * slot-indexed integer programme, all via HiGHS, whose solutions are adopted when better); finally
 * Kempe-chain slot swaps that cut idle gaps with the set of meetings fixed.
 *
 * Extra `stats`: `held`, `iterations`, `boundMethod` (0 trivial, 1 aggregated LP, 2 slot LP,
 * 3 aggregated IP, 4 slot IP), `weightSeconds` (time to the final weight), and with `keep`:
 * `kept` (published meetings left in place), `released` (published meetings that could not stay)
 * and `moved` (released ones held elsewhere).
 */
export async function solve(problem: Problem, options: Partial<SolveOptions> = {}): Promise<Schedule> {
  const opts: SolveOptions = { ...defaultOptions, ...options };
  const clock = opts.clock;
  const t0 = clock ? clock() : 0;
  const elapsed = (): number => (clock ? (clock() - t0) / 1000 : 0);
  const timeUp = (): boolean => clock !== undefined && elapsed() >= opts.timeLimitSeconds;

  const parsed = parseProblem(problem);
  if (!parsed.ok) {
    if (onlyPinErrors(problem, parsed.errors)) return infeasibleSchedule(problem, parsed.errors, elapsed());
    throw new InvalidInputError(parsed.errors);
  }

  void loadHighs().catch(() => undefined); // compiles in the background while we construct
  if (opts.keep !== undefined) {
    const k = parseSchedule(opts.keep);
    if (!k.ok) throw new InvalidInputError(k.errors.map((e) => ({ path: `keep.${e.path}`, message: e.message })));
  }
  const model = buildModel(problem, opts.keep);
  const boundModel = opts.keep ? buildModel(problem) : model;
  const st = new State(model);
  // Weights are scaled by a power of two inside the model (exact); tolerances follow the lightest meeting.
  const scale = model.weightScale;
  const EPS = model.weightTol;
  const search = new Search(model, st, new Rng(opts.seed));
  const keepMode = opts.keep !== undefined;

  const servable = servableParties(boundModel);
  let requested = 0;
  let servableCount = 0;
  for (let q = 0; q < boundModel.nParty; q++) {
    if (boundModel.partyMeetings[q].length === 0) continue;
    requested++;
    if (servable[q]) servableCount++;
  }
  const allServed = (): boolean => st.uncovered === requested - servableCount;
  const served = (): number => requested - st.uncovered;
  /** Most parties any schedule can serve, once proven by the coverage programme. */
  let maxServable = servableCount;
  let maxServableProven = false;
  const point1 = (): boolean => allServed() || (maxServableProven && served() >= maxServable);

  let lastReport = -Infinity;
  let bound = trivialBound(boundModel);
  let boundMethod = 0; // 0 trivial, 1 aggregate LP, 2 slot LP, 3 aggregate MIP, 4 slot MIP
  let iterations = 0;
  const report = (phase: string, fraction: number, force = false): void => {
    if (!opts.onProgress) return;
    const now = clock ? clock() : iterations;
    const gap = clock ? 250 : 2000;
    if (!force && now - lastReport < gap) return;
    lastReport = now;
    const p: SolveProgress = {
      phase,
      fraction: Math.min(1, Math.max(0, fraction)),
      objective: st.weight / scale,
      bound: bound / scale,
      partiesWithoutMeeting: st.uncovered,
      idleGaps: st.totalGaps(),
    };
    opts.onProgress(p);
  };
  const timeFraction = (): number =>
    clock ? elapsed() / Math.max(1e-9, opts.timeLimitSeconds) : iterations / Math.max(1, opts.maxIterations);
  const proven = (): boolean => point1() && st.weight >= bound - EPS;
  // HiGHS runs get what is left of the time limit (without a clock: the limit itself, per run).
  const remaining = (): number => (clock ? Math.max(0.05, opts.timeLimitSeconds - elapsed()) : opts.timeLimitSeconds);

  // 1. Construction, then a pass that gives parties without a meeting one.
  search.construct();
  search.coveragePass();
  report('construct', timeFraction(), true);

  // 2. Bounds, from cheap to strong, each tried only when the search stalls below the current one.
  const useBound = (r: BoundResult | null, method: number): void => {
    // A bound below the weight of a valid schedule can only come from numerical trouble: ignore it.
    if (r && r.bound < bound - EPS && r.bound >= st.weight - EPS) {
      bound = r.bound;
      boundMethod = method;
    }
  };
  // The slot-indexed models grow with meetings x slots; beyond this size they cost too much memory.
  const slotModelOk = boundModel.mFeas.reduce((n, f) => n + f.length, 0) <= SLOT_MODEL_MAX_COLUMNS;
  const stages: ((need: number) => Promise<void>)[] = [
    async (need) => {
      const r = await aggregateBound(boundModel, need, false, remaining());
      useBound(r, 1);
      if (r?.target && !keepMode) {
        search.setGuide(r.target);
        search.steerTowards(r.target);
        search.refreshWanted();
      }
    },
    async (need) => {
      const r = await aggregateBound(boundModel, need, true, remaining() * 0.3);
      useBound(r, 3);
      if (r?.target && !keepMode) {
        search.setGuide(r.target);
        search.steerTowards(r.target);
        search.refreshWanted();
      }
    },
    async (need) => {
      if (slotModelOk) useBound(await slotBound(boundModel, need, false, remaining() * 0.5), 2);
    },
    async (need) => {
      if (!slotModelOk) return;
      const r = await slotBound(boundModel, need, true, remaining() * 0.4);
      useBound(r, 4);
      if (r?.slots && !keepMode) search.adopt(r.slots);
    },
  ];
  const lastStage = keepMode ? 0 : stages.length - 1;
  let stage = 0;
  let needAtBound = served();
  if (!proven() && !timeUp()) await stages[0](needAtBound);
  // Point 1 of the objective: if some servable party has no meeting, try to prove no schedule serves more.
  for (const kind of ['aggregate', 'slot'] as const) {
    if (allServed() || keepMode || timeUp() || (maxServableProven && served() >= maxServable)) break;
    if (kind === 'slot' && !slotModelOk) break;
    const r = await coverableBound(boundModel, kind, remaining() * 0.2);
    if (r !== null) {
      maxServable = Math.min(maxServable, r.bound);
      maxServableProven = true;
      // The coverage programme's own schedule may serve parties the search missed: take it if better.
      if (r.slots && served() < maxServable) search.adopt(r.slots);
    }
  }
  report('bound', timeFraction(), true);
  for (let pass = 0; pass < 3 && !proven() && !timeUp(); pass++) {
    if (!search.improvePass()) break;
  }

  // 3. Large neighbourhood search until proven optimal or a limit is hit; escalate the bound when stalled.
  const weightIterations = keepMode
    ? Math.min(opts.maxIterations, 50 * search.free.length + 200)
    : Math.floor(opts.maxIterations * 0.7);
  const patience = Math.min(300 + Math.floor(search.free.length / 2), Math.max(50, Math.floor(weightIterations / 10)));
  let stagnant = 0;
  let stoppedByTime = false;
  while (!proven() && iterations < weightIterations) {
    if (timeUp()) {
      stoppedByTime = true;
      break;
    }
    const r = search.lnsStep();
    iterations++;
    stagnant = r > 0 ? 0 : stagnant + 1;
    if (r > 0 || stagnant % 100 === 0) search.refreshWanted();
    if (stagnant > 0 && stagnant % 500 === 0) search.improvePass();
    if (served() > needAtBound) {
      needAtBound = served();
      for (let k = 0; k <= stage && !proven() && !timeUp(); k++) await stages[k](needAtBound);
    }
    if (stagnant >= patience && stage < lastStage && !timeUp()) {
      stage++;
      await stages[stage](needAtBound);
      report('bound', timeFraction(), true);
      stagnant = 0;
    }
    report('improve', timeFraction());
  }
  // Out of iterations before every bound was tried: try the rest (they may also prove or improve).
  while (!proven() && stage < lastStage && !timeUp()) {
    stage++;
    await stages[stage](needAtBound);
  }
  const weightProven = proven();
  const weightSeconds = elapsed();

  // 4. Idle gaps, with the set of meetings fixed.
  const gapIterations = Math.min(opts.maxIterations - iterations, GAP_FACTOR * search.free.length + 1000);
  const gapPatience = keepMode ? 20 * search.free.length + 100 : 60 * search.free.length + 1000;
  let sinceGain = 0;
  let gaps = st.totalGaps();
  for (let k = 0; k < gapIterations && sinceGain < gapPatience && gaps > 0; k++) {
    if (timeUp()) {
      stoppedByTime = stoppedByTime || !weightProven;
      break;
    }
    const d = search.gapStep();
    iterations++;
    sinceGain = d !== null && d < 0 ? 0 : sinceGain + 1;
    if (d !== null) gaps += d;
    report('gaps', timeFraction());
  }

  const schedule = finish(model, st, {
    status: weightProven ? 'optimal' : stoppedByTime ? 'timedout' : 'feasible',
    bound: bound / scale,
    seconds: elapsed(),
    iterations,
    boundMethod,
    weightSeconds,
    report: () => report('done', 1, true),
  });
  // The independent validator has the last word: never hand out a schedule that breaks a rule.
  const violations = validateSchedule(problem, schedule);
  if (violations.length > 0)
    throw new Error(`internal solver error, schedule rejected: ${violations.map((v) => v.message).join('; ')}`);
  // The whole run, including tables, reasons and the check above.
  return { ...schedule, stats: { ...schedule.stats, seconds: Math.round(elapsed() * 1000) / 1000 } };
}

function finish(
  md: Model,
  st: State,
  o: {
    status: Schedule['status'];
    bound: number;
    seconds: number;
    iterations: number;
    boundMethod: number;
    weightSeconds: number;
    report: () => void;
  },
): Schedule {
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
  o.report();
  let objective = 0;
  for (let m = 0; m < md.nM; m++) if (st.slotOf[m] >= 0) objective += md.problem.meetings[m].weight;
  return {
    version: 1,
    status: o.status,
    objective,
    // Once proven, the bound equals the objective up to rounding noise: report them equal.
    bound: o.status === 'optimal' ? objective : o.bound,
    assignments,
    unscheduled,
    stats: {
      seconds: Math.round(o.seconds * 1000) / 1000,
      idleGaps: st.totalGaps(),
      partiesWithoutMeeting: partiesWithoutMeeting(md.problem, assignments).length,
      held: assignments.length,
      iterations: o.iterations,
      boundMethod: o.boundMethod,
      weightSeconds: Math.round(o.weightSeconds * 1000) / 1000,
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
    version: 1,
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
