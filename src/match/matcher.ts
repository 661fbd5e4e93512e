// Matches posts against every bank, for the pipeline: `BankMatcher.load(database)` once, then
// `matchPost(post)` synchronously per post.
//
// Rules (per content item of a post: its text, and each media item's PDQ):
// - a PDQ item matches an entry within `pdqMaxDistance` bits (default 31); entries whose known
//   quality is below `minQuality` (default 50) are ignored;
// - the text matches an entry when at most `textMaxDistance` of the 128 MinHash slots differ
//   (default 64, i.e. estimated Jaccard ≥ 0.5 over character 5-grams);
// - negative banks win: if an item matches any negative-bank entry, no positive match is emitted
//   for that item (the same image or text is known-benign); other items of the post still match;
// - the latest verdict per (bank, signal, hash) counts: `reject` on the entry's hash or on the
//   item's own hash stops that bank from matching it; a later `confirm` restores it;
// - one record per (item, bank): the nearest entry, with evidence in words and numbers.
import type { NormalisedPost } from '../events/index.js';
import type { MatchRecord } from '../pipeline/types.js';
import type { Database } from '../store/index.js';
import { BankService, type BankEntry, type BankSnapshot } from './bank-service.js';
import { EntryStore } from './entry-store.js';
import { hexToU32 } from './pdq-hex.js';
import { PdqIndexBuilder, type PdqIndex } from './pdq-index.js';
import type { SignalType } from './tables.js';
import {
  DEFAULT_TEXT_MAX_DISTANCE,
  MINHASH_SLOTS,
  hexToSignature,
  minhashSignature,
  signatureToHex,
} from './text-hash.js';
import { TextLshIndex } from './text-index.js';

export interface MatcherOptions {
  /** Max Hamming distance for a PDQ match (default 31). */
  pdqMaxDistance?: number;
  /** Bank entries with a known PDQ quality below this are ignored (default 50). */
  minQuality?: number;
  /** Max differing MinHash slots of 128 for a text match (default 64). */
  textMaxDistance?: number;
}

interface Candidate {
  entry: BankEntry;
  negative: boolean;
  distance: number;
}

const key = (bank: string, signal: SignalType, value: string): string =>
  `${bank}\u0000${signal}\u0000${value}`;
const short = (hex: string): string => `${hex.slice(0, 16)}…`;

class MatcherBuilder {
  readonly opts: Required<MatcherOptions>;
  readonly pdqEntries = new EntryStore('pdq');
  readonly pdq = new PdqIndexBuilder(1024);
  readonly textEntries = new EntryStore('text');
  readonly text = new TextLshIndex();

  constructor(opts: MatcherOptions) {
    this.opts = {
      pdqMaxDistance: opts.pdqMaxDistance ?? 31,
      minQuality: opts.minQuality ?? 50,
      textMaxDistance: opts.textMaxDistance ?? DEFAULT_TEXT_MAX_DISTANCE,
    };
  }

  add(e: BankEntry): void {
    if (e.signal === 'pdq') {
      if (e.quality !== null && e.quality < this.opts.minQuality) return;
      this.pdq.add(e.value);
      this.pdqEntries.add(e);
    } else if (e.signal === 'text') {
      this.text.add(hexToSignature(e.value));
      this.textEntries.add(e);
    }
  }

  build(meta: Omit<BankSnapshot, 'entries'>): BankMatcher {
    const negative = new Set(meta.banks.filter((b) => b.kind === 'negative').map((b) => b.name));
    const rejected = new Set(
      meta.verdicts.filter((v) => v.verdict === 'reject').map((v) => key(v.bank, v.signal, v.value)),
    );
    return new BankMatcher(this, this.pdq.build(), negative, rejected);
  }
}

export class BankMatcher {
  private readonly pdqEntries: EntryStore;
  private readonly textEntries: EntryStore;
  private readonly textIndex: TextLshIndex;
  private readonly opts: Required<MatcherOptions>;

  /** Use `BankMatcher.load` or `fromSnapshot`. */
  constructor(
    built: MatcherBuilder,
    private readonly pdqIndex: PdqIndex,
    private readonly negativeBanks: Set<string>,
    private readonly rejected: Set<string>,
  ) {
    this.pdqEntries = built.pdqEntries;
    this.textEntries = built.textEntries;
    this.textIndex = built.text;
    this.opts = built.opts;
  }

