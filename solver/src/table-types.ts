/**
 * The tables of one slot as a matching of meetings to table types (see `Model`): each held meeting
 * uses one table of a type it may use, and no type holds more meetings than it has free tables.
 * Adding a meeting may move others to another usable type along an augmenting path (Kuhn); with
 * few types this is a short breadth-first search.
 */

/** Where the meetings of one slot stand: how many tables of each type are free, and which meeting uses which type. */
export interface SlotTables {
  /** Free tables of type ty at `capOff + ty`. */
  readonly cap: Int32Array;
  readonly capOff: number;
  /** Meetings using type ty at `usedOff + ty`. */
  readonly used: Int32Array;
  readonly usedOff: number;
  /** The type each meeting uses (-1 when not held at a typed table). */
  readonly typeOf: Int32Array;
  /** The meetings of the slot, at positions 0..listLen-1. */
  readonly list: Int32Array;
  readonly listLen: number;
}

/**
 * An augmenting path that makes room for meeting m: pairs (meeting, new type) to apply in order,
 * the last pair being m itself; null when the slot's tables cannot hold m as well.
 */
export function augmentingPath(
  m: number,
  mTypes: readonly Int32Array[],
  nTy: number,
  at: SlotTables,
  seen: Int32Array,
  via: Int32Array,
  queue: Int32Array,
): number[] | null {
  const { cap, capOff, used, usedOff, typeOf, list, listLen } = at;
  const own = mTypes[m];
  for (let k = 0; k < own.length; k++) if (used[usedOff + own[k]] < cap[capOff + own[k]]) return [m, own[k]];
  if (listLen === 0) return null;
  // seen[ty] = the type a mover came from (-1: m's own types), -2 unseen; via[ty] = the mover.
  seen.fill(-2, 0, nTy);
  let head = 0;
  let tail = 0;
  for (let k = 0; k < own.length; k++) {
    seen[own[k]] = -1;
    queue[tail++] = own[k];
  }
  while (head < tail) {
    const from = queue[head++];
    for (let k = 0; k < listLen; k++) {
      const x = list[k];
      if (typeOf[x] !== from) continue;
      const xs = mTypes[x];
      for (let j = 0; j < xs.length; j++) {
        const to = xs[j];
        if (seen[to] !== -2) continue;
        seen[to] = from;
        via[to] = x;
        if (used[usedOff + to] < cap[capOff + to]) {
          const path: number[] = [];
          let ty = to;
          while (seen[ty] !== -1) {
            path.push(via[ty], ty);
            ty = seen[ty];
          }
          path.push(m, ty);
          return path;
        }
        queue[tail++] = to;
      }
    }
  }
  return null;
}

/** A standalone matcher for one slot (used while building the model). */
export class TableMatcher {
  private readonly used: Int32Array;
  private readonly typeOf: Int32Array;
  private readonly list: number[] = [];
  private readonly seen: Int32Array;
  private readonly via: Int32Array;
  private readonly queue: Int32Array;

  constructor(
    private readonly cap: Int32Array,
    private readonly mTypes: readonly Int32Array[],
  ) {
    this.used = new Int32Array(cap.length);
    this.typeOf = new Int32Array(mTypes.length).fill(-1);
    this.seen = new Int32Array(cap.length);
    this.via = new Int32Array(cap.length);
    this.queue = new Int32Array(cap.length);
  }

  private path(m: number): number[] | null {
    const at: SlotTables = {
      cap: this.cap,
      capOff: 0,
      used: this.used,
      usedOff: 0,
      typeOf: this.typeOf,
      list: Int32Array.from(this.list),
      listLen: this.list.length,
    };
    return augmentingPath(m, this.mTypes, this.cap.length, at, this.seen, this.via, this.queue);
  }

  /** Would meeting m fit as well? */
  fits(m: number): boolean {
    return this.path(m) !== null;
  }

  /** Adds meeting m if it fits (moving others as needed); false when it does not. */
  add(m: number): boolean {
    const path = this.path(m);
    if (!path) return false;
    for (let k = 0; k < path.length; k += 2) {
      const x = path[k];
      const ty = path[k + 1];
      if (this.typeOf[x] >= 0) this.used[this.typeOf[x]]--;
      this.typeOf[x] = ty;
      this.used[ty]++;
    }
    this.list.push(m);
    return true;
  }
}
