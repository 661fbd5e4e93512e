// Small non-cryptographic hashes for fingerprints and indexes (hot paths: no allocation).

/** FNV-1a over UTF-16 code units, then a murmur3 finaliser for better low-bit spread. 32-bit unsigned. */
export const hashString = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
};

/** murmur3 fmix32: a bijective scramble of a 32-bit integer. */
export const mix32 = (x: number): number => {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

/** Combine two 32-bit hashes into one. */
export const combine32 = (a: number, b: number): number => mix32((Math.imul(a, 0x9e3779b1) ^ b) >>> 0);
