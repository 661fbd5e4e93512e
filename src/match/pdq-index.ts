// Multi-index hashing (Norouzi, Punjani & Fleet, "Fast search in Hamming space with multi-index
// hashing") for 256-bit PDQ hashes, exact for any radius.
//
// The 256 bits are cut into m contiguous chunks (m = 11 at 10⁷ hashes: three of 24 bits, eight of
// 23), each with a direct-address table (see Chunk). Pigeonhole, refined: if d(q, h) ≤ R, with
// r = floor(R/m) and a = R − m·r, then one of the first a+1 chunks is within r of q's chunk, or one
// of the others is within r−1. So we probe every key within that radius of each chunk and verify
// each candidate's full distance: no match is missed. For R = 31 and m = 11: ten chunks at radius
// 2 and one at radius 1, ~2,900 probes per query; m ≈ 256 / log2(N) balances probes (grow with the
// chunk length) against candidates per probe (N / 2^bits).
//
// Memory for N hashes: 32·N (hashes) + 4·Σ 2^bits (tables) + ~4·m·N (ids of shared buckets, less
// when buckets are mostly singletons) bytes = 1.1 GB at N = 10⁷, m = 11. Lookups are bound by random
// memory reads: with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 the tables get huge pages (~30% faster).
import { hexToU32, popcount32, u32ToHex } from './pdq-hex.js';

export const DEFAULT_PDQ_RADIUS = 31;

/**
 * Chunks of about log2(N) bits, so that a bucket holds about one hash: 11 chunks at 10⁷ hashes,
 * 32 chunks of 8 bits for small banks (tables stay small).
 */
export const defaultChunks = (n: number): number => {
  const bits = Math.max(8, Math.ceil(Math.log2(Math.max(2, n))));
  return Math.min(32, Math.max(11, Math.round(256 / bits)));
};

export interface PdqIndexOptions {
  /** Number of chunks, 11..32 (default: `defaultChunks(N)`). More chunks: shorter keys, larger buckets. */
  chunks?: number;
}

export interface PdqHit {
  /** The id given to `add` (position in insertion order). */
  id: number;
  distance: number;
}

// A chunk's table, direct-addressed by key: 0 = empty; id + 1 when the bucket holds one hash (the
// common case at N ≈ 2^bits, so one memory read answers the probe); MULTI | p when it holds more,
// with multi[p] = count and multi[p+1 .. p+count] = ids.
interface Chunk {
  start: number;
  bits: number;
  slots: Uint32Array;
  multi: Uint32Array;
}

const MULTI = 0x80000000;

/** Bits [start, start+bits) of the 256-bit hash at `base` in `words` (bit 0 = MSB of word 0). */
const chunkKey = (words: Uint32Array, base: number, start: number, bits: number): number => {
  const w = start >>> 5;
  const off = start & 31;
  const hi = words[base + w]!;
  let v: number;
  if (off + bits <= 32) v = (hi << off) >>> (32 - bits);
  else {
    const lo = words[base + w + 1]!;
    const fromHi = 32 - off;
    const hiPart = (hi << off) >>> off;
    v = ((hiPart << (bits - fromHi)) | (lo >>> (32 - (bits - fromHi)))) >>> 0;
  }
  return bits === 32 ? v >>> 0 : v;
};

/** Builder: add hashes, then `build()` the immutable index. */
export class PdqIndexBuilder {
  private words: Uint32Array;
  private count = 0;

  constructor(initialCapacity = 1024) {
    this.words = new Uint32Array(Math.max(1, initialCapacity) * 8);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a hash (64 hex, already validated) and returns its id. */
  add(hex: string): number {
    this.ensure(this.count + 1);
    hexToU32(hex, this.words, this.count * 8);
    return this.count++;
  }

  /** Adds a hash given as 8 uint32 words. */
  addWords(src: Uint32Array, srcOffset = 0): number {
    this.ensure(this.count + 1);
    for (let k = 0; k < 8; k++) this.words[this.count * 8 + k] = src[srcOffset + k]!;
    return this.count++;
  }

  build(opts: PdqIndexOptions = {}): PdqIndex {
    const words = this.words.length === this.count * 8 ? this.words : this.words.slice(0, this.count * 8);
    return PdqIndex.fromWords(words, opts);
  }

  private ensure(n: number): void {
    if (n * 8 <= this.words.length) return;
    const next = new Uint32Array(Math.max(n * 8, this.words.length * 2));
    next.set(this.words);
    this.words = next;
  }
}

export class PdqIndex {
  // Scratch buffers reused across queries (the index is used from one thread).
  private keys = new Uint32Array(1024);
  private starts = new Uint32Array(1024);
  private cands = new Uint32Array(4096);

