import { aggregateModel } from './bound';
import { contextBound } from './gap-bound';
import { gapFreePossible } from './gap-free';
import { buildGapModel, type GapModel, type GapModelInput } from './gap-model';
import { GapSearch } from './gaps';
import { solveLinear } from './lp';
import type { Model } from './model';
import type { SolveContext } from './solve';
import { TUNING } from './tuning';

/**
 * Phase 4, idle gaps (level 3 of the objective). Levels 1 and 2 never change here: every move
 * keeps the set of held meetings.
 *
 * 1. A descent (moves that never add gaps).
 * 2. Which meetings every schedule of the same levels 1 and 2 must hold (all placeable ones are
 *    held, or reduced-cost fixing on the aggregated LP proves it); the rest are optional. Then the
 *    cheap bound: each person's own minimum (an exact check or small integer programme over their
 *    meetings only, a relaxation) summed over people.
 * 3. Simulated annealing over Kempe-chain moves, guided by idle slots as well as gaps, cooled within
 *    the time there is, stopped as soon as it reaches the bound; then a descent.
 * 4. Stronger bounds, each only while the gaps exceed the bound: the context bound (`gap-bound.ts`,
 *    each person with gaps together with their partners' other meetings); the pattern bound, the
 *    least number of person-days that cannot be gap-free (`patternBound`); the dual bound of the
 *    exact gap model (`gap-model.ts`) when it is small enough. The last two stop as soon as they
 *    prove the gaps minimal; their placements are taken when better.
 * 5. While the gaps exceed the bound: the annealing again from the best placement, in rounds that go on only while
 *    each finds fewer gaps; then, while time is left, integer-programming neighbourhoods (the
 *    meetings of a person with gaps and of their partners re-placed optimally, the rest fixed).
 *
 * Every step ends when it stalls (no gain for a while) or reaches the bound, not at the time limit,
 * so a solve whose levels 1 and 2 are proven returns as soon as the gaps stop falling. With `keep`
 * (a re-solve around a published schedule) only the new or released meetings move: a short descent.
 *
 * Returns the bound (0 is proven whenever the gaps reach 0).
 */
export async function gapPhase(ctx: SolveContext): Promise<{ bound?: number }> {
  const { st } = ctx;
  const gs = new GapSearch(ctx.model, st, ctx.rng);
  if (ctx.keepMode) {
    // Re-solving around a published schedule: only the few new or released meetings move, and the
    // answer is wanted at once (on-site rebooking), so a short descent is all there is to do.
    const gaps = descend(ctx, gs, st.totalGaps(), TUNING.gapKeepPatiencePerMeeting * gs.size + 100);
    ctx.report('gaps', true, gaps);
    return gaps === 0 ? { bound: 0 } : {};
  }
  let gaps = descend(ctx, gs, st.totalGaps());
  ctx.report('gaps', true, gaps);
  if (gaps === 0) return { bound: 0 };
  if (ctx.gapTimeUp()) return {};

  // The cheap bound first, so the annealing can stop as soon as it reaches it.
  const selection = await heldSelection(ctx);
  const timed = ctx.opts.clock !== undefined;
  let bound = 0;
  if (selection) bound = Math.max(bound, await personBound(ctx, selection));
  ctx.idleGapsBound = Math.min(bound, gaps);
  if (gaps > bound) gaps = anneal(ctx, gs, gaps, bound);
  ctx.idleGapsBound = Math.min(bound, gaps);
  ctx.report('gaps', true, gaps);
  if (gaps <= bound || ctx.gapTimeUp()) return { bound: Math.min(bound, gaps) };
  if (selection) {
    bound = Math.max(bound, await contextBounds(ctx, selection));
    ctx.idleGapsBound = Math.min(bound, gaps);
    ctx.report('gaps', true, gaps);
    if (gaps <= bound || ctx.gapTimeUp()) return { bound: Math.min(bound, gaps) };
  }
  if (selection && bound < gaps && !ctx.gapTimeUp()) {
    const r = await patternBound(ctx, gs, selection, gaps);
    bound = Math.max(bound, r.bound);
    gaps = r.gaps;
    ctx.idleGapsBound = Math.min(bound, gaps);
    ctx.report('gaps', true, gaps);
  }
  if (selection && bound < gaps && !ctx.gapTimeUp()) {
    const gm = buildGapModel(ctx.model, selection);
    // Without a clock (a deterministic run), only small models, briefly.
    if (gm.lp.nCols <= (timed ? TUNING.gapModelMaxColumns : TUNING.gapModelMaxColumnsUntimed)) {
      const r = await solveLinear(gm.lp, {
        integer: true,
        ...ctx.mipLimits(
          timed
            ? Math.min(TUNING.gapMipMaxSeconds, ctx.gapRemaining() * TUNING.gapMipTimeShare)
            : TUNING.gapMipSecondsUntimed,
        ),
        start: gm.start(st.slotOf),
        absGap: 0.999, // whole gaps: proven once the dual bound rounds up to the best
        // HiGHS does not time all of its steps: stopped from outside when the gap phase's time is up.
        ...(timed ? { hardStopSeconds: ctx.gapRemaining() } : {}),
      });
      if (r) {
        bound = Math.max(bound, Math.ceil(-r.bound - 1e-6));
        if (r.x.length === gm.lp.nCols && -r.objective < gaps - 0.5 && adopt(ctx, gs, gm, r.x, selection.held))
          gaps = st.totalGaps();
      }
    }
  }
  ctx.idleGapsBound = Math.min(bound, gaps);
  ctx.report('gaps', true, gaps);
  // Gaps above the bound (proven, or 0 when none is): anneal again from the best placement, towards the bound, while
  // each round still finds fewer gaps. A round is one cooling (about a second on 550 meetings); measured on the bench
  // events with gaps left, the rounds took group 14 -> 8, popular800 15 -> 10 and stands 14 -> 9 gaps.
  for (let round = 0; round < TUNING.gapReannealRounds && gaps > bound && !ctx.gapTimeUp(); round++) {
    const before = gaps;
    gaps = anneal(ctx, gs, gaps, bound);
    if (gaps >= before) break;
  }
  ctx.idleGapsBound = Math.min(bound, gaps);
  if (timed) gaps = await neighbourhoods(ctx, gs, gaps, bound);
  return { bound: Math.min(bound, gaps) };
}

