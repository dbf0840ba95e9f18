import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { TooManyAttemptsError } from '../common/errors.js';
import { AuthFailuresRepository } from './auth-failures.repository.js';
import { retryAfterSeconds, type FailureKey } from './failure-throttle.js';

/**
 * Failed credential checks, counted in PostgreSQL with back-off (the design is in failure-throttle.ts).
 * `what` names the attempts in the 429's message, e.g. "token checks from this address".
 */
@Injectable()
export class FailureThrottle {
  constructor(
    private readonly failures: AuthFailuresRepository,
    private readonly clock: Clock,
  ) {}

  /** Refuses (429) while one of the keys is blocked; for checks too costly to run first (argon2). */
  async assertNotBlocked(keys: FailureKey[], what: string): Promise<void> {
    const now = this.clock.now();
    const wait = retryAfterSeconds(await this.failures.blockedUntil(keys, now), now);
    if (wait > 0) throw new TooManyAttemptsError(what, wait);
  }

  /** Counts a failed check on the keys; refuses (429) instead when one of them was already blocked. */
  async fail(keys: FailureKey[], what: string): Promise<void> {
    const now = this.clock.now();
    const { wasBlockedUntil } = await this.failures.record(keys, now);
    const wait = retryAfterSeconds(wasBlockedUntil, now);
    if (wait > 0) throw new TooManyAttemptsError(what, wait);
  }

  /** A correct password forgets the failures on its key. */
  succeed(key: FailureKey): Promise<void> {
    return this.failures.clear(key);
  }
}
