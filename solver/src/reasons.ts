import type { Model } from './model';
import type { State } from './state';

const list = (xs: readonly string[]): string =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
const ids = (xs: readonly string[], max = 5): string =>
  xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')}, ... ${xs.length - max} more`;

/**
 * A reason a person can act on for each meeting not held in the final schedule, computed from the
 * schedule itself (who or what holds the slots the meeting could use).
 */
export function unscheduledReason(md: Model, st: State, m: number): string {
  const nS = md.nS;
  const people = [...md.mPeople[m]];
  const names = people.map((p) => md.personId[p]);
  const who = people.length === 2 ? `both ${list(names)}` : `all of ${list(names)}`;
  const w = md.mWeight[m];
  const released =
    md.keepOutcome[m] === 'released' ? ` (it could not stay where it was published: ${md.releaseReason[m]})` : '';

  let maxSeats = 0;
  for (let t = 0; t < md.nT; t++) maxSeats = Math.max(maxSeats, md.tableSeats[t]);
  if (md.nT === 0) return `the event has no tables${released}`;
  const allowedTables = md.mAllowedTables[m];
  const allowedIds = allowedTables ? [...allowedTables].map((t) => md.tableId[t]) : [];
  if (allowedTables && allowedTables.length === 0) return `its allowedTables list is empty${released}`;
  if (allowedTables && md.mTypes[m].length === 0) {
    let most = 0;
    for (const t of allowedTables) most = Math.max(most, md.tableSeats[t]);
    return `none of its allowed tables (${ids(allowedIds)}) has ${md.mSize[m]} seats (the largest has ${most})${released}`;
  }
  if (md.mSize[m] > maxSeats) return `no table with ${md.mSize[m]} seats (the largest has ${maxSeats})${released}`;
  if (md.nS === 0) return `the event has no slots${released}`;
  /** The tables the meeting may use, as a reason names them. */
  const tablesFor = allowedTables ? `its allowed tables (${ids(allowedIds)})` : `every table with ${md.mSize[m]} seats`;

  for (const p of people) {
    if (md.personMax[p] === 0) return `${md.personId[p]} has maxMeetings 0${released}`;
  }

  if (md.mFeas[m].length === 0) {
    const allowed = md.mAllowed[m];
    const avail: number[] = [];
    for (let s = 0; s < nS; s++) {
      if (allowed && !allowed[s]) continue;
      if (people.every((p) => !md.unavailable[p * nS + s])) avail.push(s);
    }
    if (avail.length === 0) {
      if (allowed) {
        const allowedIds = md.slotId.filter((_, s) => allowed[s]);
        if (allowedIds.length === 0) return `its allowedSlots list is empty${released}`;
        return `none of its allowed slots (${ids(allowedIds)}) has ${who} available${released}`;
      }
      return `no slot where ${who} are available${released}`;
    }
    // Fixed meetings (pins, kept) fill every such slot, the person's meeting budget, or the tables.
    const holders = new Set<number>();
    let tables = false;
    for (const s of avail) {
      let blocked = false;
      for (const p of people) {
        const x = st.occ[p * nS + s];
        if (x >= 0) {
          holders.add(x);
          blocked = true;
        }
      }
      if (!blocked) tables = true;
    }
    for (const p of people) {
      const fixed = [...md.personMeetings[p]].filter((x) => md.mFixedSlot[x] >= 0);
      if (fixed.length >= md.personMax[p]) {
        const kind = fixed.every((x) => md.problem.meetings[x].pin) ? 'pinned' : 'published';
        return `${md.personId[p]} has reached maxMeetings (${md.personMax[p]}) with ${kind} meetings (${ids(fixed.map((x) => md.mId[x]))})${released}`;
      }
    }
    const kinds = new Set([...holders].map((x) => (md.problem.meetings[x].pin ? 'pinned' : 'published')));
    const what =
      kinds.size === 0
        ? md.problem.meetings.some((x) => x.pin)
          ? 'pinned meetings'
          : 'published meetings'
        : `${[...kinds].sort().reverse().join(' and ')} meetings`;
    if (holders.size > 0) {
      return `${what} hold every slot where ${who} are available (${ids([...holders].map((x) => md.mId[x]).sort())})${tables ? ` or use ${tablesFor}` : ''}${released}`;
    }
    return `${what} use ${tablesFor} in every slot where ${who} are available${released}`;
  }

  for (const p of people) {
    if (st.load[p] >= md.personMax[p]) {
      const theirs = [...md.personMeetings[p]].filter((x) => st.slotOf[x] >= 0);
      const higher = theirs.every((x) => md.mWeight[x] >= w);
      const value = theirs.every((x) => md.mWeight[x] > w)
        ? 'higher-value meetings'
        : 'meetings of equal or higher value';
      const list = ids(theirs.map((x) => md.mId[x]));
      if (higher)
        return `${md.personId[p]} has reached maxMeetings (${md.personMax[p]}) with ${value} (${list})${released}`;
      return `${md.personId[p]} has reached maxMeetings (${md.personMax[p]}) with other meetings (${list}); swapping one for this would leave a cluster without meetings or lose value elsewhere${released}`;
    }
  }

  // Every slot where the people are available and the meeting is allowed: its feasible slots, and
  // also those that fixed meetings (pinned, published) of its people hold, which are not among its
  // feasible slots but are what a reader sees taken there.
  const byPerson = new Map<number, Set<string>>();
  const fixedByPerson = new Map<number, Set<string>>();
  const fixedKinds = new Set<string>();
  let tableFull = 0;
  let allHigher = true;
  let allStrictlyHigher = true;
  const allowed = md.mAllowed[m];
  for (let s = 0; s < nS; s++) {
    if (allowed && !allowed[s]) continue;
    if (people.some((p) => md.unavailable[p * nS + s])) continue;
    let blocked = false;
    for (const p of people) {
      const x = st.occ[p * nS + s];
      if (x < 0) continue;
      blocked = true;
      // A fixed meeting cannot be moved for this one whatever its value: named apart.
      const fixed = md.mFixedSlot[x] >= 0;
      if (fixed) fixedKinds.add(md.problem.meetings[x].pin ? 'pinned' : 'published');
      else {
        if (md.mWeight[x] < w) allHigher = false;
        if (md.mWeight[x] <= w) allStrictlyHigher = false;
      }
      const into = fixed ? fixedByPerson : byPerson;
      const set = into.get(p) ?? new Set<string>();
      set.add(md.mId[x]);
      into.set(p, set);
    }
    if (!blocked && !st.tableRoom(m, s)) tableFull++;
  }
  const named = (by: Map<number, Set<string>>): string[] =>
    [...by.entries()].map(([p, set]) => `${md.personId[p]} (${ids([...set].sort())})`);
  const parts = named(byPerson);
  const fixedParts = named(fixedByPerson);
  const fixedText =
    fixedParts.length > 0 ? `${[...fixedKinds].sort().reverse().join(' and ')} meetings of ${list(fixedParts)}` : '';
  const where = `every slot where ${who} are available`;
  if (parts.length === 0 && fixedParts.length === 0 && tableFull > 0) {
    return `${where} has ${tablesFor} taken by other meetings${released}`;
  }
  const tablesToo =
    tableFull > 0
      ? allowedTables
        ? `, or has ${tablesFor} taken`
        : `, or has no free table with ${md.mSize[m]} seats`
      : '';
  if (parts.length === 0) return `${where} is taken by ${fixedText}${tablesToo}${released}`;
  const fixedToo = fixedText === '' ? '' : ` or by ${fixedText}`;
  if (allHigher)
    return `${where} is taken by ${allStrictlyHigher ? 'higher-value meetings' : 'meetings of equal or higher value'} of ${list(parts)}${fixedToo}${tablesToo}${released}`;
  return `${where} is taken by meetings of ${list(parts)}${fixedToo}${tablesToo}; moving them would leave a cluster without meetings or lose more value than this meeting adds${released}`;
}
