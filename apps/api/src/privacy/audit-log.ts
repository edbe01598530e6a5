import { randomUUID } from 'node:crypto';
import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/decorators';
import { toSafeCsv } from '../common/spreadsheet';
import { Db } from '../database/db.service';
import { DEFAULT_ORGANISATION, organisationOfPrincipal } from './organisation-of';
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
  /** The organisation the entry belongs to; by default the organiser's own. */
  readonly organisationId?: string;
}

/** An entry as the API answers it (the organisation is the reader's own). */
export type AuditEntryView = Omit<AuditLogEntity, 'organisationId'>;
const entryView = (e: AuditLogEntity): AuditEntryView => ({
  id: e.id,
  at: e.at,
  actorKind: e.actorKind,
  actorId: e.actorId,
  actorEmail: e.actorEmail,
  action: e.action,
  targetType: e.targetType,
  targetId: e.targetId,
  eventId: e.eventId,
  summary: e.summary,
});

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
      organisationId:
        entry.organisationId ?? (actor.kind === 'system' ? DEFAULT_ORGANISATION : organisationOfPrincipal(actor)),
    };
    await (m ?? this.db.manager).insert(AuditLogEntity, row);
  }

  /** Newest first, filtered by action and event. */
  async list(filter: {
    action?: AuditAction;
    eventId?: string;
    limit?: number;
    offset?: number;
  }): Promise<{ total: number; items: AuditEntryView[] }> {
    const where = {
      ...(filter.action !== undefined ? { action: filter.action } : {}),
      ...(filter.eventId !== undefined ? { eventId: filter.eventId } : {}),
    };
    const [items, total] = await this.db.manager.findAndCount(AuditLogEntity, {
      where,
      order: { at: 'DESC', id: 'ASC' },
      take: filter.limit ?? 100,
      skip: filter.offset ?? 0,
    });
    return { total, items: items.map(entryView) };
  }

  /** The whole log, oldest first, as CSV rows (cells a spreadsheet would run as formulas are quoted). */
  async csv(): Promise<Buffer> {
    const rows = await this.db.manager.find(AuditLogEntity, { order: { at: 'ASC', id: 'ASC' } });
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

  async all(): Promise<AuditEntryView[]> {
    return (await this.db.manager.find(AuditLogEntity, { order: { at: 'ASC', id: 'ASC' } })).map(entryView);
  }
}

/** Global, so that every feature writing personal data or schedules records its actions without an import cycle. */
@Global()
@Module({ providers: [AuditLog], exports: [AuditLog] })
export class AuditLogModule {}
