// Shapes of the API the dashboard reads: /v1/observe/* (snake_case, see src/server/routes-observe.ts)
// and the moderation routes of docs/api.md (camelCase). Where the server declares the exact response
// shape, the type is re-exported from there (type-only: nothing of the server is bundled). The value
// lists (SERIES_KEYS, REASON_CODES, …) stay here: importing them would bundle server modules.

import type { LineageLink } from '../../src/observe/lineage';

export type { LineageEnd, LineageLink } from '../../src/observe/lineage';
export type { QueueItem } from '../../src/review/queue-types';
export type { TransparencyReport } from '../../src/review/transparency';

export type Bucket = 'hour' | 'day' | 'week';
export type Point = [string, number];

export const SERIES_KEYS = [
  'posts',
  'flagged_posts',
  'active_flagged_accounts',
  'new_accounts',
  'suspensions',
  'recreations',
  'flagged_engagement',
] as const;
export type SeriesKey = (typeof SERIES_KEYS)[number];

export interface ChangePoint {
  metric: string;
  at: string;
  until?: string | null;
  kind: string;
  text_en: string;
  text_ar: string;
}

export interface TopHashtag {
  key: string;
  display: string;
  posts: number;
  flagged_share: number;
}

export interface CampaignSummary {
  id: string;
  kind: string;
  accounts: number;
  posts: number;
  extremist_share: number;
  first_at: string;
  last_at: string;
}

export interface Overview {
  bucket: Bucket;
  from: string;
  to: string;
  now: string | null;
  series: Partial<Record<SeriesKey, Point[]>>;
  totals: Partial<Record<SeriesKey, number>>;
  previous?: { from: string; to: string; totals: Partial<Record<SeriesKey, number>> };
  change?: Partial<Record<SeriesKey, number | null>>;
  comparison_text?: { en: string | string[]; ar: string | string[] };
  by_platform?: unknown;
  by_lang?: unknown;
  change_points?: ChangePoint[];
  top_hashtags?: TopHashtag[];
  top_campaigns?: CampaignSummary[];
}

export interface HashtagMarker {
  at: string;
  until?: string | null;
  campaign_id?: string | null;
  kind: string;
  accounts?: number;
  posts?: number;
  extremist_share?: number;
}

export interface HashtagDetail {
  key: string;
  display?: string;
  spellings?: string[];
  bucket?: Bucket;
  from?: string;
  to?: string;
  now?: string;
  totals?: Record<string, number>;
  /** posts, flagged_posts, accounts, flagged_share, flagged_account_share (dominance). */
  series: Partial<Record<string, Point[]>>;
  markers?: HashtagMarker[];
}

export interface GraphNode {
  id: string;
  platform: string;
  handle?: string | null;
  activity: number;
  risk: number | null;
}

export interface CampaignDetail extends CampaignSummary {
  hashtags?: string[];
  detected_at?: string;
  versions?: number;
  merged_into?: string | null;
  platform?: string;
  evidence?: string[];
  history?: Array<{ version: number; at: string; accounts: number; posts: number; extremist_share: number }>;
  graph: {
    nodes: GraphNode[];
    edges: Array<{ source: string; target: string; weight: number }>;
    accounts_total?: number;
  };
  timeline_bucket?: Bucket;
  timeline?: Point[];
  queue_item?: { id: string; status: string } | null;
  bulk_review?: { campaignId: string } | null;
}

export interface AccountHit {
  platform: string;
  id: string;
  handle?: string | null;
  name?: string | null;
  match?: string;
  risk?: number | null;
  label?: string | null;
}

export interface AccountPost {
  id: string;
  text: string | null;
  created_at: string;
  lang?: string | null;
  hashtags?: string[];
  repost_of?: string | null;
  decision: {
    label: string;
    scores: Record<string, number>;
    flagged: boolean;
    explanations: Array<{ ngram: string; weight: number }>;
    evidence: string[];
  } | null;
}

export interface AccountDetail {
  platform: string;
  id: string;
  profile: {
    handle?: string | null;
    name?: string | null;
    bio?: string | null;
    lang?: string | null;
    followers?: number | null;
    following?: number | null;
    created_at?: string | null;
  } | null;
  risk: { risk: number; label?: string | null; flagged_at?: string | null; at?: string | null } | null;
  risk_history?: Point[];
  evidence?: string[];
  enforcement?: Array<{ action: string; reason: string | null; at: string; post_id: string | null }>;
  campaigns?: Array<{ id: string; kind: string; last_at: string }>;
  posts?: AccountPost[];
  lineage?: LineageLink[];
}

// Moderation API (camelCase).

export type Role = 'viewer' | 'analyst' | 'moderator' | 'admin';
export const ROLE_ORDER: Role[] = ['viewer', 'analyst', 'moderator', 'admin'];

export interface Whoami {
  id: string;
  name: string;
  role: Role;
}

export const DECISIONS = ['confirm', 'dismiss', 'escalate'] as const;
export type Decision = (typeof DECISIONS)[number];

export const REASON_CODES = [
  'terrorist_content',
  'violent_extremism',
  'recruitment',
  'propaganda',
  'hate_speech',
  'ban_evasion',
  'coordinated_campaign',
  'not_violating',
  'insufficient_evidence',
  'news_or_counter_speech',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const ITEM_KINDS = ['post', 'account', 'campaign', 'evasion'] as const;
export const ITEM_STATUSES = ['open', 'claimed', 'confirmed', 'dismissed', 'escalated'] as const;

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface Appeal {
  id: string;
  actionId?: string;
  status: 'open' | 'upheld' | 'overturned';
  statement: string;
  createdAt: string;
  [k: string]: unknown;
}
