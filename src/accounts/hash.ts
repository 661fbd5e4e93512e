// Small non-cryptographic hashes for fingerprints and indexes (hot paths: no allocation).

export { hashString, fmix32 as mix32 } from '../hash.js';
import { fmix32 as mix32 } from '../hash.js';

/** Combine two 32-bit hashes into one. */
export const combine32 = (a: number, b: number): number => mix32((Math.imul(a, 0x9e3779b1) ^ b) >>> 0);