/**
 * Step 3: annealing from a temperature where +1 gap passes often to one where it almost never does
 * (cooled by steps, which a clock may shorten to fit the time left), stopped when it stalls or
 * reaches `floor` (a proven bound), then a descent. The best placement seen is kept.
 */
function anneal(ctx: SolveContext, gs: GapSearch, gapsNow: number, floor: number): number {
  const { opts } = ctx;
  let gaps = gapsNow;
  if (gaps <= floor || gs.size === 0 || ctx.gapTimeUp(ctx.boundSpare())) return gaps;
  let steps = Math.max(
    0,
    Math.min(
      (opts.maxIterations - ctx.iterations) * TUNING.gapStepsPerIteration,
      TUNING.gapAnnealStepsPerMeeting * gs.size + TUNING.gapAnnealMinSteps,
    ),
  );
  let best = gaps;
  let bestSlots = gs.snapshot();
  const { gapTemperatureStart: t0, gapTemperatureEnd: t1 } = TUNING;
  let bestAt = 0;
  const started = ctx.elapsed();
  for (let k = 0; k < steps && best > floor; k++) {
    if ((k & 1023) === 0) {
      if (ctx.gapTimeUp(ctx.boundSpare())) break;
      // With a clock, once the pace is known: cool within the time there is (a share of what is
      // left), so a slow machine still ends the cooling where the gains are instead of being cut
      // off while still hot.
      if (k === TUNING.gapAnnealPaceSteps && opts.clock) {
        const perStep = (ctx.elapsed() - started) / k;
        const room = TUNING.gapAnnealTimeShare * (ctx.gapRemaining() - ctx.boundSpare());
        if (perStep > 0) steps = Math.min(steps, k + Math.max(0, Math.floor(room / perStep)));
      }
      // Stalled: past the middle of the cooling with no new best for a quarter of it.
      if (k > TUNING.gapAnnealStallFrom * steps && k - bestAt > TUNING.gapAnnealStallShare * steps) break;
      ctx.report('gaps', false, best);
    }
    const d = gs.step(0, t0 * Math.pow(t1 / t0, k / steps));
    if (k % TUNING.gapStepsPerIteration === 0) ctx.iterations++;
    if (d !== null) gaps += d;
    if (gaps < best) {
      best = gaps;
      bestAt = k;
      bestSlots = gs.snapshot();
    }
  }
  if (gaps > best) gs.restore(bestSlots);
  return descend(ctx, gs, best, undefined, floor);
}