  private constructor(
    /** Packed hashes, 8 uint32 per hash. */
    readonly words: Uint32Array,
    readonly size: number,
    private readonly chunks: Chunk[],
  ) {}

  /** Builds the index over packed hashes (8 uint32 per hash; the array is kept, not copied). */
  static fromWords(words: Uint32Array, opts: PdqIndexOptions = {}): PdqIndex {
    const m = opts.chunks ?? defaultChunks(words.length / 8);
    // Fewer than 11 chunks would need tables of 2^26+ slots each.
    if (!Number.isInteger(m) || m < 11 || m > 32) throw new RangeError('chunks must be an integer in 11..32');
    const size = words.length / 8;
    const chunks: Chunk[] = [];
    let start = 0;
    for (let c = 0; c < m; c++) {
      // Longer chunks first: they get the larger search radius (see the file comment).
      const bits = Math.floor(256 / m) + (c < 256 % m ? 1 : 0);
      const tableSize = 2 ** bits;
      const slots = new Uint32Array(tableSize);
      for (let i = 0; i < size; i++) slots[chunkKey(words, i * 8, start, bits)]!++;
      let multiLen = 0;
      for (let k = 0; k < tableSize; k++) if (slots[k]! >= 2) multiLen += slots[k]! + 1;
      const multi = new Uint32Array(multiLen);
      let pos = 0;
      for (let k = 0; k < tableSize; k++) {
        const n = slots[k]!;
        if (n >= 2) {
          slots[k] = (MULTI | pos) >>> 0;
          pos += n + 1;
        }
      }
      for (let i = 0; i < size; i++) {
        const k = chunkKey(words, i * 8, start, bits);
        const sv = slots[k]!;
        if (sv & MULTI) {
          const p = sv & ~MULTI;
          multi[p + 1 + multi[p]!++] = i;
        } else slots[k] = i + 1;
      }
      chunks.push({ start, bits, slots, multi });
      start += bits;
    }
    return new PdqIndex(words, size, chunks);
  }

  static fromHex(hashes: Iterable<string>, opts: PdqIndexOptions = {}): PdqIndex {
    const b = new PdqIndexBuilder();
    for (const h of hashes) b.add(h);
    return b.build(opts);
  }

  hexAt(id: number): string {
    return u32ToHex(this.words, id * 8);
  }

  /** Distance between the stored hash `id` and a query given as 8 uint32 words. */
  distanceTo(id: number, q: Uint32Array): number {
    const w = this.words;
    const b = id * 8;
    return (
      popcount32(w[b]! ^ q[0]!) +
      popcount32(w[b + 1]! ^ q[1]!) +
      popcount32(w[b + 2]! ^ q[2]!) +
      popcount32(w[b + 3]! ^ q[3]!) +
      popcount32(w[b + 4]! ^ q[4]!) +
      popcount32(w[b + 5]! ^ q[5]!) +
      popcount32(w[b + 6]! ^ q[6]!) +
      popcount32(w[b + 7]! ^ q[7]!)
    );
  }

  /** Every stored hash within `radius` bits of the query (hex), nearest first; exact. */
  search(queryHex: string, radius = DEFAULT_PDQ_RADIUS): PdqHit[] {
    return this.searchWords(hexToU32(queryHex), radius);
  }

