import type { RenderedMail } from './render';
import type { MailTransport, OutgoingMail } from './transport';

/**
 * A durable outbox: mails are stored with the change that causes them, then sent by a worker.
 *
 * The guarantee, and why:
 * 1. `enqueue` runs inside the caller's database transaction, so a mail exists if and only if
 *    the change that causes it was committed (no mail for a rolled-back change, no change
 *    without its mail).
 * 2. A worker `claim`s due messages: one atomic update that sets `status = 'sending'`, a lease
 *    (owner + `leaseUntil`) and `attempts + 1` (PostgreSQL: `UPDATE ... WHERE id IN (SELECT ...
 *    FOR UPDATE SKIP LOCKED) RETURNING *`; SQLite: the same inside `BEGIN IMMEDIATE`). Two workers
 *    never hold the same message; a message claimed by a worker that died is claimed again only
 *    after its lease expires.
 * 3. The worker sends, then marks the message sent, but only if it still holds the lease. SMTP
 *    timeouts are far shorter than the lease, so a send cannot outlive its claim.
 * 4. Marking sent *after* the SMTP server accepted is the choice: marking before would lose the
 *    mail whenever the process dies in between (at-most-once). The one remaining window - the
 *    process dies after the server said 250 and before the row is updated - cannot be closed
 *    with SMTP, which has no "did you already get this?" question. It is made harmless and
 *    visible instead: every attempt carries the same Message-ID and Date (fixed at enqueue),
 *    so the resend is byte-identical and receiving systems (and people) can recognise it, and
 *    the reclaimed message counts the attempt in `interrupted`, which the organiser can see.
 *    A normal restart (stop, then start) sends nothing twice: `stop()` lets the running send
 *    finish and record its outcome, and sent messages are never claimed again.
 * 5. Failures retry with exponential backoff; a permanent SMTP rejection (5xx) or too many
 *    attempts ends in `status = 'failed'` with `lastError`, until an organiser calls `requeue`.
 */

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxMessage {
  readonly id: string;
  readonly mail: OutgoingMail;
  readonly status: OutboxStatus;
  /** Attempts started (claims), including interrupted ones. */
  readonly attempts: number;
  readonly createdAt: Date;
  /** When the message is next due (for `pending`). */
  readonly nextAttemptAt: Date;
  readonly leaseOwner: string | null;
  readonly leaseUntil: Date | null;
  readonly lastError: string | null;
  readonly sentAt: Date | null;
  /** The server's answer when sent. */
  readonly response: string | null;
  /** Attempts whose outcome was never recorded (the worker died while sending): the recipient may have the mail twice, with one Message-ID. */
  readonly interrupted: number;
}

/** What `enqueue` stores; build it with `outboxEntry`. */
export interface NewOutboxMessage {
  readonly id: string;
  readonly mail: OutgoingMail;
  readonly createdAt: Date;
  /** Not to be sent before this time (e.g. a reminder); default `createdAt`. */
  readonly notBefore?: Date;
}

/**
 * Storage of the outbox. `Tx` is the caller's transaction handle (a TypeORM EntityManager,
 * a pg client, ...): `enqueue` must write through it. The database-backed store lives in the service.
 */
export interface OutboxStore<Tx> {
  /** Adds a message inside the caller's transaction. A message whose id is already stored is ignored. */
  enqueue(tx: Tx, message: NewOutboxMessage): Promise<void>;
  /**
   * Atomically takes up to `limit` messages that are `pending` and due at `now`, or `sending` with
   * an expired lease (those count one `interrupted` attempt), sets them `sending` with a lease for
   * `owner` until `now + leaseMs` and increments `attempts`. Oldest due first.
   */
  claim(now: Date, owner: string, leaseMs: number, limit: number): Promise<OutboxMessage[]>;
  /** `sending` -> `sent`, only if `owner` still holds the lease; false otherwise. */
  markSent(id: string, owner: string, sentAt: Date, response: string): Promise<boolean>;
  /** `sending` -> `pending` due at `nextAttemptAt`, or -> `failed` when it is null; only with the lease. */
  markFailed(id: string, owner: string, error: string, nextAttemptAt: Date | null): Promise<boolean>;
  /** `failed` -> `pending`, due at `now` (the organiser's "try again"); false if not failed. */
  requeue(id: string, now: Date): Promise<boolean>;
  /** Messages, oldest first, optionally of one status (for the organiser's view of failures). */
  list(filter?: { readonly status?: OutboxStatus }): Promise<OutboxMessage[]>;
}

