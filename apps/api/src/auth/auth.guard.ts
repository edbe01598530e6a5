import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AppError, ErrorCode, notFound } from '../common/errors';
import { checkInputShape } from '../common/input-rules';
import { Db } from '../database/db.service';
import { ReadCache } from '../database/read-cache';
import { DelegatesRepository } from '../delegates/delegates.repository';
import { OrganiserEntity } from './organiser.entity';
import { AccessService, OwnedKind } from '../access/access.service';
import { ORGANISER_ROLES } from '../organisations/organisation.entity';
import {
  IS_PUBLIC,
  ORGANISER_ROLES_KEY,
  OrganiserRole,
  Principal,
  RequestWithPrincipal,
  Role,
  ROLES,
  VIEWER_MAY_WRITE,
} from './decorators';

export interface TokenClaims {
  sub: string;
  kind: Role;
  email: string;
  /** The delegate's cluster. */
  cid?: string;
  /** The organiser's organisation. */
  oid?: string;
  /** The organiser's role in it. */
  orl?: OrganiserRole;
}

/**
 * Route parameters the guard checks for every principal before the handler runs: the resource must belong to the
 * asker's organisation (an organiser's own; a delegate's cluster's), else 404 as if it did not exist. Services still
 * check what depends on more than the organisation (a delegate's own cluster) through the AccessService.
 */
export const SCOPED_PARAMS: Readonly<Record<string, OwnedKind>> = {
  eventId: 'event',
  clusterId: 'cluster',
  targetClusterId: 'cluster',
  otherClusterId: 'cluster',
  delegateId: 'delegate',
  requestId: 'request',
  collaborationId: 'collaboration',
  organiserId: 'organiser',
  invitationId: 'invitation',
};

const KIND_NAMES: Record<OwnedKind, string> = {
  event: 'Event',
  cluster: 'Cluster',
  delegate: 'Delegate',
  request: 'Request',
  collaboration: 'Collaboration',
  organiser: 'Organiser',
  invitation: 'Invitation',
};

