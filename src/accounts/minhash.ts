import { combine32, mix32 } from './hash.js';

// MinHash signatures over sets of 32-bit hashes, with LSH banding (b bands × r rows).

/** Seeds of the permutations: fixed so that signatures are stable across runs and processes. */
const seedsFor = (k: number): Uint32Array => {
  const seeds = new Uint32Array(k);
  for (let i = 0; i < k; i++) seeds[i] = mix32(0x5bd1e995 + i * 0x27d4eb2d);
  return seeds;
};

export class MinHasher {
  private readonly seeds: Uint32Array;
  constructor(
    readonly bands: number,
    readonly rows: number,
  ) {
    this.seeds = seedsFor(bands * rows);
  }

  /** The signature of a set; `undefined` for an empty set (it matches nothing). */
  signature(items: Iterable<number>): Uint32Array | undefined {
    const k = this.seeds.length;
    const sig = new Uint32Array(k).fill(0xffffffff);
    let any = false;
    for (const x of items) {
      any = true;
      for (let i = 0; i < k; i++) {
        const h = mix32((x ^ (this.seeds[i] as number)) >>> 0);
        if (h < (sig[i] as number)) sig[i] = h;
      }
    }
    return any ? sig : undefined;
  }

  /** One key per band: band index and its rows hashed together. */
  bandKeys(sig: Uint32Array): Uint32Array {
    const keys = new Uint32Array(this.bands);
    for (let b = 0; b < this.bands; b++) {
      let h = mix32(b + 1);
      for (let r = 0; r < this.rows; r++) h = combine32(h, sig[b * this.rows + r] as number);
      keys[b] = h;
    }
    return keys;
  }
}
