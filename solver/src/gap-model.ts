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
  /**
   * Gap-free patterns (see `addIntervals`). `cuts`: added to the exact model as valid cuts (a much
   * stronger bound where people have many meetings, at the price of more columns). `count`: instead
   * of the run formulation, minimise the number of person-days that are not gap-free, a lower bound
   * on idle gaps (equal when no one has two gaps on a day) from a smaller model that proves faster.
   */
  readonly intervals?: 'cuts' | 'count';
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
    if (input.intervals === 'count') {
      // Only a marker of the days the person may be busy on (no run columns).
      for (let s = 0; s < nS; s++)
        if (busyCols[p * nS + s].length > 0 || fixedBusy[p * nS + s]) yCol[p * md.nDays + md.slotDay[s]] = 0;
      continue;
    }
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
  const intervals = input.intervals ? addIntervals(md, b, { people, busyCols, fixedBusy, rCol, yCol, input }) : [];
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
    for (const p of input.intervals === 'count' ? [] : people) {
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
    // Intervals: the one the person's busy slots form that day, or c = 1 when they form none.
    for (const iv of intervals) {
      let first = Infinity;
      let last = -Infinity;
      let n = 0;
      for (const s of iv.day)
        if (busy[iv.p * nS + s]) {
          first = Math.min(first, s);
          last = Math.max(last, s);
          n++;
        }
      const want = n === 0 ? null : last - first + 1 === n ? { first, last } : undefined;
      const hit = iv.lambdas.find((l) =>
        want === null ? l.from > l.to : want !== undefined && l.from === want.first && l.to === want.last,
      );
      if (hit) x[hit.col] = 1;
      else x[iv.c] = 1;
    }
    // Coverage columns (optional meetings only): 1 for parties the placement serves.
    for (const { z, q } of zOf) if (md.partyMeetings[q].some((m) => colStart[m] >= 0 && slotOf[m] >= 0)) x[z] = 1;
    return x;
  };
  return { lp, colStart, start };
}

/**
 * Gap-free patterns, as cuts on the exact model. A person has no idle gap on a day exactly when
 * their busy slots that day form one interval (or none). Per person and day, binary l[I] chooses
 * such an interval I, and c (0..1) says "none fits":
 *
 *     sum_I l[I] + c = 1,   sum_{I contains s} l[I] <= busy[s] <= sum_{I contains s} l[I] + c,
 *     c <= runs - y   (the day's idle gaps in the run formulation).
 *
 * Every schedule satisfies them (take its interval, or c = 1 when the day has a gap), so they cut
 * no schedule off; but the relaxation can no longer spread a person's meetings over fractions of
 * slots for free, and branching on l decides a person's whole day at once. Intervals run over
 * slots where the person could be busy only and contain their fixed meetings; when the person's
 * meetings are all decided and the event has one day, only intervals as long as that count.
 */
function addIntervals(
  md: Model,
  b: LinearModelBuilder,
  a: {
    people: readonly number[];
    busyCols: readonly number[][];
    fixedBusy: Uint8Array;
    rCol: Int32Array;
    yCol: Int32Array;
    input: GapModelInput;
  },
): IntervalDay[] {
  const out: IntervalDay[] = [];
  const { nS } = md;
  const optionalOf = new Uint8Array(md.nP);
  for (const m of a.input.optional) for (const p of md.mPeople[m]) optionalOf[p] = 1;
  const count = new Int32Array(md.nP);
  for (const m of a.input.held) for (const p of md.mPeople[m]) count[p]++;
  for (let p = 0; p < md.nP; p++) for (let s = 0; s < nS; s++) if (a.fixedBusy[p * nS + s]) count[p]++;
  for (const p of a.people) {
    for (let d = 0; d < md.nDays; d++) {
      const y = a.yCol[p * md.nDays + d];
      if (y < 0) continue;
      const day: number[] = [];
      for (let s = 0; s < nS; s++) if (md.slotDay[s] === d) day.push(s);
      const can = (s: number): boolean => a.busyCols[p * nS + s].length > 0 || a.fixedBusy[p * nS + s] === 1;
      let lo = Infinity;
      let hi = -Infinity;
      for (const s of day)
        if (a.fixedBusy[p * nS + s]) {
          lo = Math.min(lo, s);
          hi = Math.max(hi, s);
        }
      const exact = md.nDays === 1 && !optionalOf[p] ? count[p] : -1;
      const lambdas: { col: number; from: number; to: number }[] = [];
      if (lo === Infinity && exact <= 0) lambdas.push({ col: b.addColumn(0, 1), from: 1, to: 0 });
      for (let i = 0; i < day.length; i++) {
        for (let j = i; j < day.length && can(day[j]); j++) {
          if (day[i] > lo || day[j] < hi) continue;
          if (exact >= 0 && j - i + 1 !== exact) continue;
          lambdas.push({ col: b.addColumn(0, 1), from: day[i], to: day[j] });
        }
      }
      const countOnly = a.input.intervals === 'count';
      const c = b.addColumn(countOnly ? -1 : 0, 1, countOnly);
      const ls = lambdas.map((l) => l.col);
      b.addRow([...ls, c], 1, 1);
      b.addRow([...ls, c], -1, -1);
      for (const s of day) {
        const inside = lambdas.filter((l) => l.from <= s && s <= l.to).map((l) => l.col);
        const busy = a.busyCols[p * nS + s];
        const fixed = a.fixedBusy[p * nS + s];
        // sum l - busy <= 0 and busy - sum l - c <= 0, with the constant busy on the right.
        if (inside.length > 0) b.addRow([...inside, ...busy], [...inside.map(() => 1), ...busy.map(() => -1)], fixed);
        b.addRow([...busy, ...inside, c], [...busy.map(() => 1), ...inside.map(() => -1), -1], -fixed);
      }
      if (!countOnly) {
        const rs: number[] = [];
        for (const s of day) if (a.rCol[p * nS + s] >= 0) rs.push(a.rCol[p * nS + s]);
        b.addRow([c, ...rs, y], [1, ...rs.map(() => -1), 1], 0);
      }
      out.push({ p, day, lambdas, c });
    }
  }
  return out;
}

/** The interval columns of one person and day (see `addIntervals`). */
interface IntervalDay {
  readonly p: number;
  readonly day: readonly number[];
  /** An empty pattern has from > to. */
  readonly lambdas: readonly { col: number; from: number; to: number }[];
  readonly c: number;
}
