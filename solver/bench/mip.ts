/**
 * Reference MIP with HiGHS (WebAssembly), a benchmark baseline only.
 *
 * Slot-indexed binaries x[m,s] for every slot s where meeting m may be held (allowed, all its
 * people available; only the pinned slot for a pinned meeting), and y[p] for each party p:
 *   - each meeting at most once (exactly once when pinned);
 *   - each person at most one meeting per slot;
 *   - tables per slot and size class (nested): for each size k, the meetings of >= k people in a
 *     slot are at most the tables with >= k seats (exact for table assignment, see `assignTables`);
 *   - maxMeetings per person;
 *   - y[p] <= sum of x over meetings of party p.
 * Objective (lexicographic via a big coverage weight): maximise BIG * sum y + sum weight * x, with
 * BIG = total weight + 1, so serving one more party beats any weight. Idle gaps are not modelled.
 * Pins to a given table are treated as pins to the slot (the bench instances have no pins).
 */
import type { Assignment, Problem, Schedule } from '@clustermatch/domain';
import * as highsModule from 'highs';
import type { Highs } from 'highs';
import { scheduleFrom } from './greedy';

type Loader = (options?: object) => Promise<Highs>;

/** The `highs` package's loader, unwrapped from its CommonJS/ESM default export. */
function loader(): Loader {
  const mod = highsModule as unknown as { default?: Loader };
  return mod.default ?? (highsModule as unknown as Loader);
}

export interface MipResult {
  readonly schedule: Schedule;
  /** HiGHS model status name (e.g. "optimal", "timeLimit"). */
  readonly highsStatus: string;
  readonly timedOut: boolean;
  readonly columns: number;
  readonly rows: number;
}

