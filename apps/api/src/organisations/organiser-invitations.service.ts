import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { IsNull, type EntityManager } from 'typeorm';
import { AuthService, organiserPrincipal, type IssuedToken } from '../auth/auth.service';
import type { OrganiserPrincipal } from '../auth/decorators';
import { tooManyAttempts } from '../auth/login-limiter';
import { insertOrganiser, OrganisersRepository } from '../auth/organisers.repository';
import { expiryAfter, isLive, linkLimitReached, newLinkToken, useOnce } from '../auth/single-use-link';
import { sha256 } from '../auth/token-hash';
import { AppError, conflict, ErrorCode, notFound } from '../common/errors';
import { LOGGER } from '../common/logger';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Db } from '../database/db.service';
import { linkSecrets, MailService } from '../mail/mail.service';
import type { OrganiserRole } from './organisation.entity';
import { OrganisationsRepository } from './organisations.repository';
import { OrganiserInvitationEntity } from './organiser-invitation.entity';
import type {
  AcceptOrganiserInvitationDto,
  InvitationLanguage,
  InviteOrganiserDto,
  OrganiserInvitationPreviewResponse,
  OrganiserInvitationResponse,
} from './organiser-invitations.dto';

/** 409 naming `email`: an address signs in to one organisation, so it cannot be invited while it has an account. */
const alreadyOrganiser = (email: string, what: string): AppError =>
  new AppError(ErrorCode.Conflict, `${email} already has an organiser account: ${what}`, [
    { path: 'email', message: 'already has an organiser account' },
  ]);

const invalidLink = (): AppError =>
  new AppError(ErrorCode.Unauthorised, 'This invitation link is invalid, used, revoked or expired');

const language = (l: string): InvitationLanguage => (l === 'da' ? 'da' : 'en');

interface Invitee {
  readonly email: string;
  readonly name: string;
  readonly role: OrganiserRole;
  readonly language: InvitationLanguage;
}

/**
 * Owners invite organisers by mail (issue 9): the mail (through the outbox, in the language the owner chose) holds
 * a single-use link, valid `INVITATION_TTL`, to the page where the invitee sets a password; that creates the
 * organiser in the owner's organisation with the invited role, and signs them in. Owners list the pending
 * invitations, resend (a new link; the old one stops working) and revoke them. Links per address are limited as
 * login links are (`MAGIC_LINK_LIMIT` per `MAGIC_LINK_WINDOW`, 429 beyond).
 */
@Injectable()
export class OrganiserInvitationsService {
  private readonly log: Logger;

