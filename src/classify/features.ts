import { FNV_OFFSET, FNV_PRIME, fmix32, fnv1a } from './hash.js';

/** How text becomes hashed features; stored in the model file so training and serving agree. */
export interface FeatureParams {
  /** Number of hash buckets (a power of two). */
  buckets: number;
  /** Longest word n-gram (1 = unigrams only). */
  wordNgrams: number;
  charMin: number;
  charMax: number;
  /** Salt of the hash functions. */
  seed: number;
  /**
   * When set, word and character n-grams are L2-normalised as two blocks, the word block to norm
   * √wordShare and the char block to √(1 − wordShare): there are ~5× more char n-grams, and a single
   * norm would drown the (more specific) word features. Unset: one norm over all features.
   */
  wordShare?: number;
}

export const DEFAULT_FEATURE_PARAMS: FeatureParams = {
  buckets: 1 << 20,
  wordNgrams: 2,
  charMin: 2,
  charMax: 5,
  seed: 0,
};

/** A sparse, L2-normalised feature vector; `idx`/`val` are views valid until the next `extract` call. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
  length: number;
}

const WORD_SALT = 0x5bd1e995;
const BIGRAM_MUL = 0x9e3779b1 | 0;

const nextPow2 = (n: number): number => {
  let p = 1024;
  while (p < n) p *= 2;
  return p;
};

/**
 * Turns a list of words (already normalised and tokenised) into hashed features: word 1..n-grams and
 * character n-grams over " w1 w2 … " (so n-grams inside words and across word boundaries), counted,
 * with sublinear TF (1 + ln count) and L2 normalisation. One instance reuses its buffers: it is not
 * reentrant, create one per thread.
 */
export class Featurizer {
  private readonly mask: number;
  private readonly charSeed: number;
  private readonly wordSeed: number;
  private stamps = new Uint32Array(0);
  private keys = new Int32Array(0);
  private pos = new Int32Array(0);
  private tmask = 0;
  private gen = 0;
  private outIdx = new Int32Array(0);
  private outVal = new Float32Array(0);
  private n = 0;
  private wordHashes = new Int32Array(64);
  private codes = new Uint16Array(1024);
  private nWordFeatures = 0;
  /** When set (explanations only), the n-gram text of each feature is collected here. */
  private names: Map<number, string[]> | null = null;

  constructor(readonly params: FeatureParams) {
    if (!Number.isInteger(Math.log2(params.buckets)))
      throw new RangeError(`buckets must be a power of two, got ${params.buckets}`);
    this.mask = params.buckets - 1;
    this.charSeed = (FNV_OFFSET ^ params.seed) | 0;
    this.wordSeed = (FNV_OFFSET ^ WORD_SALT ^ params.seed) | 0;
  }

  extract(words: readonly string[]): SparseVector {
    this.collect(words);
    return this.finish();
  }

  /** The n-grams behind each bucket of the text (slow path, for explanations). */
  extractNamed(words: readonly string[]): { vector: SparseVector; names: Map<number, string[]> } {
    const names = new Map<number, string[]>();
    this.names = names;
    try {
      this.collect(words);
    } finally {
      this.names = null;
    }
    const vector = this.finish();
    return { vector: { idx: vector.idx.slice(), val: vector.val.slice(), length: vector.length }, names };
  }

