/**
 * The context bound on idle gaps, a lower bound that stays cheap on large events (issue 13).
 *
 * For one person p it is the fewest idle gaps p can have when only p's meetings and the other
 * meetings of the people p meets have to fit: every rule of the event holds among those meetings
 * (one meeting per person and slot, availability, allowed slots, pins, the Hall limits on tables),
 * everything else is dropped, and meetings whose holding the levels 1 and 2 do not decide may be
 * held or not. Any schedule at those levels, restricted to these meetings, is a placement of this
 * smaller problem with the same idle gaps for p, so p's minimum there is at most p's gaps in that
 * schedule. Only p's gaps are counted, so the bounds of different people add up: the sum over people
 * is a lower bound on the total. It sees what each person's own minimum (their meetings alone) does
 * not: a gap forced because a partner's other meetings take the slots next to p's.
 */
import { buildGapModel, type GapModel, type GapModelInput } from './gap-model';
import { solveLinear } from './lp';
import type { Model } from './model';

/** The meetings around person p: p's own and every other meeting of the people p meets. */
export function contextModel(md: Model, selection: GapModelInput, p: number): GapModel {
  const near = new Set<number>([p]);
  const isHeld = new Uint8Array(md.nM);
  const isOptional = new Uint8Array(md.nM);
  for (const m of selection.held) isHeld[m] = 1;
  for (const m of selection.optional) isOptional[m] = 1;
  for (const m of md.personMeetings[p]) if (isHeld[m] || isOptional[m]) for (const q of md.mPeople[m]) near.add(q);
  const held = new Set<number>();
  const optional = new Set<number>();
  for (const q of near)
    for (const m of md.personMeetings[q]) {
      if (isHeld[m]) held.add(m);
      else if (isOptional[m]) optional.add(m);
    }
  // No weight or coverage target: the optional meetings are free to be held or not (a relaxation).
  return buildGapModel(md, { held: [...held], optional: [...optional], people: [p] });
}

/**
 * p's context bound: the dual bound of `contextModel` after at most `seconds` of HiGHS, rounded up
 * (gaps are whole). 0 when HiGHS gives no answer. With `slotOf` (a valid placement), HiGHS starts
 * from it and stops as soon as its bound reaches p's gaps there. With `nodeLimit` (a run without a
 * clock) it stops after that many nodes, and a run stopped by time gives 0.
 */
export async function contextBound(
  md: Model,
  selection: GapModelInput,
  p: number,
  seconds: number,
  slotOf?: Int32Array,
  nodeLimit?: number,
): Promise<number> {
  const gm = contextModel(md, selection, p);
  const r = await solveLinear(gm.lp, {
    integer: true,
    timeLimit: seconds,
    ...(nodeLimit !== undefined ? { nodeLimit } : {}),
    absGap: 0.999,
    ...(slotOf ? { start: gm.start(slotOf) } : {}),
  });
  return r ? Math.max(0, Math.ceil(-r.bound - 1e-6)) : 0;
}