  searchWords(q: Uint32Array, radius = DEFAULT_PDQ_RADIUS): PdqHit[] {
    const m = this.chunks.length;
    const r = Math.floor(radius / m);
    const a = radius - m * r;
    let nc = 0;
    // Each phase below does independent loads (all bucket bounds, then all ids, then all hashes), so
    // the CPU overlaps the cache misses instead of chasing one pointer chain at a time.
    for (let c = 0; c < m; c++) {
      const chunk = this.chunks[c]!;
      const cr = c <= a ? r : r - 1;
      if (cr < 0) continue;
      const nk = this.probeKeys(chunkKey(q, 0, chunk.start, chunk.bits), chunk.bits, cr);
      const { slots, multi } = chunk;
      const keys = this.keys;
      const vals = this.starts;
      let total = 0;
      for (let i = 0; i < nk; i++) {
        const v = slots[keys[i]!]!;
        vals[i] = v;
        if (v !== 0) total += v & MULTI ? 64 : 1;
      }
      let cands = this.ensureCands(nc + total);
      for (let i = 0; i < nk; i++) {
        const v = vals[i]!;
        if (v === 0) continue;
        if ((v & MULTI) === 0) {
          cands[nc++] = v - 1;
          continue;
        }
        const p = v & ~MULTI;
        const n = multi[p]!;
        if (nc + n > cands.length) cands = this.ensureCands(nc + n + nk);
        for (let j = 1; j <= n; j++) cands[nc++] = multi[p + j]!;
      }
    }
    const hits: PdqHit[] = [];
    const cands = this.cands;
    let dup = false;
    for (let j = 0; j < nc; j++) {
      const id = cands[j]!;
      const d = this.distanceTo(id, q);
      if (d <= radius) {
        // A true match is usually found through several chunks: drop repeats below.
        if (hits.length > 0) dup = true;
        hits.push({ id, distance: d });
      }
    }
    if (dup) {
      const seen = new Set<number>();
      const unique = hits.filter((h) => !seen.has(h.id) && (seen.add(h.id), true));
      return unique.sort((x, y) => x.distance - y.distance || x.id - y.id);
    }
    return hits;
  }

  private ensureCands(n: number): Uint32Array {
    if (n > this.cands.length) {
      const grown = new Uint32Array(Math.max(n, this.cands.length * 2));
      grown.set(this.cands);
      this.cands = grown;
    }
    return this.cands;
  }

  /** Fills `this.keys` with every key within `radius` bits of `key`; returns how many. */
  private probeKeys(key: number, bits: number, radius: number): number {
    let count = 1;
    for (let i = 1, c = 1; i <= radius; i++) {
      c = (c * (bits - i + 1)) / i;
      count += c;
    }
    if (count > this.keys.length) {
      this.keys = new Uint32Array(count);
      this.starts = new Uint32Array(count);
    }
    const keys = this.keys;
    let n = 0;
    keys[n++] = key;
    if (radius >= 1) {
      for (let i = 0; i < bits; i++) {
        const k1 = (key ^ (1 << i)) >>> 0;
        keys[n++] = k1;
        if (radius < 2) continue;
        for (let j = i + 1; j < bits; j++) {
          const k2 = (k1 ^ (1 << j)) >>> 0;
          keys[n++] = k2;
          if (radius < 3) continue;
          for (let l = j + 1; l < bits; l++) keys[n++] = (k2 ^ (1 << l)) >>> 0;
        }
      }
    }
    if (radius > 3) enumerateDeeper(key, bits, radius, (k) => (keys[n++] = k >>> 0));
    return n;
  }

  /** Reference: a linear scan over every hash (used by tests and the benchmark). */
  bruteForce(queryHex: string, radius = DEFAULT_PDQ_RADIUS): PdqHit[] {
    const q = hexToU32(queryHex);
    const hits: PdqHit[] = [];
    for (let id = 0; id < this.size; id++) {
      const d = this.distanceTo(id, q);
      if (d <= radius) hits.push({ id, distance: d });
    }
    return hits.sort((x, y) => x.distance - y.distance || x.id - y.id);
  }

  /** Bytes held by the typed arrays of the index (hashes + tables). */
  byteSize(): number {
    return this.chunks.reduce((s, c) => s + c.slots.byteLength + c.multi.byteLength, this.words.byteLength);
  }
}

// Radii above 3 (only for large thresholds): generic enumeration of 4..radius flipped bits.
const enumerateDeeper = (key: number, bits: number, radius: number, visit: (k: number) => void): void => {
  const rec = (k: number, from: number, left: number, flipped: number): void => {
    if (flipped >= 4) visit(k >>> 0);
    if (left === 0) return;
    for (let i = from; i < bits; i++) rec(k ^ (1 << i), i + 1, left - 1, flipped + 1);
  };
  rec(key, 0, radius, 0);
};
