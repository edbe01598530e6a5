import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Principal } from '../auth/decorators';
import { AccessService, Permission } from '../access/access.service';
import { nowIso } from '../common/clock';
import { AppError, badField, conflict, ErrorCode, FieldError, notFound } from '../common/errors';
import { ClustersRepository } from '../clusters/clusters.repository';
import { Db } from '../database/db.service';
import type { SlotEntity } from '../events/event.entity';
import { EventsRepository } from '../events/events.repository';
import { RequestsRepository } from '../requests/requests.repository';
import { DelegateInvitations } from '../auth/delegate-invitations';
import { storeTags, tagList } from '../common/tags';
import { CreateDelegateDto, UpdateDelegateDto } from './delegates.dto';
import { DelegateEntity, UnavailabilityEntity } from './delegate.entity';
import { AuditLog } from '../privacy/audit-log';

export interface DelegateView {
  id: string;
  clusterId: string;
  name: string;
  email: string;
  role: string;
  needs: string[];
  language: 'en' | 'da' | null;
}

/** What a delegate sees after inviting someone: the same whether or not the address is known elsewhere. */
export interface InvitationView {
  status: 'invited';
  email: string;
  message: string;
}

const invitedMessage = (email: string): string =>
  `A link was sent to ${email} (unless that address cannot be used). The change is made when its owner follows the link.`;

const view = (d: DelegateEntity): DelegateView => ({
  id: d.id,
  clusterId: d.clusterId,
  name: d.name,
  email: d.email,
  role: d.role,
  needs: tagList(d.needs),
  language: d.language ?? null,
});

@Injectable()
export class DelegatesService {
  constructor(
    private readonly db: Db,
    private readonly invitations: DelegateInvitations,
    private readonly access: AccessService,
    private readonly audit: AuditLog,
    private readonly clusters: ClustersRepository,
    private readonly events: EventsRepository,
    private readonly requests: RequestsRepository,
  ) {}

  static async insert(m: EntityManager, clusterId: string, dto: CreateDelegateDto): Promise<DelegateEntity> {
    const email = dto.email.trim().toLowerCase();
    if (await m.findOneBy(DelegateEntity, { email })) throw conflict(`A delegate with e-mail ${email} exists already`);
    const d: DelegateEntity = {
      id: randomUUID(),
      clusterId,
      name: dto.name.trim(),
      email,
      role: dto.role.trim(),
      createdAt: nowIso(),
      needs: storeTags(dto.needs),
    };
    await m.insert(DelegateEntity, d);
    return d;
  }

  /**
   * Organisers add the delegate at once (409 naming an address in use). A delegate invites: the new address gets
   * a link that adds its owner, and the answer does not tell whether the address belongs to another cluster.
   */
  async create(clusterId: string, dto: CreateDelegateDto, p: Principal): Promise<DelegateView | InvitationView> {
    if (!(await this.clusters.find(clusterId))) throw notFound('Cluster', clusterId);
    await this.access.require(p, Permission.ClusterPrivate, [clusterId]);
    if (p.kind === 'delegate') {
      await this.invitations.invite({
        kind: 'join',
        clusterId,
        delegateId: null,
        email: dto.email,
        name: dto.name.trim(),
        role: dto.role.trim(),
        invitedBy: p.delegateId,
      });
      return { status: 'invited', email: dto.email, message: invitedMessage(dto.email) };
    }
    return view(
      await this.db.transaction(async (m) => {
        const d = await DelegatesService.insert(m, clusterId, dto);
        await this.audit.record(m, p, {
          action: 'edit',
          targetType: 'delegate',
          targetId: d.id,
          summary: `delegate ${d.id} added to cluster ${clusterId}`,
        });
        return d;
      }),
    );
  }

  async list(clusterId: string, p: Principal): Promise<DelegateView[]> {
    if (!(await this.clusters.find(clusterId))) throw notFound('Cluster', clusterId);
    await this.access.require(p, Permission.ClusterPrivate, [clusterId]);
    return (await this.db.manager.find(DelegateEntity, { where: { clusterId }, order: { name: 'ASC' } })).map(view);
  }

  /** Another cluster's delegate is reported as not found (its existence is private). */
  private async own(delegateId: string, p: Principal, m: EntityManager = this.db.manager): Promise<DelegateEntity> {
    await this.access.require(p, Permission.DelegateRead, [delegateId], m);
    const d = await m.findOneBy(DelegateEntity, { id: delegateId });
    if (!d) throw notFound('Delegate', delegateId);
    return d;
  }

  async get(delegateId: string, p: Principal): Promise<DelegateView> {
    return view(await this.own(delegateId, p));
  }

