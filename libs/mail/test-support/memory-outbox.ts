import type { NewOutboxMessage, OutboxMessage, OutboxStatus, OutboxStore } from '../src/outbox';

/** The transaction handle of `MemoryOutboxStore`: messages wait here until the transaction commits. */
export interface MemoryTx {
  readonly staged: NewOutboxMessage[];
}

/**
 * An in-memory `OutboxStore` for tests and demos, with the same semantics as the database store:
 * `transaction(fn)` commits what `fn` enqueued only if `fn` resolves.
 */
export class MemoryOutboxStore implements OutboxStore<MemoryTx> {
  private readonly rows = new Map<string, OutboxMessage>();

  async transaction<T>(fn: (tx: MemoryTx) => Promise<T>): Promise<T> {
    const tx: MemoryTx = { staged: [] };
    const result = await fn(tx);
    for (const m of tx.staged) this.insert(m);
    return result;
  }

  async enqueue(tx: MemoryTx, message: NewOutboxMessage): Promise<void> {
    tx.staged.push(message);
  }

  private insert(m: NewOutboxMessage): void {
    if (this.rows.has(m.id)) return;
    this.rows.set(m.id, {
      id: m.id,
      mail: m.mail,
      status: 'pending',
      attempts: 0,
      createdAt: m.createdAt,
      nextAttemptAt: m.notBefore ?? m.createdAt,
      leaseOwner: null,
      leaseUntil: null,
      lastError: null,
      sentAt: null,
      response: null,
      interrupted: 0,
    });
  }

  async claim(now: Date, owner: string, leaseMs: number, limit: number): Promise<OutboxMessage[]> {
    const t = now.getTime();
    const due = [...this.rows.values()]
      .filter(
        (r) =>
          (r.status === 'pending' && r.nextAttemptAt.getTime() <= t) ||
          (r.status === 'sending' && (r.leaseUntil?.getTime() ?? 0) <= t),
      )
      .sort(
        (a, b) =>
          a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime(),
      )
      .slice(0, limit);
    return due.map((r) => {
      const expired = r.status === 'sending';
      const next: OutboxMessage = {
        ...r,
        status: 'sending',
        attempts: r.attempts + 1,
        leaseOwner: owner,
        leaseUntil: new Date(t + leaseMs),
        interrupted: r.interrupted + (expired ? 1 : 0),
        lastError: expired
          ? `attempt ${r.attempts} was interrupted (lease of ${r.leaseOwner ?? '?'} expired); resent with the same Message-ID`
          : r.lastError,
      };
      this.rows.set(r.id, next);
      return next;
    });
  }

  private holding(id: string, owner: string): OutboxMessage | undefined {
    const r = this.rows.get(id);
    return r && r.status === 'sending' && r.leaseOwner === owner ? r : undefined;
  }

  async markSent(id: string, owner: string, sentAt: Date, response: string): Promise<boolean> {
    const r = this.holding(id, owner);
    if (!r) return false;
    this.rows.set(id, { ...r, status: 'sent', sentAt, response, leaseOwner: null, leaseUntil: null });
    return true;
  }

  async markFailed(id: string, owner: string, error: string, nextAttemptAt: Date | null): Promise<boolean> {
    const r = this.holding(id, owner);
    if (!r) return false;
    this.rows.set(id, {
      ...r,
      status: nextAttemptAt === null ? 'failed' : 'pending',
      nextAttemptAt: nextAttemptAt ?? r.nextAttemptAt,
      lastError: error,
      leaseOwner: null,
      leaseUntil: null,
    });
    return true;
  }

  async requeue(id: string, now: Date): Promise<boolean> {
    const r = this.rows.get(id);
    if (!r || r.status !== 'failed') return false;
    this.rows.set(id, { ...r, status: 'pending', nextAttemptAt: now });
    return true;
  }

  async list(filter: { readonly status?: OutboxStatus } = {}): Promise<OutboxMessage[]> {
    return [...this.rows.values()]
      .filter((r) => filter.status === undefined || r.status === filter.status)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }
}
