import { Injectable, Module } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { DelegateInvitationEntity } from './delegate-invitation.entity';
import { MagicLinkEntity } from './magic-link.entity';

/** The auth feature's sign-in links and invitations, as other features read and write them. */
@Injectable()
export class AuthRepository {
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