  constructor(
    private readonly db: Db,
    private readonly mail: MailService,
    private readonly auth: AuthService,
    private readonly organisers: OrganisersRepository,
    private readonly organisations: OrganisationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ component: 'organiser-invitations' });
  }

  /** The organisation's invitations not accepted nor revoked, newest first (expired ones marked). */
  async list(p: OrganiserPrincipal): Promise<OrganiserInvitationResponse[]> {
    const rows = await this.db.manager.find(OrganiserInvitationEntity, {
      where: { organisationId: p.organisationId, usedAt: IsNull(), revokedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    const names = await this.organisers.names(rows.map((r) => r.invitedBy));
    const now = new Date().toISOString();
    return rows.map((r) => this.view(r, names.get(r.invitedBy) ?? '', now));
  }

  async invite(p: OrganiserPrincipal, dto: InviteOrganiserDto): Promise<OrganiserInvitationResponse> {
    const email = dto.email.trim().toLowerCase();
    return this.db.transaction(async (m) => {
      if (await this.organisers.byEmail(email, m))
        throw alreadyOrganiser(email, 'change their role on the organisers page instead');
      return this.send(m, p, { email, name: dto.name.trim(), role: dto.role, language: dto.language ?? 'en' });
    });
  }

  /** A new link for a pending invitation (the old one stops working); the mail goes again. */
  async resend(p: OrganiserPrincipal, id: string): Promise<OrganiserInvitationResponse> {
    return this.db.transaction(async (m) => {
      const inv = await this.pending(m, p, id);
      if (await this.organisers.byEmail(inv.email, m)) throw alreadyOrganiser(inv.email, 'revoke this invitation');
      return this.send(m, p, { ...inv, language: language(inv.language) });
    });
  }

  /** The link stops working; revoking a revoked invitation changes nothing. */
  async revoke(p: OrganiserPrincipal, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const inv = await this.mine(m, p, id);
      if (inv.usedAt !== null) throw conflict('This invitation was accepted: remove the organiser instead');
      if (inv.revokedAt === null)
        await m.update(OrganiserInvitationEntity, { id, usedAt: IsNull() }, { revokedAt: new Date().toISOString() });
    });
  }

  /** Who the link invites, for the page where they set a password (401 when the link cannot be used). */
  async preview(token: string): Promise<OrganiserInvitationPreviewResponse> {
    const m = this.db.manager;
    const inv = await m.findOneBy(OrganiserInvitationEntity, { tokenHash: sha256(token) });
    if (!inv || !isLive(inv, new Date().toISOString())) throw invalidLink();
    const org = await this.organisations.find(inv.organisationId, m);
    return {
      email: inv.email,
      name: inv.name,
      role: inv.role,
      organisationName: org?.name ?? '',
      language: language(inv.language),
      expiresAt: inv.expiresAt,
    };
  }

  /** Uses the link once: creates the organiser with the chosen password and signs them in. */
  async accept(dto: AcceptOrganiserInvitationDto): Promise<IssuedToken> {
    const now = new Date().toISOString();
    const organiser = await this.db.transaction(async (m) => {
      const inv = await m.findOneBy(OrganiserInvitationEntity, { tokenHash: sha256(dto.token) });
      if (!inv || !(await useOnce(m, OrganiserInvitationEntity, inv, now))) throw invalidLink();
      if (await this.organisers.byEmail(inv.email, m))
        throw alreadyOrganiser(inv.email, 'sign in with your password instead');
      const row = await insertOrganiser(m, {
        email: inv.email,
        name: dto.name?.trim() || inv.name,
        organisationId: inv.organisationId,
        role: inv.role,
        password: dto.password,
      });
      this.log.info({ organisationId: inv.organisationId, organiserId: row.id }, 'invited organiser joined');
      return row;
    });
    return this.auth.issue(organiserPrincipal(organiser));
  }

  /** The invitation `id` of the asker's organisation (404 otherwise). */
  private async mine(m: EntityManager, p: OrganiserPrincipal, id: string): Promise<OrganiserInvitationEntity> {
    const inv = await m.findOneBy(OrganiserInvitationEntity, { id, organisationId: p.organisationId });
    if (!inv) throw notFound('Invitation', id);
    return inv;
  }

  private async pending(m: EntityManager, p: OrganiserPrincipal, id: string): Promise<OrganiserInvitationEntity> {
    const inv = await this.mine(m, p, id);
    if (inv.usedAt !== null) throw conflict('This invitation was accepted already');
    if (inv.revokedAt !== null) throw conflict('This invitation was revoked or replaced by a newer one');
    return inv;
  }

  /**
   * Writes a new invitation (revoking the organisation's older live ones to the address) and queues its mail, in
   * the caller's transaction. 429 when the address got `MAGIC_LINK_LIMIT` links in the window.
   */
  private async send(m: EntityManager, p: OrganiserPrincipal, who: Invitee): Promise<OrganiserInvitationResponse> {
    const now = new Date();
    const wait = await linkLimitReached(
      m,
      OrganiserInvitationEntity,
      { email: who.email },
      this.config.magicLinkLimit,
      now,
    );
    if (wait !== undefined) throw tooManyAttempts(wait, `invitations to ${who.email}`);
    await m.update(
      OrganiserInvitationEntity,
      { organisationId: p.organisationId, email: who.email, usedAt: IsNull(), revokedAt: IsNull() },
      { revokedAt: now.toISOString() },
    );
    const { token, tokenHash } = newLinkToken();
    const row: OrganiserInvitationEntity = {
      id: randomUUID(),
      organisationId: p.organisationId,
      email: who.email,
      name: who.name,
      role: who.role,
      language: who.language,
      tokenHash,
      invitedBy: p.userId,
      expiresAt: expiryAfter(now, this.config.invitationTtlSeconds),
      usedAt: null,
      revokedAt: null,
      createdAt: now.toISOString(),
    };
    await m.insert(OrganiserInvitationEntity, row);
    const org = await this.organisations.find(p.organisationId, m);
    if (!org) throw notFound('Organisation', p.organisationId);
    const inviter = await this.organisers.find(p.userId, m);
    const link = `${this.config.publicUrl}/organiser-invitation?token=${encodeURIComponent(token)}`;
    await this.mail.queue(
      m,
      'organiser-invitation',
      {
        name: who.name,
        organisationName: org.name,
        ...(inviter ? { invitedBy: inviter.name } : {}),
        role: who.role,
        link,
        expiresDays: Math.max(1, Math.round(this.config.invitationTtlSeconds / 86_400)),
      },
      { email: who.email, name: who.name },
      { organisationId: p.organisationId, language: who.language, redact: linkSecrets(link) },
    );
    this.log.info({ organisationId: p.organisationId, invitationId: row.id }, 'organiser invited');
    return this.view(row, inviter?.name ?? '', now.toISOString());
  }

  private view(r: OrganiserInvitationEntity, invitedBy: string, now: string): OrganiserInvitationResponse {
    return {
      id: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      language: language(r.language),
      invitedBy,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      expired: r.expiresAt <= now,
    };
  }
}
