// Hashing for feature hashing (the shared FNV-1a + fmix32 of src/hash.ts) and seeded randomness.

export { FNV_OFFSET, FNV_PRIME, fmix32, fnv1a } from '../hash.js';
import { FNV_OFFSET, fmix32, fnv1a } from '../hash.js';

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
