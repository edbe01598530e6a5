import type { Model } from './model';

/**
 * Concrete tables for the meetings of each slot. Fixed meetings keep their table; the others go
 * largest first to the smallest adequate free table, which always succeeds when the per-class
 * counts respect the table capacities (nested Hall condition). Among equally small tables, a
 * table one of the attendees used in the previous slot of the same day is preferred, so people
 * stay seated between consecutive meetings.
 * Returns the table of each held meeting (-1 if not held).
 */
export function assignTables(md: Model, slotOf: Int32Array): Int32Array {
  const table = new Int32Array(md.nM).fill(-1);
  const bySlot: number[][] = Array.from({ length: md.nS }, () => []);
  for (let m = 0; m < md.nM; m++) if (slotOf[m] >= 0) bySlot[slotOf[m]].push(m);
  let lastTable = new Int32Array(md.nP).fill(-1);
  for (let s = 0; s < md.nS; s++) {
    const used = new Uint8Array(md.nT);
    const here = bySlot[s];
    for (const m of here) {
      if (md.mFixedTable[m] >= 0) {
        table[m] = md.mFixedTable[m];
        used[table[m]] = 1;
      }
    }
    const loose = here.filter((m) => md.mFixedTable[m] < 0).sort((a, b) => md.mSize[b] - md.mSize[a] || a - b);
    const prevSameDay = s > 0 && md.slotDay[s - 1] === md.slotDay[s];
    for (const m of loose) {
      let smallest = Infinity;
      for (let t = 0; t < md.nT; t++)
        if (!used[t] && md.tableSeats[t] >= md.mSize[m] && md.tableSeats[t] < smallest) smallest = md.tableSeats[t];
      if (smallest === Infinity)
        throw new Error(`internal: no table left for meeting ${md.mId[m]} in slot ${md.slotId[s]}`);
      let pick = -1;
      if (prevSameDay) {
        for (const p of md.mPeople[m]) {
          const t = lastTable[p];
          if (t >= 0 && !used[t] && md.tableSeats[t] === smallest) {
            pick = t;
            break;
          }
        }
      }
      if (pick < 0) for (let t = 0; t < md.nT && pick < 0; t++) if (!used[t] && md.tableSeats[t] === smallest) pick = t;
      table[m] = pick;
      used[pick] = 1;
    }
    const next = new Int32Array(md.nP).fill(-1);
    for (const m of here) for (const p of md.mPeople[m]) next[p] = table[m];
    lastTable = next;
  }
  return table;
}
