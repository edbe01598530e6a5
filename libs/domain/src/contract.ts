/**
 * The solver contract, version 1.1: the public file format of the scheduler
 * (`docs/file-formats.md`). These types are the source of truth in code;
 * `parseProblem` and `parseSchedule` read exactly this format and nothing looser.
 * Version 1.1 adds `meetings[].allowedTables` and `stats.idleGapsBound`; readers accept
 * files that say version 1 or 1.1.
 *
 * @example
 * ```ts
 * const problem: Problem = {
 *   version: 1,
 *   event: { name: 'Demo', timezone: 'Europe/Berlin' },
 *   slots: [{ id: 'd1s01', start: '2027-05-11T09:00:00+02:00', end: '2027-05-11T09:30:00+02:00' }],
 *   tables: [{ id: 'T001', seats: 4 }],
 *   people: [{ id: 'c1-p1', party: 'c1' }, { id: 'c2-p1', party: 'c2' }],
 *   meetings: [{ id: 'm1', people: ['c1-p1', 'c2-p1'], weight: 10 }],
 * };
 * ```
 */

/** The event the problem belongs to; `timezone` is an IANA zone that decides the day of a slot. */
export interface ProblemEvent {
  readonly name?: string;
  readonly timezone?: string;
}

/** A time slot; slots never overlap. Times are ISO 8601 with an offset. */
export interface Slot {
  readonly id: string;
  readonly start: string;
  readonly end: string;
}

/** A numbered meeting table with a number of seats. */
export interface Table {
  readonly id: string;
  readonly seats: number;
  readonly name?: string;
}

/** A delegate. `party` is the organisation (cluster) the person belongs to. */
export interface Person {
  readonly id: string;
  readonly party: string;
  readonly name?: string;
  readonly email?: string;
  /** Slot ids in which the person cannot meet. */
  readonly unavailable?: readonly string[];
  /** The most meetings this person attends in the whole event. */
  readonly maxMeetings?: number;
}

/** A fixed place for a meeting (published or set by the organiser). */
export interface Pin {
  readonly slot: string;
  readonly table?: string;
}

/** A requested meeting: a fixed fact. The solver decides whether, when and where it is held. */
export interface Meeting {
  readonly id: string;
  /** The people attending; two parties normally, three or more for a group meeting. */
  readonly people: readonly string[];
  /** The value of holding the meeting, > 0. */
  readonly weight: number;
  readonly allowedSlots?: readonly string[];
  /** (1.1) The tables the meeting may use: a host cluster's own stand, an accessible table, an
   * interpreter's table. Any table with enough seats when omitted. */
  readonly allowedTables?: readonly string[];
  readonly pin?: Pin;
  readonly title?: string;
}

/** The contract versions readers accept. A file that uses a 1.1 field may say 1.1. */
export type ContractVersion = 1 | 1.1;

/** A scheduling problem, contract version 1 or 1.1. */
export interface Problem {
  readonly version: ContractVersion;
  readonly event?: ProblemEvent;
  readonly slots: readonly Slot[];
  readonly tables: readonly Table[];
  readonly people: readonly Person[];
  readonly meetings: readonly Meeting[];
}

/**
 * - `optimal`: proved optimal for points 1 and 2 of the objective (parties served, weight).
 * - `feasible`: valid, not proved optimal.
 * - `infeasible`: the pins cannot all hold.
 * - `timedout`: the time limit was reached; the best valid schedule found so far is given.
 */
export type ScheduleStatus = 'optimal' | 'feasible' | 'infeasible' | 'timedout';

/** Where a held meeting takes place. */
export interface Assignment {
  readonly meeting: string;
  readonly slot: string;
  readonly table: string;
}

/** A requested meeting that is not held, with a reason a person can read and act on. */
export interface Unscheduled {
  readonly meeting: string;
  readonly reason: string;
}

export interface ScheduleStats {
  readonly seconds: number;
  readonly idleGaps: number;
  readonly partiesWithoutMeeting: number;
  /**
   * Extra figures a solver may add (e.g. iterations); readers ignore what they do not know.
   * Contract 1.1 names one: `idleGapsBound`, a proven lower bound on idle gaps among schedules
   * that reach the same levels 1 and 2 of the objective (parties served, weight), equal to
   * `idleGaps` when the gaps are proved minimal, and omitted (undefined) when none is known.
   */
  readonly [extra: string]: number;
}

/** A schedule, contract version 1 or 1.1. Every requested meeting appears exactly once,
 * in `assignments` or in `unscheduled`. */
export interface Schedule {
  readonly version: ContractVersion;
  readonly status: ScheduleStatus;
  /** Total weight of the meetings held. */
  readonly objective: number;
  /** A proven upper bound on `objective` among schedules that serve as many parties; null if none is known. */
  readonly bound: number | null;
  readonly assignments: readonly Assignment[];
  readonly unscheduled: readonly Unscheduled[];
  readonly stats: ScheduleStats;
}
