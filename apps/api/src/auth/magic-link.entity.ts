import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A single-use login link of a delegate; only the SHA-256 of the token is stored. A newer link revokes it. */
@Entity('magic_link')
export class MagicLinkEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'delegate_id', length: 36 }) delegateId!: string;
  @Column('varchar', { name: 'token_hash', length: 64 }) tokenHash!: string;
  @Column('varchar', { name: 'expires_at', length: 30 }) expiresAt!: string;
  @Column('varchar', { name: 'used_at', length: 30, nullable: true }) usedAt!: string | null;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
  @Column('varchar', { name: 'revoked_at', length: 30, nullable: true }) revokedAt!: string | null;
}
