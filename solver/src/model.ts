import { slotDays, slotsInOrder, type Problem, type Schedule } from '@clustermatch/domain';
import { TableMatcher } from './table-types';

/** Why a kept (previously published) meeting could not stay where it was. */
export type KeepOutcome = 'none' | 'kept' | 'released';

/**
 * The problem indexed as integers, with the fixed meetings (pins, and kept meetings of a
 * previous schedule) already taken out of the capacities. Slots are in chronological order.
 *
 * Tables are grouped into **table types**: tables with the same seats that the same
 * `allowedTables` lists name are interchangeable, so the search only decides how many meetings of
 * a slot use each type (a small matching per slot) and concrete tables are chosen at the end.
 * Without `allowedTables` the types are simply the distinct seat counts.
 */
export interface Model {
  readonly problem: Problem;
  readonly nS: number;
  readonly nT: number;
  readonly nP: number;
  readonly nM: number;
  readonly nParty: number;
  readonly nDays: number;
  readonly slotId: readonly string[];
  /** Day index of each slot (same number = same day, in chronological order). */
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
  /** Allowed slots as a mask per meeting, or null when any slot is allowed. */
  readonly mAllowed: readonly (Uint8Array | null)[];
  /** Allowed tables (indices) per meeting, or null when any table with enough seats is allowed. */
  readonly mAllowedTables: readonly (Int32Array | null)[];
  /** Number of table types; `tableType` gives each table's type, `typeSeats` each type's seats. */
  readonly nTy: number;
  readonly tableType: Int32Array;
  readonly typeSeats: Int32Array;
  /** Table types each meeting can use (enough seats, allowed); empty when none. */
  readonly mTypes: readonly Int32Array[];
  /**
   * Meeting classes: meetings with the same set of usable table types; `classTypes[c]` is that set.
   */
  readonly nC: number;
  readonly mClass: Int32Array;
  readonly classTypes: readonly Int32Array[];
  /** Free tables of each type in each slot (tables of fixed-table meetings taken out), at s * nTy + ty. */
  readonly capST: Int32Array;
  /** Fixed slot of pinned and kept meetings, else -1. */
  readonly mFixedSlot: Int32Array;
  /** Fixed table of pinned-with-table and kept meetings, else -1. */
  readonly mFixedTable: Int32Array;
  readonly keepOutcome: readonly KeepOutcome[];
  /** Why a kept meeting was released (index = meeting), '' otherwise. */
  readonly releaseReason: readonly string[];
  /** Feasible slots of each non-fixed meeting (allowed, everyone available, not blocked by fixed
   * meetings of its people, a usable table left); empty for fixed meetings. */
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

/** Table types: tables with equal seats named by the same allowedTables lists share a type. */
function tableTypes(
  problem: Problem,
  tableIndex: ReadonlyMap<string, number>,
): { tableType: Int32Array; typeSeats: Int32Array; mAllowedTables: (Int32Array | null)[] } {
  const nT = problem.tables.length;
  // The distinct allowedTables lists, each as a sorted key; a table's signature is its seats and
  // the lists that name it.
  const listIndex = new Map<string, number>();
  const mAllowedTables = problem.meetings.map((m) => {
    if (m.allowedTables === undefined) return null;
    const ids = [...new Set(m.allowedTables.map((t) => tableIndex.get(t) ?? -1))].filter((t) => t >= 0);
    ids.sort((a, b) => a - b);
    const key = ids.join(',');
    if (!listIndex.has(key)) listIndex.set(key, listIndex.size);
    return Int32Array.from(ids);
  });
  const named: number[][] = Array.from({ length: nT }, () => []);
  for (const [key, k] of listIndex) {
    if (key === '') continue;
    for (const t of key.split(',')) named[Number(t)].push(k);
  }
  const sigIndex = new Map<string, number>();
  const tableType = new Int32Array(nT);
  const seatsOf: number[] = [];
  problem.tables.forEach((t, i) => {
    const sig = `${t.seats}|${named[i].join(',')}`;
    if (!sigIndex.has(sig)) {
      sigIndex.set(sig, sigIndex.size);
      seatsOf.push(t.seats);
    }
    tableType[i] = sigIndex.get(sig) ?? 0;
  });
  return { tableType, typeSeats: Int32Array.from(seatsOf), mAllowedTables };
}

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
  const { tableType, typeSeats, mAllowedTables } = tableTypes(problem, tableIndex);
  const nTy = typeSeats.length;

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

  // Usable table types per meeting, and the classes of meetings with equal type sets.
  const typeTables: number[][] = Array.from({ length: nTy }, () => []);
  for (let t = 0; t < nT; t++) typeTables[tableType[t]].push(t);
  const mTypes = problem.meetings.map((_, i) => {
    const allowed = mAllowedTables[i];
    const out: number[] = [];
    for (let ty = 0; ty < nTy; ty++) {
      if (typeSeats[ty] < mSize[i]) continue;
      // Tables of one type are named by the same lists, so checking one of them is enough.
      if (allowed && !allowed.includes(typeTables[ty][0])) continue;
      out.push(ty);
    }
    return Int32Array.from(out);
  });
  const classIndex = new Map<string, number>();
  const classTypes: Int32Array[] = [];
  const mClass = Int32Array.from(mTypes, () => 0);
  mTypes.forEach((types, i) => {
    const key = types.join(',');
    if (!classIndex.has(key)) {
      classIndex.set(key, classIndex.size);
      classTypes.push(types);
    }
    mClass[i] = classIndex.get(key) ?? 0;
  });
  const nC = classTypes.length;
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

  const freeTypes = (s: number): Int32Array => {
    const cap = new Int32Array(nTy);
    for (let t = 0; t < nT; t++) if (tableBusy[t * nS + s] < 0) cap[tableType[t]]++;
    return cap;
  };
  /** A matcher of slot s holding its fixed meetings without a fixed table (null if they do not fit). */
  const looseMatcher = (s: number): TableMatcher | null => {
    const matcher = new TableMatcher(freeTypes(s), mTypes);
    for (let i = 0; i < nM; i++) if (mFixedSlot[i] === s && mFixedTable[i] < 0 && !matcher.add(i)) return null;
    return matcher;
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
        const allowedTables = mAllowedTables[i];
        if (allowedTables && !allowedTables.includes(t))
          return `table ${a.table} is no longer among its allowed tables`;
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
        const fits = looseMatcher(s) !== null;
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

  const capST = new Int32Array(nS * nTy);
  for (let s = 0; s < nS; s++) capST.set(freeTypes(s), s * nTy);

  const matchers = Array.from({ length: nS }, (_, s) => looseMatcher(s));
  const mFeas: Int32Array[] = [];
  for (let i = 0; i < nM; i++) {
    const feas: number[] = [];
    if (mFixedSlot[i] < 0 && mTypes[i].length > 0) {
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
        if (ok && matchers[s]?.fits(i)) feas.push(s);
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
    nParty: partyId.length,
    nDays: dayIndex.size,
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
    mAllowed,
    mAllowedTables,
    nTy,
    tableType,
    typeSeats,
    mTypes,
    nC,
    mClass,
    classTypes,
    capST,
    mFixedSlot,
    mFixedTable,
    keepOutcome,
    releaseReason,
    mFeas,
    personMeetings: pm.map((a) => Int32Array.from(a)),
    partyMeetings: qm.map((a) => Int32Array.from(a)),
    allIntegerWeights: mWeight.every((w) => Number.isInteger(w)),
    weightScale,
    weightTol,
  };
}
