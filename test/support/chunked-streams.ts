import { Readable } from 'node:stream';

/** A deterministic PRNG, so a failing chunking can be replayed from its seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The bytes as a stream of 1–7 byte chunks (cutting through multi-byte characters), or as one chunk for seed 0. */
export function chunked(data: string | Buffer, seed: number): Readable {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (seed === 0) return Readable.from([bytes]);
  const random = prng(seed);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + Math.floor(random() * 7);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return Readable.from(chunks);
}
