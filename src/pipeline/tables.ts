// Tables of the pipeline's decisions. Times are ISO-8601 UTC strings (stream time); lists and score
// maps are JSON text; booleans are 0/1. Snapshot kinds (accounts, evasion, campaigns) keep every
// version that changed, numbered 1, 2, … per key in emission order, so a re-run of the same stream
// rewrites the same rows (idempotent) and the history can be shown.

/** One row per classified post: "posts of account X with scores and explanations". */
export interface DecisionsPostsTable {
  platform: string;
  post_id: string;
  account_id: string;
  label: string;
  /** JSON object label -> probability. */
  scores: string;
  flagged: number;
  /** 1 when not flagged but sent to review (the model's review band); 0 otherwise. */
  review: number;
  decided_at: string;
  /** JSON array of strings, or null (only flagged posts carry evidence). */
  evidence: string | null;
}

/** Risk history of each account. */
export interface DecisionsAccountsTable {
  platform: string;
  account_id: string;
  version: number;
  risk: number;
  label: string;
  flagged_at: string | null;
  evidence: string;
  /** Stream time when this version was emitted. */
  decided_at: string;
}

export interface DecisionsEvasionTable {
  platform: string;
  account_id: string;
  version: number;
  suspended_account_id: string;
  score: number;
  flagged_at: string;
  evidence: string;
  decided_at: string;
}

export interface CampaignsTable {
  id: string;
  version: number;
  kind: string;
  /** JSON arrays. */
  hashtags: string;
  accounts: string;
  post_count: number;
  started_at: string;
  detected_at: string;
  extremist_share: number;
  evidence: string;
  decided_at: string;
}

/** Hashtag dominance per hour; `hashtag_key` groups spellings (see hashtagKey). */
export interface HashtagBucketsTable {
  hashtag_key: string;
  bucket_start: string;
  hashtag: string;
  posts: number;
  accounts: number;
  flagged_posts: number;
  flagged_share: number;
}

/** Hash-bank matches of posts found by the pipeline. */
export interface MatchesTable {
  platform: string;
  post_id: string;
  bank: string;
  signal: string;
  hash: string;
  account_id: string;
  label: string;
  distance: number;
  decided_at: string;
  evidence: string;
}

export interface PipelineTables {
  decisions_posts: DecisionsPostsTable;
  decisions_accounts: DecisionsAccountsTable;
  decisions_evasion: DecisionsEvasionTable;
  campaigns: CampaignsTable;
  hashtag_buckets: HashtagBucketsTable;
  matches: MatchesTable;
}
