import { LinearModelBuilder, solveLinear, type LinearModel } from './lp';
import type { Model } from './model';
import type { BoundMethod } from './types';

/**
 * Upper bounds on the held weight. Every model here is a relaxation of the scheduling problem
 * (any valid schedule gives a feasible point), so its optimum, or any dual bound of it, bounds the
 * objective. With `need` > 0, at least that many parties must hold a meeting (binary z_q <= sum of
 * the party's meetings, sum z_q >= need): valid among schedules that serve as many parties.
 */

/** Weight of fixed meetings (pins, kept): held in every schedule. */
export function fixedWeight(md: Model): number {
  let w = 0;
  for (let m = 0; m < md.nM; m++) if (md.mFixedSlot[m] >= 0) w += md.mWeight[m];
  return w;
}

/** Parties that some valid schedule can serve: they have a fixed meeting or one with a feasible slot. */
export function servableParties(md: Model): Uint8Array {
  const out = new Uint8Array(md.nParty);
  for (let m = 0; m < md.nM; m++) {
    if (md.mFixedSlot[m] < 0 && md.mFeas[m].length === 0) continue;
    for (const p of md.mPeople[m]) out[md.personParty[p]] = 1;
  }
  return out;
}

/** The trivial bound: every meeting that can be placed at all. */
export function trivialBound(md: Model): number {
  let w = 0;
  for (let m = 0; m < md.nM; m++) if (md.mFixedSlot[m] >= 0 || md.mFeas[m].length > 0) w += md.mWeight[m];
  return w;
}

/**
 * Hall limits on table use, valid in every slot: for each meeting class, and for all table types
 * together, the meetings whose usable table types all lie in that set cannot outnumber its tables.
 * `within[c]` is 1 for the classes counted by a limit.
 */
export interface HallSet {
  readonly types: Int32Array;
  readonly within: Uint8Array;
}

export function hallSets(md: Model): HallSet[] {
  const sets: HallSet[] = [];
  const keys = new Set<string>();
  const add = (types: Int32Array): void => {
    const key = types.join(',');
    if (types.length === 0 || keys.has(key)) return;
    keys.add(key);
    const within = new Uint8Array(md.nC);
    for (let c = 0; c < md.nC; c++) {
      const inner = md.classTypes[c];
      if (inner.length > 0 && inner.every((ty) => types.includes(ty))) within[c] = 1;
    }
    sets.push({ types, within });
  };
  for (let c = 0; c < md.nC; c++) add(md.classTypes[c]);
  add(Int32Array.from({ length: md.nTy }, (_, ty) => ty));
  return sets;
}

/** Tables of the given types free in slot s. */
function slotCapacity(md: Model, s: number, types: Int32Array): number {
  let cap = 0;
  for (const ty of types) cap += md.capST[s * md.nTy + ty];
  return cap;
}

function fixedCounts(
  md: Model,
  sets: readonly HallSet[],
): { load: Int32Array; loose: Int32Array; covered: Uint8Array } {
  const load = new Int32Array(md.nP);
  const loose = new Int32Array(md.nS * sets.length);
  const covered = new Uint8Array(md.nParty);
  for (let m = 0; m < md.nM; m++) {
    const s = md.mFixedSlot[m];
    if (s < 0) continue;
    for (const p of md.mPeople[m]) {
      load[p]++;
      covered[md.personParty[p]] = 1;
    }
    if (md.mFixedTable[m] < 0) sets.forEach((h, k) => (loose[s * sets.length + k] += h.within[md.mClass[m]]));
  }
  return { load, loose, covered };
}

/** Adds coverage columns z_q (cost `zCost`) and rows z_q <= sum of the party's meetings; with need > 0, sum z >= need. */
function coverRows(
  md: Model,
  b: LinearModelBuilder,
  colsOf: (m: number) => number[],
  need: number,
  covered: Uint8Array,
  zCost = 0,
): void {
  let fixedCovered = 0;
  for (let q = 0; q < md.nParty; q++) if (covered[q] && md.partyMeetings[q].length > 0) fixedCovered++;
  if (zCost === 0 && need - fixedCovered <= 0) return;
  const zs: number[] = [];
  for (let q = 0; q < md.nParty; q++) {
    if (covered[q] || md.partyMeetings[q].length === 0) continue;
    const cols: number[] = [];
    for (const m of md.partyMeetings[q]) cols.push(...colsOf(m));
    if (cols.length === 0) continue;
    const z = b.addColumn(zCost, 1);
    b.addRow([z, ...cols], [1, ...cols.map(() => -1)], 0);
    zs.push(z);
  }
  if (need - fixedCovered > 0) b.addRow(zs, -1, -(need - fixedCovered));
}

