import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import { JwtService } from '@nestjs/jwt';
import bcrypt from 'bcryptjs';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { AppError, ErrorCode, notFound } from '../common/errors';
import { LOGGER } from '../common/logger';
import { Db } from '../database/db.service';
import type { DelegateEntity } from '../delegates/delegate.entity';
import { DelegatesRepository } from '../delegates/delegates.repository';
import type { OrganiserPrincipal, Principal } from './decorators';
import { DelegateInvitations } from './delegate-invitations';
import { TokenClaims } from './auth.guard';
import { MagicLinkEntity } from './magic-link.entity';
import { MAGIC_LINK_SENDER, MagicLinkSender } from './magic-link.sender';
import { OrganiserEntity } from './organiser.entity';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { sha256 } from './token-hash';
import { expiryAfter, linkLimitReached, newLinkToken, useOnce } from './single-use-link';
import type { MeResponse } from './dto/auth-responses.dto';
import type { UpdateOrganiserMeDto } from './auth.dto';
import { OrganisersRepository } from './organisers.repository';

/** The principal of an organiser row. */
export const organiserPrincipal = (u: OrganiserEntity): Principal => ({
  kind: 'organiser',
  userId: u.id,
  email: u.email,
  organisationId: u.organisationId,
  role: u.role,
});

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  kind: Principal['kind'];
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MAGIC_LINK_SENDER) private readonly sender: MagicLinkSender,
    private readonly invitations: DelegateInvitations,
    private readonly delegates: DelegatesRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly organisers: OrganisersRepository,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ component: 'auth' });
  }

  private readonly log: Logger;

  async issue(principal: Principal): Promise<IssuedToken> {
    const claims: TokenClaims =
      principal.kind === 'organiser'
        ? {
            sub: principal.userId,
            kind: 'organiser',
            email: principal.email,
            oid: principal.organisationId,
            orl: principal.role,
          }
        : { sub: principal.delegateId, kind: 'delegate', email: principal.email, cid: principal.clusterId };
    const accessToken = await this.jwt.signAsync(claims);
    return { accessToken, expiresIn: this.config.jwtExpiresInSeconds, kind: principal.kind };
  }

  async loginOrganiser(email: string, password: string): Promise<IssuedToken> {
    const user = await this.db.manager.findOneBy(OrganiserEntity, { email: email.toLowerCase() });
    // Compare even when the user is unknown, so timing does not tell which e-mails exist.
    const ok = await bcrypt.compare(
      password,
      user?.passwordHash ?? '$2b$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva',
    );
    if (!user || !ok) throw new AppError(ErrorCode.Unauthorised, 'Wrong e-mail or password');
    return this.issue(organiserPrincipal(user));
  }

  /** A token for an organiser by id (tests, tools). */
  async tokenForOrganiser(organiserId: string): Promise<IssuedToken> {
    const user = await this.db.manager.findOneBy(OrganiserEntity, { id: organiserId });
    if (!user) throw notFound('Organiser', organiserId);
    return this.issue(organiserPrincipal(user));
  }

  /**
   * Creates a single-use link and hands it to the sender in the same transaction; the new link revokes the
   * person's older ones (one live link per person). At most `magicLinkLimit.count` links per address per window:
   * beyond that nothing is sent. Unknown e-mails and limited ones get the same answer (no enumeration).
   */
  async requestMagicLink(email: string): Promise<void> {
    const delegate = await this.delegates.byStoredEmail(email.toLowerCase());
    if (!delegate) return;
    const { token, tokenHash } = newLinkToken();
    const now = new Date();
    const expiresAt = expiryAfter(now, this.config.magicLinkTtlSeconds);
    const url = `${this.config.publicUrl}/login?token=${encodeURIComponent(token)}`;
    // The link row and its mail (the outbox sender writes through `m`) commit together or not at all.
    const sent = await this.db.transaction(async (m) => {
      // PostgreSQL: one request per person at a time, so the count below holds (SQLite transactions run one by one).
      await this.delegates.lock(delegate.id, m);
      const limited = await linkLimitReached(
        m,
        MagicLinkEntity,
        { delegateId: delegate.id },
        this.config.magicLinkLimit,
        now,
      );
      if (limited !== undefined) return false;
      await m.update(
        MagicLinkEntity,
        { delegateId: delegate.id, usedAt: IsNull(), revokedAt: IsNull() },
        { revokedAt: now.toISOString() },
      );
      await m.insert(MagicLinkEntity, {
        id: randomUUID(),
        delegateId: delegate.id,
        tokenHash,
        expiresAt,
        usedAt: null,
        revokedAt: null,
        createdAt: now.toISOString(),
      });
      await this.sender.send({ to: delegate.email, name: delegate.name, url, expiresAt }, m);
      return true;
    });
    if (!sent)
      this.log.warn(
        { delegateId: delegate.id, limit: this.config.magicLinkLimit.count },
        'login link not sent: too many links to this address in the window',
      );
  }

  /**
   * A sign-in link for a mail the service sends on its own (the feedback survey): stored like a requested one
   * (single use, only its SHA-256 kept, revoking the person's older live links) through `m`, the transaction
   * that queues the mail, valid until `expiresAt`. After the sign-in the web app opens `next` (a path of the
   * app). Returns the URL; its token is a secret the outbox takes out of the stored mail once sent.
   */
  async issueSignInLink(m: EntityManager, delegateId: string, expiresAt: Date, next: string): Promise<string> {
    const { token, tokenHash } = newLinkToken();
    const now = new Date().toISOString();
    await m.update(
      MagicLinkEntity,
      { delegateId, usedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) },
      { revokedAt: now },
    );
    await m.insert(MagicLinkEntity, {
      id: randomUUID(),
      delegateId,
      tokenHash,
      expiresAt: expiresAt.toISOString(),
      usedAt: null,
      revokedAt: null,
      createdAt: now,
    });
    return `${this.config.publicUrl}/login?token=${encodeURIComponent(token)}&next=${encodeURIComponent(next)}`;
  }

  /** Exchanges a magic-link token for a JWT; the link works once. */
  async verifyMagicLink(token: string): Promise<IssuedToken> {
    const now = new Date().toISOString();
    const delegate = await this.db.transaction(async (m) => {
      const signedIn = await this.useLink(m, token, now);
      // The participants page shows when each delegate last signed in (issue 9).
      if (signedIn) await this.delegates.signedIn(signedIn.id, now, m);
      return signedIn;
    });
    if (!delegate) throw new AppError(ErrorCode.Unauthorised, 'This login link is invalid, used or expired');
    return this.issue({
      kind: 'delegate',
      delegateId: delegate.id,
      clusterId: delegate.clusterId,
      email: delegate.email,
    });
  }

  /** The delegate a login or invitation link signs in (marking the link used), or undefined when it cannot. */
  private async useLink(m: EntityManager, token: string, now: string): Promise<DelegateEntity | null | undefined> {
    const link = await m.findOneBy(MagicLinkEntity, { tokenHash: sha256(token) });
    if (!link) return this.invitations.accept(m, sha256(token), now);
    // Of two concurrent uses only one marks the link used.
    if (!(await useOnce(m, MagicLinkEntity, link, now))) return undefined;
    return this.delegates.find(link.delegateId, m);
  }

  /** A token for a delegate by id (tests, tools). */
  async tokenForDelegate(delegateId: string): Promise<IssuedToken> {
    const d = await this.delegates.find(delegateId);
    if (!d) throw notFound('Delegate', delegateId);
    return this.issue({ kind: 'delegate', delegateId: d.id, clusterId: d.clusterId, email: d.email });
  }

  /** The signed-in organiser's own settings (issue 16: their language); answers `me` as it is afterwards. */
  async updateOrganiserMe(p: OrganiserPrincipal, dto: UpdateOrganiserMeDto): Promise<MeResponse> {
    if (dto.language !== undefined) await this.organisers.setLanguage(p.userId, dto.language);
    return this.me(p);
  }

  async me(p: Principal): Promise<MeResponse> {
    if (p.kind === 'organiser') {
      const u = await this.db.manager.findOneBy(OrganiserEntity, { id: p.userId });
      if (!u) throw new AppError(ErrorCode.Unauthorised, 'This account no longer exists');
      const org = await this.organisations.find(u.organisationId);
      return {
        kind: 'organiser',
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        organisationId: u.organisationId,
        organisationName: org?.name ?? '',
        language: u.language ?? null,
      };
    }
    const d = await this.delegates.find(p.delegateId);
    if (!d) throw new AppError(ErrorCode.Unauthorised, 'This account no longer exists');
    return {
      kind: 'delegate',
      id: d.id,
      email: d.email,
      name: d.name,
      role: d.role,
      clusterId: d.clusterId,
      language: d.language ?? null,
    };
  }
}
