/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Is stderr a terminal (progress bars) or a pipe/file (one-line summaries)? */
  readonly isTTY: boolean;
  /** Milliseconds from a monotonic clock. */
  now(): number;
}

export function processIo(): CliIo {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
    now: () => performance.now(),
  };
}
