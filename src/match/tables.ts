// Tables of the hash banks. Times are ISO-8601 UTC strings.

export type BankKind = 'positive' | 'negative';
/** Signal types: PDQ (perceptual, Hamming), text MinHash (near-duplicate), exact file hashes. */
export type SignalType = 'pdq' | 'text' | 'md5' | 'video_md5' | 'sha256';
export type VerdictKind = 'confirm' | 'reject';

export interface BanksTable {
  name: string;
  kind: BankKind;
  description: string;
  created_at: string;
}

/** One known hash in a bank; unique per (bank, signal, value). */
export interface BankEntriesTable {
  bank: string;
  signal: SignalType;
  /** Lowercase hex. */
  value: string;
  label: string;
  source: string;
  reason: string;
  /** PDQ quality when known (0..100), else null. */
  quality: number | null;
  added_at: string;
  added_by: string;
}

/** Reviewers' verdicts on matches, append-only; the latest per (bank, signal, value) counts. */
export interface BankVerdictsTable {
  id: string;
  bank: string;
  signal: SignalType;
  value: string;
  post_id: string | null;
  verdict: VerdictKind;
  by: string;
  at: string;
  note: string;
}

export interface MatchTables {
  banks: BanksTable;
  bank_entries: BankEntriesTable;
  bank_verdicts: BankVerdictsTable;
}
