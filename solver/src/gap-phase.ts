import { GapSearch } from './gaps';
import type { SolveContext } from './solve';

/** Gap-step budget per movable meeting (iterations), and steps without a gain before giving up. */
const GAP_STEPS_PER_MEETING = 150;

/**
 * Phase 4, idle gaps (level 3 of the objective) with the set of held meetings fixed, so levels 1
 * and 2 never change. Returns a proven lower bound on idle gaps when one is known.
 */
export async function gapPhase(ctx: SolveContext): Promise<{ bound?: number }> {
  const { st, opts } = ctx;
  const gs = new GapSearch(ctx.model, st, ctx.rng);
  const gapIterations = Math.min(opts.maxIterations - ctx.iterations, GAP_STEPS_PER_MEETING * gs.size + 1000);
  const gapPatience = ctx.keepMode ? 20 * gs.size + 100 : 60 * gs.size + 1000;
  let sinceGain = 0;
  let gaps = st.totalGaps();
  for (let k = 0; k < gapIterations && sinceGain < gapPatience && gaps > 0; k++) {
    if (ctx.timeUp()) {
      ctx.stoppedByTime = ctx.stoppedByTime || !ctx.weightProven;
      break;
    }
    const d = gs.step();
    ctx.iterations++;
    sinceGain = d !== null && d < 0 ? 0 : sinceGain + 1;
    if (d !== null) gaps += d;
    ctx.report('gaps', false, gaps);
  }
  return gaps === 0 ? { bound: 0 } : {};
}
