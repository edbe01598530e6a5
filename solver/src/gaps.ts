import type { Model } from './model';
import { TUNING } from './tuning';
import type { Rng } from './rng';
import { IDLE_PACK, type State } from './state';

/** A chain longer than this is not tried (the move would disturb too much). */
const MAX_CHAIN = 12;

/**
 * Moves for level 3 of the objective (idle gaps) with the set of held meetings fixed, so levels 1
 * and 2 never change: a meeting moves to another slot together with the connected set of meetings
 * it would collide with there (a Kempe chain over shared people between the two slots).
 */
export class GapSearch {
  /** Meetings that may move: held, not fixed. */
  private readonly movable: Int32Array;
  /**
   * Scratch space of `step`, reused so the inner loop allocates nothing: the chain, its meetings'
   * target slots, the people involved, candidate target slots, and per meeting / person the last
   * step that marked them.
   */
  private readonly chain = new Int32Array(MAX_CHAIN);
  private readonly dest = new Int32Array(MAX_CHAIN);
  private readonly people: Int32Array;
  private readonly near: Int32Array;
  private readonly markM: Int32Array;
  private readonly markP: Int32Array;
  private stamp = 0;
  /** People with gaps at the last `refocus`, where a share of the moves start. */
  private readonly focus: Int32Array;
  private focusLen = 0;
  private steps = 0;

  constructor(
    readonly model: Model,
    readonly st: State,
    readonly rng: Rng,
  ) {
    const out: number[] = [];
    for (let m = 0; m < model.nM; m++) if (st.slotOf[m] >= 0 && model.mFixedSlot[m] < 0) out.push(m);
    this.movable = Int32Array.from(out);
    let largest = 1;
    for (const ppl of model.mPeople) largest = Math.max(largest, ppl.length);
    this.people = new Int32Array(MAX_CHAIN * largest);
    this.near = new Int32Array(2 * model.nS);
    this.markM = new Int32Array(model.nM);
    this.markP = new Int32Array(model.nP);
    this.focus = new Int32Array(model.nP);
  }

  /** Notes the people who have gaps now (moves prefer their meetings). */
  private refocus(): void {
    this.focusLen = 0;
    for (let p = 0; p < this.model.nP; p++) if (this.st.gapsOf(p) > 0) this.focus[this.focusLen++] = p;
  }

  /** A held, movable meeting: sometimes one of a person with gaps (refreshed every 1,024 steps), else any. */
  private pickMeeting(): number {
    if ((this.steps++ & 1023) === 0) this.refocus();
    const md = this.model;
    if (this.focusLen > 0 && this.rng.next() < TUNING.gapFocusShare) {
      const mine = md.personMeetings[this.focus[this.rng.int(this.focusLen)]];
      for (let tries = 0; tries < 4; tries++) {
        const m = mine[this.rng.int(mine.length)];
        if (this.st.slotOf[m] >= 0 && md.mFixedSlot[m] < 0) return m;
      }
    }
    return this.movable[this.rng.int(this.movable.length)];
  }

  /** The slot of every meeting now (to restore the best placement later). */
  snapshot(): Int32Array {
    return Int32Array.from(this.st.slotOf);
  }

  /** Puts the movable meetings back where a snapshot had them (a valid placement of the same meetings). */
  restore(slots: Int32Array): void {
    const st = this.st;
    for (const m of this.movable) if (st.slotOf[m] >= 0) st.remove(m);
    for (const m of this.movable) {
      if (!st.canPlace(m, slots[m])) throw new Error(`internal: cannot restore meeting ${this.model.mId[m]}`);
      st.place(m, slots[m]);
    }
    st.commit();
  }

  get size(): number {
    return this.movable.length;
  }

  private feasibleSlot(m: number, s: number): boolean {
    const feas = this.model.mFeas[m];
    for (let k = 0; k < feas.length; k++) if (feas[k] === s) return true;
    return false;
  }

