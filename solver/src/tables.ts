import type { Model } from './model';

/**
 * Concrete tables for the meetings of each slot. Fixed meetings keep their table; the others are
 * matched to the free tables they may use (enough seats, among `allowedTables`), which always
 * succeeds because the search keeps a matching to table types. Meetings with the fewest options
 * go first, and each tries the smallest usable tables first; among equally small tables, one an
 * attendee used in the previous slot of the same day comes first, so people stay seated between
 * consecutive meetings.
 * Returns the table of each held meeting (-1 if not held).
 */
export function assignTables(md: Model, slotOf: Int32Array): Int32Array {
  const table = new Int32Array(md.nM).fill(-1);
  const bySlot: number[][] = Array.from({ length: md.nS }, () => []);
  for (let m = 0; m < md.nM; m++) if (slotOf[m] >= 0) bySlot[slotOf[m]].push(m);
  // The tables each meeting class may use, smallest first (a class shares its usable table types).
  const classTables = md.classTypes.map((types) => {
    const list: number[] = [];
    for (let t = 0; t < md.nT; t++) if (types.includes(md.tableType[t])) list.push(t);
    return Int32Array.from(list.sort((a, b) => md.tableSeats[a] - md.tableSeats[b] || a - b));
  });
  const seen = new Int32Array(md.nT).fill(-1);
  let visit = 0;
  let lastTable = new Int32Array(md.nP).fill(-1);
  for (let s = 0; s < md.nS; s++) {
    const here = bySlot[s];
    const holder = new Int32Array(md.nT).fill(-1);
    for (const m of here) {
      if (md.mFixedTable[m] >= 0) {
        table[m] = md.mFixedTable[m];
        holder[table[m]] = m;
      }
    }
    const prevSameDay = s > 0 && md.slotDay[s - 1] === md.slotDay[s];
    const loose = here
      .filter((m) => md.mFixedTable[m] < 0)
      .sort(
        (a, b) =>
          classTables[md.mClass[a]].length - classTables[md.mClass[b]].length || md.mSize[b] - md.mSize[a] || a - b,
      );
    /** The smallest free table m may use, one an attendee sat at just before if equally small; -1 if none is free. */
    const direct = (m: number): number => {
      const list = classTables[md.mClass[m]];
      let k = 0;
      while (k < list.length && holder[list[k]] >= 0) k++;
      if (k === list.length) return -1;
      const seats = md.tableSeats[list[k]];
      if (prevSameDay) {
        for (const p of md.mPeople[m]) {
          const t = lastTable[p];
          if (t >= 0 && holder[t] < 0 && md.tableSeats[t] === seats && list.includes(t)) return t;
        }
      }
      return list[k];
    };
    /** Kuhn's augmenting path: frees a usable table for m by moving others (never a fixed-table one). */
    const augment = (m: number): boolean => {
      for (const t of classTables[md.mClass[m]]) {
        if (seen[t] === visit) continue;
        seen[t] = visit;
        // A pinned or kept meeting's table is its own: the types' matching counted it out of the
        // free tables, so a path through it is never needed, and taking it would move the pin.
        if (holder[t] >= 0 && md.mFixedTable[holder[t]] >= 0) continue;
        if (holder[t] < 0 || augment(holder[t])) {
          holder[t] = m;
          table[m] = t;
          return true;
        }
      }
      return false;
    };
    for (const m of loose) {
      const t = direct(m);
      if (t >= 0) {
        holder[t] = m;
        table[m] = t;
        continue;
      }
      visit++;
      if (!augment(m)) throw new Error(`internal: no table left for meeting ${md.mId[m]} in slot ${md.slotId[s]}`);
    }
    const next = new Int32Array(md.nP).fill(-1);
    for (const m of here) for (const p of md.mPeople[m]) next[p] = table[m];
    lastTable = next;
  }
  return table;
}
