/**
 * Delegates add delegates to their cluster, and change delegates' e-mail addresses, through a link mailed to
 * the new address (`delegate_invitation`): following it proves the address and signs its owner in. The answer
 * to the delegate who asked is the same whether or not the address already belongs to a delegate of another
 * cluster (nothing is sent then), so the API does not tell who is registered elsewhere. Organisers, who see
 * every delegate anyway, add and change delegates directly.
 */
import { storeTags } from '../common/tags';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { EntityManager, IsNull } from 'typeorm';
import { ClustersRepository } from '../clusters/clusters.repository';
import { conflict, notFound } from '../common/errors';
import { LOGGER } from '../common/logger';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Db } from '../database/db.service';
import type { DelegateEntity } from '../delegates/delegate.entity';
import { DelegatesRepository } from '../delegates/delegates.repository';
import { DelegateInvitationEntity, type InvitationKind } from './delegate-invitation.entity';
import { MAGIC_LINK_SENDER, MagicLinkSender } from './magic-link.sender';
import { expiryAfter, linkLimitReached, newLinkToken, useOnce } from './single-use-link';

export interface InvitationRequest {
  readonly kind: InvitationKind;
  readonly clusterId: string;
  /** `email`: the delegate whose address changes. */
  readonly delegateId: string | null;
  readonly email: string;
  readonly name: string;
  readonly role: string;
  /** The delegate who asks. */
  readonly invitedBy: string;
}

@Injectable()
export class DelegateInvitations {
  private readonly log: Logger;

  constructor(
    private readonly db: Db,
    private readonly clusters: ClustersRepository,
    private readonly delegates: DelegatesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MAGIC_LINK_SENDER) private readonly sender: MagicLinkSender,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ component: 'invitations' });
  }

  /**
   * Mails `email` a link that adds its owner to the cluster (`join`) or moves the delegate there (`email`).
   * 409 only when the address belongs to a delegate of the same cluster (whom the asking delegate sees anyway);
   * an address of another cluster, or one that got too many links lately, gets nothing and the same answer.
   * A new link revokes the older live ones for the same address, cluster and purpose.
   */
  async invite(r: InvitationRequest): Promise<void> {
    const email = r.email.trim().toLowerCase();
    const now = new Date();
    await this.db.transaction(async (m) => {
      const holder = await this.delegates.byStoredEmail(email, m);
      if (holder?.clusterId === r.clusterId)
        throw conflict(`${email} is already the address of a delegate of your cluster`);
      if (holder) {
        this.log.info({ clusterId: r.clusterId, kind: r.kind }, 'invitation not sent: the address is in use');
        return;
      }
      if (
        (await linkLimitReached(m, DelegateInvitationEntity, { email }, this.config.magicLinkLimit, now)) !== undefined
      ) {
        this.log.warn({ clusterId: r.clusterId, kind: r.kind }, 'invitation not sent: too many links to this address');
        return;
      }
      await m.update(
        DelegateInvitationEntity,
        {
          email,
          clusterId: r.clusterId,
          kind: r.kind,
          delegateId: r.delegateId ?? IsNull(),
          usedAt: IsNull(),
          revokedAt: IsNull(),
        },
        { revokedAt: now.toISOString() },
      );
      const { token, tokenHash } = newLinkToken();
      const expiresAt = expiryAfter(now, this.config.invitationTtlSeconds);
      await m.insert(DelegateInvitationEntity, {
        id: randomUUID(),
        kind: r.kind,
        tokenHash,
        clusterId: r.clusterId,
        delegateId: r.delegateId,
        email,
        name: r.name,
        role: r.role,
        invitedBy: r.invitedBy,
        expiresAt,
        usedAt: null,
        revokedAt: null,
        createdAt: now.toISOString(),
      });
      const cluster = await this.clusters.find(r.clusterId, m);
      if (!cluster) throw notFound('Cluster', r.clusterId);
      const inviter = await this.delegates.find(r.invitedBy, m);
      await this.sender.send(
        {
          to: email,
          name: r.name,
          url: `${this.config.publicUrl}/login?token=${encodeURIComponent(token)}`,
          expiresAt,
          purpose: r.kind === 'join' ? 'join' : 'confirm-email',
          clusterName: cluster.name,
          ...(inviter ? { invitedBy: inviter.name } : {}),
        },
        m,
      );
    });
  }

  /**
   * Uses the invitation with this token hash, in the caller's transaction: creates the delegate (`join`) or
   * changes the address (`email`), and returns the delegate to sign in; undefined for an unknown, used, revoked
   * or expired link. 409 when the address was taken meanwhile.
   */
  async accept(m: EntityManager, tokenHash: string, now: string): Promise<DelegateEntity | undefined> {
    const inv = await m.findOneBy(DelegateInvitationEntity, { tokenHash });
    if (!inv || !(await useOnce(m, DelegateInvitationEntity, inv, now))) return undefined;
    const holder = await this.delegates.byStoredEmail(inv.email, m);
    if (holder && holder.id !== inv.delegateId)
      throw conflict(`${inv.email} already belongs to a delegate: ask for a login link instead`);
    if (inv.kind === 'email') {
      const d = inv.delegateId ? await this.delegates.find(inv.delegateId, m) : null;
      if (!d) return undefined;
      await this.delegates.setEmail(d.id, inv.email, m);
      return { ...d, email: inv.email };
    }
    if (!(await this.clusters.find(inv.clusterId, m))) return undefined;
    const d: DelegateEntity = {
      id: randomUUID(),
      clusterId: inv.clusterId,
      name: inv.name,
      email: inv.email,
      role: inv.role,
      createdAt: now,
      needs: storeTags(undefined),
    };
    await this.delegates.insert(d, m);
    this.log.info({ clusterId: inv.clusterId, delegateId: d.id }, 'invited delegate joined');
    return d;
  }
}