export async function mipSchedule(problem: Problem, timeLimitSeconds: number, clock: () => number): Promise<MipResult> {
  const started = clock();
  const highs = await loader()();
  const people = new Map(problem.people.map((p) => [p.id, p]));
  const slotIds = problem.slots.map((s) => s.id);
  const partyOf = (pid: string) => people.get(pid)?.party ?? pid;
  const parties = [...new Set(problem.meetings.flatMap((m) => m.people.map(partyOf)))].sort();
  const partyIndex = new Map(parties.map((p, i) => [p, i]));
  const totalW = problem.meetings.reduce((s, m) => s + m.weight, 0);
  const BIG = Math.ceil(totalW) + 1;

  // Columns: x[m,s] then y[p].
  const colMeeting: number[] = [];
  const colSlot: number[] = [];
  const cost: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (let mi = 0; mi < problem.meetings.length; mi++) {
    const m = problem.meetings[mi];
    for (let si = 0; si < slotIds.length; si++) {
      const s = slotIds[si];
      if (m.pin && m.pin.slot !== s) continue;
      if (m.allowedSlots && !m.allowedSlots.includes(s)) continue;
      if (m.people.some((p) => people.get(p)?.unavailable?.includes(s))) continue;
      colMeeting.push(mi);
      colSlot.push(si);
      cost.push(m.weight);
      lower.push(0);
      upper.push(1);
    }
  }
  const xCount = colMeeting.length;
  for (let p = 0; p < parties.length; p++) {
    cost.push(BIG);
    lower.push(0);
    upper.push(1);
  }
  const numCols = cost.length;

  // Rows, built as CSR.
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const addRow = (cols: readonly number[], vals: readonly number[] | number, lo: number, hi: number) => {
    if (cols.length === 0) return;
    cols.forEach((c, k) => {
      indices.push(c);
      values.push(typeof vals === 'number' ? vals : vals[k]);
    });
    starts.push(indices.length);
    rowLower.push(lo);
    rowUpper.push(hi);
  };
  const inf = highs.infinity;
  const byMeeting: number[][] = problem.meetings.map(() => []);
  const byPersonSlot = new Map<string, number[]>();
  const byPerson = new Map<string, number[]>();
  const byParty: number[][] = parties.map(() => []);
  const sizes = [...new Set(problem.meetings.map((m) => m.people.length))].sort((a, b) => a - b);
  const bySlotSize = new Map<string, number[]>();
  for (let c = 0; c < xCount; c++) {
    const m = problem.meetings[colMeeting[c]];
    const s = slotIds[colSlot[c]];
    byMeeting[colMeeting[c]].push(c);
    for (const p of m.people) {
      const k = `${p}|${s}`;
      byPersonSlot.set(k, [...(byPersonSlot.get(k) ?? []), c]);
      const list = byPerson.get(p) ?? [];
      list.push(c);
      byPerson.set(p, list);
    }
    for (const party of new Set(m.people.map(partyOf))) byParty[partyIndex.get(party) ?? 0].push(c);
    for (const k of sizes) {
      if (m.people.length < k) break;
      const key = `${s}|${k}`;
      const list = bySlotSize.get(key) ?? [];
      list.push(c);
      bySlotSize.set(key, list);
    }
  }
  problem.meetings.forEach((m, mi) => addRow(byMeeting[mi], 1, m.pin ? 1 : -inf, 1));
  for (const cols of byPersonSlot.values()) if (cols.length > 1) addRow(cols, 1, -inf, 1);
  for (const s of slotIds) {
    for (const k of sizes) {
      const cols = bySlotSize.get(`${s}|${k}`) ?? [];
      const tables = problem.tables.filter((t) => t.seats >= k).length;
      if (cols.length > tables) addRow(cols, 1, -inf, tables);
    }
  }
  for (const [pid, cols] of byPerson) {
    const max = people.get(pid)?.maxMeetings;
    if (max !== undefined && cols.length > max) addRow(cols, 1, -inf, max);
  }
  parties.forEach((_, pi) => addRow([xCount + pi, ...byParty[pi]], [1, ...byParty[pi].map(() => -1)], -inf, 0));

  const numRows = rowLower.length;
  const model = highs.createModel({
    numCols,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: cost,
    colLower: lower,
    colUpper: upper,
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows, numCols, starts, indices, values },
    integrality: cost.map(() => highs.constants.variableType.integer),
  });
  try {
    model.options.set({
      output_flag: false,
      time_limit: timeLimitSeconds,
      mip_rel_gap: 0,
      mip_abs_gap: 0.5,
      random_seed: 1,
    });
    model.run();
    const code = model.getModelStatus();
    const statusName = Object.entries(highs.constants.modelStatus).find(([, v]) => v === code)?.[0] ?? String(code);
    const hasSolution = Number(model.info.get('primal_solution_status')) === 2;
    const x = hasSolution ? model.getSolution().colValue : new Float64Array(numCols);
    const chosen: { mi: number; si: number }[] = [];
    for (let c = 0; c < xCount; c++) if (x[c] > 0.5) chosen.push({ mi: colMeeting[c], si: colSlot[c] });
    const assignments = assignTables(problem, chosen);
    const served = parties.filter((_, pi) => byParty[pi].some((c) => x[c] > 0.5)).length;
    const optimal = code === highs.constants.modelStatus.optimal;
    const weight = assignments.reduce((s, a) => s + (problem.meetings.find((m) => m.id === a.meeting)?.weight ?? 0), 0);
    let bound: number | null = null;
    if (optimal) bound = weight;
    else {
      const dual = Number(model.info.get('mip_dual_bound'));
      if (Number.isFinite(dual)) bound = Math.min(totalW, Math.floor(dual - BIG * served + 1e-6));
    }
    const seconds = (clock() - started) / 1000;
    const schedule = scheduleFrom(
      problem,
      assignments,
      optimal ? 'optimal' : hasSolution ? 'timedout' : 'timedout',
      bound,
      seconds,
      'reference MIP: not selected',
    );
    return {
      schedule,
      highsStatus: statusName,
      timedOut: code === highs.constants.modelStatus.timeLimit,
      columns: numCols,
      rows: numRows,
    };
  } finally {
    model.dispose();
  }
}

/** Per slot, largest meetings first, each at the smallest free table that seats it (always fits
 * when the nested size-class constraints hold). */
function assignTables(problem: Problem, chosen: readonly { mi: number; si: number }[]): Assignment[] {
  const tables = [...problem.tables].sort((a, b) => a.seats - b.seats || a.id.localeCompare(b.id));
  const out: Assignment[] = [];
  const bySlot = new Map<number, number[]>();
  for (const { mi, si } of chosen) bySlot.set(si, [...(bySlot.get(si) ?? []), mi]);
  for (const [si, mis] of bySlot) {
    const slot = problem.slots[si].id;
    const free = new Set(tables.map((t) => t.id));
    const ordered = [...mis].sort((a, b) => problem.meetings[b].people.length - problem.meetings[a].people.length);
    for (const mi of ordered) {
      const m = problem.meetings[mi];
      const pinned = m.pin?.table;
      const t =
        pinned !== undefined && free.has(pinned)
          ? tables.find((x) => x.id === pinned)
          : tables.find((x) => free.has(x.id) && x.seats >= m.people.length);
      if (!t) continue; // cannot happen under the size-class constraints; the validator would report the gap
      free.delete(t.id);
      out.push({ meeting: m.id, slot, table: t.id });
    }
  }
  return out;
}
