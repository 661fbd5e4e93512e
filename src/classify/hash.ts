// 32-bit hashing for feature hashing. FNV-1a over UTF-16 code units (Math.imul keeps it in int32),
// finished with murmur3's fmix32 so the low bits we mask on are well mixed.

export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

export const fmix32 = (h: number): number => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

/** FNV-1a of a string (UTF-16 code units) starting from `seed`; not finalised. */
export const fnv1a = (text: string, seed: number = FNV_OFFSET): number => {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
};

/** Deterministic PRNG (mulberry32), so shuffles and splits are reproducible from a seed. */
export const mulberry32 = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** A number in [0, 1) from a string and a seed: used to assign groups to splits. */
export const unitHash = (text: string, seed: number): number =>
  fmix32(fnv1a(text, FNV_OFFSET ^ seed)) / 4294967296;
