import type { Model } from './model';

/**
 * A partial schedule (which meeting is in which slot) with the counters that make every
 * feasibility test O(meeting size + classes): person-slot occupancy, per-slot table use per size
 * class (the nested Hall condition: for each class c, meetings with >= classSize[c] people <= tables
 * with that many seats), person loads and party coverage. Every change is journalled so a move can
 * be undone with `rollback(mark)`.
 */
export class State {
  readonly slotOf: Int32Array;
  /** Meeting of person p in slot s at p * nS + s, or -1. */
  readonly occ: Int32Array;
  /** Meetings in slot s of class >= c (fixed-table meetings excluded) at s * nC + c. */
  readonly cnt: Int32Array;
  readonly load: Int32Array;
  readonly partyCnt: Int32Array;
  /** Parties that requested meetings and hold none. */
  uncovered = 0;
  weight = 0;
  held = 0;
  /** Meetings held in each slot (unordered). */
  readonly inSlot: Int32Array[];
  readonly inSlotLen: Int32Array;
  private readonly posInSlot: Int32Array;
  private journal: number[] = [];

  constructor(readonly model: Model) {
    const { nM, nP, nS, nC, nParty } = model;
    this.slotOf = new Int32Array(nM).fill(-1);
    this.occ = new Int32Array(nP * nS).fill(-1);
    this.cnt = new Int32Array(nS * nC);
    this.load = new Int32Array(nP);
    this.partyCnt = new Int32Array(nParty);
    this.inSlot = Array.from({ length: nS }, () => new Int32Array(nM));
    this.inSlotLen = new Int32Array(nS);
    this.posInSlot = new Int32Array(nM).fill(-1);
    for (let q = 0; q < nParty; q++) if (model.partyMeetings[q].length > 0) this.uncovered++;
    for (let m = 0; m < nM; m++) if (model.mFixedSlot[m] >= 0) this.place(m, model.mFixedSlot[m]);
    this.journal = [];
  }

  /** Can meeting m go into slot s now? (s must be one of its feasible slots.) */
  canPlace(m: number, s: number): boolean {
    const md = this.model;
    const nS = md.nS;
    for (const p of md.mPeople[m]) {
      if (this.occ[p * nS + s] >= 0 || this.load[p] >= md.personMax[p]) return false;
    }
    return this.tableRoom(m, s);
  }

  /** Is there table room for meeting m in slot s (ignoring its people)? */
  tableRoom(m: number, s: number): boolean {
    const md = this.model;
    const nC = md.nC;
    for (let c = md.mClass[m]; c >= 0; c--) if (this.cnt[s * nC + c] >= md.capSC[s * nC + c]) return false;
    return true;
  }

  place(m: number, s: number): void {
    const md = this.model;
    const nS = md.nS;
    this.slotOf[m] = s;
    for (const p of md.mPeople[m]) {
      this.occ[p * nS + s] = m;
      this.load[p]++;
    }
    this.bumpParties(m, 1);
    if (md.mFixedTable[m] < 0) for (let c = md.mClass[m]; c >= 0; c--) this.cnt[s * md.nC + c]++;
    this.weight += md.mWeight[m];
    this.held++;
    this.posInSlot[m] = this.inSlotLen[s];
    this.inSlot[s][this.inSlotLen[s]++] = m;
    this.journal.push(m, s);
  }

  remove(m: number): void {
    const md = this.model;
    const nS = md.nS;
    const s = this.slotOf[m];
    this.slotOf[m] = -1;
    for (const p of md.mPeople[m]) {
      this.occ[p * nS + s] = -1;
      this.load[p]--;
    }
    this.bumpParties(m, -1);
    if (md.mFixedTable[m] < 0) for (let c = md.mClass[m]; c >= 0; c--) this.cnt[s * md.nC + c]--;
    this.weight -= md.mWeight[m];
    this.held--;
    const list = this.inSlot[s];
    const k = this.posInSlot[m];
    const last = list[--this.inSlotLen[s]];
    list[k] = last;
    this.posInSlot[last] = k;
    this.posInSlot[m] = -1;
    this.journal.push(m, -1 - s);
  }

  private bumpParties(m: number, d: number): void {
    const md = this.model;
    const ppl = md.mPeople[m];
    for (let i = 0; i < ppl.length; i++) {
      const q = md.personParty[ppl[i]];
      let dup = false;
      for (let j = 0; j < i; j++) if (md.personParty[ppl[j]] === q) dup = true;
      if (dup) continue;
      if (d > 0 && this.partyCnt[q] === 0) this.uncovered--;
      this.partyCnt[q] += d;
      if (d < 0 && this.partyCnt[q] === 0) this.uncovered++;
    }
  }

  mark(): number {
    return this.journal.length;
  }

  rollback(mark: number): void {
    while (this.journal.length > mark) {
      const s = this.journal[this.journal.length - 1];
      const m = this.journal[this.journal.length - 2];
      if (s >= 0) this.remove(m);
      else this.place(m, -1 - s);
      // Drop the undone op and the op the undo itself journalled.
      this.journal.length -= 4;
    }
  }

  /** Forget the journal (after accepting a move), keeping memory small. */
  commit(): void {
    this.journal = [];
  }

  /** Idle gaps of person p: runs of free slots between two of their meetings on one day. */
  gapsOf(p: number): number {
    const { nS, slotDay } = this.model;
    const base = p * nS;
    let gaps = 0;
    let last = -1;
    for (let s = 0; s < nS; s++) {
      if (this.occ[base + s] < 0) continue;
      if (last >= 0 && s - last > 1 && slotDay[s] === slotDay[last]) gaps++;
      last = s;
    }
    return gaps;
  }

  totalGaps(): number {
    let g = 0;
    for (let p = 0; p < this.model.nP; p++) g += this.gapsOf(p);
    return g;
  }

  /** Change in idle gaps if meeting m (not held) were placed in slot s (people assumed free). */
  gapDeltaPlace(m: number, s: number): number {
    const nS = this.model.nS;
    let d = 0;
    for (const p of this.model.mPeople[m]) {
      const before = this.gapsOf(p);
      this.occ[p * nS + s] = m;
      d += this.gapsOf(p) - before;
      this.occ[p * nS + s] = -1;
    }
    return d;
  }
}