/** Moves that never add gaps, until none has helped for `patience` steps. */
function descend(
  ctx: SolveContext,
  gs: GapSearch,
  gapsNow: number,
  patience = TUNING.gapDescentPatience * gs.size + 1000,
  floor = 0,
): number {
  let gaps = gapsNow;
  let sinceGain = 0;
  for (let k = 0; gaps > floor && sinceGain < patience; k++) {
    // Out of time: still a short descent (a few steps per meeting, milliseconds), so a solve that a
    // busy machine kept in levels 1 and 2 to the limit does not hand out the first schedule's gaps.
    if ((k & 1023) === 0 && k >= TUNING.gapMinimumStepsPerMeeting * gs.size && ctx.gapTimeUp(ctx.boundSpare())) break;
    const d = gs.step();
    if (k % TUNING.gapStepsPerIteration === 0) ctx.iterations++;
    sinceGain = d !== null && d < 0 ? 0 : sinceGain + 1;
    if (d !== null) gaps += d;
  }
  return gaps;
}

/**
 * Step 2: the meetings every schedule with the same levels 1 and 2 holds. When every placeable
 * meeting is held, that is all of them. Otherwise, reduced-cost fixing on the aggregated LP (with
 * the parties served kept): from dual multipliers y with bound D, any schedule that holds the same
 * weight W gives W <= D - d_m when it drops a meeting m whose reduced cost d_m > 0 (or adds one
 * with d_m < 0), so such meetings are decided when D - |d_m| < W. Undecided meetings are optional.
 * Null when no LP answer is at hand.
 */
async function heldSelection(ctx: SolveContext): Promise<GapModelInput | null> {
  const md = ctx.model;
  const st = ctx.st;
  const held: number[] = [];
  const out: number[] = [];
  for (let m = 0; m < md.nM; m++) {
    if (md.mFixedSlot[m] >= 0 || md.mFeas[m].length === 0) continue;
    (st.slotOf[m] >= 0 ? held : out).push(m);
  }
  if (out.length === 0) return { held, optional: [] };
  const { lp, col } = aggregateModel(md, ctx.served());
  const r = await solveLinear(lp, { timeLimit: Math.min(ctx.gapRemaining(), 5) });
  if (!r?.duals) return null;
  const reduced = Float64Array.from(lp.cost);
  for (let row = 0; row < lp.rhs.length; row++) {
    const y = r.duals[row];
    if (y <= 0) continue;
    for (let k = lp.rowStart[row]; k < lp.rowStart[row + 1]; k++) reduced[lp.rowCol[k]] -= lp.rowVal[k] * y;
  }
  // Bound on the weight of the free meetings; W is the free meetings' held weight.
  let w = 0;
  for (const m of held) w += md.mWeight[m];
  const below = (x: number): boolean =>
    md.allIntegerWeights ? Math.floor(x + 1e-6) < w - 0.5 : x < w - Math.max(md.weightTol, 1e-7 * w);
  const forced: number[] = [];
  const optional: number[] = [];
  for (const m of held) {
    const d = col[m] >= 0 ? reduced[col[m]] : 0;
    (d > 0 && below(r.bound - d) ? forced : optional).push(m);
  }
  for (const m of out) {
    const d = col[m] >= 0 ? reduced[col[m]] : 0;
    if (!(d < 0 && below(r.bound + d))) optional.push(m);
  }
  return { held: forced, optional, weightNeed: st.weight, servedNeed: ctx.served() };
}

/**
 * Step 2 (bound): the sum over people of each one's least idle gaps when only their own meetings had to
 * fit (their partners' other meetings ignored): a relaxation per person, so the sum is a lower
 * bound. Only people with gaps now can add to it, and only people whose set of meetings is decided
 * (no optional meeting: another meeting could fill a gap).
 */
