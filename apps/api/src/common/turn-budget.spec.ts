import { performance } from 'node:perf_hooks';
import { TurnBudget } from './turn-budget';

/** Busy for `ms` (the callers' work in these tests: CPU on the event loop's thread, as a request's is). */
function work(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** Counts turns of the event loop (one step per check phase) while `run` goes on, and gives the count at each call. */
async function inTurns(run: (turn: () => number) => Promise<void>): Promise<void> {
  let turn = 0;
  let going = true;
  const tick = () => {
    turn++;
    if (going) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    await run(() => turn);
  } finally {
    going = false;
  }
}

describe('TurnBudget', () => {
  it('lets callers go in the order asked, a turn at a time once a turn has used its budget', async () => {
    const budget = new TurnBudget(2);
    await inTurns(async (turn) => {
      const seen: { i: number; turn: number }[] = [];
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          budget.wait().then(() => {
            seen.push({ i, turn: turn() });
            work(0.9);
          }),
        ),
      );
      expect(seen.map((s) => s.i)).toEqual([...Array(12).keys()]);
      const perTurn = new Map<number, number>();
      for (const s of seen) perTurn.set(s.turn, (perTurn.get(s.turn) ?? 0) + 1);
      // 0.9 ms each in a 2 ms budget: three go in a turn (the third starts at 1.8 ms), then the turn is over.
      expect([...perTurn.values()].every((n) => n >= 1 && n <= 3)).toBe(true);
      expect(perTurn.size).toBeGreaterThanOrEqual(4);
    });
  });

  it('lets every caller of a turn go in it while their work is cheap, and always the first of a turn', async () => {
    const budget = new TurnBudget(1000);
    await inTurns(async (turn) => {
      const turns = await Promise.all(Array.from({ length: 20 }, () => budget.wait().then(() => turn())));
      expect(new Set(turns).size).toBe(1);
      // A caller alone in its turn goes however long the work before it took.
      const slow = new TurnBudget(0);
      const first = await slow.wait().then(() => turn());
      work(1);
      const next = await slow.wait().then(() => turn());
      expect(next).toBeGreaterThan(first);
    });
  });

  it('lets the callers left over go first in the next turn, before those who asked since', async () => {
    const budget = new TurnBudget(1);
    await inTurns(async (turn) => {
      const order: string[] = [];
      const turns: number[] = [];
      let late: Promise<void> | undefined;
      const early = Array.from({ length: 4 }, (_, i) =>
        budget.wait().then(() => {
          order.push(`early${i}`);
          turns.push(turn());
          // The first asks again while it works: after the three still waiting, though they go in a later turn.
          if (i === 0) late = budget.wait().then(() => void order.push('late'));
          work(0.6);
        }),
      );
      await Promise.all(early);
      await late;
      expect(order).toEqual(['early0', 'early1', 'early2', 'early3', 'late']);
      expect(new Set(turns).size).toBeGreaterThan(1);
    });
  });

  it('keeps turns short while the server accepts connections, and long again once it has not for a while', async () => {
    const budget = new TurnBudget(1000, 1, 200);
    await inTurns(async (turn) => {
      const perTurn = async (): Promise<number> => {
        const turns = await Promise.all(
          Array.from({ length: 6 }, () =>
            budget.wait().then(() => {
              const t = turn();
              work(0.6);
              return t;
            }),
          ),
        );
        return new Set(turns).size;
      };
      expect(await perTurn()).toBe(1);
      budget.accepted();
      // 0.6 ms each in a 1 ms budget: at most two a turn.
      expect(await perTurn()).toBeGreaterThanOrEqual(3);
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await perTurn()).toBe(1);
    });
  });
});