/** Aggregated model: y_m in [0,1]; per person, meetings <= min(maxMeetings left, usable slots); per Hall set, meetings <= table-slots. */
export function aggregateModel(
  md: Model,
  need: number,
  coverageObjective = false,
): { lp: LinearModel; col: Int32Array } {
  const sets = hallSets(md);
  const { load, loose, covered } = fixedCounts(md, sets);
  const b = new LinearModelBuilder();
  const col = new Int32Array(md.nM).fill(-1);
  for (let m = 0; m < md.nM; m++)
    if (md.mFixedSlot[m] < 0 && md.mFeas[m].length > 0) col[m] = b.addColumn(coverageObjective ? 0 : md.mWeight[m], 1);
  const seen = new Uint8Array(md.nS);
  for (let p = 0; p < md.nP; p++) {
    seen.fill(0);
    const cols: number[] = [];
    let slots = 0;
    for (const m of md.personMeetings[p]) {
      if (col[m] < 0) continue;
      cols.push(col[m]);
      for (const s of md.mFeas[m])
        if (!seen[s]) {
          seen[s] = 1;
          slots++;
        }
    }
    const cap = Math.min(md.personMax[p] - load[p], slots);
    if (cols.length > cap) b.addRow(cols, 1, cap);
  }
  sets.forEach((h, k) => {
    const cols: number[] = [];
    for (let m = 0; m < md.nM; m++) if (col[m] >= 0 && h.within[md.mClass[m]]) cols.push(col[m]);
    let cap = 0;
    for (let s = 0; s < md.nS; s++) cap += Math.max(0, slotCapacity(md, s, h.types) - loose[s * sets.length + k]);
    if (cols.length > cap) b.addRow(cols, 1, cap);
  });
  coverRows(md, b, (m) => (col[m] >= 0 ? [col[m]] : []), need, covered, coverageObjective ? 1 : 0);
  return { lp: b.build(), col };
}

/** Slot-indexed model: x_{m,s} for feasible s; meeting <= 1, person-slot <= 1, person load, per slot Hall sets of tables. */
export function slotModel(
  md: Model,
  need: number,
  coverageObjective = false,
): { lp: LinearModel; colStart: Int32Array } {
  const sets = hallSets(md);
  const { load, loose, covered } = fixedCounts(md, sets);
  const b = new LinearModelBuilder();
  const colStart = new Int32Array(md.nM + 1);
  for (let m = 0; m < md.nM; m++) {
    colStart[m] = b.cost.length;
    if (md.mFixedSlot[m] >= 0) continue;
    for (let k = 0; k < md.mFeas[m].length; k++) b.addColumn(coverageObjective ? 0 : md.mWeight[m], 1);
  }
  colStart[md.nM] = b.cost.length;
  const colsOf = (m: number): number[] => {
    const out: number[] = [];
    for (let j = colStart[m]; j < colStart[m + 1]; j++) out.push(j);
    return out;
  };
  for (let m = 0; m < md.nM; m++) if (colStart[m + 1] - colStart[m] > 1) b.addRow(colsOf(m), 1, 1);
  const ps: number[][] = Array.from({ length: md.nS }, () => []);
  for (let p = 0; p < md.nP; p++) {
    for (const q of ps) q.length = 0;
    const all: number[] = [];
    for (const m of md.personMeetings[p]) {
      if (md.mFixedSlot[m] >= 0) continue;
      md.mFeas[m].forEach((s, k) => {
        ps[s].push(colStart[m] + k);
        all.push(colStart[m] + k);
      });
    }
    let slots = 0;
    for (const q of ps) {
      if (q.length > 1) b.addRow(q, 1, 1);
      if (q.length > 0) slots++;
    }
    const cap = md.personMax[p] - load[p];
    if (cap < slots) b.addRow(all, 1, cap);
  }
  const bySlot: number[][] = Array.from({ length: md.nS }, () => []);
  for (let m = 0; m < md.nM; m++) {
    if (md.mFixedSlot[m] >= 0) continue;
    md.mFeas[m].forEach((s, k) => bySlot[s].push(colStart[m] + k, m));
  }
  for (let s = 0; s < md.nS; s++) {
    const here = bySlot[s];
    sets.forEach((h, k) => {
      const cols: number[] = [];
      for (let j = 0; j < here.length; j += 2) if (h.within[md.mClass[here[j + 1]]]) cols.push(here[j]);
      const cap = slotCapacity(md, s, h.types) - loose[s * sets.length + k];
      if (cols.length > cap) b.addRow(cols, 1, cap);
    });
  }
  coverRows(md, b, colsOf, need, covered, coverageObjective ? 1 : 0);
  return { lp: b.build(), colStart };
}

