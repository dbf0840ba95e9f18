import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { RequestActor } from './actor.js';
import type { Role } from './roles.js';

export const MIN_ROLE = 'hindsight:min-role';
export const PUBLIC = 'hindsight:public';
export const PASSWORD_CHANGE_PENDING_OK = 'hindsight:password-change-pending-ok';

/** The least role that may call this route (on a controller: every route of it, unless a route says otherwise). */
export const MinRole = (role: Role) => SetMetadata(MIN_ROLE, role);

/** Open to anyone: health, API docs, sign-in. */
export const Public = () => SetMetadata(PUBLIC, true);

/** Reachable by a user who still has to replace a one-time password (session, password change, sign-out). */
export const AllowPendingPasswordChange = () => SetMetadata(PASSWORD_CHANGE_PENDING_OK, true);

export type AuthenticatedRequest = Request & { actor?: RequestActor };

/** The route pattern a request matched (`/api/v1/incidents/:incident`), else its path: for messages and throttle keys. */
export const routePath = (request: Request): string => (request.route as { path?: string } | undefined)?.path ?? request.path;

/** The caller the guard authenticated. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): RequestActor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
