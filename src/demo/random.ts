/**
 * A small seeded pseudo-random generator for demo data: the same seed gives the same sequence on
 * every platform. mulberry32 (Tommy Ettinger's 32-bit generator, public domain) is plenty for
 * plausible-looking data; it is not for anything security related. Pure: no Nest, no I/O.
 */
export class Random {
  private state: number;
  /** The second value of the last Box–Muller pair, handed out by the next normal() call. */
  private spareNormal: number | null = null;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    this.state = Math.trunc(seed) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * An independent generator seeded from this one: give each incident its own stream so that a
   * change in how one incident is drawn does not shift every incident after it.
   */
  fork(): Random {
    return new Random(Math.floor(this.next() * 4294967296));
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** A whole number in [min, max], both ends included. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) {
      throw new RangeError(`int(min, max) needs whole numbers with min ≤ max, got ${min} and ${max}`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** true with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() needs at least one item');
    return items[Math.floor(this.next() * items.length)];
  }

  /** One value, chosen with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => {
      if (!(weight >= 0)) throw new RangeError(`weights must be ≥ 0, got ${weight}`);
      return sum + weight;
    }, 0);
    if (!(total > 0)) throw new RangeError('weighted() needs at least one positive weight');
    let target = this.next() * total;
    for (const [value, weight] of entries) {
      target -= weight;
      if (target < 0) return value;
    }
    return entries.findLast(([, weight]) => weight > 0)![0];
  }

  /** `count` distinct items in random order (all of them when count ≥ items.length). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) {
      chosen.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    }
    return chosen;
  }

  /** Normally distributed, by the Box–Muller transform. */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    const u1 = 1 - this.next(); // (0, 1]: log(0) would be -Infinity
    const u2 = this.next();
    const radius = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = radius * Math.sin(2 * Math.PI * u2);
    return mean + sd * radius * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Log-normal with the given median and shape σ (the standard deviation of its logarithm). Heavy
   * right tail: the mean is median·e^(σ²/2), above the median, as real incident durations are.
   */
  logNormal(median: number, sigma: number): number {
    if (!(median > 0) || !(sigma >= 0)) throw new RangeError(`logNormal needs median > 0 and σ ≥ 0, got ${median} and ${sigma}`);
    return Math.exp(Math.log(median) + sigma * this.normal());
  }
}
