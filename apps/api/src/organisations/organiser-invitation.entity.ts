import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrganiserRole } from './organisation.entity';

/**
 * An owner's invitation to organise with their organisation (issue 9): following the mailed link (it works once,
 * until `expiresAt`; only the SHA-256 of its token is stored) the invitee sets a password, which creates the
 * organiser with `role`. A resend revokes the row and writes a new one; revoking sets `revokedAt`.
 */
@Entity('organiser_invitation')
export class OrganiserInvitationEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'organisation_id', length: 36 }) organisationId!: string;
  @Column('varchar', { length: 254 }) email!: string;
  @Column('varchar', { length: 200 }) name!: string;
  @Column('varchar', { length: 16 }) role!: OrganiserRole;
  /** The language of the mail (`en` or `da`). */
  @Column('varchar', { length: 8 }) language!: string;
  @Column('varchar', { name: 'token_hash', length: 64 }) tokenHash!: string;
  /** The owner who invited (or resent). */
  @Column('varchar', { name: 'invited_by', length: 36 }) invitedBy!: string;
  @Column('varchar', { name: 'expires_at', length: 30 }) expiresAt!: string;
  @Column('varchar', { name: 'used_at', length: 30, nullable: true }) usedAt!: string | null;
  @Column('varchar', { name: 'revoked_at', length: 30, nullable: true }) revokedAt!: string | null;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
}
