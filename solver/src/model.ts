import { slotDays, slotsInOrder, type Problem, type Schedule } from '@clustermatch/domain';

/** Why a kept (previously published) meeting could not stay where it was. */
export type KeepOutcome = 'none' | 'kept' | 'released';

/**
 * The problem indexed as integers, with the fixed meetings (pins, and kept meetings of a
 * previous schedule) already taken out of the capacities. Slots are in chronological order.
 */
export interface Model {
  readonly problem: Problem;
  readonly nS: number;
  readonly nT: number;
  readonly nP: number;
  readonly nM: number;
  readonly nC: number;
  readonly nParty: number;
  readonly slotId: readonly string[];
  /** Day index of each slot (same number = same day). */
  readonly slotDay: Int32Array;
  readonly tableId: readonly string[];
  readonly tableSeats: Int32Array;
  readonly personId: readonly string[];
  readonly personParty: Int32Array;
  readonly partyId: readonly string[];
  /** maxMeetings of each person (a large number when unlimited). */
  readonly personMax: Int32Array;
  /** 1 where person p is unavailable in slot s, at p * nS + s. */
  readonly unavailable: Uint8Array;
  readonly mId: readonly string[];
  readonly mPeople: readonly Int32Array[];
  readonly mWeight: Float64Array;
  readonly mSize: Int32Array;
  /** Size class of each meeting: index into `classSize` (distinct meeting sizes, ascending). */
  readonly mClass: Int32Array;
  readonly classSize: Int32Array;
  /** Allowed slots as a mask per meeting, or null when any slot is allowed. */
  readonly mAllowed: readonly (Uint8Array | null)[];
  /** Fixed slot of pinned and kept meetings, else -1. */
  readonly mFixedSlot: Int32Array;
  /** Fixed table of pinned-with-table and kept meetings, else -1. */
  readonly mFixedTable: Int32Array;
  readonly keepOutcome: readonly KeepOutcome[];
  /** Why a kept meeting was released (index = meeting), '' otherwise. */
  readonly releaseReason: readonly string[];
  /**
   * Tables per slot and class not taken by fixed meetings with a fixed table:
   * at s * nC + c, the number of such tables with at least classSize[c] seats.
   */
  readonly capSC: Int32Array;
  /** Feasible slots of each non-fixed meeting (allowed, everyone available, not blocked by fixed
   * meetings of its people, some table big enough left); empty for fixed meetings. */
  readonly mFeas: readonly Int32Array[];
  /** Meetings of each person. */
  readonly personMeetings: readonly Int32Array[];
  /** Meetings of each party. */
  readonly partyMeetings: readonly Int32Array[];
  readonly allIntegerWeights: boolean;
  /**
   * Power of two the weights are multiplied by inside the solver (`mWeight` = weight x scale), so
   * the heaviest meeting weighs at least 1 and the LP solver's absolute tolerances stay meaningful
   * for tiny weights; exact in floating point. Divide objectives and bounds by it on the way out.
   */
  readonly weightScale: number;
  /** Tolerance for "the weight reaches the bound": well below the lightest meeting's (scaled) weight. */
  readonly weightTol: number;
}

const UNLIMITED = 1 << 29;

