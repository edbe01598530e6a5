import type { Model } from './model';
import { augmentingPath, type SlotTables } from './table-types';

const OP_PLACE = 0;
const OP_REMOVE = 1;
const OP_RETYPE = 2;
/** `gapsAndIdleOf` packs gaps above idle slots; a move's sum over its people stays below it. */
export const IDLE_PACK = 65_536;

/**
 * A partial schedule (which meeting is in which slot) with the counters that make every
 * feasibility test cheap: person-slot occupancy, per-slot table use per table type (a matching of
 * meetings to types, see `table-types.ts`), person loads and party coverage. Every change is
 * journalled so a move can be undone with `rollback(mark)`.
 */
export class State {
  readonly slotOf: Int32Array;
  /** Meeting of person p in slot s at p * nS + s, or -1. */
  readonly occ: Int32Array;
  /** Table type each held meeting uses (-1 for fixed-table meetings and meetings not held). */
  readonly typeOf: Int32Array;
  /** Meetings in slot s using table type ty at s * nTy + ty. */
  readonly usedST: Int32Array;
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
  private readonly seen: Int32Array;
  private readonly via: Int32Array;
  private readonly queue: Int32Array;

  constructor(readonly model: Model) {
    const { nM, nP, nS, nTy, nParty } = model;
    this.slotOf = new Int32Array(nM).fill(-1);
    this.occ = new Int32Array(nP * nS).fill(-1);
    this.typeOf = new Int32Array(nM).fill(-1);
    this.usedST = new Int32Array(nS * nTy);
    this.load = new Int32Array(nP);
    this.partyCnt = new Int32Array(nParty);
    this.inSlot = Array.from({ length: nS }, () => new Int32Array(16));
    this.inSlotLen = new Int32Array(nS);
    this.posInSlot = new Int32Array(nM).fill(-1);
    this.seen = new Int32Array(nTy);
    this.via = new Int32Array(nTy);
    this.queue = new Int32Array(nTy);
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

  private slotTables(s: number): SlotTables {
    const nTy = this.model.nTy;
    return {
      cap: this.model.capST,
      capOff: s * nTy,
      used: this.usedST,
      usedOff: s * nTy,
      typeOf: this.typeOf,
      list: this.inSlot[s],
      listLen: this.inSlotLen[s],
    };
  }

  private pathFor(m: number, s: number): number[] | null {
    return augmentingPath(m, this.model.mTypes, this.model.nTy, this.slotTables(s), this.seen, this.via, this.queue);
  }

  /** Is there a usable table for meeting m in slot s (ignoring its people), moving others if need be? */
  tableRoom(m: number, s: number): boolean {
    return this.model.mFixedTable[m] >= 0 || this.pathFor(m, s) !== null;
  }

  /** Places meeting m in slot s (`canPlace` must hold), moving others to other table types if need be. */
  place(m: number, s: number): void {
    if (this.model.mFixedTable[m] >= 0) {
      this.attach(m, s, -1);
      this.journal.push(OP_PLACE, m, s, -1);
      return;
    }
    const path = this.pathFor(m, s);
    if (!path) throw new Error(`internal: no table type left for meeting ${this.model.mId[m]} in slot ${s}`);
    for (let k = 0; k + 2 < path.length; k += 2) {
      const x = path[k];
      this.journal.push(OP_RETYPE, x, s, this.typeOf[x]);
      this.retype(x, s, path[k + 1]);
    }
    const ty = path[path.length - 1];
    this.attach(m, s, ty);
    this.journal.push(OP_PLACE, m, s, ty);
  }

  remove(m: number): void {
    const s = this.slotOf[m];
    const ty = this.typeOf[m];
    this.detach(m);
    this.journal.push(OP_REMOVE, m, s, ty);
  }

  private retype(x: number, s: number, ty: number): void {
    const base = s * this.model.nTy;
    this.usedST[base + this.typeOf[x]]--;
    this.typeOf[x] = ty;
    this.usedST[base + ty]++;
  }

  private attach(m: number, s: number, ty: number): void {
    const md = this.model;
    const nS = md.nS;
    this.slotOf[m] = s;
    for (const p of md.mPeople[m]) {
      this.occ[p * nS + s] = m;
      this.load[p]++;
    }
    this.bumpParties(m, 1);
    this.typeOf[m] = ty;
    if (ty >= 0) this.usedST[s * md.nTy + ty]++;
    this.weight += md.mWeight[m];
    this.held++;
    let list = this.inSlot[s];
    if (this.inSlotLen[s] === list.length) {
      const grown = new Int32Array(list.length * 2);
      grown.set(list);
      this.inSlot[s] = list = grown;
    }
    this.posInSlot[m] = this.inSlotLen[s];
    list[this.inSlotLen[s]++] = m;
  }

  private detach(m: number): void {
    const md = this.model;
    const nS = md.nS;
    const s = this.slotOf[m];
    this.slotOf[m] = -1;
    for (const p of md.mPeople[m]) {
      this.occ[p * nS + s] = -1;
      this.load[p]--;
    }
    this.bumpParties(m, -1);
    const ty = this.typeOf[m];
    if (ty >= 0) this.usedST[s * md.nTy + ty]--;
    this.typeOf[m] = -1;
    this.weight -= md.mWeight[m];
    this.held--;
    const list = this.inSlot[s];
    const k = this.posInSlot[m];
    const last = list[--this.inSlotLen[s]];
    list[k] = last;
    this.posInSlot[last] = k;
    this.posInSlot[m] = -1;
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

  /** Undoes every change since `mark`, newest first. */
  rollback(mark: number): void {
    const j = this.journal;
    while (j.length > mark) {
      const ty = j.pop() ?? -1;
      const s = j.pop() ?? -1;
      const m = j.pop() ?? -1;
      const op = j.pop();
      if (op === OP_PLACE) this.detach(m);
      else if (op === OP_REMOVE) this.attach(m, s, ty);
      else this.retype(m, s, ty);
    }
  }

  /** Forget the journal (after accepting a move), keeping memory small. */
  commit(): void {
    this.journal.length = 0;
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

  /**
   * Idle gaps and idle slots (free slots between two of their meetings on one day) of person p in
   * one pass, packed as gaps * IDLE_PACK + idle slots, so sums over people can be unpacked.
   */
  gapsAndIdleOf(p: number): number {
    const { nS, slotDay } = this.model;
    const base = p * nS;
    let packed = 0;
    let last = -1;
    for (let s = 0; s < nS; s++) {
      if (this.occ[base + s] < 0) continue;
      if (last >= 0 && s - last > 1 && slotDay[s] === slotDay[last]) packed += IDLE_PACK + s - last - 1;
      last = s;
    }
    return packed;
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
