import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { AppError, ErrorCode } from '../common/errors';
import type { OrganiserRole } from '../organisations/organisation.entity';

export type { OrganiserRole } from '../organisations/organisation.entity';

/** Who is asking. Set by the global AuthGuard from the JWT. */
export type Principal =
  | { kind: 'organiser'; userId: string; email: string; organisationId: string; role: OrganiserRole }
  | { kind: 'delegate'; delegateId: string; clusterId: string; email: string };

export type OrganiserPrincipal = Extract<Principal, { kind: 'organiser' }>;

export type Role = Principal['kind'];

export const IS_PUBLIC = 'clustermatch:public';
export const ROLES = 'clustermatch:roles';
export const ORGANISER_ROLES_KEY = 'clustermatch:organiser-roles';
export const VIEWER_MAY_WRITE = 'clustermatch:viewer-may-write';

/** The route needs no token (login, health, docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Only these kinds of principal may call the route (method wins over class). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

/**
 * Only organisers with one of these roles in their organisation may call the route (e.g. `@OrganiserRoles('owner')`
 * for managing organisers); others get 403. Delegates are not affected (use `@Roles('organiser')` as well).
 */
export const OrganiserRoles = (...roles: OrganiserRole[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ORGANISER_ROLES_KEY, roles);

/**
 * A `viewer` may call this route although its method is not GET/HEAD (a read with a body, such as a preview).
 * Without it, the guard refuses viewers everything but GET and HEAD.
 */
export const ViewerMayCall = (): MethodDecorator & ClassDecorator => SetMetadata(VIEWER_MAY_WRITE, true);

export interface RequestWithPrincipal {
  principal?: Principal;
  /** The signed-in delegate's chosen language, for the error answers (issue 16). */
  language?: 'en' | 'da';
  headers: Record<string, string | string[] | undefined>;
  method?: string;
  params?: Record<string, string | undefined>;
}

/** The authenticated principal of the request (401 if the route is public and nobody logged in). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
  if (!req.principal) throw new AppError(ErrorCode.Unauthorised, 'Login required');
  return req.principal;
});
