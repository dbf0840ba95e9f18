/**
 * Counts attempts per key in a sliding window and blocks the key for the rest of the window once it
 * reaches the limit. In memory, per process: SignInThrottleGuard's request budget on the argon2 routes
 * (failed credential checks are counted in PostgreSQL instead, failure-throttle.ts). Pure: the caller
 * passes the time.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until the key may try again, or 0 when it may try now. */
  retryAfterSeconds(key: string, now: Date): number {
    const recent = this.recent(key, now);
    if (recent.length < this.limit) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.limit] + this.windowMs - now.getTime()) / 1000));
  }

  fail(key: string, now: Date): void {
    this.failures.set(key, [...this.recent(key, now), now.getTime()]);
    if (this.failures.size > 10_000) this.prune(now);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: Date): number[] {
    const since = now.getTime() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private prune(now: Date): void {
    for (const key of this.failures.keys()) if (this.recent(key, now).length === 0) this.failures.delete(key);
  }
}
