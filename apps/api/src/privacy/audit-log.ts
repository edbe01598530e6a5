import { randomUUID } from 'node:crypto';
import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/decorators';
import { toSafeCsv } from '../common/spreadsheet';
import { Db } from '../database/db.service';
import { AuditAction, AuditLogEntity } from './privacy.entity';

/** Who did an audited action: a signed-in principal, or the service itself (the retention job). */
export type AuditActor = Principal | { readonly kind: 'system' };

export interface AuditEntry {
  readonly action: AuditAction;
  readonly targetType: string;
  readonly targetId?: string | null;
  readonly eventId?: string | null;
  /** One line naming records by id and counts, never a person's name or address. */
  readonly summary: string;
}

/**
 * The audit log of actions on personal data and schedules (issue 17). Features call `record(m, actor, entry)` in the
 * transaction that makes the change, so the entry exists exactly when the change does.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly db: Db) {}

  async record(m: EntityManager | undefined, actor: AuditActor, entry: AuditEntry): Promise<void> {
    const row: AuditLogEntity = {
      id: randomUUID(),
      at: new Date().toISOString(),
      actorKind: actor.kind,
      actorId: actor.kind === 'organiser' ? actor.userId : actor.kind === 'delegate' ? actor.delegateId : 'system',
      // A delegate's address would outlive their erasure here: only organisers are named by address.
      actorEmail: actor.kind === 'organiser' ? actor.email : '',
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      eventId: entry.eventId ?? null,
      summary: entry.summary.slice(0, 2000),
    };
    await (m ?? this.db.manager).insert(AuditLogEntity, row);
  }

  /**
   * The entries an organisation sees (issue 9): of its events, by its organisers, by or about its delegates, or about
   * the organisation itself (its privacy notice and retention, the retention job's runs).
   * Without `organisationId`: all (tools, tests).
   */
  private query(organisationId: string | undefined) {
    const qb = this.db.manager.createQueryBuilder(AuditLogEntity, 'a');
    if (organisationId === undefined) return qb.where('1 = 1');
    return qb.where(
      `(a.eventId IN (SELECT e.id FROM event e WHERE e.organisation_id = :org)
        OR a.actorId IN (SELECT g.id FROM organiser g WHERE g.organisation_id = :org)
        OR a.actorId IN (SELECT d.id FROM delegate d JOIN cluster c ON c.id = d.cluster_id WHERE c.organisation_id = :org)
        OR (a.targetType = 'delegate' AND a.targetId IN
          (SELECT d2.id FROM delegate d2 JOIN cluster c2 ON c2.id = d2.cluster_id WHERE c2.organisation_id = :org))
        OR (a.targetType = 'organisation' AND a.targetId = :org))`,
      { org: organisationId },
    );
  }

  /** Newest first, filtered by action and event (and organisation, for an organiser). */
  async list(filter: {
    action?: AuditAction;
    eventId?: string;
    limit?: number;
    offset?: number;
    organisationId?: string;
  }): Promise<{ total: number; items: AuditLogEntity[] }> {
    const qb = this.query(filter.organisationId);
    if (filter.action !== undefined) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.eventId !== undefined) qb.andWhere('a.eventId = :eventId', { eventId: filter.eventId });
    const [items, total] = await qb
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .take(filter.limit ?? 100)
      .skip(filter.offset ?? 0)
      .getManyAndCount();
    return { total, items };
  }

  /** The whole log (of an organisation), oldest first, as CSV rows (cells a spreadsheet would run as formulas are quoted). */
  async csv(organisationId?: string): Promise<Buffer> {
    const rows = await this.all(organisationId);
    return toSafeCsv([
      ['at', 'actor_kind', 'actor_id', 'actor_email', 'action', 'target_type', 'target_id', 'event_id', 'summary'],
      ...rows.map((r) => [
        r.at,
        r.actorKind,
        r.actorId,
        r.actorEmail,
        r.action,
        r.targetType,
        r.targetId ?? '',
        r.eventId ?? '',
        r.summary,
      ]),
    ]);
  }

  async all(organisationId?: string): Promise<AuditLogEntity[]> {
    return this.query(organisationId).orderBy('a.at', 'ASC').addOrderBy('a.id', 'ASC').getMany();
  }
}

/** Global, so that every feature writing personal data or schedules records its actions without an import cycle. */
@Global()
@Module({ providers: [AuditLog], exports: [AuditLog] })
export class AuditLogModule {}
