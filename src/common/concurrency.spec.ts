import { concurrencyLimit } from './concurrency.js';

/** Work that records how many run at once and finishes when told. */
function tracker() {
  let running = 0;
  let peak = 0;
  const finish: (() => void)[] = [];
  const work = (value: number, fail = false) => async () => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise<void>((resolve) => finish.push(resolve));
    running -= 1;
    if (fail) throw new Error(`work ${value} failed`);
    return value;
  };
  const settle = async () => {
    while (finish.length > 0 || running > 0) {
      finish.splice(0).forEach((done) => done());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { work, settle, peak: () => peak, started: () => finish.length };
}

describe('concurrencyLimit', () => {
  it.each([1, 3])('runs at most %i at once and gives every result in order', async (max) => {
    const limit = concurrencyLimit(max);
    const t = tracker();
    const all = Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => limit(t.work(n))));
    await new Promise((resolve) => setImmediate(resolve));
    expect(t.started()).toBe(max);
    await t.settle();
    await expect(all).resolves.toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(t.peak()).toBe(max);
  });

  it('lets the next one run when one fails, and passes the failure on', async () => {
    const limit = concurrencyLimit(1);
    const t = tracker();
    const failed = limit(t.work(1, true)).then(() => null, (error: Error) => error.message);
    const next = limit(t.work(2));
    await t.settle();
    expect(await failed).toBe('work 1 failed');
    await expect(next).resolves.toBe(2);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses max %s', (max) => {
    expect(() => concurrencyLimit(max)).toThrow(`max must be a positive integer, got ${max}`);
  });
});
