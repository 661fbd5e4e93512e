import type { Scale } from './config.js';

// Ground truth of a simulated stream (`DIR/truth.json`); documented in docs/simulator.md.
// Account and post ids are unique across platforms (Telegram ids start with `tg-`), so they can be
// matched by id alone.

export type RecreationDifficulty = 'easy' | 'shoutout' | 'network' | 'style';
export const DIFFICULTIES: readonly RecreationDifficulty[] = ['easy', 'shoutout', 'network', 'style'];

export type TruthCampaignKind =
  'hashtag_raid' | 'hijack' | 'copypasta' | 'co_repost' | 'benign_counter_speech';
/** Kinds that count as raids when comparing `extremist_share` with benign campaigns. */
export const RAID_KINDS: readonly TruthCampaignKind[] = ['hashtag_raid', 'hijack'];

export interface TruthRecreation {
  account_id: string;
  /** The suspended account it replaces (itself possibly a re-creation: follow `replaces` for chains). */
  replaces: string;
  /** The first account of the chain, and this account's place in it (1 = first re-creation). */
  chain_root: string;
  generation: number;
  difficulty: RecreationDifficulty;
  created_at: string;
  /** Set when it was created with a blank profile and took its real one by a profile_update then. */
  profile_update_at?: string;
  /** Its first post of any kind (null if it never posted within the stream). */
  first_post_at: string | null;
  /** Its first post with text (reposts have none). */
  first_content_post_at: string | null;
}

export interface TruthCampaign {
  id: string;
  kind: TruthCampaignKind;
  extremist: boolean;
  accounts: string[];
  hashtags: string[];
  start: string;
  end: string;
  post_count: number;
  /** For hijacks: when organic users first used the hashtag, and how often before the raid. */
  hijacked_since?: string;
  organic_uses_before?: number;
}

export interface TruthSuspension {
  account_id: string;
  at: string;
}

export interface Truth {
  scenario: string;
  seed: number;
  scale: Scale;
  texts: 'builtin' | 'corpus';
  start: string;
  end: string;
  counts: {
    events: number;
    accounts: number;
    posts: number;
    follows: number;
    enforcement: number;
    profile_updates: number;
  };
  /** All army accounts on every platform, including re-created ones and Telegram channels. */
  extremist_accounts: string[];
  army_core_accounts: string[];
  telegram_accounts: string[];
  news_accounts: string[];
  benign_campaign_accounts: string[];
  organic_accounts: string[];
  /** Organic accounts created during the stream (the hard negatives for re-creation detection). */
  organic_new_accounts: string[];
  /** Of those, the ones with a common kunya-style name. */
  organic_new_kunya_accounts: string[];
  recreated_accounts: TruthRecreation[];
  campaigns: TruthCampaign[];
  /** Army posts with content (text): the positives for post precision/recall. */
  extremist_post_ids: string[];
  /**
   * Army posts without propaganda content: pure reposts of army posts and shout-outs. Neither a hit
   * nor a false alarm when flagged; evaluation leaves them out.
   */
  neutral_post_ids: string[];
  suspensions: TruthSuspension[];
  /** Uncoordinated bursts of ordinary users on a breaking-event hashtag (not campaigns). */
  organic_bursts: Array<{ hashtag: string; start: string; end: string; posts: number; accounts: number }>;
  surge_days: string[];
}
