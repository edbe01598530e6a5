import type { Model } from './model';
import type { Rng } from './rng';
import type { State } from './state';

/** (parties without a meeting, weight) of a state, compared lexicographically. */
interface Key {
  readonly uncovered: number;
  readonly weight: number;
}

const keyOf = (st: State): Key => ({ uncovered: st.uncovered, weight: st.weight });

/** 1 if a is better than b, 0 if equal, -1 if worse (objective points 1 and 2); `eps` absorbs rounding noise. */
function compareKeys(a: Key, b: Key, eps: number): number {
  if (a.uncovered !== b.uncovered) return a.uncovered < b.uncovered ? 1 : -1;
  if (a.weight > b.weight + eps) return 1;
  if (a.weight < b.weight - eps) return -1;
  return 0;
}

/**
 * The moves of the optimiser: greedy construction, ejection-chain insertion, swap-in (trade
 * lighter meetings for a heavier or party-covering one), large neighbourhood search, and Kempe-chain
 * slot swaps for idle gaps. Every move is tried on the journalled state and undone unless it is
 * at least as good.
 */
export class Search {
  private nodes = 0;
  private nodeBudget = 0;
  private readonly blockBuf: number[] = [];
  /** Unscheduled meetings a relaxation would hold (refreshed by `setGuide`). */
  wantedOut: number[] = [];
  private guide: Uint8Array | null = null;
  /** Meetings with at least one feasible slot, not fixed. */
  readonly free: Int32Array;

  constructor(
    readonly model: Model,
    readonly st: State,
    readonly rng: Rng,
  ) {
    const f: number[] = [];
    for (let m = 0; m < model.nM; m++) if (model.mFixedSlot[m] < 0 && model.mFeas[m].length > 0) f.push(m);
    this.free = Int32Array.from(f);
  }

  /** Lexicographic comparison of two states' keys, with a tolerance below the lightest meeting's weight. */
  private compare(a: Key, b: Key): number {
    return compareKeys(a, b, Math.min(1e-9, 1e-3 * this.model.weightTol));
  }

  private isFixed(m: number): boolean {
    return this.model.mFixedSlot[m] >= 0;
  }

  /** Greedy construction: heaviest first (fewest options first on ties), each into the feasible slot adding the fewest idle gaps. */
  construct(): void {
    const md = this.model;
    const st = this.st;
    const order = [...this.free].sort(
      (a, b) => md.mWeight[b] - md.mWeight[a] || md.mFeas[a].length - md.mFeas[b].length || a - b,
    );
    for (const m of order) {
      let best = -1;
      let bestScore = Infinity;
      for (const s of md.mFeas[m]) {
        if (!st.canPlace(m, s)) continue;
        const score = st.gapDeltaPlace(m, s) * 1000 + this.adjacency(m, s);
        if (score < bestScore) {
          bestScore = score;
          best = s;
        }
      }
      if (best >= 0) st.place(m, best);
    }
    st.commit();
  }

  /** Smaller is better: minus the number of attendee meetings in the neighbouring slots of the same day. */
  private adjacency(m: number, s: number): number {
    const { nS, slotDay, mPeople } = this.model;
    let a = 0;
    for (const p of mPeople[m]) {
      if (s > 0 && slotDay[s - 1] === slotDay[s] && this.st.occ[p * nS + s - 1] >= 0) a--;
      if (s + 1 < nS && slotDay[s + 1] === slotDay[s] && this.st.occ[p * nS + s + 1] >= 0) a--;
    }
    return a;
  }

  /**
   * Meetings that must leave slot s so meeting m fits there: those of its people in s and, if the
   * tables of s are full for m's size, the lightest meeting of a large enough class. With
   * `capEject`, also the lightest other meeting of each attendee who reached maxMeetings.
   * Returns false when a fixed meeting is in the way.
   */
  private blockers(m: number, s: number, out: number[], capEject: boolean): boolean {
    const md = this.model;
    const st = this.st;
    const nS = md.nS;
    out.length = 0;
    for (const p of md.mPeople[m]) {
      const b = st.occ[p * nS + s];
      if (b >= 0) {
        if (this.isFixed(b)) return false;
        if (!out.includes(b)) out.push(b);
      }
    }
    for (const p of md.mPeople[m]) {
      if (st.load[p] < md.personMax[p] || st.occ[p * nS + s] >= 0) continue;
      if (!capEject) return false;
      let worst = -1;
      for (const x of md.personMeetings[p]) {
        if (st.slotOf[x] < 0 || this.isFixed(x) || out.includes(x)) continue;
        if (worst < 0 || md.mWeight[x] < md.mWeight[worst]) worst = x;
      }
      if (worst < 0) return false;
      out.push(worst);
    }
    // Tables: for every class up to m's, the meetings left in s plus m must fit.
    const nC = md.nC;
    for (let c = md.mClass[m]; c >= 0; c--) {
      let n = st.cnt[s * nC + c] + 1;
      for (const b of out) if (st.slotOf[b] === s && md.mFixedTable[b] < 0 && md.mClass[b] >= c) n--;
      if (n <= md.capSC[s * nC + c]) continue;
      let worst = -1;
      const list = st.inSlot[s];
      for (let k = 0; k < st.inSlotLen[s]; k++) {
        const x = list[k];
        if (md.mClass[x] < c || this.isFixed(x) || out.includes(x)) continue;
        if (worst < 0 || md.mWeight[x] < md.mWeight[worst]) worst = x;
      }
      if (worst < 0) return false;
      out.push(worst);
      c++; // re-check this class
    }
    return true;
  }

