import type { CanonicalEvent, NormalisedPost } from '../events/index.js';

// ---- Output records, exactly as in contracts/events.md ------------------------------------

export interface PostDecisionRecord {
  id: string;
  platform: string;
  account_id: string;
  label: string;
  scores: Record<string, number>;
  flagged: boolean;
  decided_at: string;
  evidence?: string[];
  /** High score in a language the model is not validated on: a lead, not flagged (src/classify/model.ts). */
  review?: true;
}

export interface AccountRecord {
  id: string;
  platform: string;
  risk: number;
  label: string;
  flagged_at: string | null;
  evidence: string[];
}

export interface EvasionRecord {
  account_id: string;
  platform: string;
  suspended_account_id: string;
  score: number;
  flagged_at: string;
  evidence: string[];
}

export interface CampaignRecord {
  id: string;
  kind: string;
  hashtags: string[];
  accounts: string[];
  post_count: number;
  started_at: string;
  detected_at: string;
  extremist_share: number;
  evidence: string[];
}

export interface HashtagBucketRecord {
  hashtag: string;
  bucket_start: string;
  posts: number;
  accounts: number;
  flagged_posts: number;
  flagged_share: number;
}

/** A hash-bank match of a post's text or media (src/match). */
export interface MatchRecord {
  post_id: string;
  platform: string;
  account_id: string;
  bank: string;
  label: string;
  signal: 'text' | 'pdq';
  hash: string;
  distance: number;
  decided_at: string;
  evidence: string[];
}

/**
 * What detectors emit. `post`, `hashtag` and `match` are appended in stream order; `account`,
 * `evasion` and `campaign` are snapshots keyed by id: the latest one wins in the output files,
 * and every version is kept in the database as history.
 */
export type Decision =
  | { kind: 'post'; record: PostDecisionRecord }
  | { kind: 'account'; record: AccountRecord }
  | { kind: 'evasion'; record: EvasionRecord }
  | { kind: 'campaign'; record: CampaignRecord }
  | { kind: 'hashtag'; record: HashtagBucketRecord }
  | { kind: 'match'; record: MatchRecord };

export type DecisionKind = Decision['kind'];
export type Emit = (decision: Decision) => void;

// ---- Input to detectors ------------------------------------------------------------------

/** The text model's verdict on a post (computed in batches before detectors see the post). */
export interface PostClassification {
  label: string;
  scores: Record<string, number>;
  flagged: boolean;
  /** The n-grams that pushed the decision most, e.g. "«…» +1.23". */
  evidence?: string[];
  /** See PostDecisionRecord.review. */
  review?: true;
}

/** One event as detectors see it, in stream order, with what earlier stages computed. */
export interface PipelineEvent {
  /** Position in the stream (0-based). */
  seq: number;
  /** `created_at` in epoch milliseconds: stream time. */
  time: number;
  event: CanonicalEvent;
  /** For posts: the post with hashtags/mentions/urls always filled. */
  post?: NormalisedPost;
  /** For posts with text: the classifier's verdict. */
  classification?: PostClassification;
  /** For posts: hash-bank matches. */
  matches?: MatchRecord[];
}

/**
 * Read-only facts that detectors share (kept by the pipeline or by earlier detectors), so that a
 * detector never reaches into another's state. Everything here is derived from events up to now.
 */
export interface PipelineView {
  /** Current risk of an account, 0 when unknown. */
  accountRisk(accountId: string): number;
  isAccountFlagged(accountId: string): boolean;
  isAccountSuspended(accountId: string): boolean;
  /** The suspended account this one was judged a re-creation of (latest `evasion` decision), if any. */
  recreationOf?(accountId: string): string | undefined;
  /** When the account was created (epoch ms), if seen. */
  accountCreatedAt(accountId: string): number | undefined;
  /** The classification of an earlier post (for reposts/quotes/replies), if seen and retained. */
  postClassification(postId: string): PostClassification | undefined;
  /** Author of an earlier post, if seen and retained. */
  postAuthor(postId: string): string | undefined;
}

/**
 * A detector: an incremental state machine `(state, event) -> decisions` in stream time.
 * It must not read the wall clock, and its state must stay bounded (document the caps).
 */
export interface Detector<S = unknown> {
  readonly name: string;
  createState(): S;
  onEvent(state: S, ev: PipelineEvent, view: PipelineView, emit: Emit): void;
  /** Stream time moved to `now` (epoch ms): close windows that ended. Called before each event. */
  onTime?(state: S, now: number, view: PipelineView, emit: Emit): void;
  /** End of the stream: emit what is still open (e.g. the last hour bucket). */
  finish?(state: S, view: PipelineView, emit: Emit): void;
}