  /** Loads every bank, streaming the entries page by page into compact stores and indexes. */
  static async load(database: Database, opts: MatcherOptions = {}): Promise<BankMatcher> {
    const service = new BankService(database);
    const builder = new MatcherBuilder(opts);
    for await (const e of service.allEntries()) builder.add(e);
    return builder.build(await service.banksAndVerdicts());
  }

  static fromSnapshot(snap: BankSnapshot, opts: MatcherOptions = {}): BankMatcher {
    const builder = new MatcherBuilder(opts);
    for (const e of snap.entries) builder.add(e);
    return builder.build(snap);
  }

  get entryCount(): number {
    return this.pdqEntries.size + this.textEntries.size;
  }

  /** Every bank match of the post's text and media PDQ hashes (see the rules at the top). */
  matchPost(post: NormalisedPost): MatchRecord[] {
    const out: MatchRecord[] = [];
    const base = {
      post_id: post.id,
      platform: post.platform,
      account_id: post.account_id,
      decided_at: post.created_at,
    };
    if (this.textEntries.size > 0 && post.text.trim() !== '') {
      const sig = minhashSignature(post.text);
      const own = signatureToHex(sig);
      const cands = this.textIndex.search(sig, this.opts.textMaxDistance).map((h) => ({
        entry: this.textEntries.get(h.id, signatureToHex(this.textIndex.signature(h.id)!)),
        negative: false,
        distance: h.distance,
      }));
      for (const c of this.resolve(cands, 'text', own)) {
        const equal = MINHASH_SLOTS - c.distance;
        out.push({
          ...base,
          bank: c.entry.bank,
          label: c.entry.label,
          signal: 'text',
          hash: c.entry.value,
          distance: c.distance,
          evidence: [
            `text is a near-duplicate of an entry of bank "${c.entry.bank}"${c.entry.label ? ` labelled "${c.entry.label}"` : ''}: ` +
              `${equal} of ${MINHASH_SLOTS} MinHash slots equal (estimated Jaccard ${(equal / MINHASH_SLOTS).toFixed(2)}, ` +
              `threshold ${((MINHASH_SLOTS - this.opts.textMaxDistance) / MINHASH_SLOTS).toFixed(2)})`,
            ...provenance(c.entry),
          ],
        });
      }
    }
    if (this.pdqEntries.size > 0) {
      const media = post.media ?? [];
      media.forEach((m, i) => {
        if (!m.pdq) return;
        const cands = this.pdqIndex.searchWords(hexToU32(m.pdq), this.opts.pdqMaxDistance).map((h) => ({
          entry: this.pdqEntries.get(h.id, this.pdqIndex.hexAt(h.id)),
          negative: false,
          distance: h.distance,
        }));
        for (const c of this.resolve(cands, 'pdq', m.pdq)) {
          out.push({
            ...base,
            bank: c.entry.bank,
            label: c.entry.label,
            signal: 'pdq',
            hash: c.entry.value,
            distance: c.distance,
            evidence: [
              `${m.kind} ${i + 1} (PDQ ${short(m.pdq)}) is ${c.distance} bits from an entry of bank "${c.entry.bank}"` +
                `${c.entry.label ? ` labelled "${c.entry.label}"` : ''} (threshold ${this.opts.pdqMaxDistance} of 256)`,
              ...provenance(c.entry),
            ],
          });
        }
      });
    }
    return out;
  }

  // Applies verdicts and negative banks, keeps the nearest entry per bank.
  private resolve(cands: Candidate[], signal: SignalType, own: string): Candidate[] {
    const live = cands
      .map((c) => ({ ...c, negative: this.negativeBanks.has(c.entry.bank) }))
      .filter(
        (c) =>
          !this.rejected.has(key(c.entry.bank, signal, c.entry.value)) &&
          !this.rejected.has(key(c.entry.bank, signal, own)),
      );
    if (live.some((c) => c.negative)) return [];
    const best = new Map<string, Candidate>();
    for (const c of live) {
      const prev = best.get(c.entry.bank);
      if (!prev || c.distance < prev.distance) best.set(c.entry.bank, c);
    }
    return [...best.values()].sort(
      (a, b) => a.distance - b.distance || a.entry.bank.localeCompare(b.entry.bank),
    );
  }
}

const provenance = (e: BankEntry): string[] => {
  const parts: string[] = [];
  if (e.source) parts.push(`source: ${e.source}`);
  if (e.reason) parts.push(`reason: ${e.reason}`);
  parts.push(`added ${e.added_at}${e.added_by ? ` by ${e.added_by}` : ''}`);
  return [parts.join('; ')];
};
