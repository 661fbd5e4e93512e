import { bandKeys, copySignature, similarity } from './text-key.js';

// Text families for copypasta: a post joins the family of its most similar indexed post (estimated
// Jaccard ≥ minSimilarity) when that family was used within `gapMs`; otherwise it starts one.
// Common phrases ("good morning everyone") form families too: what makes copypasta is a burst of a
// family against its own baseline from many accounts, judged by a burst tracker (raids.ts).
// Memory: the index holds at most `maxPosts` posts of the last `gapMs` (FIFO eviction).

export interface TextFamily {
  id: string;
  last: number;
  /** Most recent distinct accounts, for pairing (at most fanOut). */
  recent: string[];
}

interface Indexed {
  time: number;
  sig: Uint32Array;
  bands: string[];
  family: TextFamily;
}

export interface CopypastaIndexOptions {
  minSimilarity: number;
  gapMs: number;
  maxPosts: number;
  minShingles: number;
}

export class CopypastaIndex {
  private readonly buckets = new Map<string, Indexed[]>();
  private readonly fifo: Indexed[] = [];
  private head = 0;
  private families = 0;

  constructor(
    private readonly opts: CopypastaIndexOptions,
    private readonly fanOut: number,
  ) {}

  get size(): number {
    return this.fifo.length - this.head;
  }

  private evict(now: number): void {
    while (this.head < this.fifo.length) {
      const old = this.fifo[this.head]!;
      if (now - old.time <= this.opts.gapMs && this.size <= this.opts.maxPosts) break;
      this.head++;
      for (const k of old.bands) {
        const b = this.buckets.get(k);
        if (!b) continue;
        // Buckets are in time order: the evicted post is at or near the front.
        const i = b.indexOf(old);
        if (i >= 0) b.splice(i, 1);
        if (b.length === 0) this.buckets.delete(k);
      }
    }
    if (this.head > 4096 && this.head * 2 > this.fifo.length) {
      this.fifo.splice(0, this.head);
      this.head = 0;
    }
  }

  /**
   * Indexes a post text; returns its family (joined or new), the similarity that joined it, and
   * the other recent accounts of the family; undefined for texts too short to compare.
   */
  add(
    postId: string,
    account: string,
    text: string,
    now: number,
  ): { family: TextFamily; similarity: number; recent: string[] } | undefined {
    this.evict(now);
    const { sig, features } = copySignature(text);
    if (features < this.opts.minShingles) return undefined;
    const bands = bandKeys(sig);
    let best: Indexed | undefined;
    let bestSim = 0;
    const checked = new Set<Indexed>();
    for (const k of bands) {
      if (bestSim >= 0.95) break;
      const b = this.buckets.get(k);
      if (!b) continue;
      // The most recent candidates per band are enough (a big family has many equal posts).
      for (let i = b.length - 1, seen = 0; i >= 0 && seen < 4; i--, seen++) {
        const cand = b[i]!;
        if (checked.has(cand) || now - cand.family.last > this.opts.gapMs) continue;
        checked.add(cand);
        const sim = similarity(sig, cand.sig);
        if (sim >= this.opts.minSimilarity && sim > bestSim) {
          bestSim = sim;
          best = cand;
        }
      }
    }
    let family = best?.family;
    if (!family) {
      this.families++;
      family = { id: postId, last: now, recent: [] };
    }
    const recent = family.recent.filter((a) => a !== account);
    family.last = now;
    family.recent = [...recent, account].slice(-this.fanOut);
    const entry: Indexed = { time: now, sig, bands, family };
    this.fifo.push(entry);
    for (const k of bands) {
      let b = this.buckets.get(k);
      if (!b) this.buckets.set(k, (b = []));
      b.push(entry);
    }
    return { family, similarity: best ? bestSim : 1, recent: recent.reverse() };
  }
}