  /** Places m directly, or by moving the meetings in its way elsewhere (ejection chain of the given depth). */
  tryInsert(m: number, depth: number): boolean {
    const md = this.model;
    const st = this.st;
    const feas = md.mFeas[m];
    const n = feas.length;
    if (n === 0) return false;
    const start = this.rng.int(n);
    for (let k = 0; k < n; k++) {
      const s = feas[(start + k) % n];
      if (st.canPlace(m, s)) {
        st.place(m, s);
        return true;
      }
    }
    if (depth <= 0) return false;
    const bl: number[] = [];
    for (let k = 0; k < n; k++) {
      if (this.nodes++ > this.nodeBudget) return false;
      const s = feas[(start + k) % n];
      if (!this.blockers(m, s, bl, false) || bl.length > 2) continue;
      const blockers = [...bl];
      const mark = st.mark();
      for (const b of blockers) st.remove(b);
      if (!st.canPlace(m, s)) {
        st.rollback(mark);
        continue;
      }
      st.place(m, s);
      let ok = true;
      for (const b of blockers) {
        if (!this.tryInsert(b, depth - 1)) {
          ok = false;
          break;
        }
      }
      if (ok) return true;
      st.rollback(mark);
    }
    return false;
  }

  /** Insert with a fresh node budget. */
  insert(m: number, depth: number, budget = 200): boolean {
    this.nodes = 0;
    this.nodeBudget = budget;
    return this.tryInsert(m, depth);
  }

  /**
   * Swap-in: put unscheduled m into some slot, evicting what is in its way and re-inserting the
   * evicted meetings where possible. Kept only if the state gets lexicographically better.
   */
  swapIn(m: number): boolean {
    const md = this.model;
    const st = this.st;
    if (st.slotOf[m] >= 0) return false;
    const before = keyOf(st);
    const feas = md.mFeas[m];
    const n = feas.length;
    if (n === 0) return false;
    const coversNew = md.mPeople[m].some((p) => st.partyCnt[md.personParty[p]] === 0);
    const start = this.rng.int(n);
    const bl = this.blockBuf;
    for (let k = 0; k < n; k++) {
      const s = feas[(start + k) % n];
      if (!this.blockers(m, s, bl, true) || bl.length > 4) continue;
      if (!coversNew) {
        // Without a party to cover, m must outweigh what it evicts unless some of it can move.
        let lost = 0;
        for (const b of bl) lost += md.mWeight[b];
        if (lost >= md.mWeight[m] && !this.anyCanMove(bl, s)) continue;
      }
      const blockers = [...bl];
      const mark = st.mark();
      for (const b of blockers) st.remove(b);
      if (!st.canPlace(m, s)) {
        st.rollback(mark);
        continue;
      }
      st.place(m, s);
      this.nodes = 0;
      this.nodeBudget = 100;
      for (const b of blockers) this.tryInsert(b, 1);
      if (this.compare(keyOf(st), before) > 0) return true;
      st.rollback(mark);
    }
    return false;
  }

  /** Sets the meetings a relaxation holds (value > 0.5), used to pick LNS seeds. */
  setGuide(guide: Uint8Array): void {
    this.guide = guide;
    this.refreshWanted();
  }

  refreshWanted(): void {
    const g = this.guide;
    this.wantedOut = g ? [...this.free].filter((m) => g[m] && this.st.slotOf[m] < 0) : [];
  }

  /** Unscheduled meetings that could be held, heaviest first. */
  unscheduled(): number[] {
    const md = this.model;
    const out: number[] = [];
    for (const m of this.free) if (this.st.slotOf[m] < 0) out.push(m);
    return out.sort((a, b) => md.mWeight[b] - md.mWeight[a] || a - b);
  }

