import type { Logger } from 'pino';

/**
 * A background pass the service runs every so often (feedback and meeting reminders, follow-ups, nudges, the
 * retention job): one place for what each of them needs. A pass never overlaps the one before (a tick while one runs
 * does nothing), a failed pass is logged with `failure` and the next tick runs as usual, the timer never keeps the
 * process alive, and `stop()` clears the timer and waits for a running pass, so that the service closes its database
 * after the last write.
 */
export class PeriodicJob {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly log: Logger,
    private readonly failure: string,
  ) {}

  /** Runs a pass every `everyMs` milliseconds (and one at once when `now`). */
  start(everyMs: number, now = false): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => void this.tick(), everyMs);
    this.timer.unref();
    if (now) void this.tick();
  }

  /** Starts a pass unless one is running; resolves when the pass that runs now has ended. Never rejects. */
  tick(): Promise<void> {
    this.running ??= this.pass()
      .then(
        () => undefined,
        (err: unknown) => this.log.error({ err }, this.failure),
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** Clears the timer and waits for the pass that is running, if any. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