/** Builds the integer model. `keep`, when given, fixes the still-valid meetings of a previous schedule. */
export function buildModel(problem: Problem, keep?: Schedule): Model {
  const slotId = slotsInOrder(problem);
  const nS = slotId.length;
  const slotIndex = new Map(slotId.map((id, i) => [id, i]));
  const days = slotDays(problem);
  const dayIndex = new Map<string, number>();
  const slotDay = new Int32Array(nS);
  slotId.forEach((id, s) => {
    const d = days.get(id) ?? '';
    if (!dayIndex.has(d)) dayIndex.set(d, dayIndex.size);
    slotDay[s] = dayIndex.get(d) ?? 0;
  });

  const tableId = problem.tables.map((t) => t.id);
  const nT = tableId.length;
  const tableIndex = new Map(tableId.map((id, i) => [id, i]));
  const tableSeats = Int32Array.from(problem.tables.map((t) => t.seats));

  const personId = problem.people.map((p) => p.id);
  const nP = personId.length;
  const personIndex = new Map(personId.map((id, i) => [id, i]));
  const partyIndex = new Map<string, number>();
  const personParty = new Int32Array(nP);
  problem.people.forEach((p, i) => {
    if (!partyIndex.has(p.party)) partyIndex.set(p.party, partyIndex.size);
    personParty[i] = partyIndex.get(p.party) ?? 0;
  });
  const partyId = [...partyIndex.keys()];
  const personMax = Int32Array.from(
    problem.people.map((p) => (p.maxMeetings === undefined ? UNLIMITED : p.maxMeetings)),
  );
  const unavailable = new Uint8Array(nP * nS);
  problem.people.forEach((p, i) => {
    for (const s of p.unavailable ?? []) {
      const k = slotIndex.get(s);
      if (k !== undefined) unavailable[i * nS + k] = 1;
    }
  });

  const nM = problem.meetings.length;
  const mId = problem.meetings.map((m) => m.id);
  const meetingIndex = new Map(mId.map((id, i) => [id, i]));
  const mPeople = problem.meetings.map((m) => Int32Array.from(m.people.map((p) => personIndex.get(p) ?? 0)));
  let maxWeight = 0;
  let minWeight = Infinity;
  for (const m of problem.meetings) {
    maxWeight = Math.max(maxWeight, m.weight);
    minWeight = Math.min(minWeight, m.weight);
  }
  let weightScale = 1;
  // Capped at 2^512 so the scale itself stays finite even for denormal weights.
  while (maxWeight > 0 && maxWeight * weightScale < 1 && weightScale < 2 ** 512) weightScale *= 2;
  const mWeight = Float64Array.from(problem.meetings.map((m) => m.weight * weightScale));
  const weightTol = Number.isFinite(minWeight) ? Math.min(1e-6, 1e-3 * minWeight * weightScale) : 1e-6;
  const mSize = Int32Array.from(problem.meetings.map((m) => m.people.length));
  const classSize = Int32Array.from([...new Set(mSize)].sort((a, b) => a - b));
  const nC = classSize.length;
  const classOf = new Map([...classSize].map((z, c) => [z, c]));
  const mClass = Int32Array.from(mSize, (z) => classOf.get(z) ?? 0);
  const mAllowed = problem.meetings.map((m) => {
    if (m.allowedSlots === undefined) return null;
    const mask = new Uint8Array(nS);
    for (const s of m.allowedSlots) {
      const k = slotIndex.get(s);
      if (k !== undefined) mask[k] = 1;
    }
    return mask;
  });

  // Fixed meetings: pins first (they always win), then the still-valid kept meetings.
  const mFixedSlot = new Int32Array(nM).fill(-1);
  const mFixedTable = new Int32Array(nM).fill(-1);
  const keepOutcome: KeepOutcome[] = new Array<KeepOutcome>(nM).fill('none');
  const releaseReason: string[] = new Array<string>(nM).fill('');
  const personBusy = new Int32Array(nP * nS).fill(-1);
  const tableBusy = new Int32Array(nT * nS).fill(-1);
  const fixedLoad = new Int32Array(nP);
  problem.meetings.forEach((m, i) => {
    if (!m.pin) return;
    const s = slotIndex.get(m.pin.slot) ?? 0;
    mFixedSlot[i] = s;
    if (m.pin.table !== undefined) {
      const t = tableIndex.get(m.pin.table) ?? 0;
      mFixedTable[i] = t;
      tableBusy[t * nS + s] = i;
    }
    for (const p of mPeople[i]) {
      personBusy[p * nS + s] = i;
      fixedLoad[p]++;
    }
  });

  /** Do the fixed meetings of slot s without a fixed table still fit the free tables? */
  const looseFit = (s: number): boolean => {
    const sizes: number[] = [];
    for (let i = 0; i < nM; i++) if (mFixedSlot[i] === s && mFixedTable[i] < 0) sizes.push(mSize[i]);
    if (sizes.length === 0) return true;
    const free: number[] = [];
    for (let t = 0; t < nT; t++) if (tableBusy[t * nS + s] < 0) free.push(tableSeats[t]);
    sizes.sort((a, b) => b - a);
    free.sort((a, b) => b - a);
    return sizes.every((z, k) => k < free.length && free[k] >= z);
  };

  if (keep) {
    const kept = keep.assignments
      .map((a) => ({ a, i: meetingIndex.get(a.meeting) }))
      .filter((x): x is { a: (typeof keep.assignments)[number]; i: number } => x.i !== undefined)
      .sort((x, y) => mWeight[y.i] - mWeight[x.i] || x.i - y.i);
    const seen = new Set<number>();
    for (const { a, i } of kept) {
      if (seen.has(i)) continue;
      seen.add(i);
      const m = problem.meetings[i];
      if (m.pin) continue; // the pin decides
      const s = slotIndex.get(a.slot);
      const t = tableIndex.get(a.table);
      const why = ((): string => {
        if (s === undefined) return `its slot ${a.slot} no longer exists`;
        if (t === undefined) return `its table ${a.table} no longer exists`;
        if (tableSeats[t] < mSize[i])
          return `its table ${a.table} has ${tableSeats[t]} seats but the meeting now has ${mSize[i]} people`;
        const allowed = mAllowed[i];
        if (allowed && !allowed[s]) return `slot ${a.slot} is no longer among its allowed slots`;
        for (const p of mPeople[i]) {
          if (unavailable[p * nS + s]) return `${personId[p]} is now unavailable in slot ${a.slot}`;
          const other = personBusy[p * nS + s];
          if (other >= 0)
            return `${personId[p]} has ${mFixedSlot[other] >= 0 && problem.meetings[other].pin ? 'pinned ' : ''}meeting ${mId[other]} in slot ${a.slot}`;
          if (fixedLoad[p] + 1 > personMax[p]) return `${personId[p]} now allows only ${personMax[p]} meetings`;
        }
        const other = tableBusy[t * nS + s];
        if (other >= 0) return `table ${a.table} is taken by meeting ${mId[other]} in slot ${a.slot}`;
        tableBusy[t * nS + s] = i;
        const fits = looseFit(s);
        tableBusy[t * nS + s] = -1;
        if (!fits) return `its table ${a.table} is needed by a pinned meeting in slot ${a.slot}`;
        return '';
      })();
      if (why !== '' || s === undefined || t === undefined) {
        keepOutcome[i] = 'released';
        releaseReason[i] = why;
        continue;
      }
      keepOutcome[i] = 'kept';
      mFixedSlot[i] = s;
      mFixedTable[i] = t;
      tableBusy[t * nS + s] = i;
      for (const p of mPeople[i]) {
        personBusy[p * nS + s] = i;
        fixedLoad[p]++;
      }
    }
  }

  const capSC = new Int32Array(nS * nC);
  for (let s = 0; s < nS; s++) {
    for (let t = 0; t < nT; t++) {
      if (tableBusy[t * nS + s] >= 0) continue;
      for (let c = 0; c < nC; c++) if (tableSeats[t] >= classSize[c]) capSC[s * nC + c]++;
    }
  }
  // Fixed meetings without a table use up class capacity of their slot.
  const looseCnt = new Int32Array(nS * nC);
  for (let i = 0; i < nM; i++) {
    if (mFixedSlot[i] >= 0 && mFixedTable[i] < 0)
      for (let c = 0; c <= mClass[i]; c++) looseCnt[mFixedSlot[i] * nC + c]++;
  }

  const mFeas: Int32Array[] = [];
  for (let i = 0; i < nM; i++) {
    const feas: number[] = [];
    if (mFixedSlot[i] < 0) {
      const allowed = mAllowed[i];
      for (let s = 0; s < nS; s++) {
        if (allowed && !allowed[s]) continue;
        let ok = true;
        for (const p of mPeople[i]) {
          if (unavailable[p * nS + s] || personBusy[p * nS + s] >= 0 || fixedLoad[p] >= personMax[p]) {
            ok = false;
            break;
          }
        }
        for (let c = 0; ok && c <= mClass[i]; c++) if (looseCnt[s * nC + c] + 1 > capSC[s * nC + c]) ok = false;
        if (ok) feas.push(s);
      }
    }
    mFeas.push(Int32Array.from(feas));
  }

  const pm: number[][] = Array.from({ length: nP }, () => []);
  const qm: number[][] = Array.from({ length: partyId.length }, () => []);
  for (let i = 0; i < nM; i++) {
    const parties = new Set<number>();
    for (const p of mPeople[i]) {
      pm[p].push(i);
      parties.add(personParty[p]);
    }
    for (const q of parties) qm[q].push(i);
  }

  return {
    problem,
    nS,
    nT,
    nP,
    nM,
    nC,
    nParty: partyId.length,
    slotId,
    slotDay,
    tableId,
    tableSeats,
    personId,
    personParty,
    partyId,
    personMax,
    unavailable,
    mId,
    mPeople,
    mWeight,
    mSize,
    mClass,
    classSize,
    mAllowed,
    mFixedSlot,
    mFixedTable,
    keepOutcome,
    releaseReason,
    capSC,
    mFeas,
    personMeetings: pm.map((a) => Int32Array.from(a)),
    partyMeetings: qm.map((a) => Int32Array.from(a)),
    allIntegerWeights: mWeight.every((w) => Number.isInteger(w)),
    weightScale,
    weightTol,
  };
}
