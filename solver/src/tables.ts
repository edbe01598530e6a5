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
  const usable = (m: number): number[] => {
    const allowed = md.mAllowedTables[m];
    const out: number[] = [];
    for (let t = 0; t < md.nT; t++)
      if (md.tableSeats[t] >= md.mSize[m] && (!allowed || allowed.includes(t))) out.push(t);
    return out;
  };
  const options = new Map<number, number[]>();
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
    const loose = here.filter((m) => md.mFixedTable[m] < 0);
    const prefer = new Map<number, number[]>();
    for (const m of loose) {
      let opts = options.get(m);
      if (!opts) options.set(m, (opts = usable(m)));
      const previous = new Set<number>();
      if (prevSameDay) for (const p of md.mPeople[m]) if (lastTable[p] >= 0) previous.add(lastTable[p]);
      prefer.set(
        m,
        opts
          .filter((t) => holder[t] < 0)
          .sort(
            (a, b) => md.tableSeats[a] - md.tableSeats[b] || Number(previous.has(b)) - Number(previous.has(a)) || a - b,
          ),
      );
    }
    loose.sort(
      (a, b) => (prefer.get(a)?.length ?? 0) - (prefer.get(b)?.length ?? 0) || md.mSize[b] - md.mSize[a] || a - b,
    );
    const augment = (m: number, seen: Uint8Array): boolean => {
      for (const t of prefer.get(m) ?? []) {
        if (seen[t]) continue;
        seen[t] = 1;
        if (holder[t] < 0 || augment(holder[t], seen)) {
          holder[t] = m;
          table[m] = t;
          return true;
        }
      }
      return false;
    };
    for (const m of loose) {
      if (!augment(m, new Uint8Array(md.nT)))
        throw new Error(`internal: no table left for meeting ${md.mId[m]} in slot ${md.slotId[s]}`);
    }
    const next = new Int32Array(md.nP).fill(-1);
    for (const m of here) for (const p of md.mPeople[m]) next[p] = table[m];
    lastTable = next;
  }
  return table;
}