/** Methods a viewer may use without `@ViewerMayCall()`. */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function principalFromClaims(c: TokenClaims): Principal | undefined {
  if (
    c.kind === 'organiser' &&
    typeof c.sub === 'string' &&
    typeof c.oid === 'string' &&
    (ORGANISER_ROLES as readonly string[]).includes(c.orl ?? '')
  )
    return { kind: 'organiser', userId: c.sub, email: c.email, organisationId: c.oid, role: c.orl as OrganiserRole };
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

type DelegatePrincipal = Extract<Principal, { kind: 'delegate' }>;

/** The token of an `Authorization: Bearer <token>` header. */
function bearerToken(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() || undefined : undefined;
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
    private readonly access: AccessService,
    private readonly delegates: DelegatesRepository,
  ) {}

  /**
   * A token outlives nothing: a removed delegate (staff turnover) or one moved to another cluster is logged out, and
   * so is an organiser removed or given another role or organisation (they sign in again for a token of the new
   * role). The answer is read again after any write of the organiser or delegate table (`ReadCache`).
   */
  private async stillValid(p: Principal, req: Pick<RequestWithPrincipal, 'language'>): Promise<boolean> {
    if (p.kind === 'organiser') {
      const now = await this.cache.get(`organiser-state:${p.userId}`, ['organiser'], async () => {
        const o = await this.db.manager.findOne(OrganiserEntity, {
          where: { id: p.userId },
          select: { id: true, organisationId: true, role: true, language: true },
        });
        return o ? { scope: `${o.organisationId}/${o.role}`, language: o.language ?? null } : null;
      });
      // The organiser's chosen language answers their errors, as for delegates (issue 16).
      if (now?.language) req.language = now.language;
      return now?.scope === `${p.organisationId}/${p.role}`;
    }
    const now = await this.cache.get(`delegate-cluster:${p.delegateId}`, ['delegate'], async () => {
      const d = await this.delegates.tokenState(p.delegateId);
      // An erased person's tokens stop working at once (issue 17).
      return d && !d.erasedAt ? { clusterId: d.clusterId, language: d.language ?? null } : null;
    });
    // The delegate's chosen language answers their errors (issue 16; the exception filter reads it).
    if (now?.language) req.language = now.language;
    return now?.clusterId === p.clusterId;
  }

  /** The principal a token stands for, if it is valid, unexpired and its person still holds it (else undefined). */
  private async principalOf(
    token: string,
    req: Pick<RequestWithPrincipal, 'language'>,
  ): Promise<Principal | undefined> {
    try {
      let claims = this.verified.get(token);
      if (!claims) {
        claims = await this.jwt.verifyAsync<TokenClaims & { exp?: number }>(token);
        this.verified.set(token, claims);
      }
      const principal = principalFromClaims(claims);
      return principal && (await this.stillValid(principal, req)) ? principal : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The delegate this guard admits to a route open to delegates (not public, delegates among its roles) with these
   * route parameters: the same checks as `canActivate` (the token, its person still holding it, every scoped
   * parameter of the delegate's organisation). Undefined when `canActivate` would refuse the request or admit
   * anyone else than a delegate (`fast-reads.ts` then leaves the request to the routed path, which answers it).
   */
  async admitDelegate(
    authorization: string | string[] | undefined,
    params: Record<string, string>,
  ): Promise<DelegatePrincipal | undefined> {
    const token = bearerToken(authorization);
    const principal = token ? await this.principalOf(token, {}) : undefined;
    if (principal?.kind !== 'delegate') return undefined;
    try {
      await this.checkScope(principal, params);
    } catch {
      return undefined;
    }
    return principal;
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    const token = bearerToken(req.headers['authorization']);
    if (token) {
      const principal = await this.principalOf(token, req);
      if (principal) req.principal = principal;
      else if (!isPublic) throw new AppError(ErrorCode.Unauthorised, 'Invalid or expired token');
    }
    if (isPublic) return true;
    const principal = req.principal;
    if (!principal) throw new AppError(ErrorCode.Unauthorised, 'Login required: send Authorization: Bearer <token>');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [ctx.getHandler(), ctx.getClass()]);
    if (roles && !roles.includes(principal.kind)) {
      throw new AppError(ErrorCode.Forbidden, `Only ${roles.join(' or ')} may do this`);
    }
    if (principal.kind === 'organiser') {
      const orgRoles = this.reflector.getAllAndOverride<OrganiserRole[] | undefined>(ORGANISER_ROLES_KEY, [
        ctx.getHandler(),
        ctx.getClass(),
      ]);
      if (orgRoles && !orgRoles.includes(principal.role))
        throw new AppError(ErrorCode.Forbidden, `Only an organisation's ${orgRoles.join(' or ')} may do this`);
      const viewerMay = this.reflector.getAllAndOverride<boolean | undefined>(VIEWER_MAY_WRITE, [
        ctx.getHandler(),
        ctx.getClass(),
      ]);
      if (principal.role === 'viewer' && !viewerMay && !SAFE_METHODS.has((req.method ?? 'GET').toUpperCase()))
        throw new AppError(ErrorCode.Forbidden, 'A viewer may look but not change anything');
    }
    await this.checkScope(principal, req.params ?? {});
    return true;
  }

  /** Every scoped route parameter names a resource of the principal's organisation, or the request is a 404. */
  private async checkScope(p: Principal, params: Record<string, string | undefined>): Promise<void> {
    const scoped = Object.entries(params).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && SCOPED_PARAMS[e[0]] !== undefined,
    );
    if (!scoped.length) return;
    let organisationId: string;
    if (p.kind === 'organiser') organisationId = p.organisationId;
    else {
      // Delegates: their cluster's organisation. Their own delegate and request ids are checked by the services.
      organisationId = await this.access.organisationOfCluster(p.clusterId);
    }
    for (const [name, id] of scoped) {
      // The same 400 the validation pipe would give (e.g. a NUL character, which PostgreSQL refuses), before any query.
      checkInputShape(id, name);
      const kind = SCOPED_PARAMS[name] as OwnedKind;
      if (p.kind === 'delegate' && kind !== 'event' && kind !== 'cluster') continue;
      const ok = await this.access.owned(organisationId, kind, [id]);
      if (!ok.has(id)) throw notFound(KIND_NAMES[kind], id);
    }
  }
}
