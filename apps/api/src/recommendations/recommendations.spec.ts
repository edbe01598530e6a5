import { usefulOutcome } from './recommendations.service';

describe('a useful earlier meeting (follow-up rule)', () => {
  it('follows what the attendees said when anyone answered the meeting feedback', () => {
    expect(usefulOutcome(1, 1, true)).toBe(true);
    expect(usefulOutcome(5, 5, false)).toBe(false);
  });

  it('falls back to both sides’ interest (3 or more) without feedback', () => {
    expect(usefulOutcome(3, 3, undefined)).toBe(true);
    expect(usefulOutcome(5, 2, undefined)).toBe(false);
    expect(usefulOutcome(4, null, undefined)).toBe(false);
  });
});