  /**
   * Name and role change at once. A new e-mail address: organisers change it at once (409 naming an address in
   * use); for a delegate the new address gets a link that confirms it (`pendingEmail` in the answer), and the
   * answer does not tell whether the address belongs to another cluster.
   */
  async update(
    delegateId: string,
    dto: UpdateDelegateDto,
    p: Principal,
  ): Promise<DelegateView & { pendingEmail?: string }> {
    const updated = await this.db.transaction(async (m) => {
      const d = await this.own(delegateId, p, m);
      const patch: Partial<DelegateEntity> = {};
      if (dto.name !== undefined) patch.name = dto.name.trim();
      if (dto.role !== undefined) patch.role = dto.role.trim();
      if (dto.needs !== undefined) patch.needs = storeTags(dto.needs);
      if (dto.language !== undefined) patch.language = dto.language;
      if (dto.email !== undefined && dto.email !== d.email && p.kind === 'organiser') {
        if (await m.findOneBy(DelegateEntity, { email: dto.email }))
          throw conflict(`A delegate with e-mail ${dto.email} exists already`);
        patch.email = dto.email;
      }
      if (Object.keys(patch).length) {
        await m.update(DelegateEntity, { id: delegateId }, patch);
        if (p.kind === 'organiser')
          await this.audit.record(m, p, {
            action: 'edit',
            targetType: 'delegate',
            targetId: delegateId,
            summary: `delegate ${delegateId} changed: ${Object.keys(patch).sort().join(', ')}`,
          });
      }
      return { ...d, ...patch };
    });
    if (p.kind !== 'delegate' || dto.email === undefined || dto.email === updated.email) return view(updated);
    await this.invitations.invite({
      kind: 'email',
      clusterId: updated.clusterId,
      delegateId: updated.id,
      email: dto.email,
      name: updated.name,
      role: updated.role,
      invitedBy: p.delegateId,
    });
    return { ...view(updated), pendingEmail: dto.email };
  }

  /**
   * Deleting a delegate would silently drop them from their requests (and an accepted request without
   * delegates on one side is no meeting the solver can place), so a delegate on a pending or accepted
   * request cannot be deleted: 409 lists those requests.
   */
  async remove(delegateId: string, p: Principal): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.own(delegateId, p, m);
      const open = await this.requests.openOfDelegate(delegateId, m);
      if (open.length) {
        throw conflict(
          `The delegate attends ${open.length} pending or accepted request(s) (${open.join(', ')}); withdraw or decline them first`,
        );
      }
      await m.delete(DelegateEntity, { id: delegateId });
      if (p.kind === 'organiser')
        await this.audit.record(m, p, {
          action: 'edit',
          targetType: 'delegate',
          targetId: delegateId,
          summary: `delegate ${delegateId} removed`,
        });
    });
  }

  async unavailability(
    eventId: string,
    delegateId: string,
    p: Principal,
  ): Promise<{ slots: { id: string; code: string; start: string; end: string }[] }> {
    if (!(await this.events.find(eventId))) throw notFound('Event', eventId);
    await this.own(delegateId, p);
    // The delegate's unavailable slots of the event, in the event's slot order.
    const marked = new Set(
      (
        await this.db.manager.find(UnavailabilityEntity, { where: { delegateId, eventId }, select: { slotId: true } })
      ).map((u) => u.slotId),
    );
    const rows = marked.size ? (await this.events.slots(eventId)).filter((s) => marked.has(s.id)) : [];
    return { slots: rows.map((s) => ({ id: s.id, code: s.code, start: s.startsAt, end: s.endsAt })) };
  }

  /** Unavailability belongs to an event the delegate's cluster takes part in: 403 for a delegate, 422 for an organiser. */
  private async assertTakesPart(eventId: string, d: DelegateEntity, p: Principal): Promise<void> {
    await this.access.require(p, Permission.EventParticipate, [eventId]);
    if (await this.clusters.takesPart(eventId, d.clusterId)) return;
    throw badField('delegateId', `the delegate's cluster does not take part in event ${eventId}`);
  }

  /** Replaces the delegate's unavailable slots in one event (of their cluster); slots are ids or codes of that event. */
  async setUnavailability(
    eventId: string,
    delegateId: string,
    slots: string[],
    p: Principal,
  ): Promise<{ slots: { id: string; code: string; start: string; end: string }[] }> {
    if (!(await this.events.find(eventId))) throw notFound('Event', eventId);
    const delegate = await this.own(delegateId, p);
    await this.assertTakesPart(eventId, delegate, p);
    const eventSlots = await this.events.slots(eventId);
    const byKey = new Map<string, SlotEntity>();
    for (const s of eventSlots) {
      byKey.set(s.id, s);
      byKey.set(s.code, s);
    }
    const errors: FieldError[] = [];
    const ids = new Set<string>();
    slots.forEach((k, i) => {
      const s = byKey.get(k);
      if (!s) errors.push({ path: `slots[${i}]`, message: `no slot "${k}" in this event` });
      else ids.add(s.id);
    });
    if (errors.length)
      throw new AppError(ErrorCode.Unprocessable, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    await this.db.transaction(async (m) => {
      await m.delete(UnavailabilityEntity, { delegateId, eventId });
      if (ids.size)
        await m.insert(
          UnavailabilityEntity,
          [...ids].map((slotId) => ({ delegateId, slotId, eventId })),
        );
    });
    return this.unavailability(eventId, delegateId, p);
  }
}
