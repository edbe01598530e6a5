import type { Model } from './model';

/** Give up (answer "maybe") after this many candidate busy sets. */
const MAX_CANDIDATES = 20_000;

/**
 * Could person p hold these meetings (each in one of its feasible slots, all in different slots)
 * with no idle gap, looking at p alone? With no gap, p's busy slots form one interval per day
 * (containing p's fixed meetings of that day) of slots where p is available, so this tries each
 * choice of intervals whose free slots number exactly the meetings, and checks a perfect matching
 * of the meetings to those slots. Returns false when none exists (p has at least one gap in every
 * valid schedule that holds these meetings), true when one does, and null when it gave up.
 */
export function gapFreePossible(
  md: Model,
  p: number,
  meetings: readonly number[],
  fixedBusy: Uint8Array,
): boolean | null {
  const { nS, slotDay } = md;
  const k = meetings.length;
  const dayStart: number[] = [];
  const dayEnd: number[] = [];
  for (let s = 0; s < nS; s++) {
    const d = slotDay[s];
    if (dayStart[d] === undefined) dayStart[d] = s;
    dayEnd[d] = s;
  }
  const days = dayStart.length;
  const usable = new Uint8Array(nS);
  for (const m of meetings) for (const s of md.mFeas[m]) usable[s] = 1;
  // Per day: the intervals that could be p's busy slots, with how many meeting slots they offer.
  const options: { a: number; b: number; free: number }[][] = [];
  for (let d = 0; d < days; d++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let s = dayStart[d]; s <= dayEnd[d]; s++)
      if (fixedBusy[s]) {
        lo = Math.min(lo, s);
        hi = Math.max(hi, s);
      }
    const list: { a: number; b: number; free: number }[] = [];
    if (lo === Infinity) list.push({ a: -1, b: -2, free: 0 });
    for (let a = dayStart[d]; a <= dayEnd[d]; a++) {
      let free = 0;
      for (let b = a; b <= dayEnd[d]; b++) {
        if (md.unavailable[p * nS + b] || (!fixedBusy[b] && !usable[b])) break;
        if (!fixedBusy[b]) free++;
        if (a <= lo && b >= hi && free <= k) list.push({ a, b, free });
      }
    }
    options.push(list);
  }
  const chosen = new Uint8Array(nS);
  let candidates = 0;
  let gaveUp = false;
  const dfs = (d: number, left: number): boolean => {
    if (gaveUp) return false;
    if (d === days) {
      if (left !== 0) return false;
      if (++candidates > MAX_CANDIDATES) {
        gaveUp = true;
        return false;
      }
      return perfectMatching(md, meetings, chosen);
    }
    for (const o of options[d]) {
      if (o.free > left) continue;
      for (let s = o.a; s <= o.b; s++) if (!fixedBusy[s]) chosen[s] = 1;
      const ok = dfs(d + 1, left - o.free);
      for (let s = o.a; s <= o.b; s++) chosen[s] = 0;
      if (ok) return true;
    }
    return false;
  };
  const found = dfs(0, k);
  return found ? true : gaveUp ? null : false;
}

/** Can every meeting get its own slot among the chosen ones (Kuhn's augmenting paths)? */
function perfectMatching(md: Model, meetings: readonly number[], chosen: Uint8Array): boolean {
  const holder = new Int32Array(md.nS).fill(-1);
  const augment = (i: number, seen: Uint8Array): boolean => {
    for (const s of md.mFeas[meetings[i]]) {
      if (!chosen[s] || seen[s]) continue;
      seen[s] = 1;
      if (holder[s] < 0 || augment(holder[s], seen)) {
        holder[s] = i;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < meetings.length; i++) if (!augment(i, new Uint8Array(md.nS))) return false;
  return true;
}
