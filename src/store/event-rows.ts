import { createHash } from 'node:crypto';
import {
  eventKey,
  extractHashtags,
  extractMentions,
  extractUrls,
  type AccountEvent,
  type EnforcementEvent,
  type FollowEvent,
  type Media,
  type PostEvent,
  type ProfileUpdateEvent,
} from '../events/index.js';

// Canonical events as row tuples in the column order below, shared by both bulk writers so that
// SQLite and PostgreSQL store the same values.

export const ACCOUNT_COLUMNS = [
  'platform',
  'id',
  'handle',
  'name',
  'bio',
  'lang',
  'avatar_pdq',
  'followers_count',
  'following_count',
  'url',
  'created_at',
  'updated_at',
] as const;
export const PROFILE_COLUMNS = [
  'platform',
  'kind',
  'event_key',
  'account_id',
  'handle',
  'name',
  'bio',
  'avatar_pdq',
  'created_at',
] as const;
export const POST_COLUMNS = [
  'platform',
  'id',
  'account_id',
  'created_at',
  'text',
  'lang',
  'hashtags',
  'mentions',
  'urls',
  'media',
  'reply_to',
  'repost_of',
  'quote_of',
] as const;
export const FOLLOW_COLUMNS = ['platform', 'event_key', 'src', 'dst', 'created_at'] as const;
export const ENFORCEMENT_COLUMNS = [
  'platform',
  'event_key',
  'account_id',
  'post_id',
  'action',
  'reason',
  'created_at',
] as const;
export const QUARANTINE_COLUMNS = [
  'digest',
  'source',
  'line',
  'byte_offset',
  'field',
  'reason',
  'raw',
  'raw_length',
  'received_at',
] as const;

export type Row = Array<string | number | null>;

/** Raw text kept in quarantine per record; the full length is stored next to it. */
export const RAW_CAP_BYTES = 64 * 1024;

// PostgreSQL text cannot hold NUL; replace it on both engines so that they store the same text.
const clean = (s: string): string => (s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s);
const cleanOpt = (s: string | undefined): string | null => (s === undefined ? null : clean(s));

export const accountRow = (e: AccountEvent): Row => [
  e.platform,
  e.id,
  clean(e.handle),
  clean(e.name),
  cleanOpt(e.bio),
  e.lang ?? null,
  e.avatar_pdq ?? null,
  e.followers_count ?? null,
  e.following_count ?? null,
  cleanOpt(e.url),
  e.created_at,
  e.created_at,
];

export const accountProfileRow = (e: AccountEvent): Row => [
  e.platform,
  'account',
  e.id,
  e.id,
  clean(e.handle),
  clean(e.name),
  cleanOpt(e.bio),
  e.avatar_pdq ?? null,
  e.created_at,
];

export const profileUpdateRow = (e: ProfileUpdateEvent): Row => [
  e.platform,
  'profile_update',
  eventKey(e),
  e.account_id,
  cleanOpt(e.handle),
  cleanOpt(e.name),
  cleanOpt(e.bio),
  e.avatar_pdq ?? null,
  e.created_at,
];

/** [handle, name, bio, avatar_pdq, updated_at, platform, account_id, created_at] of a profile_update row. */
export const applyProfileParams = (row: Row): Row => [
  row[4] ?? null,
  row[5] ?? null,
  row[6] ?? null,
  row[7] ?? null,
  row[8] ?? null,
  row[0] ?? null,
  row[3] ?? null,
  row[8] ?? null,
];

// The extractors run Unicode regular expressions over the whole text; most posts have no mention
// or URL, and a substring test is much cheaper than finding that out with the regex.
const jsonList = (list: string[]): string => (list.length === 0 ? '[]' : clean(JSON.stringify(list)));
const hashtagsOf = (text: string): string[] =>
  text.includes('#') || text.includes('＃') ? extractHashtags(text) : [];
const mentionsOf = (text: string): string[] => (text.includes('@') ? extractMentions(text) : []);
const urlsOf = (text: string): string[] => (/https?:\/\/|www\./i.test(text) ? extractUrls(text) : []);

