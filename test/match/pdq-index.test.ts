import { describe, expect, it } from 'vitest';
import { PdqIndex, PdqIndexBuilder, defaultChunks } from '../../src/match/index.js';
import { u32ToHex } from '../../src/match/pdq-hex.js';

let seed = 0x2545f491;
const rnd = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
};
const randomWords = (n: number): Uint32Array => Uint32Array.from({ length: n * 8 }, rnd);

/** A copy of hash `id` with exactly `flips` distinct bits flipped. */
const nearCopy = (words: Uint32Array, id: number, flips: number): Uint32Array => {
  const q = words.slice(id * 8, id * 8 + 8);
  const bits = new Set<number>();
  while (bits.size < flips) bits.add(rnd() % 256);
  for (const b of bits) q[b >>> 5]! ^= 1 << (b & 31);
  return q;
};

describe('PDQ multi-index hashing', () => {
  for (const chunks of [undefined, 16, 32]) {
    it(`returns exactly what brute force returns (chunks: ${chunks ?? 'default'}), including distances 31 and 32`, () => {
      const n = 20_000;
      const words = randomWords(n);
      // Plant clusters: stored near-copies of stored hashes at distances around the threshold.
      for (let i = 0; i < 200; i++)
        words.set(nearCopy(words, i, [0, 1, 15, 30, 31, 32, 33][i % 7]!), (n - 1 - i) * 8);
      const index = PdqIndex.fromWords(words, chunks === undefined ? {} : { chunks });
      const queries: Uint32Array[] = [];
      for (let i = 0; i < 150; i++)
        queries.push(nearCopy(words, rnd() % n, [0, 5, 16, 29, 30, 31, 32, 33, 40][i % 9]!));
      for (let i = 0; i < 20; i++) queries.push(Uint32Array.from({ length: 8 }, rnd));
      let matches = 0;
      for (const q of queries) {
        const want = index.bruteForce(u32ToHex(q), 31);
        const got = index.searchWords(q, 31);
        expect(got).toEqual(want);
        matches += got.length;
      }
      expect(matches).toBeGreaterThan(100);
    });
  }

  it('finds a hash at distance exactly 31 and not one at distance 32', () => {
    const words = randomWords(5000);
    const index = PdqIndex.fromWords(words);
    const at31 = nearCopy(words, 42, 31);
    const at32 = nearCopy(words, 43, 32);
    expect(index.searchWords(at31, 31).map((h) => [h.id, h.distance])).toContainEqual([42, 31]);
    expect(index.searchWords(at32, 31).map((h) => h.id)).not.toContain(43);
    expect(index.searchWords(at32, 32).map((h) => [h.id, h.distance])).toContainEqual([43, 32]);
  });

  it('is exact for other radii too (0, 10, 40)', () => {
    const words = randomWords(3000);
    const index = PdqIndex.fromWords(words, { chunks: 12 });
    for (const radius of [0, 10, 40]) {
      for (let i = 0; i < 20; i++) {
        const q = nearCopy(words, rnd() % 3000, (i * 3) % 45);
        expect(index.searchWords(q, radius)).toEqual(index.bruteForce(u32ToHex(q), radius));
      }
    }
  });

  it('builds from hex strings and returns ids in insertion order', () => {
    const b = new PdqIndexBuilder(1);
    const a = b.add('f'.repeat(64));
    const z = b.add('0'.repeat(64));
    const index = b.build();
    expect([a, z]).toEqual([0, 1]);
    expect(index.search(`7${'f'.repeat(63)}`, 31)).toEqual([{ id: 0, distance: 1 }]);
    expect(index.hexAt(1)).toBe('0'.repeat(64));
  });

  it('sizes chunks to the bank: 11 chunks at ten million hashes, 32 for small banks', () => {
    expect(defaultChunks(10_000_000)).toBe(11);
    expect(defaultChunks(100)).toBe(32);
    expect(() => PdqIndex.fromWords(new Uint32Array(8), { chunks: 8 })).toThrow(RangeError);
  });
});
