// A compact multimap from 32-bit keys to int32 values (posting lists), on typed arrays.
// Why not Map<number, number[]>: the registry holds tens of millions of postings at 1,000,000
// accounts; a Map of arrays costs several times the memory (see docs/benchmarks/accounts.md).

import { mix32 } from './hash.js';

const EMPTY = -1;

export class PostingMultimap {
  private mask: number;
  private keys: Uint32Array;
  private heads: Int32Array;
  private counts: Uint32Array;
  private used: Uint8Array;
  private usedSlots = 0;
  private vals: Int32Array;
  private next: Int32Array;
  private poolTop = 0;
  private freeHead = EMPTY;
  /** Values stored (not counting those refused by a posting cap). */
  size = 0;

  /** @param cap the longest posting list kept per key; further values are counted but not stored. */
  constructor(
    readonly cap = Number.POSITIVE_INFINITY,
    initialKeys = 1024,
  ) {
    let n = 16;
    while (n < initialKeys * 2) n *= 2;
    this.mask = n - 1;
    this.keys = new Uint32Array(n);
    this.heads = new Int32Array(n).fill(EMPTY);
    this.counts = new Uint32Array(n);
    this.used = new Uint8Array(n);
    this.vals = new Int32Array(initialKeys);
    this.next = new Int32Array(initialKeys);
  }

  private slotOf(key: number, insert: boolean): number {
    let i = mix32(key) & this.mask;
    for (;;) {
      if (this.used[i] === 0) {
        if (!insert) return -1;
        this.used[i] = 1;
        this.keys[i] = key;
        this.usedSlots++;
        return i;
      }
      if (this.keys[i] === key) return i;
      i = (i + 1) & this.mask;
    }
  }

  private growTable(): void {
    const { keys, heads, counts, used } = this;
    const n = (this.mask + 1) * 2;
    this.mask = n - 1;
    this.keys = new Uint32Array(n);
    this.heads = new Int32Array(n).fill(EMPTY);
    this.counts = new Uint32Array(n);
    this.used = new Uint8Array(n);
    this.usedSlots = 0;
    for (let i = 0; i < used.length; i++) {
      if (used[i] === 0) continue;
      const s = this.slotOf(keys[i] as number, true);
      this.heads[s] = heads[i] as number;
      this.counts[s] = counts[i] as number;
    }
  }

  private allocNode(): number {
    if (this.freeHead !== EMPTY) {
      const n = this.freeHead;
      this.freeHead = this.next[n] as number;
      return n;
    }
    if (this.poolTop === this.vals.length) {
      const grown = Math.ceil(this.vals.length * 1.5) + 16;
      const v = new Int32Array(grown);
      v.set(this.vals);
      const nx = new Int32Array(grown);
      nx.set(this.next);
      this.vals = v;
      this.next = nx;
    }
    return this.poolTop++;
  }

  /** Adds `value` under `key`; returns false when the key's list is at the cap (the value is only counted). */
  add(key: number, value: number): boolean {
    if ((this.usedSlots + 1) * 2 > this.mask + 1) this.growTable();
    const s = this.slotOf(key >>> 0, true);
    const c = this.counts[s] as number;
    this.counts[s] = c + 1;
    if (c >= this.cap) return false;
    const node = this.allocNode();
    this.vals[node] = value;
    this.next[node] = this.heads[s] as number;
    this.heads[s] = node;
    this.size++;
    return true;
  }

  /** Removes one occurrence of `value` under `key` (if present). */
  remove(key: number, value: number): void {
    const s = this.slotOf(key >>> 0, false);
    if (s < 0) return;
    if ((this.counts[s] as number) > 0) this.counts[s] = (this.counts[s] as number) - 1;
    let prev = EMPTY;
    for (let n = this.heads[s] as number; n !== EMPTY; n = this.next[n] as number) {
      if (this.vals[n] === value) {
        if (prev === EMPTY) this.heads[s] = this.next[n] as number;
        else this.next[prev] = this.next[n] as number;
        this.next[n] = this.freeHead;
        this.freeHead = n;
        this.size--;
        return;
      }
      prev = n;
    }
  }

  /** How many values were added under `key` (including those refused by the cap). */
  count(key: number): number {
    const s = this.slotOf(key >>> 0, false);
    return s < 0 ? 0 : (this.counts[s] as number);
  }

  /** Calls `fn` for each stored value under `key`; returns the key's count. */
  forEach(key: number, fn: (value: number) => void): number {
    const s = this.slotOf(key >>> 0, false);
    if (s < 0) return 0;
    for (let n = this.heads[s] as number; n !== EMPTY; n = this.next[n] as number) fn(this.vals[n] as number);
    return this.counts[s] as number;
  }

  /** Like forEach, but visits nothing when the key has more than `max` values (one hash lookup). */
  forEachUpTo(key: number, max: number, fn: (value: number) => void): number {
    const s = this.slotOf(key >>> 0, false);
    if (s < 0) return 0;
    const c = this.counts[s] as number;
    if (c > max) return c;
    for (let n = this.heads[s] as number; n !== EMPTY; n = this.next[n] as number) fn(this.vals[n] as number);
    return c;
  }

  /** Bytes held by the typed arrays (for benchmarks). */
  get bytes(): number {
    return (
      this.keys.byteLength +
      this.heads.byteLength +
      this.counts.byteLength +
      this.used.byteLength +
      this.vals.byteLength +
      this.next.byteLength
    );
  }
}
