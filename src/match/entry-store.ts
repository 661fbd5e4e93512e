// Bank entries kept compactly for the matcher: one row of interned-string ids and numbers per
// entry instead of an object, so a bank of 10⁷ PDQ hashes costs tens of bytes per entry on top of
// the index (the hash itself lives in the index).
import type { BankEntry } from './bank-service.js';
import type { SignalType } from './tables.js';

export class EntryStore {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];
  private readonly bank: number[] = [];
  private readonly label: number[] = [];
  private readonly source: number[] = [];
  private readonly reason: number[] = [];
  private readonly addedBy: number[] = [];
  private readonly addedAt: number[] = [];
  private readonly quality: number[] = [];

  constructor(readonly signal: SignalType) {}

  get size(): number {
    return this.bank.length;
  }

  private intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, id);
    }
    return id;
  }

  add(e: BankEntry): number {
    this.bank.push(this.intern(e.bank));
    this.label.push(this.intern(e.label));
    this.source.push(this.intern(e.source));
    this.reason.push(this.intern(e.reason));
    this.addedBy.push(this.intern(e.added_by));
    // added_at is nearly unique per entry: kept as a number when it round-trips exactly.
    const ms = Date.parse(e.added_at);
    this.addedAt.push(
      !Number.isNaN(ms) && new Date(ms).toISOString() === e.added_at ? ms : -1 - this.intern(e.added_at),
    );
    this.quality.push(e.quality ?? -1);
    return this.bank.length - 1;
  }

  bankOf(id: number): string {
    return this.strings[this.bank[id]!]!;
  }

  /** The entry `id`, with `value` (the hash, kept by the index). */
  get(id: number, value: string): BankEntry {
    const at = this.addedAt[id]!;
    const q = this.quality[id]!;
    return {
      bank: this.strings[this.bank[id]!]!,
      signal: this.signal,
      value,
      label: this.strings[this.label[id]!]!,
      source: this.strings[this.source[id]!]!,
      reason: this.strings[this.reason[id]!]!,
      quality: q < 0 ? null : q,
      added_at: at >= 0 ? new Date(at).toISOString() : this.strings[-1 - at]!,
      added_by: this.strings[this.addedBy[id]!]!,
    };
  }
}
