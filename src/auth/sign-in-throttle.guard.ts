import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { routePath } from '../common/access.decorators.js';
import { Clock } from '../common/clock.js';
import { AttemptLimiter } from './attempt-limiter.js';
import { DEVICE_COOKIE } from './auth.guard.js';
import { hashSecret } from './credentials.js';

/** Requests per client address and route within a minute on the routes that run argon2. */
export const SIGN_IN_REQUESTS_PER_MINUTE = 60;

/**
 * Throttles the routes that verify or hash a password (argon2 is deliberately expensive): at most
 * 60 requests a minute per client address and route, counted whether they succeed or fail, then 429
 * with Retry-After. A browser with a device cookie (it signed in before) has a budget of its own, so a
 * flood from its address does not keep it out. In memory, per instance: it guards this process's CPU,
 * so it need not be shared. The failed-attempt limits (FailureThrottle, in PostgreSQL) come on top.
 *
 * Stands in for @nestjs/throttler's ThrottlerGuard: that package (6.x) is CommonJS and require()s the
 * ESM-only @nestjs/common 12. Node 20 allows that, but Jest's module runtime only does on Node 24.9+,
 * so with it no test could load the application.
 */
@Injectable()
export class SignInThrottleGuard implements CanActivate {
  private readonly requests = new AttemptLimiter(SIGN_IN_REQUESTS_PER_MINUTE, 60_000);

  constructor(private readonly clock: Clock) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const device = (request.signedCookies as Record<string, string | false> | undefined)?.[DEVICE_COOKIE];
    const key = `${request.method} ${routePath(request)} ${device ? `device:${hashSecret(device)}` : (request.ip ?? 'unknown')}`;
    const now = this.clock.now();
    const wait = this.requests.retryAfterSeconds(key, now);
    if (wait > 0) {
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(wait));
      throw new HttpException(
        { code: 'TOO_MANY_REQUESTS', message: `Too many sign-in requests from this address; try again in ${wait} s`, retryAfterSeconds: wait },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    this.requests.fail(key, now);
    return true;
  }
}