/** The stable Message-ID of an outbox message: the same on every attempt. */
export function outboxMessageId(id: string, domain: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(id)) throw new Error(`id: "${id}" may hold only letters, digits, ".", "_" and "-"`);
  if (!/^[A-Za-z0-9.-]+$/.test(domain)) throw new Error(`domain: "${domain}" is not a host name`);
  return `<${id}@${domain}>`;
}

export interface OutboxEntryInput {
  /** Unique id of the message (e.g. a UUID); also the local part of its Message-ID. */
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly replyTo?: string;
  readonly rendered: RenderedMail;
  readonly invitation?: OutgoingMail['invitation'];
  /** The caller's clock: also the mail's Date header. */
  readonly now: Date;
  readonly notBefore?: Date;
  /** The domain of Message-IDs, e.g. the sender's domain. */
  readonly domain: string;
}

/** Builds the message to `enqueue` from a rendered mail. */
export function outboxEntry(input: OutboxEntryInput): NewOutboxMessage {
  const mail: OutgoingMail = {
    messageId: outboxMessageId(input.id, input.domain),
    from: input.from,
    to: input.to,
    ...(input.replyTo !== undefined ? { replyTo: input.replyTo } : {}),
    subject: input.rendered.subject,
    text: input.rendered.text,
    html: input.rendered.html,
    ...(input.rendered.attachments !== undefined ? { attachments: input.rendered.attachments } : {}),
    ...(input.invitation !== undefined ? { invitation: input.invitation } : {}),
    date: input.now,
  };
  return {
    id: input.id,
    mail,
    createdAt: input.now,
    ...(input.notBefore !== undefined ? { notBefore: input.notBefore } : {}),
  };
}

// ---------------------------------------------------------------------------------------------

export interface BackoffOptions {
  /** Delay after the first failed attempt. */
  readonly baseMs: number;
  readonly factor: number;
  readonly maxMs: number;
  /** Spread as a fraction of the delay (0.2: +-20 %), so many failed mails do not retry at once. */
  readonly jitter: number;
}

export interface OutboxWorkerOptions {
  /** Name of this worker (e.g. host:pid); leases are taken in its name. */
  readonly owner: string;
  readonly leaseMs: number;
  readonly batchSize: number;
  /** After this many attempts a failing message becomes `failed`. */
  readonly maxAttempts: number;
  readonly backoff: BackoffOptions;
  /** Pause between polls when `start()`ed and nothing was due. */
  readonly pollMs: number;
}

export const defaultOutboxOptions: Omit<OutboxWorkerOptions, 'owner'> = {
  leaseMs: 120_000,
  batchSize: 20,
  maxAttempts: 8,
  backoff: { baseMs: 30_000, factor: 2, maxMs: 3_600_000, jitter: 0.2 },
  pollMs: 5_000,
};

/** Delay before attempt `attempt + 1` after `attempt` (1-based) failed: base * factor^(attempt-1), capped, with jitter. */
export function backoffDelay(attempt: number, b: BackoffOptions, random: () => number): number {
  const raw = Math.min(b.maxMs, b.baseMs * Math.pow(b.factor, Math.max(0, attempt - 1)));
  return Math.round(raw * (1 - b.jitter + 2 * b.jitter * random()));
}