  /** Meetings of parties that have none yet, heaviest first. */
  coverageCandidates(): number[] {
    const md = this.model;
    const st = this.st;
    const out: number[] = [];
    for (const m of this.free) {
      if (st.slotOf[m] >= 0) continue;
      if (md.mPeople[m].some((p) => st.partyCnt[md.personParty[p]] === 0)) out.push(m);
    }
    return out.sort((a, b) => md.mWeight[b] - md.mWeight[a] || a - b);
  }

  /** Swap-in of meetings of parties that have none yet. */
  coveragePass(): boolean {
    let improved = false;
    for (const m of this.coverageCandidates()) {
      if (this.st.slotOf[m] < 0 && this.swapIn(m)) improved = true;
    }
    this.st.commit();
    return improved;
  }

  /** One pass of direct / ejection-chain insertion and swap-in over the unscheduled meetings. */
  improvePass(): boolean {
    let improved = this.coveragePass();
    for (const m of this.unscheduled()) {
      if (this.insert(m, 2, 300)) improved = true;
      else if (this.swapIn(m)) improved = true;
    }
    this.st.commit();
    return improved;
  }

  /**
   * One large-neighbourhood step: free every meeting of a random person (and of a second person
   * sharing one of their meetings), repair heaviest-first with noise; keep if not worse.
   * Returns 1 if better, 0 if equal (kept), -1 if undone.
   */
  lnsStep(): number {
    const md = this.model;
    const st = this.st;
    if (this.free.length === 0) return -1;
    const before = keyOf(st);
    // Seed: usually an unscheduled meeting (preferably one the relaxation holds), else any meeting.
    let seed = this.free[this.rng.int(this.free.length)];
    if (this.rng.next() < 0.7) {
      if (this.rng.next() < 0.7 && this.wantedOut.length > 0)
        seed = this.wantedOut[this.rng.int(this.wantedOut.length)];
      else {
        for (let k = 0; k < 30; k++) {
          const x = this.free[this.rng.int(this.free.length)];
          if (st.slotOf[x] < 0) {
            seed = x;
            break;
          }
        }
      }
    }
    const people = md.mPeople[seed];
    const persons = new Set<number>([people[this.rng.int(people.length)]]);
    if (this.rng.next() < 0.5) persons.add(people[this.rng.int(people.length)]);
    const mark = st.mark();
    const removed: number[] = [];
    for (const p of persons) {
      for (const x of md.personMeetings[p]) {
        if (st.slotOf[x] >= 0 && !this.isFixed(x)) {
          st.remove(x);
          removed.push(x);
        }
      }
    }
    // Also a random slot's worth of one extra person, for diversity.
    const cand = new Set<number>(removed);
    for (const p of persons)
      for (const x of md.personMeetings[p])
        if (st.slotOf[x] < 0 && md.mFeas[x].length > 0 && !this.isFixed(x)) cand.add(x);
    for (const x of removed)
      for (const q of md.mPeople[x])
        for (const y of md.personMeetings[q])
          if (st.slotOf[y] < 0 && md.mFeas[y].length > 0 && !this.isFixed(y)) cand.add(y);
    const noise = 0.3;
    const pri = new Map<number, number>();
    for (const x of cand) {
      const cover = md.mPeople[x].some((p) => st.partyCnt[md.personParty[p]] === 0) ? 1e12 : 0;
      const boost = x === seed && this.rng.next() < 0.5 ? 1e9 : 0;
      pri.set(x, cover + boost + md.mWeight[x] * (1 + noise * this.rng.next()));
    }
    const order = [...cand].sort((a, b) => (pri.get(b) ?? 0) - (pri.get(a) ?? 0) || a - b);
    for (const x of order) if (st.slotOf[x] < 0) this.insert(x, 1, 60);
    const c = this.compare(keyOf(st), before);
    if (c >= 0) {
      st.commit();
      return c;
    }
    st.rollback(mark);
    st.commit();
    return -1;
  }

  /**
   * Tries to reach a target set of meetings (e.g. from an integer programme): inserts each
   * target meeting, evicting non-target ones, keeps the result if better.
   */
  steerTowards(target: Uint8Array): boolean {
    const md = this.model;
    const st = this.st;
    const before = keyOf(st);
    const mark = st.mark();
    for (const m of this.free) if (st.slotOf[m] >= 0 && !target[m]) st.remove(m);
    const order = [...this.free]
      .filter((m) => target[m])
      .sort((a, b) => md.mFeas[a].length - md.mFeas[b].length || md.mWeight[b] - md.mWeight[a]);
    for (const m of order) if (st.slotOf[m] < 0) this.insert(m, 3, 2000);
    for (const m of this.unscheduled()) this.insert(m, 1, 100);
    if (this.compare(keyOf(st), before) > 0) {
      st.commit();
      return true;
    }
    st.rollback(mark);
    st.commit();
    return false;
  }

