/**
 * The solver's tuning constants, in one place. None changes what a valid schedule is or what is
 * proven; they only steer how the search spends its time. Chosen on generated events of several
 * shapes (see `solver/bench`), never on one fixture.
 */
export const TUNING = {
  /** Ejection chains: depth and node budget of `insert` in an improvement pass. */
  improveDepth: 2,
  improveBudget: 300,
  /** Ejection chains when re-inserting meetings that a swap-in evicted. */
  evictedDepth: 1,
  evictedBudget: 100,
  /** A swap-in may evict at most this many meetings. */
  swapInMaxEvicted: 4,
  /** An ejection chain may evict at most this many meetings at one step. */
  chainMaxEvicted: 2,
  /** Repair inside a large-neighbourhood step: depth and node budget per meeting. */
  lnsDepth: 1,
  lnsBudget: 60,
  /** Noise on meeting priorities in the repair (fraction of the weight). */
  lnsNoise: 0.3,
  /** Chance that an LNS step starts from an unscheduled meeting (else any meeting), and that it
   * prefers one the relaxation holds. */
  lnsSeedUnscheduled: 0.7,
  lnsSeedWanted: 0.7,
  /** Chance of freeing a second person's meetings in an LNS step. */
  lnsSecondPerson: 0.5,
  /** Steering towards a relaxation's meeting set: depth and budget per target meeting. */
  steerDepth: 3,
  steerBudget: 2000,
  /** Share of `maxIterations` for levels 1-2 (the rest is left for idle gaps). */
  weightIterationShare: 0.7,
  /** Stalled LNS steps before the next, stronger bound is tried (grows with the problem). */
  patienceBase: 300,
  /** Slot-indexed bound models beyond this many columns cost too much memory and time. */
  slotModelMaxColumns: 25_000,
  /** Shares of the remaining time given to the HiGHS runs of each bound stage. */
  aggregateMipTimeShare: 0.3,
  slotLpTimeShare: 0.5,
  slotMipTimeShare: 0.4,
  coverageTimeShare: 0.2,
  /** Seconds per meeting kept back from the time limit for tables, reasons and the final check. */
  finishSecondsPerMeeting: 1e-4,
  /**
   * Idle gaps: annealing steps per movable meeting (plus a minimum), from one temperature to another.
   * Almost every gain comes between temperatures 0.2 and 0.12 (traced on ev550, tight, popular800,
   * forum60); below 0.08 there are none, so cooling stops there instead of running on to 0.02.
   */
  gapAnnealStepsPerMeeting: 1000,
  gapAnnealMinSteps: 150_000, // small events: a 50-meeting event reached 1 gap in 4 of 4 seeds (5,000: 1 of 4)
  /**
   * The annealing stops when it stalls: past this share of its steps, after this share of them
   * without a new best (gains come at temperatures 0.2-0.12, from 0.5 to 0.8 of the steps).
   */
  gapAnnealStallFrom: 0.5,
  gapAnnealStallShare: 0.25,
  /** Gap moves are cheap: this many count as one of `maxIterations`. */
  gapStepsPerIteration: 10,
  gapTemperatureStart: 0.5,
  /**
   * With a clock, the annealing measures its pace over this many steps, then cools within this
   * share of the time left (never more steps than above): a busy machine shortens the cooling
   * instead of cutting it off while hot.
   */
  gapAnnealPaceSteps: 8192,
  gapAnnealTimeShare: 0.8,
  /**
   * Share of the gap moves that start from a meeting of a person with gaps (the rest from any
   * held meeting): on ev550 (deterministic runs, seeds 1-2) 0 gave 6 and 5 gaps, 0.3 gave 3 and 1,
   * 0.5 gave 3 and 3; on tight 38 / 34 / 35, on dense 118 / 108 / 114.
   */
  gapFocusShare: 0.3,
  /** In the annealing, an idle slot (inside a gap) weighs this share of a gap. */
  gapIdleSlotWeight: 0.2,
  gapTemperatureEnd: 0.08,
  /** Share of the time limit the gap search leaves for the idle-gap bound when it runs out of time. */
  gapBoundSpareShare: 0.05,
  /** The first descent runs at least this many steps per movable meeting, even when time is up. */
  gapMinimumStepsPerMeeting: 40,
  /** Descent after annealing: steps without a gain per movable meeting before it stops. */
  gapDescentPatience: 60,
  /** Re-solving around a published schedule (keep): the descent's patience per movable meeting. */
  gapKeepPatiencePerMeeting: 20,
  /**
   * The exact gap model is tried up to this many columns, with this share of the remaining time but
   * at most `gapMipMaxSeconds`: its relaxation is weak, so it rarely proves a bound above the
   * people's own minimum (on a 50-meeting event not in 30 s); it is there for the better placement
   * it may find on small events.
   */
  gapModelMaxColumns: 6_000,
  gapMipTimeShare: 0.25,
  gapMipMaxSeconds: 1,
  /**
   * The pattern bound (gap model in `count` form): up to this many columns, this share of the
   * remaining time, at most this many seconds; it stops as soon as it proves the placement's count.
   */
  gapPatternMaxColumns: 4_000,
  /**
   * The context bound (`gap-bound.ts`), one small integer programme per person with gaps: seconds
   * each, and in all at most this share of the remaining time and this many seconds; without a
   * clock, at most this many people.
   */
  gapContextSeconds: 0.1,
  gapContextTimeShare: 0.1,
  gapContextMaxSeconds: 1,
  gapContextPeopleUntimed: 40,
  gapPatternTimeShare: 0.6,
  gapPatternMaxSeconds: 5,
  /** The same without a clock (deterministic runs): small models only, for a short time. */
  gapModelMaxColumnsUntimed: 800,
  gapMipSecondsUntimed: 0.5,
  /**
   * Without a clock, the gap phase's integer programmes stop after this many branch-and-bound nodes;
   * their time limit, at least this many seconds, is only a safety net (an answer it cuts short is
   * dropped, see `SolveContext.mipLimits`).
   */
  untimedMipNodes: 500,
  untimedMipSeconds: 1,
  /** Annealing rounds after the bounds while the gaps exceed the bound (each must find fewer gaps for the next). */
  gapReannealRounds: 2,
  /** Integer-programming neighbourhoods: meetings freed, seconds each, fruitless tries before stopping. */
  gapNeighbourhoodMaxMeetings: 60,
  gapNeighbourhoodSeconds: 0.3,
  gapNeighbourhoodPatience: 2,
  /** Share of the remaining time the neighbourhoods may use at most. */
  gapNeighbourhoodTimeShare: 0.3,
} as const;
