import { hashString, mix32 } from './hash.js';

/**
 * How common names are in the stream: document frequencies of name words, kunyas, nisbas, full
 * names and handle stems, over every account profile seen. A count-min sketch keeps memory fixed
 * (DEPTH × WIDTH × 4 bytes = 4 MiB) whatever the stream; it can only over-count, which makes a
 * name look more common and its evidence weaker: the safe direction for false positives.
 */
const DEPTH = 4;
const WIDTH = 1 << 18;

export class NameStats {
  private readonly table = new Uint32Array(DEPTH * WIDTH);
  /** Profiles counted. */
  total = 0;

  private static slot(row: number, h: number): number {
    return row * WIDTH + (mix32((h ^ Math.imul(row + 1, 0x9e3779b1)) >>> 0) & (WIDTH - 1));
  }

  /** Counts one profile's distinct features (each string once). */
  addProfile(features: Iterable<string>): void {
    this.total++;
    const seen = new Set<string>();
    for (const f of features) {
      if (seen.has(f)) continue;
      seen.add(f);
      const h = hashString(f);
      for (let r = 0; r < DEPTH; r++) {
        const i = NameStats.slot(r, h);
        this.table[i] = (this.table[i] as number) + 1;
      }
    }
  }

  /** Adds one to a hashed key (used for follow in-degrees, keyed by hashed account id). */
  incrementHash(h: number): void {
    for (let r = 0; r < DEPTH; r++) {
      const i = NameStats.slot(r, h);
      this.table[i] = (this.table[i] as number) + 1;
    }
  }

  count(feature: string): number {
    return this.countHash(hashString(feature));
  }

  countHash(h: number): number {
    let min = Number.POSITIVE_INFINITY;
    for (let r = 0; r < DEPTH; r++) min = Math.min(min, this.table[NameStats.slot(r, h)] as number);
    return min;
  }

  /**
   * Information of a feature in bits, −log2 of its smoothed frequency among profiles. With few
   * profiles seen, a floor population (`floor`) keeps early names from looking rare.
   */
  bits(feature: string, floor = 1000): number {
    const n = Math.max(this.total, floor);
    return Math.max(0, Math.log2((n + 1) / (this.count(feature) + 1)));
  }
}