/** The hashtags, mentions and urls columns of a post (JSON text), from the event or its text. */
export const postListColumns = (e: PostEvent): [string, string, string] => [
  jsonList(e.hashtags ?? hashtagsOf(e.text)),
  jsonList(e.mentions ?? mentionsOf(e.text)),
  jsonList(e.urls ?? urlsOf(e.text)),
];

/**
 * Where the ingest parse worker leaves the list columns it computed for a post (a symbol key, so
 * that JSON.stringify and the event's own fields are unaffected): the writer thread then skips
 * the entity regular expressions.
 */
export const POST_LIST_COLUMNS: unique symbol = Symbol('marsad.postListColumns');
type WithLists = PostEvent & { [POST_LIST_COLUMNS]?: [string, string, string] };

export const postRow = (e: PostEvent): Row => {
  const [hashtags, mentions, urls] = (e as WithLists)[POST_LIST_COLUMNS] ?? postListColumns(e);
  return [
    e.platform,
    e.id,
    e.account_id,
    e.created_at,
    clean(e.text),
    e.lang ?? null,
    hashtags,
    mentions,
    urls,
    e.media === undefined ? null : clean(JSON.stringify(e.media)),
    e.reply_to ?? null,
    e.repost_of ?? null,
    e.quote_of ?? null,
  ];
};

export const followRow = (e: FollowEvent): Row => [e.platform, eventKey(e), e.src, e.dst, e.created_at];

export const enforcementRow = (e: EnforcementEvent): Row => [
  e.platform,
  eventKey(e),
  e.account_id ?? null,
  e.post_id ?? null,
  e.action,
  cleanOpt(e.reason),
  e.created_at,
];

/** A record to quarantine: where it came from, the field and reason, and its raw text. */
export interface QuarantineInput {
  source: string;
  line: number;
  offset: number;
  field: string;
  reason: string;
  raw: string;
}

const capUtf8 = (s: string, maxBytes: number): { text: string; bytes: number } => {
  const bytes = Buffer.byteLength(s);
  if (bytes <= maxBytes) return { text: s, bytes };
  // Cutting at a byte may split a character; toString() turns the stub into U+FFFD.
  return { text: Buffer.from(s).subarray(0, maxBytes).toString('utf8'), bytes };
};

export const quarantineRow = (q: QuarantineInput, receivedAt: string): Row => {
  const digest = createHash('sha1')
    .update(`${q.source}\0${q.offset}\0${q.field}\0`)
    .update(q.raw)
    .digest('hex');
  const { text, bytes } = capUtf8(q.raw, RAW_CAP_BYTES);
  return [digest, q.source, q.line, q.offset, q.field, clean(q.reason), clean(text), bytes, receivedAt];
};

/** Where an input has been committed up to (written in the same transaction as the batch). */
export interface CursorInput {
  source: string;
  fingerprint: string;
  offset: number;
  line: number;
  complete: boolean;
}

const storedList = (text: string): string[] => {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as string[]) : [];
  } catch {
    return [];
  }
};

/** A stored `posts` row (media optional: readers that do not need it need not select it) as its event. */
export const postFromRow = (p: {
  platform: string;
  id: string;
  account_id: string;
  created_at: string;
  text: string;
  lang: string | null;
  hashtags: string;
  mentions: string;
  urls: string;
  media?: string | null;
  reply_to: string | null;
  repost_of: string | null;
  quote_of: string | null;
}): PostEvent => ({
  type: 'post',
  platform: p.platform,
  created_at: p.created_at,
  id: p.id,
  account_id: p.account_id,
  text: p.text,
  hashtags: storedList(p.hashtags),
  mentions: storedList(p.mentions),
  urls: storedList(p.urls),
  ...(p.lang !== null ? { lang: p.lang } : {}),
  ...(p.reply_to !== null ? { reply_to: p.reply_to } : {}),
  ...(p.repost_of !== null ? { repost_of: p.repost_of } : {}),
  ...(p.quote_of !== null ? { quote_of: p.quote_of } : {}),
  ...(p.media !== null && p.media !== undefined ? { media: JSON.parse(p.media) as Media[] } : {}),
});