  /** A target slot for m: usually next to another meeting of one of its people, where gaps close. */
  private targetSlot(m: number, s1: number): number {
    const md = this.model;
    const st = this.st;
    const feas = md.mFeas[m];
    let s2 = feas[this.rng.int(feas.length)];
    if (this.rng.next() < 0.7) {
      const ppl = md.mPeople[m];
      const p = ppl[this.rng.int(ppl.length)];
      const near = this.near;
      let n = 0;
      const base = p * md.nS;
      for (let t = 0; t < md.nS; t++) {
        if (t === s1 || st.occ[base + t] < 0) continue;
        for (let u = t - 1; u <= t + 1; u += 2) {
          if (
            u >= 0 &&
            u < md.nS &&
            u !== s1 &&
            md.slotDay[u] === md.slotDay[t] &&
            st.occ[base + u] < 0 &&
            this.feasibleSlot(m, u)
          )
            near[n++] = u;
        }
      }
      if (n > 0) s2 = near[this.rng.int(n)];
    }
    return s2;
  }

  /**
   * Moves a held meeting to another slot, swapping it with the Kempe chain between the two slots.
   * Kept when the idle gaps of the people involved grow by at most `tolerance` (0: never worse);
   * returns the change in gaps, or null when nothing was done.
   */
  step(tolerance = 0, temperature = 0): number | null {
    const md = this.model;
    const st = this.st;
    if (this.movable.length === 0) return null;
    const m = this.pickMeeting();
    const s1 = st.slotOf[m];
    const s2 = this.targetSlot(m, s1);
    if (s2 === s1) return null;
    const chain = this.chain;
    const stamp = ++this.stamp;
    let n = 0;
    chain[n++] = m;
    this.markM[m] = stamp;
    // Half the time, start from a pair: m and a meeting of the target slot, so a slot whose tables
    // are all taken can still trade one meeting for another.
    if (this.rng.next() < 0.5 && st.inSlotLen[s2] > 0) {
      const y = st.inSlot[s2][this.rng.int(st.inSlotLen[s2])];
      if (md.mFixedSlot[y] < 0) {
        chain[n++] = y;
        this.markM[y] = stamp;
      }
    }
    for (let k = 0; k < n; k++) {
      const x = chain[k];
      const other = st.slotOf[x] === s1 ? s2 : s1;
      for (const p of md.mPeople[x]) {
        const y = st.occ[p * md.nS + other];
        if (y >= 0 && this.markM[y] !== stamp) {
          if (md.mFixedSlot[y] >= 0 || n >= MAX_CHAIN) return null;
          this.markM[y] = stamp;
          chain[n++] = y;
        }
      }
    }
    const people = this.people;
    let np = 0;
    for (let k = 0; k < n; k++) {
      for (const p of md.mPeople[chain[k]]) {
        if (this.markP[p] === stamp) continue;
        this.markP[p] = stamp;
        people[np++] = p;
      }
    }
    let before = 0;
    for (let i = 0; i < np; i++) before += st.gapsAndIdleOf(people[i]);
    const mark = st.mark();
    const dest = this.dest;
    for (let k = 0; k < n; k++) dest[k] = st.slotOf[chain[k]] === s1 ? s2 : s1;
    for (let k = 0; k < n; k++) st.remove(chain[k]);
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const x = chain[k];
      const d = dest[k];
      if (!this.feasibleSlot(x, d) || !st.canPlace(x, d)) ok = false;
      else st.place(x, d);
    }
    if (!ok) {
      st.rollback(mark);
      st.commit();
      return null;
    }
    let after = 0;
    for (let i = 0; i < np; i++) after += st.gapsAndIdleOf(people[i]);
    const delta = Math.floor(after / IDLE_PACK) - Math.floor(before / IDLE_PACK);
    const idle = (after % IDLE_PACK) - (before % IDLE_PACK);
    // Idle slots break the ties between placements with as many gaps: a long gap that shrinks is on
    // its way to closing. Fewer gaps always pass; without a temperature, never more (beyond
    // `tolerance`); with one, gaps and idle slots together (an idle slot weighs a fraction of a gap).
    const cost = delta + TUNING.gapIdleSlotWeight * idle;
    const accept =
      delta < 0 ||
      (temperature > 0
        ? cost <= 0
          ? cost < 0 || this.rng.next() < 0.5
          : this.rng.next() < Math.exp(-cost / temperature)
        : delta === 0
          ? idle < 0 || this.rng.next() < 0.5
          : delta <= tolerance && this.rng.next() < 0.5);
    if (accept) {
      st.commit();
      return delta;
    }
    st.rollback(mark);
    st.commit();
    return null;
  }
}
