import { Column, Entity, PrimaryColumn } from 'typeorm';

export const INVITATION_KINDS = ['join', 'email'] as const;
export type InvitationKind = (typeof INVITATION_KINDS)[number];

/**
 * A link mailed to an address a delegate named: `join` makes its owner a delegate of the cluster, `email`
 * moves an existing delegate to the new address. Following the link (it works once) proves the address;
 * only the SHA-256 of the token is stored.
 */
@Entity('delegate_invitation')
export class DelegateInvitationEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 16 }) kind!: InvitationKind;
  @Column('varchar', { name: 'token_hash', length: 64 }) tokenHash!: string;
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId!: string;
  /** The delegate whose address changes (`email`), else null. */
  @Column('varchar', { name: 'delegate_id', length: 36, nullable: true }) delegateId!: string | null;
  @Column('varchar', { length: 254 }) email!: string;
  @Column('varchar', { length: 200 }) name!: string;
  @Column('varchar', { length: 120 }) role!: string;
  /** The delegate who asked. */
  @Column('varchar', { name: 'invited_by', length: 36 }) invitedBy!: string;
  @Column('varchar', { name: 'expires_at', length: 30 }) expiresAt!: string;
  @Column('varchar', { name: 'used_at', length: 30, nullable: true }) usedAt!: string | null;
  @Column('varchar', { name: 'revoked_at', length: 30, nullable: true }) revokedAt!: string | null;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
}