/** Rounds a bound down when all weights are integers (the optimum is then an integer). */
export function roundBound(md: Model, bound: number): number {
  return md.allIntegerWeights ? Math.floor(bound + 1e-6) : bound;
}

export interface BoundResult {
  readonly bound: number;
  readonly method: BoundMethod;
  /** The meeting set the relaxation holds (value > 0.5): a guide for the search. */
  readonly target?: Uint8Array;
  /** For the slot-indexed MIP: the slot of each meeting in its solution (-1 if not held; fixed ones -1). */
  readonly slots?: Int32Array;
}

/** The aggregated LP (or MIP with `integer`). */
export async function aggregateBound(
  md: Model,
  need: number,
  integer: boolean,
  timeLimit: number,
): Promise<BoundResult | null> {
  const { lp, col } = aggregateModel(md, need);
  // The LP is small (a row per person, party and slot group) and usually the first HiGHS run: no presolve.
  const r = await solveLinear(lp, { integer, timeLimit, presolve: integer });
  if (!r) return null;
  const base = fixedWeight(md);
  let target: Uint8Array | undefined;
  if (r.x.length === lp.nCols) {
    target = new Uint8Array(md.nM);
    for (let m = 0; m < md.nM; m++) if (col[m] >= 0 && r.x[col[m]] > 0.5) target[m] = 1;
  }
  return { bound: roundBound(md, base + r.bound), method: integer ? 'aggregate-mip' : 'aggregate-lp', target };
}

/** The slot-indexed LP (or MIP with `integer`). */
export async function slotBound(
  md: Model,
  need: number,
  integer: boolean,
  timeLimit: number,
): Promise<BoundResult | null> {
  const { lp, colStart } = slotModel(md, need);
  const r = await solveLinear(lp, { integer, timeLimit });
  if (!r) return null;
  let slots: Int32Array | undefined;
  if (integer && r.x.length === lp.nCols) {
    slots = new Int32Array(md.nM).fill(-1);
    for (let m = 0; m < md.nM; m++) {
      for (let j = colStart[m]; j < colStart[m + 1]; j++) if (r.x[j] > 0.5) slots[m] = md.mFeas[m][j - colStart[m]];
    }
  }
  return { bound: roundBound(md, fixedWeight(md) + r.bound), method: integer ? 'slot-mip' : 'slot-lp', slots };
}

/**
 * An upper bound on the number of parties any valid schedule can serve: an integer programme
 * maximising covered parties on the aggregated or the (exact) slot-indexed model; null if HiGHS
 * gives none in time. For the slot-indexed model, `slots` is the placement HiGHS found (the slot
 * of each meeting, -1 if not held): a schedule serving that many parties, for the search to adopt.
 */
export async function coverableBound(
  md: Model,
  kind: 'aggregate' | 'slot',
  timeLimit: number,
): Promise<{ bound: number; slots?: Int32Array } | null> {
  const { covered } = fixedCounts(md, hallSets(md));
  let fixedCovered = 0;
  for (let q = 0; q < md.nParty; q++) if (covered[q] && md.partyMeetings[q].length > 0) fixedCovered++;
  if (kind === 'aggregate') {
    const r = await solveLinear(aggregateModel(md, 0, true).lp, { integer: true, timeLimit });
    return r ? { bound: fixedCovered + Math.floor(r.bound + 1e-6) } : null;
  }
  const { lp, colStart } = slotModel(md, 0, true);
  const r = await solveLinear(lp, { integer: true, timeLimit });
  if (!r) return null;
  let slots: Int32Array | undefined;
  if (r.x.length === lp.nCols) {
    slots = new Int32Array(md.nM).fill(-1);
    for (let m = 0; m < md.nM; m++) {
      for (let j = colStart[m]; j < colStart[m + 1]; j++) if (r.x[j] > 0.5) slots[m] = md.mFeas[m][j - colStart[m]];
    }
  }
  return { bound: fixedCovered + Math.floor(r.bound + 1e-6), slots };
}
