import { SeenKeys } from './seen-keys.js';

describe('SeenKeys', () => {
  it('returns undefined for a new key and the first record for a repeated one', () => {
    const seen = new SeenKeys();
    expect(seen.firstOrAdd('hindsight\u0000INC-1', 1)).toBeUndefined();
    expect(seen.firstOrAdd('hindsight\u0000INC-2', 2)).toBeUndefined();
    expect(seen.firstOrAdd('hindsight\u0000INC-1', 3)).toBe(1);
    expect(seen.firstOrAdd('hindsight\u0000INC-1', 4)).toBe(1);
    expect(seen.firstOrAdd('statuspage\u0000INC-1', 5)).toBeUndefined();
    expect(seen.size).toBe(3);
  });

  it.each([
    ['case', 'a\u0000X', 'a\u0000x'],
    ['separator position', 'ab\u0000c', 'a\u0000bc'],
    ['trailing space', 'a\u0000b', 'a\u0000b '],
    ['empty external id', 'a\u0000', 'a\u0000\u0000'],
  ])('tells apart keys that differ only by %s', (_, first, second) => {
    const seen = new SeenKeys();
    seen.firstOrAdd(first, 1);
    expect(seen.firstOrAdd(second, 2)).toBeUndefined();
  });

  it('keeps every key and its first record while it grows from a small table to 200,000 keys', () => {
    const seen = new SeenKeys(16);
    for (let i = 1; i <= 200_000; i++) expect(seen.firstOrAdd(`hindsight\u0000BENCH-${i}`, i)).toBeUndefined();
    expect(seen.size).toBe(200_000);
    for (let i = 1; i <= 200_000; i += 997) expect(seen.firstOrAdd(`hindsight\u0000BENCH-${i}`, 300_000 + i)).toBe(i);
    expect(seen.firstOrAdd('hindsight\u0000BENCH-200001', 1)).toBeUndefined();
  });
});
