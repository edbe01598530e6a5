import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AppError, ErrorCode } from '../common/errors';
import { Db } from '../database/db.service';
import { ReadCache } from '../database/read-cache';
import { DelegateEntity } from '../delegates/delegate.entity';
import { OrganiserEntity } from './organiser.entity';
import { IS_PUBLIC, Principal, RequestWithPrincipal, Role, ROLES } from './decorators';

export interface TokenClaims {
  sub: string;
  kind: Role;
  email: string;
  /** The delegate's cluster. */
  cid?: string;
}

export function principalFromClaims(c: TokenClaims): Principal | undefined {
  if (c.kind === 'organiser' && typeof c.sub === 'string') return { kind: 'organiser', userId: c.sub, email: c.email };
  if (c.kind === 'delegate' && typeof c.sub === 'string' && typeof c.cid === 'string') {
    return { kind: 'delegate', delegateId: c.sub, clusterId: c.cid, email: c.email };
  }
  return undefined;
}

/**
 * Tokens this process has verified, with their claims, until they expire. Verifying the same token again gives the
 * same answer until its `exp` (the secret does not change while the service runs), and jsonwebtoken's verify costs
 * far more than the HMAC it checks (about 0.1-1 ms a call here, against microseconds for the HMAC): a phone sends
 * its token with every request. At most `MAX_TOKENS` (least recently verified first out).
 */
class VerifiedTokens {
  private static readonly MAX_TOKENS = 10_000;
  private readonly byToken = new Map<string, { claims: TokenClaims; expiresAt: number }>();

  get(token: string): TokenClaims | undefined {
    const hit = this.byToken.get(token);
    if (!hit) return undefined;
    if (Date.now() >= hit.expiresAt) {
      this.byToken.delete(token);
      return undefined;
    }
    return hit.claims;
  }

  set(token: string, claims: TokenClaims & { exp?: number }): void {
    // Only tokens that expire are kept (every token the service issues has `exp`).
    if (typeof claims.exp !== 'number') return;
    this.byToken.set(token, { claims, expiresAt: claims.exp * 1000 });
    if (this.byToken.size > VerifiedTokens.MAX_TOKENS) {
      const oldest = this.byToken.keys().next().value;
      if (oldest !== undefined) this.byToken.delete(oldest);
    }
  }
}

/** Global guard: a valid Bearer JWT on every route not marked @Public(), and @Roles enforced. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly db: Db,
    private readonly cache: ReadCache,
  ) {}

  /**
   * A token outlives nothing: a removed delegate (staff turnover) or one moved to another cluster is logged out.
   * The answer is read again after any write of the organiser or delegate table (`ReadCache`).
   */
  private async stillValid(p: Principal): Promise<boolean> {
    if (p.kind === 'organiser')
      return this.cache.get(
        `organiser-exists:${p.userId}`,
        ['organiser'],
        async () => (await this.db.manager.countBy(OrganiserEntity, { id: p.userId })) === 1,
      );
    const clusterId = await this.cache.get(`delegate-cluster:${p.delegateId}`, ['delegate'], async () => {
      const d = await this.db.manager.findOne(DelegateEntity, {
        where: { id: p.delegateId },
        select: { id: true, clusterId: true, erasedAt: true },
      });
      // An erased person's tokens stop working at once (issue 17).
      return d && !d.erasedAt ? d.clusterId : null;
    });
    return clusterId === p.clusterId;
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    const header = req.headers['authorization'];
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (token) {
      try {
        let claims = this.verified.get(token);
        if (!claims) {
          claims = await this.jwt.verifyAsync<TokenClaims & { exp?: number }>(token);
          this.verified.set(token, claims);
        }
        const principal = principalFromClaims(claims);
        if (principal && (await this.stillValid(principal))) req.principal = principal;
        else if (!isPublic) throw new Error('principal gone');
      } catch {
        if (!isPublic) throw new AppError(ErrorCode.Unauthorised, 'Invalid or expired token');
      }
    }
    if (isPublic) return true;
    const principal = req.principal;
    if (!principal) throw new AppError(ErrorCode.Unauthorised, 'Login required: send Authorization: Bearer <token>');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [ctx.getHandler(), ctx.getClass()]);
    if (roles && !roles.includes(principal.kind)) {
      throw new AppError(ErrorCode.Forbidden, `Only ${roles.join(' or ')} may do this`);
    }
    return true;
  }
}
