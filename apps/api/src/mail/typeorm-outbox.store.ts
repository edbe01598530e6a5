import type { NewOutboxMessage, OutboxMessage, OutboxStatus, OutboxStore, OutgoingMail } from '@clustermatch/mail';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { OutboxMessageEntity } from './outbox-message.entity';
import { OrganisersRepository } from '../auth/organisers.repository';
import { ClustersRepository } from '../clusters/clusters.repository';
import { DelegatesRepository } from '../delegates/delegates.repository';
import { EventsRepository } from '../events/events.repository';

/**
 * What is stored in the `mail` column: an OutgoingMail with its Date as ISO text, and the secrets (e.g. the
 * token of a login link) to take out of the stored copy once the mail is delivered or has finally failed.
 */
type StoredMail = Omit<OutgoingMail, 'date'> & { readonly date: string; readonly redact?: readonly string[] };

/** What a redacted secret reads as in the stored mail. */
export const REDACTED = '[redacted]';

export function serialiseMail(mail: OutgoingMail, redact: readonly string[] = []): string {
  const stored: StoredMail = { ...mail, date: mail.date.toISOString(), ...(redact.length ? { redact } : {}) };
  return JSON.stringify(stored);
}

export function deserialiseMail(json: string): OutgoingMail {
  const stored = JSON.parse(json) as StoredMail;
  const mail: Omit<StoredMail, 'redact'> & { redact?: unknown } = { ...stored };
  delete mail.redact;
  return { ...mail, date: new Date(stored.date) } as OutgoingMail;
}

/** Replaces every secret in every text of the stored mail; undefined when the mail has none to take out. */
export function redactedMail(json: string): string | undefined {
  const { redact, ...stored } = JSON.parse(json) as StoredMail;
  const secrets = (redact ?? []).filter((s) => s.length > 0);
  if (secrets.length === 0) return undefined;
  const clean = (v: unknown): unknown => {
    if (typeof v === 'string') return secrets.reduce((text, s) => text.split(s).join(REDACTED), v);
    if (Array.isArray(v)) return v.map(clean);
    if (typeof v === 'object' && v !== null)
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x)]));
    return v;
  };
  return JSON.stringify(clean(stored));
}

/** A raw row of `outbox_message` as the drivers return it from `RETURNING *`. */
interface RawRow {
  id: string;
  mail: string;
  status: OutboxStatus;
  attempts: number | string;
  interrupted: number | string;
  created_at: string;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  sent_at: string | null;
  response: string | null;
}

const date = (s: string | null): Date | null => (s === null ? null : new Date(s));

export function fromEntity(e: OutboxMessageEntity): OutboxMessage {
  return {
    id: e.id,
    mail: deserialiseMail(e.mail),
    status: e.status,
    attempts: e.attempts,
    createdAt: new Date(e.createdAt),
    nextAttemptAt: new Date(e.nextAttemptAt),
    leaseOwner: e.leaseOwner,
    leaseUntil: date(e.leaseUntil),
    lastError: e.lastError,
    sentAt: date(e.sentAt),
    response: e.response,
    interrupted: e.interrupted,
  };
}

function fromRaw(r: RawRow): OutboxMessage {
  return {
    id: r.id,
    mail: deserialiseMail(r.mail),
    status: r.status,
    attempts: Number(r.attempts),
    createdAt: new Date(r.created_at),
    nextAttemptAt: new Date(r.next_attempt_at),
    leaseOwner: r.lease_owner,
    leaseUntil: date(r.lease_until),
    lastError: r.last_error,
    sentAt: date(r.sent_at),
    response: r.response,
    interrupted: Number(r.interrupted),
  };
}

/** Extra columns of a stored message, for the organiser's view; `redact` lists secrets to remove once sent. */
export interface OutboxMeta {
  readonly kind: string;
  readonly eventId?: string | null;
  /** The organisation the mail belongs to; by default its event's or its recipient's. */
  readonly organisationId?: string;
  readonly redact?: readonly string[];
}

/**
 * The outbox on the service database (SQLite or PostgreSQL).
 *
 * - `enqueue` writes through the caller's EntityManager (its transaction); a known id is ignored
 *   (`ON CONFLICT DO NOTHING`), which makes deterministic ids (one per version and delegate, one
 *   per reminder day and delegate) idempotent.
 * - `claim` is ONE `UPDATE ... WHERE id IN (SELECT ... LIMIT n) RETURNING *` statement: atomic on
 *   SQLite (a write statement holds the database write lock, also across processes) and, with
 *   `FOR UPDATE SKIP LOCKED`, on PostgreSQL (two workers never take the same row, nor wait on each
 *   other). It runs through `Db.transaction` so that on SQLite, where TypeORM shares one connection,
 *   it never becomes part of someone else's open transaction (whose rollback would undo the claim).
 * - `markSent`/`markFailed` are conditional updates: they only apply while this owner holds the lease. They
 *   also take the secrets a mail lists (`redact`, e.g. a login link's token) out of its stored copy, once the
 *   mail is delivered or has finally failed: the database never keeps a working link of a sent mail.
 */
@Injectable()
export class TypeOrmOutboxStore implements OutboxStore<EntityManager> {
  constructor(
    private readonly db: Db,
    private readonly events: EventsRepository,
    private readonly delegates: DelegatesRepository,
    private readonly clusters: ClustersRepository,
    private readonly organisers: OrganisersRepository,
  ) {}

  enqueue(m: EntityManager, message: NewOutboxMessage): Promise<void> {
    return this.enqueueWith(m, message, { kind: 'mail' });
  }

