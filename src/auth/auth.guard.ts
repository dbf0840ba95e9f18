import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Clock } from '../common/clock.js';
import { ForbiddenError, UnauthenticatedError } from '../common/errors.js';
import type { RequestActor } from '../common/actor.js';
import { MIN_ROLE, PASSWORD_CHANGE_PENDING_OK, PUBLIC, routePath, type AuthenticatedRequest } from '../common/access.decorators.js';
import { AuthRepository } from './auth.repository.js';
import { hashSecret, safeEqual } from './credentials.js';
import { tokenFailureKeys } from './failure-throttle.js';
import { FailureThrottle } from './failure-throttle.service.js';
import { roleAllows, type Role } from '../common/roles.js';

export const SESSION_COOKIE = 'hindsight_session';
/** Set by a password sign-in: the browser's own failure counters for that username (credentials.ts, failure-throttle.ts). */
export const DEVICE_COOKIE = 'hindsight_device';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
type CsrfRequest = AuthenticatedRequest & { csrfToken?: string };

/**
 * The one gate of every route. Public routes are open; every other route must declare its least role
 * with @MinRole, and a route that declares none is refused for everyone (the route-table test fails).
 * Credentials: `Authorization: Bearer <token>`, or the signed session cookie — and then every write
 * must carry the session's CSRF token in the X-CSRF-Token header.
 * A bearer token is looked up first, so a valid one always works; only unknown tokens are counted and,
 * past their limits, refused with 429 (FailureThrottle, per address and token and per address).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthRepository,
    private readonly clock: Clock,
    private readonly throttle: FailureThrottle,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;

    const minRole = this.reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, targets);
    if (!minRole) {
      throw new ForbiddenError('NO_ROLE_DECLARED', `${request.method} ${routePath(request)} declares no role, so it is closed to everyone`);
    }
    const actor = await this.authenticate(request);
    request.actor = actor;
    if (actor.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_PENDING_OK, targets)) {
      throw new ForbiddenError('PASSWORD_CHANGE_REQUIRED', `${actor.name} signed in with a one-time password: choose a new one (POST /api/v1/auth/password) first`);
    }
    if (!roleAllows(actor.role, minRole)) {
      throw new ForbiddenError('ROLE_TOO_LOW', `${request.method} ${routePath(request)} needs the ${minRole} role; ${actor.name} is ${actor.role}`, {
        requiredRole: minRole,
        role: actor.role,
      });
    }
    if (actor.viaCookie && !SAFE_METHODS.has(request.method)) this.checkCsrf(request, actor);
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<RequestActor> {
    const now = this.clock.now();
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw new UnauthenticatedError('Authorization: expected "Bearer <token>"');
      const secretHash = hashSecret(match[1]);
      const token = await this.auth.findActiveToken(secretHash, now);
      if (!token) {
        await this.throttle.fail(tokenFailureKeys(request.ip ?? 'unknown', secretHash), 'token checks from this address');
        throw new UnauthenticatedError('Authorization: the token is unknown, expired or revoked');
      }
      return { type: 'token', id: token.id, name: token.name, role: token.role, viaCookie: false, sessionId: null, mustChangePassword: false };
    }
    const cookie = (request.signedCookies as Record<string, string | false> | undefined)?.[SESSION_COOKIE];
    if (cookie) {
      const session = await this.auth.findActiveSession(hashSecret(cookie), now);
      if (session) (request as CsrfRequest).csrfToken = session.csrf_token;
      if (session?.user_id) {
        return {
          type: 'user', id: session.user_id, name: session.username!, role: session.user_role!, viaCookie: true,
          sessionId: session.session_id, mustChangePassword: session.must_change_password === true,
        };
      }
      if (session?.token_id) {
        return { type: 'token', id: session.token_id, name: session.token_name!, role: session.token_role!, viaCookie: true, sessionId: session.session_id, mustChangePassword: false };
      }
    }
    throw new UnauthenticatedError('Sign in (POST /api/v1/auth/sign-in) or send "Authorization: Bearer <token>"');
  }

  private checkCsrf(request: AuthenticatedRequest, actor: RequestActor): void {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !actor.sessionId) {
      throw new ForbiddenError('CSRF_TOKEN_MISSING', `${CSRF_HEADER}: missing; a signed-in browser must send its session's CSRF token (GET /api/v1/auth/session) with every change`);
    }
    const expected = (request as CsrfRequest).csrfToken;
    if (!expected || !safeEqual(sent, expected)) throw new ForbiddenError('CSRF_TOKEN_INVALID', `${CSRF_HEADER}: does not match this session`);
  }
}
