import { Random } from './random.js';

const draws = <T>(count: number, draw: () => T): T[] => Array.from({ length: count }, draw);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2;
};

describe('Random', () => {
  it('gives the same sequence for the same seed, on every platform (mulberry32 reference values)', () => {
    const a = new Random(42);
    const b = new Random(42);
    const sequence = draws(5, () => a.next());
    expect(draws(5, () => b.next())).toEqual(sequence);
    // Pinned: a change here silently changes every demo data set generated from a given seed.
    expect(new Random(1).next()).toBe(0.6270739405881613);
    expect(sequence[0]).toBe(0.6011037519201636);
  });

  it('gives different sequences for different seeds', () => {
    const one = new Random(1);
    const two = new Random(2);
    expect(draws(10, () => one.next())).not.toEqual(draws(10, () => two.next()));
  });

  it('draws uniformly from [0, 1)', () => {
    const random = new Random(7);
    const xs = draws(20_000, () => random.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 1);
    const lowQuarter = xs.filter((x) => x < 0.25).length / xs.length;
    expect(lowQuarter).toBeGreaterThan(0.23);
    expect(lowQuarter).toBeLessThan(0.27);
  });

  it('draws whole numbers in a range with both ends included, evenly', () => {
    const random = new Random(3);
    const counts = new Map<number, number>();
    for (const x of draws(6000, () => random.int(1, 6))) counts.set(x, (counts.get(x) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
    expect(new Random(3).int(5, 5)).toBe(5);
    expect(() => random.int(6, 1)).toThrow(RangeError);
    expect(() => random.int(1.5, 3)).toThrow(RangeError);
  });

  it('draws normals with Box–Muller: mean 0, sd 1, 68% within one sd', () => {
    const random = new Random(11);
    const xs = draws(40_000, () => random.normal());
    const m = mean(xs);
    const sd = Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
    expect(Math.abs(m)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
    const withinOne = xs.filter((x) => Math.abs(x) < 1).length / xs.length;
    expect(Math.abs(withinOne - 0.6827)).toBeLessThan(0.01);
    const shifted = draws(20_000, () => random.normal(10, 2));
    expect(Math.abs(mean(shifted) - 10)).toBeLessThan(0.05);
  });

  it('draws log-normals around the median with a heavy right tail (mean = median·e^(σ²/2))', () => {
    const random = new Random(5);
    const xs = draws(40_000, () => random.logNormal(30, 1));
    expect(Math.min(...xs)).toBeGreaterThan(0);
    expect(Math.abs(median(xs) / 30 - 1)).toBeLessThan(0.04);
    expect(mean(xs)).toBeGreaterThan(median(xs) * 1.4);
    expect(Math.abs(mean(xs) / (30 * Math.exp(0.5)) - 1)).toBeLessThan(0.05);
    expect(() => random.logNormal(0, 1)).toThrow(RangeError);
  });

  it('chooses by weight and never picks a zero weight', () => {
    const random = new Random(9);
    const picks = draws(20_000, () => random.weighted([['a', 1], ['b', 3], ['never', 0], ['c', 6]] as const));
    const share = (v: string) => picks.filter((p) => p === v).length / picks.length;
    expect(share('a')).toBeCloseTo(0.1, 1);
    expect(share('b')).toBeCloseTo(0.3, 1);
    expect(share('c')).toBeCloseTo(0.6, 1);
    expect(share('never')).toBe(0);
    expect(() => random.weighted([['x', 0]])).toThrow(RangeError);
    expect(() => random.weighted([])).toThrow(RangeError);
  });

  it('samples distinct items and picks from a list', () => {
    const random = new Random(13);
    const items = ['a', 'b', 'c', 'd', 'e'];
    const sample = random.sample(items, 3);
    expect(new Set(sample).size).toBe(3);
    expect(sample.every((s) => items.includes(s))).toBe(true);
    expect(random.sample(items, 10).sort()).toEqual(items);
    expect(items).toContain(random.pick(items));
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it('forks independent streams deterministically', () => {
    const a = new Random(21);
    const b = new Random(21);
    const forkA = a.fork();
    const forkB = b.fork();
    expect(draws(5, () => forkA.next())).toEqual(draws(5, () => forkB.next()));
    expect(a.next()).toBe(b.next());
    expect(new Random(21).fork().next()).not.toBe(new Random(21).next());
  });
});