/** An SMTP rejection that retrying will not fix (5xx), as opposed to a network or 4xx failure. */
export function isPermanentFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export type OutboxLogEvent =
  | { readonly kind: 'sent'; readonly id: string; readonly attempts: number; readonly response: string }
  | {
      readonly kind: 'retry';
      readonly id: string;
      readonly attempts: number;
      readonly error: string;
      readonly nextAttemptAt: Date;
    }
  | { readonly kind: 'failed'; readonly id: string; readonly attempts: number; readonly error: string }
  | { readonly kind: 'lease-lost'; readonly id: string }
  | { readonly kind: 'store-error'; readonly error: string };

export interface RunReport {
  readonly claimed: number;
  readonly sent: number;
  readonly retrying: number;
  readonly failed: number;
  readonly leaseLost: number;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Sends due outbox messages through a transport. `runOnce()` is one pass (tests call it with an
 * injected clock); `start()` polls until `stop()`.
 */
export class OutboxWorker<Tx> {
  private readonly options: OutboxWorkerOptions;
  private running: Promise<RunReport> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;

  constructor(
    private readonly store: OutboxStore<Tx>,
    private readonly transport: MailTransport,
    private readonly clock: () => Date,
    options: Partial<OutboxWorkerOptions> & { readonly owner: string },
    private readonly random: () => number = Math.random,
    private readonly log: (e: OutboxLogEvent) => void = () => undefined,
  ) {
    this.options = { ...defaultOutboxOptions, ...options };
    if (this.options.leaseMs <= 0) throw new RangeError('leaseMs: must be > 0');
    if (this.options.maxAttempts < 1) throw new RangeError('maxAttempts: must be >= 1');
  }

  /** One pass: claim due messages and send them one by one. Concurrent calls share one pass. */
  runOnce(): Promise<RunReport> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<RunReport> {
    const o = this.options;
    const claimed = await this.store.claim(this.clock(), o.owner, o.leaseMs, o.batchSize);
    let sent = 0;
    let retrying = 0;
    let failed = 0;
    let leaseLost = 0;
    for (const m of claimed) {
      try {
        const result = await this.transport.send(m.mail);
        if (await this.store.markSent(m.id, o.owner, this.clock(), result.response)) {
          sent++;
          this.log({ kind: 'sent', id: m.id, attempts: m.attempts, response: result.response });
        } else {
          leaseLost++;
          this.log({ kind: 'lease-lost', id: m.id });
        }
      } catch (e) {
        const error = message(e);
        const give = isPermanentFailure(e) || m.attempts >= o.maxAttempts;
        const next = give ? null : new Date(this.clock().getTime() + backoffDelay(m.attempts, o.backoff, this.random));
        if (!(await this.store.markFailed(m.id, o.owner, error, next))) {
          leaseLost++;
          this.log({ kind: 'lease-lost', id: m.id });
        } else if (next === null) {
          failed++;
          this.log({ kind: 'failed', id: m.id, attempts: m.attempts, error });
        } else {
          retrying++;
          this.log({ kind: 'retry', id: m.id, attempts: m.attempts, error, nextAttemptAt: next });
        }
      }
    }
    return { claimed: claimed.length, sent, retrying, failed, leaseLost };
  }

  /** Polls until `stop()`: right away again after a full batch, else after `pollMs`. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = (): void => {
      if (this.stopped) return;
      this.runOnce().then(
        (r) => this.schedule(tick, r.claimed >= this.options.batchSize ? 0 : this.options.pollMs),
        (e: unknown) => {
          this.log({ kind: 'store-error', error: message(e) });
          this.schedule(tick, this.options.pollMs);
        },
      );
    };
    tick();
  }

  private schedule(tick: () => void, ms: number): void {
    if (!this.stopped) this.timer = setTimeout(tick, ms);
  }

  /** Stops polling and waits for a send in progress to finish and record its outcome. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
