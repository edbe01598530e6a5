/**
 * The exact model of level 3 (idle gaps), as a mixed-integer programme for HiGHS:
 *
 * - x[m,s] = 1 when meeting m is in slot s (its feasible slots only). `held` meetings are in
 *   exactly one slot; `optional` ones in at most one (with the weight, maxMeetings and coverage
 *   rows that keep levels 1 and 2 where they are). Fixed meetings are constants.
 * - Per person and slot at most one meeting; per slot the Hall limits on table use.
 * - Per person and slot, r[p,s] >= busy[p,s] - busy[p,s-1] (a run of meetings starts at s; at the
 *   first slot of a day, r >= busy); per person and day, y[p,d] <= 1 and y[p,d] <= meetings that day.
 *   A person's idle gaps on a day are runs - 1 when they have a meeting, so at the optimum
 *   sum(r) - sum(y) is exactly the number of idle gaps.
 *
 * Maximise -(sum r - sum y). The model relaxes the tables to Hall limits (exact when no meeting has
 * `allowedTables`), so its dual bound is a valid lower bound on idle gaps, and its solutions are
 * checked against the state before they are used.
 */
import { hallSets } from './bound';
import { LinearModelBuilder, type LinearModel } from './lp';
import type { Model } from './model';

export interface GapModelInput {
  /** Non-fixed meetings every schedule of the target levels holds. */
  readonly held: readonly number[];
  /** Non-fixed meetings that such a schedule may or may not hold (usually none). */
  readonly optional: readonly number[];
  /** With optional meetings: the (scaled) weight the held ones must reach, and the parties to serve. */
  readonly weightNeed?: number;
  readonly servedNeed?: number;
  /** People whose gaps count (default: everyone). */
  readonly people?: readonly number[];
  /** Meetings held as they are, as constants (slot per meeting, -1 otherwise); default: the fixed meetings. */
  readonly constSlot?: Int32Array;
}

export interface GapModel {
  readonly lp: LinearModel;
  /** Column of x[m, mFeas[m][k]] is colStart[m] + k, for meetings in the model (else -1). */
  readonly colStart: Int32Array;
  /** A start vector (warm start) from a placement, or null when it breaks the model. */
  start(slotOf: Int32Array): Float64Array;
}