  /**
   * The organisation a mail belongs to (issue 9: an organiser sees only their organisation's mails): its event's,
   * else its recipient's (a delegate's cluster's, or an organiser's); '' when none is known.
   */
  private async organisationOf(m: EntityManager, eventId: string | null, to: string): Promise<string> {
    if (eventId) {
      const e = await this.events.find(eventId, m);
      if (e) return e.organisationId;
    }
    const email = (/<([^<>]+)>\s*$/.exec(to)?.[1] ?? to).trim().toLowerCase();
    const d = await this.delegates.byEmail(email, m);
    const c = d ? await this.clusters.find(d.clusterId, m) : null;
    if (c) return c.organisationId;
    const o = await this.organisers.byEmail(email, m);
    return o?.organisationId ?? '';
  }

  async enqueueWith(m: EntityManager, message: NewOutboxMessage, meta: OutboxMeta): Promise<void> {
    const row: OutboxMessageEntity = {
      id: message.id,
      kind: meta.kind,
      eventId: meta.eventId ?? null,
      organisationId: meta.organisationId ?? (await this.organisationOf(m, meta.eventId ?? null, message.mail.to)),
      recipient: message.mail.to.slice(0, 254),
      subject: message.mail.subject.slice(0, 400),
      mail: serialiseMail(message.mail, meta.redact),
      status: 'pending',
      attempts: 0,
      interrupted: 0,
      createdAt: message.createdAt.toISOString(),
      nextAttemptAt: (message.notBefore ?? message.createdAt).toISOString(),
      leaseOwner: null,
      leaseUntil: null,
      lastError: null,
      sentAt: null,
      response: null,
    };
    await this.db.insert(m, OutboxMessageEntity, [row], { orIgnore: true });
  }

  async claim(now: Date, owner: string, leaseMs: number, limit: number): Promise<OutboxMessage[]> {
    const at = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const lock = this.db.isPostgres ? ' FOR UPDATE SKIP LOCKED' : '';
    const sql = `UPDATE outbox_message SET
        status = 'sending',
        attempts = attempts + 1,
        interrupted = interrupted + CASE WHEN status = 'sending' THEN 1 ELSE 0 END,
        last_error = CASE WHEN status = 'sending'
          THEN 'attempt ' || attempts || ' was interrupted (lease of ' || COALESCE(lease_owner, '?') || ' expired); resent with the same Message-ID'
          ELSE last_error END,
        lease_owner = :owner,
        lease_until = :until
      WHERE id IN (
        SELECT id FROM outbox_message
        WHERE (status = 'pending' AND next_attempt_at <= :at) OR (status = 'sending' AND lease_until <= :at)
        ORDER BY next_attempt_at, created_at, id
        LIMIT :limit${lock}
      )
      RETURNING *`;
    const rows = await this.db.transaction(async (m) => {
      const [query, params] = m.connection.driver.escapeQueryWithParameters(sql, { owner, until, at, limit });
      const runner = m.queryRunner;
      if (!runner) throw new Error('outbox claim: no query runner in the transaction');
      const result = await runner.query(query, params, true);
      return (result.records ?? []) as RawRow[];
    });
    return rows
      .map(fromRaw)
      .sort(
        (a, b) =>
          a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime(),
      );
  }

  /** The stored mail without its secrets, when it lists some (read in the transaction that finishes it). */
  private async redaction(m: EntityManager, id: string): Promise<{ mail?: string }> {
    const row = await m.findOne(OutboxMessageEntity, { where: { id }, select: { id: true, mail: true } });
    const mail = row ? redactedMail(row.mail) : undefined;
    return mail !== undefined ? { mail } : {};
  }

  async markSent(id: string, owner: string, sentAt: Date, response: string): Promise<boolean> {
    const r = await this.db.transaction(async (m) =>
      m.update(
        OutboxMessageEntity,
        { id, status: 'sending', leaseOwner: owner },
        {
          status: 'sent',
          sentAt: sentAt.toISOString(),
          response: response.slice(0, 2000),
          leaseOwner: null,
          leaseUntil: null,
          ...(await this.redaction(m, id)),
        },
      ),
    );
    return r.affected === 1;
  }

  async markFailed(id: string, owner: string, error: string, nextAttemptAt: Date | null): Promise<boolean> {
    const r = await this.db.transaction(async (m) =>
      m.update(
        OutboxMessageEntity,
        { id, status: 'sending', leaseOwner: owner },
        {
          status: nextAttemptAt === null ? 'failed' : 'pending',
          ...(nextAttemptAt !== null ? { nextAttemptAt: nextAttemptAt.toISOString() } : {}),
          lastError: error.slice(0, 2000),
          leaseOwner: null,
          leaseUntil: null,
          // A mail that has finally failed is not sent again (a requeue would send a dead link): drop its secrets too.
          ...(nextAttemptAt === null ? await this.redaction(m, id) : {}),
        },
      ),
    );
    return r.affected === 1;
  }

  async requeue(id: string, now: Date): Promise<boolean> {
    const r = await this.db.transaction((m) =>
      m.update(OutboxMessageEntity, { id, status: 'failed' }, { status: 'pending', nextAttemptAt: now.toISOString() }),
    );
    return r.affected === 1;
  }

  async list(filter: { readonly status?: OutboxStatus } = {}): Promise<OutboxMessage[]> {
    const rows = await this.db.manager.find(OutboxMessageEntity, {
      where: filter.status !== undefined ? { status: filter.status } : {},
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map(fromEntity);
  }
}
