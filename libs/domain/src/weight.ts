/**
 * The solver weight of a meeting request from both sides' interest (each 1-5):
 *
 *     weight = a * b + a + b
 *
 * Mutual interest counts first: (3, 3) = 15 beats (5, 1) = 11, and (4, 4) = 24 beats (5, 3) = 23.
 * The range is 3 (1, 1) to 35 (5, 5). A one-sided request (not yet answered) is not scheduled.
 * For a group meeting, pass the mean interest of the invited parties as `b`.
 */
export function meetingWeight(requesterInterest: number, receiverInterest: number): number {
  for (const [name, v] of [
    ['requesterInterest', requesterInterest],
    ['receiverInterest', receiverInterest],
  ] as const) {
    if (!Number.isFinite(v) || v < 1 || v > 5) throw new RangeError(`${name} must be between 1 and 5 (got ${v})`);
  }
  return requesterInterest * receiverInterest + requesterInterest + receiverInterest;
}
