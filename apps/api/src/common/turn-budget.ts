import { performance } from 'node:perf_hooks';

/**
 * Spreads expensive request work over turns of the event loop, so that no turn runs much longer than `budgetMs` of it
 * (issue 18). Node 20's libuv accepts one new connection per turn of the event loop (strace: one `accept4` each
 * time the listening socket is reported, never up to `EAGAIN`), so under the 9:00 rush a turn that creates every
 * meeting request read in it left new connections, phones opening the app, waiting in the kernel's queue.
 *
 * `wait()` resolves in the check phase of this turn (after its poll phase has read what arrived) while less than
 * `budgetMs` has gone since the first caller of the turn went on, and otherwise in a later turn's, in the order asked:
 * a caller's own work runs in the microtasks right after, and is counted in the time the next caller sees. Callers go
 * in the order they asked: those left over from a turn go first in the next, before those who asked since. While the
 * server is accepting connections (`accepted()` within `acceptWindowMs`) the budget is `acceptingMs`, so that the
 * connections opened at once by a rush of clients are let in within a fraction of a second rather than several.
 */
export class TurnBudget {
  /** When the first caller of this turn went on; undefined before it (a turn's first caller always goes on). */
  private started: number | undefined;
  /** The callers waiting, first asked first; each has a step scheduled, which lets the first in the queue go. */
  private readonly waiting: (() => void)[] = [];

  /** When the server last accepted a connection (`accepted()`). */
  private lastAccept = Number.NEGATIVE_INFINITY;

  /**
   * `budgetMs` a turn; `acceptingMs` a turn while connections are being accepted (one within `acceptWindowMs`): the
   * server accepts one connection a turn, so while more may wait in the kernel's queue turns are kept short.
   */
  constructor(
    readonly budgetMs: number,
    readonly acceptingMs = budgetMs,
    readonly acceptWindowMs = 0,
  ) {}

  /** The server accepted a connection (its `connection` event). */
  accepted(): void {
    this.lastAccept = performance.now();
  }

  wait(): Promise<void> {
    return new Promise((go) => {
      this.waiting.push(go);
      setImmediate(() => this.step());
    });
  }

  private step(): void {
    const now = performance.now();
    if (this.started === undefined) {
      this.started = now;
      // Scheduled before any caller this turn leaves for the next, so it runs ahead of them there.
      setImmediate(() => {
        this.started = undefined;
      });
    } else if (now - this.started >= (now - this.lastAccept < this.acceptWindowMs ? this.acceptingMs : this.budgetMs)) {
      setImmediate(() => this.step());
      return;
    }
    this.waiting.shift()?.();
  }
}
