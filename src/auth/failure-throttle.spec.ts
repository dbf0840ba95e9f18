import { backOffSchedule, blockSeconds, passwordFailureKeys, retryAfterSeconds, tokenFailureKeys } from './failure-throttle.js';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, ms));

describe('failure throttle policy', () => {
  it('backs off 1 s, doubling, capped at 15 minutes', () => {
    expect(backOffSchedule()).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900]);
  });

  it.each([
    [4, 5, 0],
    [5, 5, 1],
    [6, 5, 2],
    [14, 5, 512],
    [15, 5, 900],
    [500, 5, 900],
    [19, 20, 0],
    [20, 20, 1],
    [23, 20, 8],
  ])('%i failures with a threshold of %i block for %i s', (failures, threshold, seconds) => {
    expect(blockSeconds(failures, threshold)).toBe(seconds);
  });

  it.each([
    [null, 0, 0],
    [at(1000), 1000, 0],
    [at(1000), 1001, 0],
    [at(1000), 999, 1],
    [at(1000), 0, 1],
    [at(2500), 0, 3],
  ])('Retry-After until %p at %i ms is %i s', (until, now, seconds) => {
    expect(retryAfterSeconds(until, at(now))).toBe(seconds);
  });

  it('counts a bad token on itself and on its address, never with the whole secret', () => {
    const keys = tokenFailureKeys('192.0.2.1', 'ab'.repeat(32));
    expect(keys).toEqual([
      { kind: 'token', client: '192.0.2.1', credential: `token:${'ab'.repeat(8)}` },
      { kind: 'token', client: '192.0.2.1', credential: '*' },
    ]);
  });

  it('cuts an address to 100 characters (with TRUST_PROXY=true the client writes it)', () => {
    expect(tokenFailureKeys('x'.repeat(5000), 'ab'.repeat(32))[1].client).toBe('x'.repeat(100));
  });

  it('counts a wrong password from a known browser on that browser alone', () => {
    expect(passwordFailureKeys('192.0.2.1', 'admin', null)).toEqual([
      { kind: 'password', client: '192.0.2.1', credential: 'user:admin' },
      { kind: 'password', client: '192.0.2.1', credential: '*' },
    ]);
    expect(passwordFailureKeys('192.0.2.1', 'admin', 'f00d')).toEqual([{ kind: 'password', client: 'device:f00d', credential: 'user:admin' }]);
  });
});
