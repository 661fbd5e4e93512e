// LSH index over text MinHash signatures: candidates share at least one band (64 bands of 2
// slots), then the exact slot distance decides. Banks of texts are small next to PDQ banks, so a
// Map per band key is enough.
import { bandKeys, isEmptySignature, MINHASH_SLOTS, signatureDistance } from './text-hash.js';

export interface TextHit {
  id: number;
  /** Differing slots out of 128. */
  distance: number;
}

export class TextLshIndex {
  private readonly sigs: Uint16Array[] = [];
  private readonly buckets = new Map<number, number[]>();

  get size(): number {
    return this.sigs.length;
  }

  add(sig: Uint16Array): number {
    const id = this.sigs.length;
    this.sigs.push(sig);
    // The empty text's all-zero signature is stored but never indexed: it must not match anything.
    if (isEmptySignature(sig)) return id;
    for (const k of bandKeys(sig)) {
      const list = this.buckets.get(k);
      if (list) list.push(id);
      else this.buckets.set(k, [id]);
    }
    return id;
  }

  signature(id: number): Uint16Array | undefined {
    return this.sigs[id];
  }

  /** Entries within `maxDistance` differing slots, nearest first. */
  search(sig: Uint16Array, maxDistance: number): TextHit[] {
    if (isEmptySignature(sig)) return [];
    const seen = new Set<number>();
    const hits: TextHit[] = [];
    for (const k of bandKeys(sig)) {
      for (const id of this.buckets.get(k) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const d = signatureDistance(sig, this.sigs[id]!);
        if (d <= maxDistance && d < MINHASH_SLOTS) hits.push({ id, distance: d });
      }
    }
    return hits.sort((a, b) => a.distance - b.distance || a.id - b.id);
  }
}
