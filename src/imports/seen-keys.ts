import { hash } from 'node:crypto';

const EMPTY = 0;

/**
 * The keys seen so far in one import file, each with the record it was first seen in: a 64-bit hash of
 * the key and a 32-bit record number, 12 bytes a slot in typed arrays (open addressing, kept at most half
 * full), instead of a Map holding every key's text (about 105 bytes a key). A million keys take 25 MB.
 * Two different keys share a 64-bit hash with a chance of about n² / 2⁶⁵ (3 in 100 million at a million
 * keys); the second would then be reported as a repeat of the first.
 * Pure: no Nest, no TypeORM.
 */
export class SeenKeys {
  private high: Uint32Array;
  private low: Uint32Array;
  private records: Uint32Array;
  private count = 0;

  constructor(capacity = 1024) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(capacity, 16)));
    this.high = new Uint32Array(size);
    this.low = new Uint32Array(size);
    this.records = new Uint32Array(size);
  }

  get size(): number {
    return this.count;
  }

  /** The record `key` was first seen in; when it is new, remembers it as seen in `record` and returns undefined. */
  firstOrAdd(key: string, record: number): number | undefined {
    const digest = hash('sha1', key, 'buffer');
    const high = digest.readUInt32LE(0);
    // (0, 0) marks an empty slot: a key hashing to it is stored as (0, 1).
    const low = digest.readUInt32LE(4) || (high === 0 ? 1 : 0);
    const mask = this.high.length - 1;
    for (let slot = low & mask; ; slot = (slot + 1) & mask) {
      if (this.high[slot] === EMPTY && this.low[slot] === EMPTY) break;
      if (this.high[slot] === high && this.low[slot] === low) return this.records[slot];
    }
    if ((this.count + 1) * 2 > this.high.length) this.grow();
    this.insert(high, low, record);
    this.count++;
    return undefined;
  }

  private insert(high: number, low: number, record: number): void {
    const mask = this.high.length - 1;
    let slot = low & mask;
    while (this.high[slot] !== EMPTY || this.low[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.high[slot] = high;
    this.low[slot] = low;
    this.records[slot] = record;
  }

  private grow(): void {
    const [high, low, records] = [this.high, this.low, this.records];
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(high.length * 2);
    this.records = new Uint32Array(high.length * 2);
    for (let slot = 0; slot < high.length; slot++) {
      if (high[slot] !== EMPTY || low[slot] !== EMPTY) this.insert(high[slot], low[slot], records[slot]);
    }
  }
}
