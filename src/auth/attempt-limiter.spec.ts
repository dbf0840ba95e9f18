import { AttemptLimiter } from './attempt-limiter.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

describe('AttemptLimiter', () => {
  it('lets a key try until it reaches the limit within the window', () => {
    const limiter = new AttemptLimiter(3, 60_000);
    limiter.fail('1.2.3.4', at(0));
    limiter.fail('1.2.3.4', at(10));
    expect(limiter.retryAfterSeconds('1.2.3.4', at(11))).toBe(0);
    limiter.fail('1.2.3.4', at(20));
    expect(limiter.retryAfterSeconds('1.2.3.4', at(21))).toBe(39);
    expect(limiter.retryAfterSeconds('5.6.7.8', at(21))).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const limiter = new AttemptLimiter(2, 60_000);
    limiter.fail('k', at(0));
    limiter.fail('k', at(30));
    expect(limiter.retryAfterSeconds('k', at(59))).toBe(1);
    expect(limiter.retryAfterSeconds('k', at(61))).toBe(0);
  });

  it('clears a key on success', () => {
    const limiter = new AttemptLimiter(1, 60_000);
    limiter.fail('k', at(0));
    expect(limiter.retryAfterSeconds('k', at(1))).toBeGreaterThan(0);
    limiter.succeed('k');
    expect(limiter.retryAfterSeconds('k', at(1))).toBe(0);
  });
});