  private collect(words: readonly string[]): void {
    const { wordNgrams, charMin, charMax } = this.params;
    const padded = ` ${words.join(' ')} `;
    const plen = padded.length;
    const nw = words.length;
    this.prepare(plen * (charMax - charMin + 1) + nw * wordNgrams + 16);

    if (this.wordHashes.length < nw) this.wordHashes = new Int32Array(nextPow2(nw));
    const wh = this.wordHashes;
    for (let i = 0; i < nw; i++) {
      const h = fnv1a(words[i] as string, this.wordSeed);
      wh[i] = h;
      this.add(fmix32(h) & this.mask, this.names && (words[i] as string));
    }
    if (wordNgrams >= 2) {
      for (let i = 0; i + 1 < nw; i++) {
        const h = Math.imul(wh[i] as number, BIGRAM_MUL) ^ (wh[i + 1] as number) ^ WORD_SALT;
        this.add(fmix32(h) & this.mask, this.names && `${words[i]} ${words[i + 1]}`);
      }
    }
    this.nWordFeatures = this.n;
    // Character n-grams, hashed incrementally: one FNV state per start position, extended a char at a time.
    const seed = this.charSeed;
    const mask = this.mask;
    if (this.names) {
      for (let i = 0; i < plen; i++) {
        let h = seed;
        const end = Math.min(plen, i + charMax);
        for (let j = i; j < end; j++) {
          h = Math.imul(h ^ padded.charCodeAt(j), FNV_PRIME);
          if (j - i + 1 >= charMin) this.add(fmix32(h) & mask, padded.slice(i, j + 1));
        }
      }
      return;
    }
    // Hot path: the same with the counting table inlined (about 4 features per character).
    const codes = this.codes.length >= plen ? this.codes : (this.codes = new Uint16Array(nextPow2(plen)));
    for (let i = 0; i < plen; i++) codes[i] = padded.charCodeAt(i);
    const stamps = this.stamps;
    const keys = this.keys;
    const pos = this.pos;
    const outIdx = this.outIdx;
    const outVal = this.outVal;
    const gen = this.gen;
    const tmask = this.tmask;
    let n = this.n;
    for (let i = 0; i < plen; i++) {
      let h = seed;
      const end = Math.min(plen, i + charMax);
      for (let j = i; j < end; j++) {
        h = Math.imul(h ^ (codes[j] as number), FNV_PRIME);
        if (j - i + 1 < charMin) continue;
        let b = h;
        b ^= b >>> 16;
        b = Math.imul(b, 0x85ebca6b);
        b ^= b >>> 13;
        b = Math.imul(b, 0xc2b2ae35);
        b = ((b ^ (b >>> 16)) >>> 0) & mask;
        let slot = b & tmask;
        for (;;) {
          if (stamps[slot] !== gen) {
            stamps[slot] = gen;
            keys[slot] = b;
            pos[slot] = n;
            outIdx[n] = b;
            outVal[n] = 1;
            n++;
            break;
          }
          if (keys[slot] === b) {
            outVal[pos[slot] as number]! += 1;
            break;
          }
          slot = (slot + 1) & tmask;
        }
      }
    }
    this.n = n;
  }

  private prepare(maxFeatures: number): void {
    const cap = nextPow2(maxFeatures * 2);
    if (this.stamps.length < cap) {
      this.stamps = new Uint32Array(cap);
      this.keys = new Int32Array(cap);
      this.pos = new Int32Array(cap);
      this.gen = 0;
    }
    // Probe only the part of the table this text needs: after one long text, short ones stay in cache.
    this.tmask = cap - 1;
    if (this.outIdx.length < maxFeatures) {
      this.outIdx = new Int32Array(nextPow2(maxFeatures));
      this.outVal = new Float32Array(this.outIdx.length);
    }
    this.gen++;
    if (this.gen === 0xffffffff) {
      this.stamps.fill(0);
      this.gen = 1;
    }
    this.n = 0;
  }

  private add(bucket: number, name: string | null | false): void {
    const stamps = this.stamps;
    const keys = this.keys;
    let s = bucket & this.tmask;
    for (;;) {
      if (stamps[s] !== this.gen) {
        stamps[s] = this.gen;
        keys[s] = bucket;
        this.pos[s] = this.n;
        this.outIdx[this.n] = bucket;
        this.outVal[this.n] = 1;
        this.n++;
        break;
      }
      if (keys[s] === bucket) {
        this.outVal[this.pos[s] as number]! += 1;
        break;
      }
      s = (s + 1) & this.tmask;
    }
    if (name) {
      const list = this.names?.get(bucket);
      if (list === undefined) this.names?.set(bucket, [name]);
      else if (!list.includes(name)) list.push(name);
    }
  }

  private finish(): SparseVector {
    const n = this.n;
    const val = this.outVal;
    const share = this.params.wordShare;
    // Without block norms, the word block is empty and everything is one block.
    const split = share === undefined ? 0 : this.nWordFeatures;
    let wordSq = 0;
    let charSq = 0;
    for (let i = 0; i < n; i++) {
      const v = 1 + Math.log(val[i] as number);
      val[i] = v;
      if (i < split) wordSq += v * v;
      else charSq += v * v;
    }
    const wShare = share ?? 0;
    const cShare = share === undefined ? 1 : 1 - share;
    // A text without words (or without chars) puts all of its norm in the other block.
    const wInv = wordSq > 0 ? Math.sqrt((charSq > 0 ? wShare : 1) / wordSq) : 0;
    const cInv = charSq > 0 ? Math.sqrt((wordSq > 0 ? cShare : 1) / charSq) : 0;
    for (let i = 0; i < n; i++) val[i]! *= i < split ? wInv : cInv;
    return { idx: this.outIdx.subarray(0, n), val: val.subarray(0, n), length: n };
  }
}