async function personBound(ctx: SolveContext, selection: GapModelInput): Promise<number> {
  const md = ctx.model;
  const st = ctx.st;
  const mine: number[][] = Array.from({ length: md.nP }, () => []);
  for (const m of selection.held) for (const p of md.mPeople[m]) mine[p].push(m);
  const undecided = new Uint8Array(md.nP);
  for (const m of selection.optional) for (const p of md.mPeople[m]) undecided[p] = 1;
  const fixedBusy = new Uint8Array(md.nS);
  let sum = 0;
  for (let p = 0; p < md.nP; p++) {
    if (st.gapsOf(p) === 0 || undecided[p]) continue;
    fixedBusy.fill(0);
    for (const m of md.personMeetings[p]) if (md.mFixedSlot[m] >= 0) fixedBusy[md.mFixedSlot[m]] = 1;
    // Quick check first: usually a gap-free placement of their own meetings exists (bound 0).
    if (gapFreePossible(md, p, mine[p], fixedBusy) !== false) continue;
    const gm = buildGapModel(md, { held: mine[p], optional: [], people: [p] });
    const r = await solveLinear(gm.lp, { integer: true, ...ctx.mipLimits(Math.min(1, ctx.gapRemaining())) });
    sum += Math.max(1, r ? Math.ceil(-r.bound - 1e-6) : 1);
  }
  return sum;
}

/**
 * Step 4a: the context bound (`gap-bound.ts`) of every person with gaps now, summed: each person's
 * fewest gaps when their own meetings and their partners' other meetings have to fit. People
 * without gaps now add 0 (their bound is at most their gaps). Stops when its time is up (the
 * people not reached add 0, which keeps the sum a bound).
 */
async function contextBounds(ctx: SolveContext, selection: GapModelInput): Promise<number> {
  const md = ctx.model;
  const timed = ctx.opts.clock !== undefined;
  const stopAt = ctx.elapsed() + Math.min(TUNING.gapContextMaxSeconds, TUNING.gapContextTimeShare * ctx.gapRemaining());
  let sum = 0;
  let people = 0;
  for (let p = 0; p < md.nP; p++) {
    const own = ctx.st.gapsOf(p);
    if (own === 0) continue;
    if (timed && (ctx.elapsed() >= stopAt || ctx.gapTimeUp())) break;
    if (!timed && people >= TUNING.gapContextPeopleUntimed) break;
    people++;
    const seconds = timed
      ? Math.max(0.05, Math.min(TUNING.gapContextSeconds, stopAt - ctx.elapsed()))
      : TUNING.gapContextSeconds;
    // Never more than the gaps p has now (a placement of the same smaller problem).
    const { timeLimit, nodeLimit } = ctx.mipLimits(seconds);
    sum += Math.min(own, await contextBound(md, selection, p, timeLimit, ctx.st.slotOf, nodeLimit));
  }
  return sum;
}

/**
 * Step 4b: the pattern bound. A person has no idle gap on a day exactly when their busy slots form
 * one interval, so the least number of person-days that cannot be gap-free (the gap model in
 * `count` form, see `gap-model.ts`) is a lower bound on idle gaps, and on forum-style events, where
 * people have nearly as many meetings as slots, a strong one that HiGHS proves in seconds. Its
 * placement is taken when it has fewer gaps than ours. Skipped on models too large to prove.
 */
async function patternBound(
  ctx: SolveContext,
  gs: GapSearch,
  selection: GapModelInput,
  gapsNow: number,
): Promise<{ bound: number; gaps: number }> {
  const timed = ctx.opts.clock !== undefined;
  const maxColumns = timed ? TUNING.gapPatternMaxColumns : TUNING.gapModelMaxColumnsUntimed;
  // The placement columns alone exceed the limit on large events: do not build the model at all.
  let placements = 0;
  for (const m of [...selection.held, ...selection.optional]) placements += ctx.model.mFeas[m].length;
  if (placements > maxColumns) return { bound: 0, gaps: gapsNow };
  const gm = buildGapModel(ctx.model, { ...selection, intervals: 'count' });
  if (gm.lp.nCols > maxColumns) return { bound: 0, gaps: gapsNow };
  const r = await solveLinear(gm.lp, {
    integer: true,
    ...ctx.mipLimits(
      timed
        ? Math.min(TUNING.gapPatternMaxSeconds, ctx.gapRemaining() * TUNING.gapPatternTimeShare)
        : TUNING.gapMipSecondsUntimed,
    ),
    start: gm.start(ctx.st.slotOf),
    // The objective is a count: stop once the dual bound rounds up to the best solution.
    absGap: 0.999,
    // Its first cut rounds are not timed by HiGHS (7 s on a 240-meeting forum event): stopped from
    // outside when the gap phase's time is up.
    ...(timed ? { hardStopSeconds: ctx.gapRemaining() } : {}),
  });
  if (!r) return { bound: 0, gaps: gapsNow };
  const bound = Math.ceil(-r.bound - 1e-6);
  let gaps = gapsNow;
  if (r.x.length === gm.lp.nCols && -r.objective < gaps - 0.5) {
    const before = gs.snapshot();
    if (adopt(ctx, gs, gm, r.x, selection.held)) {
      if (ctx.st.totalGaps() < gaps) gaps = ctx.st.totalGaps();
      else gs.restore(before);
    }
  }
  return { bound, gaps };
}