  /**
   * Adopts a complete placement (e.g. the solution of the slot-indexed integer programme) if it is
   * valid here and better; every placement is re-checked against the state.
   */
  adopt(slots: Int32Array): boolean {
    const st = this.st;
    const before = keyOf(st);
    const mark = st.mark();
    for (const m of this.free) if (st.slotOf[m] >= 0) st.remove(m);
    for (const m of this.free) {
      const s = slots[m];
      if (s < 0) continue;
      if (!this.feasibleSlot(m, s) || !st.canPlace(m, s)) {
        st.rollback(mark);
        st.commit();
        return false;
      }
      st.place(m, s);
    }
    for (const m of this.unscheduled()) this.insert(m, 1, 100);
    if (this.compare(keyOf(st), before) > 0) {
      st.commit();
      return true;
    }
    st.rollback(mark);
    st.commit();
    return false;
  }

  /**
   * Gap step: move a held meeting to another slot, or swap it with the connected set of meetings
   * of the slot it moves to (Kempe chain over shared people). Accepts if idle gaps do not grow.
   * Returns the change in gaps, or null when nothing was done.
   */
  gapStep(): number | null {
    const md = this.model;
    const st = this.st;
    if (this.free.length === 0) return null;
    const m = this.free[this.rng.int(this.free.length)];
    const s1 = st.slotOf[m];
    if (s1 < 0) return null;
    const feas = md.mFeas[m];
    let s2 = feas[this.rng.int(feas.length)];
    if (this.rng.next() < 0.7) {
      // Usually aim next to another meeting of one of its people, where gaps close.
      const ppl = md.mPeople[m];
      const p = ppl[this.rng.int(ppl.length)];
      const near: number[] = [];
      const base = p * md.nS;
      for (let t = 0; t < md.nS; t++) {
        if (t === s1 || st.occ[base + t] < 0) continue;
        for (const u of [t - 1, t + 1]) {
          if (
            u >= 0 &&
            u < md.nS &&
            u !== s1 &&
            md.slotDay[u] === md.slotDay[t] &&
            st.occ[base + u] < 0 &&
            this.feasibleSlot(m, u)
          )
            near.push(u);
        }
      }
      if (near.length > 0) s2 = near[this.rng.int(near.length)];
    }
    if (s2 === s1) return null;
    // Kempe chain between s1 and s2.
    const chain: number[] = [m];
    const inChain = new Set<number>(chain);
    for (let k = 0; k < chain.length; k++) {
      const x = chain[k];
      const other = st.slotOf[x] === s1 ? s2 : s1;
      for (const p of md.mPeople[x]) {
        const y = st.occ[p * md.nS + other];
        if (y >= 0 && !inChain.has(y)) {
          if (this.isFixed(y) || chain.length >= 12) return null;
          inChain.add(y);
          chain.push(y);
        }
      }
    }
    const people = new Set<number>();
    for (const x of chain) for (const p of md.mPeople[x]) people.add(p);
    let before = 0;
    for (const p of people) before += st.gapsOf(p);
    const mark = st.mark();
    const dest = chain.map((x) => (st.slotOf[x] === s1 ? s2 : s1));
    for (const x of chain) st.remove(x);
    let ok = true;
    for (let k = 0; k < chain.length && ok; k++) {
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
    for (const p of people) after += st.gapsOf(p);
    const delta = after - before;
    if (delta < 0 || (delta === 0 && this.rng.next() < 0.5)) {
      st.commit();
      return delta;
    }
    st.rollback(mark);
    st.commit();
    return null;
  }

  /** Could any of these meetings (now in slot s) move to another feasible slot as things stand? */
  private anyCanMove(list: readonly number[], s: number): boolean {
    const md = this.model;
    for (const b of list) {
      for (const t of md.mFeas[b]) {
        if (t === s || this.st.slotOf[b] === t) continue;
        let free = true;
        for (const p of md.mPeople[b]) if (this.st.occ[p * md.nS + t] >= 0) free = false;
        if (free) return true;
      }
    }
    return false;
  }

  private feasibleSlot(m: number, s: number): boolean {
    const feas = this.model.mFeas[m];
    for (let k = 0; k < feas.length; k++) if (feas[k] === s) return true;
    return false;
  }
}
