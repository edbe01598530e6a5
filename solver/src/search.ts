import type { Model } from './model';
import type { Rng } from './rng';
import { compareScores, scoreOf, type Score } from './score';
import type { State } from './state';
import { TUNING } from './tuning';

/**
 * The moves of the optimiser for levels 1 and 2 of the objective: greedy construction,
 * ejection-chain insertion, swap-in (trade lighter meetings for a heavier or party-covering one),
 * large neighbourhood search, and adopting a relaxation's meeting set or placement. Every move runs
 * through `attempt`, the one accept-or-roll-back step on the journalled state.
 */
export class Search {
  private nodes = 0;
  private nodeBudget = 0;
  private depth = 0;
  private readonly blockBuf: number[] = [];
  /** Unscheduled meetings a relaxation would hold (refreshed by `setGuide`). */
  wantedOut: number[] = [];
  private guide: Uint8Array | null = null;
  /** Meetings with at least one feasible slot, not fixed. */
  readonly free: Int32Array;

  /**
   * @param stop asked by `improvePass` before each unscheduled meeting: true ends the pass there (the solve's time
   *   limit: on an event with a fifth of the tables needed, one pass over 550 unscheduled meetings took 1.3-1.5 s and
   *   ran the solve past its limit). Moves that finish or roll back as a whole (`steerTowards`, `adopt`, the search
   *   steps) and the short `coveragePass` do not ask.
   */
  constructor(
    readonly model: Model,
    readonly st: State,
    readonly rng: Rng,
    private readonly stop: () => boolean = () => false,
  ) {
    const f: number[] = [];
    for (let m = 0; m < model.nM; m++) if (model.mFixedSlot[m] < 0 && model.mFeas[m].length > 0) f.push(m);
    this.free = Int32Array.from(f);
  }

  /** Lexicographic comparison of two scores, with a tolerance below the lightest meeting's weight. */
  private compare(a: Score, b: Score): -1 | 0 | 1 {
    return compareScores(a, b, Math.min(1e-9, 1e-3 * this.model.weightTol));
  }

