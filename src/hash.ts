// 32-bit non-cryptographic string hashing shared by every domain (feature hashing, MinHash,
// fingerprints, HyperLogLog): FNV-1a over UTF-16 code units, finished with murmur3's fmix32 so that
// the low bits are well mixed. Allocation-free: these run on hot paths.

export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** murmur3 fmix32: a bijective scramble of a 32-bit integer; unsigned result. */
export const fmix32 = (h: number): number => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

/** FNV-1a of a string starting from `seed`, not finalised; a signed int32 (chain it as a seed). */
export const fnv1a = (text: string, seed: number = FNV_OFFSET): number => {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
};

/** FNV-1a of a string as an unsigned 32-bit integer, not finalised. */
export const fnv1a32 = (text: string): number => fnv1a(text) >>> 0;

/** FNV-1a then fmix32: a well-mixed unsigned 32-bit hash of a string. */
export const hashString = (text: string): number => fmix32(fnv1a(text));
