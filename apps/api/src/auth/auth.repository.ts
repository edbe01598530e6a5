import { Injectable, Module } from '@nestjs/common';
import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { DelegateInvitationEntity } from './delegate-invitation.entity';
import { MagicLinkEntity } from './magic-link.entity';
import { readInBatches } from '../database/in-batches';

/** The auth feature's sign-in links and invitations, as other features read and write them. */
@Injectable()
export class AuthRepository {
  constructor(private readonly db: Db) {}

  // Read by the comms segments (issue 15, item 4).

  /** Those of these delegates who have used a sign-in link (500 delegates a statement), in no order. */
  async usedLinkAmong(delegateIds: readonly string[], m: EntityManager = this.db.manager): Promise<string[]> {
    const links = await readInBatches(delegateIds, (batch) =>
      m.find(MagicLinkEntity, {
        where: { delegateId: In(batch), usedAt: Not(IsNull()) },
        select: { delegateId: true },
      }),
    );
    return links.map((l) => l.delegateId);
  }

  /** The addresses of every invitation that was followed (as stored). */
  async usedInvitationEmails(m: EntityManager = this.db.manager): Promise<string[]> {
    const rows = await m.find(DelegateInvitationEntity, {
      where: { usedAt: Not(IsNull()) },
      select: { email: true, delegateId: true },
    });
    return rows.map((j) => j.email);
  }

  // Privacy (issue 17): the erasure.

  /** Revokes the delegate's sign-in links not yet revoked, in the caller's transaction; how many. */
  async revokeLinksOf(delegateId: string, now: string, m: EntityManager): Promise<number> {
    const r = await m.update(MagicLinkEntity, { delegateId, revokedAt: IsNull() }, { revokedAt: now });
    return r.affected ?? 0;
  }

  /** Deletes the invitations of the delegate and those to their address, in the caller's transaction. */
  async deleteInvitationsOf(delegateId: string, email: string, m: EntityManager): Promise<void> {
    await m.delete(DelegateInvitationEntity, { delegateId });
    await m.delete(DelegateInvitationEntity, { email });
  }
}

@Module({ providers: [AuthRepository], exports: [AuthRepository] })
export class AuthRepositoryModule {}