/** Puts the meetings where a gap-model solution has them, if that is valid here; restores otherwise. */
function adopt(ctx: SolveContext, gs: GapSearch, gm: GapModel, x: Float64Array, moving: readonly number[]): boolean {
  const md: Model = ctx.model;
  const slots = gs.snapshot();
  for (const m of moving) {
    let s = -1;
    md.mFeas[m].forEach((slot, k) => {
      if (x[gm.colStart[m] + k] > 0.5) s = slot;
    });
    if (s < 0) return false;
    slots[m] = s;
  }
  const before = gs.snapshot();
  try {
    gs.restore(slots);
    return true;
  } catch {
    gs.restore(before);
    return false;
  }
}

/**
 * Step 5: integer-programming neighbourhoods. The meetings of a person with gaps and of the people
 * they meet are placed optimally for the gaps of everyone they involve, all other meetings fixed.
 */
async function neighbourhoods(ctx: SolveContext, gs: GapSearch, gapsNow: number, bound: number): Promise<number> {
  const md = ctx.model;
  const st = ctx.st;
  let gaps = gapsNow;
  let fruitless = 0;
  const stopAt = ctx.elapsed() + TUNING.gapNeighbourhoodTimeShare * ctx.gapRemaining();
  while (gaps > bound && fruitless < TUNING.gapNeighbourhoodPatience && !ctx.gapTimeUp() && ctx.elapsed() < stopAt) {
    const withGaps: number[] = [];
    for (let p = 0; p < md.nP; p++) if (st.gapsOf(p) > 0) withGaps.push(p);
    const centre = withGaps[ctx.rng.int(withGaps.length)];
    const people = new Set<number>([centre]);
    for (const m of md.personMeetings[centre]) if (st.slotOf[m] >= 0) for (const q of md.mPeople[m]) people.add(q);
    const moving: number[] = [];
    for (const p of people)
      for (const m of md.personMeetings[p])
        if (st.slotOf[m] >= 0 && md.mFixedSlot[m] < 0 && !moving.includes(m)) moving.push(m);
    if (moving.length > TUNING.gapNeighbourhoodMaxMeetings)
      moving.splice(TUNING.gapNeighbourhoodMaxMeetings, moving.length - TUNING.gapNeighbourhoodMaxMeetings);
    const involved = new Set<number>();
    for (const m of moving) for (const q of md.mPeople[m]) involved.add(q);
    const constSlot = Int32Array.from(st.slotOf, (s, m) => (moving.includes(m) ? -1 : s));
    const gm = buildGapModel(md, { held: moving, optional: [], people: [...involved], constSlot });
    let before = 0;
    for (const q of involved) before += st.gapsOf(q);
    const r = await solveLinear(gm.lp, {
      integer: true,
      timeLimit: Math.min(TUNING.gapNeighbourhoodSeconds, ctx.gapRemaining()),
      start: gm.start(st.slotOf),
    });
    ctx.iterations++;
    if (r && r.x.length === gm.lp.nCols && -r.objective < before - 0.5 && adopt(ctx, gs, gm, r.x, moving)) {
      const now = st.totalGaps();
      fruitless = now < gaps ? 0 : fruitless + 1;
      gaps = now;
    } else fruitless++;
    ctx.report('gaps', false, gaps);
  }
  return gaps;
}