  /**
   * The accept-or-roll-back step shared by every move: runs `move` on the journalled state and
   * keeps its result when the score is better (`need` 1) or not worse (`need` 0) than before;
   * otherwise, or when the move gives up (returns false), undoes it. Returns how the kept state
   * compares (1 better, 0 equal) or -1 when undone.
   */
  private attempt(need: 0 | 1, move: () => boolean | void): -1 | 0 | 1 {
    const st = this.st;
    const before = scoreOf(st);
    const mark = st.mark();
    this.depth++;
    let verdict: -1 | 0 | 1 = -1;
    try {
      if (move() !== false) {
        const c = this.compare(scoreOf(st), before);
        if (c >= need) verdict = c;
      }
    } finally {
      this.depth--;
    }
    if (verdict < 0) st.rollback(mark);
    if (this.depth === 0) st.commit();
    return verdict;
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
   * Meetings that must leave slot s so meeting m fits there: those of its people in s and, if no
   * table m may use is left, the lightest meeting at a table of a type m may use. With `capEject`,
   * also the lightest other meeting of each attendee who reached maxMeetings.
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
    if (md.mFixedTable[m] >= 0) return true;
    // Tables: is there room once the blockers in s are gone? If not, free a table m may use.
    const mark = st.mark();
    for (const b of out) if (st.slotOf[b] === s) st.remove(b);
    const room = st.tableRoom(m, s);
    st.rollback(mark);
    if (room) return true;
    const types = md.mTypes[m];
    let worst = -1;
    const list = st.inSlot[s];
    for (let k = 0; k < st.inSlotLen[s]; k++) {
      const x = list[k];
      if (this.isFixed(x) || out.includes(x) || !types.includes(st.typeOf[x])) continue;
      if (worst < 0 || md.mWeight[x] < md.mWeight[worst]) worst = x;
    }
    if (worst < 0) return false;
    out.push(worst);
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
      if (!this.blockers(m, s, bl, false) || bl.length > TUNING.chainMaxEvicted) continue;
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
  insert(m: number, depth: number, budget: number): boolean {
    this.nodes = 0;
    this.nodeBudget = budget;
    return this.tryInsert(m, depth);
  }

  /**
   * Swap-in: put unscheduled m into some slot, evicting what is in its way and re-inserting the
   * evicted meetings where possible. Kept only if the score gets better.
   */
  swapIn(m: number): boolean {
    const md = this.model;
    const st = this.st;
    if (st.slotOf[m] >= 0) return false;
    const feas = md.mFeas[m];
    const n = feas.length;
    if (n === 0) return false;
    const coversNew = md.mPeople[m].some((p) => st.partyCnt[md.personParty[p]] === 0);
    const start = this.rng.int(n);
    const bl = this.blockBuf;
    for (let k = 0; k < n; k++) {
      const s = feas[(start + k) % n];
      if (!this.blockers(m, s, bl, true) || bl.length > TUNING.swapInMaxEvicted) continue;
      if (!coversNew) {
        // Without a party to cover, m must outweigh what it evicts unless some of it can move.
        let lost = 0;
        for (const b of bl) lost += md.mWeight[b];
        if (lost >= md.mWeight[m] && !this.anyCanMove(bl, s)) continue;
      }
      const blockers = [...bl];
      const kept = this.attempt(1, () => {
        for (const b of blockers) st.remove(b);
        if (!st.canPlace(m, s)) return false;
        st.place(m, s);
        this.nodes = 0;
        this.nodeBudget = TUNING.evictedBudget;
        for (const b of blockers) this.tryInsert(b, TUNING.evictedDepth);
        return true;
      });
      if (kept > 0) return true;
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

  /**
   * Swap-in of meetings of parties that have none yet. Never cut short: it serves parties (level 1 of the objective)
   * and goes over those parties' meetings only, so it is short.
   */
  coveragePass(): boolean {
    let improved = false;
    for (const m of this.coverageCandidates()) {
      if (this.st.slotOf[m] < 0 && this.swapIn(m)) improved = true;
    }
    this.st.commit();
    return improved;
  }

  /** One pass of direct / ejection-chain insertion and swap-in over the unscheduled meetings, until `stop` says so. */
  improvePass(): boolean {
    let improved = this.coveragePass();
    for (const m of this.unscheduled()) {
      if (this.stop()) break;
      if (this.insert(m, TUNING.improveDepth, TUNING.improveBudget)) improved = true;
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
    const seed = this.lnsSeed();
    const people = md.mPeople[seed];
    const persons = new Set<number>([people[this.rng.int(people.length)]]);
    if (this.rng.next() < TUNING.lnsSecondPerson) persons.add(people[this.rng.int(people.length)]);
    return this.attempt(0, () => {
      const removed: number[] = [];
      for (const p of persons) {
        for (const x of md.personMeetings[p]) {
          if (st.slotOf[x] >= 0 && !this.isFixed(x)) {
            st.remove(x);
            removed.push(x);
          }
        }
      }
      // Candidates: the freed meetings and the unscheduled meetings of everyone they involve.
      const cand = new Set<number>(removed);
      const addUnscheduled = (p: number): void => {
        for (const y of md.personMeetings[p])
          if (st.slotOf[y] < 0 && md.mFeas[y].length > 0 && !this.isFixed(y)) cand.add(y);
      };
      for (const p of persons) addUnscheduled(p);
      for (const x of removed) for (const q of md.mPeople[x]) addUnscheduled(q);
      const pri = new Map<number, number>();
      for (const x of cand) {
        const cover = md.mPeople[x].some((p) => st.partyCnt[md.personParty[p]] === 0) ? 1e12 : 0;
        const boost = x === seed && this.rng.next() < 0.5 ? 1e9 : 0;
        pri.set(x, cover + boost + md.mWeight[x] * (1 + TUNING.lnsNoise * this.rng.next()));
      }
      const order = [...cand].sort((a, b) => (pri.get(b) ?? 0) - (pri.get(a) ?? 0) || a - b);
      for (const x of order) if (st.slotOf[x] < 0) this.insert(x, TUNING.lnsDepth, TUNING.lnsBudget);
    });
  }

  /** The seed of an LNS step: usually an unscheduled meeting (preferably one the relaxation holds), else any meeting. */
  private lnsSeed(): number {
    let seed = this.free[this.rng.int(this.free.length)];
    if (this.rng.next() >= TUNING.lnsSeedUnscheduled) return seed;
    if (this.rng.next() < TUNING.lnsSeedWanted && this.wantedOut.length > 0)
      return this.wantedOut[this.rng.int(this.wantedOut.length)];
    for (let k = 0; k < 30; k++) {
      const x = this.free[this.rng.int(this.free.length)];
      if (this.st.slotOf[x] < 0) {
        seed = x;
        break;
      }
    }
    return seed;
  }

  /**
   * Tries to reach a target set of meetings (e.g. from an integer programme): inserts each
   * target meeting, evicting non-target ones, keeps the result if better.
   */
  steerTowards(target: Uint8Array): boolean {
    const md = this.model;
    const st = this.st;
    return (
      this.attempt(1, () => {
        for (const m of this.free) if (st.slotOf[m] >= 0 && !target[m]) st.remove(m);
        const order = [...this.free]
          .filter((m) => target[m])
          .sort((a, b) => md.mFeas[a].length - md.mFeas[b].length || md.mWeight[b] - md.mWeight[a]);
        for (const m of order) if (st.slotOf[m] < 0) this.insert(m, TUNING.steerDepth, TUNING.steerBudget);
        for (const m of this.unscheduled()) this.insert(m, TUNING.evictedDepth, TUNING.evictedBudget);
      }) > 0
    );
  }

  /**
   * Adopts a complete placement (e.g. the solution of the slot-indexed integer programme) if it is
   * valid here and better; every placement is re-checked against the state.
   */
  adopt(slots: Int32Array): boolean {
    const st = this.st;
    return (
      this.attempt(1, () => {
        for (const m of this.free) if (st.slotOf[m] >= 0) st.remove(m);
        for (const m of this.free) {
          const s = slots[m];
          if (s < 0) continue;
          if (!this.feasibleSlot(m, s) || !st.canPlace(m, s)) return false;
          st.place(m, s);
        }
        for (const m of this.unscheduled()) this.insert(m, TUNING.evictedDepth, TUNING.evictedBudget);
        return true;
      }) > 0
    );
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

  feasibleSlot(m: number, s: number): boolean {
    const feas = this.model.mFeas[m];
    for (let k = 0; k < feas.length; k++) if (feas[k] === s) return true;
    return false;
  }
}
