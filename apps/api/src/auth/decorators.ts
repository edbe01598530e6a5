import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { AppError, ErrorCode } from '../common/errors';

/** Who is asking. Set by the global AuthGuard from the JWT. */
export type Principal =
  | { kind: 'organiser'; userId: string; email: string }
  | { kind: 'delegate'; delegateId: string; clusterId: string; email: string };

export type Role = Principal['kind'];

export const IS_PUBLIC = 'clustermatch:public';
export const ROLES = 'clustermatch:roles';

/** The route needs no token (login, health, docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Only these kinds of principal may call the route (method wins over class). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

export interface RequestWithPrincipal {
  principal?: Principal;
  headers: Record<string, string | string[] | undefined>;
}

/** The authenticated principal of the request (401 if the route is public and nobody logged in). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
  if (!req.principal) throw new AppError(ErrorCode.Unauthorised, 'Login required');
  return req.principal;
});