export function buildGapModel(md: Model, input: GapModelInput): GapModel {
  const { nS, nP } = md;
  const b = new LinearModelBuilder();
  const colStart = new Int32Array(md.nM).fill(-1);
  const inModel = [...input.held, ...input.optional];
  for (const m of inModel) {
    colStart[m] = b.cost.length;
    for (let k = 0; k < md.mFeas[m].length; k++) b.addColumn(0, 1);
  }
  const colsOf = (m: number): number[] => Array.from(md.mFeas[m], (_, k) => colStart[m] + k);
  for (const m of input.held) {
    b.addRow(colsOf(m), 1, 1);
    b.addRow(colsOf(m), -1, -1);
  }
  for (const m of input.optional) b.addRow(colsOf(m), 1, 1);

  // Busy terms per person and slot: columns, and a constant 1 for a meeting held as it is.
  const constSlot = input.constSlot ?? md.mFixedSlot;
  const isConst = (m: number): boolean => constSlot[m] >= 0 && colStart[m] < 0;
  const fixedBusy = new Uint8Array(nP * nS);
  for (let m = 0; m < md.nM; m++) {
    const s = constSlot[m];
    if (isConst(m)) for (const p of md.mPeople[m]) fixedBusy[p * nS + s] = 1;
  }
  const busyCols: number[][] = Array.from({ length: nP * nS }, () => []);
  for (const m of inModel) {
    md.mFeas[m].forEach((s, k) => {
      for (const p of md.mPeople[m]) busyCols[p * nS + s].push(colStart[m] + k);
    });
  }
  for (let i = 0; i < nP * nS; i++) {
    const cols = busyCols[i];
    if (cols.length > 1 || (cols.length === 1 && fixedBusy[i])) b.addRow(cols, 1, 1 - fixedBusy[i]);
  }

  // Tables: per slot, the Hall limits (fixed meetings without a table use up capacity).
  const sets = hallSets(md);
  const bySlot: number[][] = Array.from({ length: nS }, () => []);
  for (const m of inModel) md.mFeas[m].forEach((s, k) => bySlot[s].push(colStart[m] + k, m));
  for (let s = 0; s < nS; s++) {
    for (const h of sets) {
      let cap = 0;
      for (const ty of h.types) cap += md.capST[s * md.nTy + ty];
      for (let m = 0; m < md.nM; m++)
        if (constSlot[m] === s && isConst(m) && md.mFixedTable[m] < 0) cap -= h.within[md.mClass[m]];
      const cols: number[] = [];
      for (let j = 0; j < bySlot[s].length; j += 2) if (h.within[md.mClass[bySlot[s][j + 1]]]) cols.push(bySlot[s][j]);
      if (cols.length > cap) b.addRow(cols, 1, cap);
    }
  }

  // Optional meetings: keep the weight, maxMeetings and the parties served.
  const zOf: { z: number; q: number }[] = [];
  if (input.optional.length > 0) {
    const heldW = input.held.reduce((w, m) => w + md.mWeight[m], 0);
    let fixedW = 0;
    for (let m = 0; m < md.nM; m++) if (isConst(m)) fixedW += md.mWeight[m];
    const cols: number[] = [];
    const coef: number[] = [];
    for (const m of input.optional) {
      for (const c of colsOf(m)) {
        cols.push(c);
        coef.push(-md.mWeight[m]);
      }
    }
    b.addRow(cols, coef, -((input.weightNeed ?? 0) - heldW - fixedW) + md.weightTol);
    const load = new Int32Array(nP);
    for (let m = 0; m < md.nM; m++) if (isConst(m)) for (const p of md.mPeople[m]) load[p]++;
    for (const m of input.held) for (const p of md.mPeople[m]) load[p]++;
    const byPerson: number[][] = Array.from({ length: nP }, () => []);
    for (const m of input.optional) for (const p of md.mPeople[m]) byPerson[p].push(...colsOf(m));
    byPerson.forEach((c, p) => {
      if (c.length > md.personMax[p] - load[p]) b.addRow(c, 1, md.personMax[p] - load[p]);
    });
    const covered = new Uint8Array(md.nParty);
    for (let m = 0; m < md.nM; m++) if (isConst(m)) for (const p of md.mPeople[m]) covered[md.personParty[p]] = 1;
    for (const m of input.held) for (const p of md.mPeople[m]) covered[md.personParty[p]] = 1;
    let already = 0;
    for (let q = 0; q < md.nParty; q++) if (covered[q] && md.partyMeetings[q].length > 0) already++;
    const zs: number[] = [];
    for (let q = 0; q < md.nParty; q++) {
      if (covered[q]) continue;
      const c = [...md.partyMeetings[q]].flatMap((m) => (colStart[m] >= 0 ? colsOf(m) : []));
      if (c.length === 0) continue;
      const z = b.addColumn(0, 1, false);
      b.addRow([z, ...c], [1, ...c.map(() => -1)], 0);
      zs.push(z);
      zOf.push({ z, q });
    }
    if ((input.servedNeed ?? 0) - already > 0) b.addRow(zs, -1, -((input.servedNeed ?? 0) - already));
  }

  // Runs and days per person: sum(r) - sum(y) is the number of idle gaps.
  const rCol = new Int32Array(nP * nS).fill(-1);
  const yCol = new Int32Array(nP * md.nDays).fill(-1);
  const people = input.people ?? Array.from({ length: nP }, (_, p) => p);
  for (const p of people) {
    let possible = 0;
    for (let s = 0; s < nS; s++) if (busyCols[p * nS + s].length > 0 || fixedBusy[p * nS + s]) possible++;
    if (possible < 2) continue;
    for (let s = 0; s < nS; s++) {
      const i = p * nS + s;
      if (busyCols[i].length === 0 && !fixedBusy[i]) continue;
      const first = s === 0 || md.slotDay[s - 1] !== md.slotDay[s];
      const r = b.addColumn(-1, 1, false);
      rCol[i] = r;
      // busy[s] - busy[s-1] - r <= 0, constants moved to the right-hand side.
      const cols = [...busyCols[i], r];
      const coef = [...busyCols[i].map(() => 1), -1];
      let rhs = -fixedBusy[i];
      if (!first) {
        cols.push(...busyCols[i - 1]);
        coef.push(...busyCols[i - 1].map(() => -1));
        rhs += fixedBusy[i - 1];
      }
      b.addRow(cols, coef, rhs);
    }
    for (let d = 0; d < md.nDays; d++) {
      const cols: number[] = [];
      let fixed = 0;
      for (let s = 0; s < nS; s++) {
        if (md.slotDay[s] !== d) continue;
        cols.push(...busyCols[p * nS + s]);
        fixed += fixedBusy[p * nS + s];
      }
      if (cols.length === 0 && fixed === 0) continue;
      const y = b.addColumn(1, 1, false);
      yCol[p * md.nDays + d] = y;
      if (fixed === 0) b.addRow([y, ...cols], [1, ...cols.map(() => -1)], 0);
      // A day with a meeting has at least one run: y <= sum of the day's r.
      const rs: number[] = [];
      for (let s = 0; s < nS; s++) if (md.slotDay[s] === d && rCol[p * nS + s] >= 0) rs.push(rCol[p * nS + s]);
      b.addRow([y, ...rs], [1, ...rs.map(() => -1)], 0);
    }
  }
  const lp = b.build();

  const start = (slotOf: Int32Array): Float64Array => {
    const x = new Float64Array(lp.nCols);
    const busy = Uint8Array.from(fixedBusy);
    for (const m of inModel) {
      const s = slotOf[m];
      if (s < 0) continue;
      const k = md.mFeas[m].indexOf(s);
      if (k >= 0) x[colStart[m] + k] = 1;
      for (const p of md.mPeople[m]) busy[p * nS + s] = 1;
    }
    for (const p of people) {
      for (let s = 0; s < nS; s++) {
        const r = rCol[p * nS + s];
        if (r < 0) continue;
        const first = s === 0 || md.slotDay[s - 1] !== md.slotDay[s];
        x[r] = busy[p * nS + s] && (first || !busy[p * nS + s - 1]) ? 1 : 0;
      }
      for (let d = 0; d < md.nDays; d++) {
        const y = yCol[p * md.nDays + d];
        if (y < 0) continue;
        let any = 0;
        for (let s = 0; s < nS; s++) if (md.slotDay[s] === d && busy[p * nS + s]) any = 1;
        x[y] = any;
      }
    }
    // Coverage columns (optional meetings only): 1 for parties the placement serves.
    for (const { z, q } of zOf) if (md.partyMeetings[q].some((m) => colStart[m] >= 0 && slotOf[m] >= 0)) x[z] = 1;
    return x;
  };
  return { lp, colStart, start };
}
