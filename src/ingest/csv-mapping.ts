import { InputError } from './errors.js';
import type { CsvMapping } from './types.js';

/** Canonical fields a CSV column can be mapped to (`account_created_at` is the account's creation time). */
export const CSV_FIELDS = [
  'id',
  'account_id',
  'text',
  'created_at',
  'lang',
  'reply_to',
  'repost_of',
  'quote_of',
  'hashtags',
  'mentions',
  'urls',
  'media_url',
  'handle',
  'name',
  'bio',
  'account_created_at',
  'followers_count',
  'following_count',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

const isField = (v: string): v is CsvField => (CSV_FIELDS as readonly string[]).includes(v);

/** Parses `id=tweet_id,account_id=user_id,text=content` (the `--csv-map` option). */
export const parseCsvMapping = (spec: string): CsvMapping => {
  const mapping: CsvMapping = {};
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const field = part.slice(0, eq).trim();
    const column = part.slice(eq + 1).trim();
    if (eq < 0 || !field || !column) throw new InputError(`--csv-map: "${part}" is not FIELD=COLUMN`);
    if (!isField(field))
      throw new InputError(`--csv-map: unknown field "${field}" (fields: ${CSV_FIELDS.join(', ')})`);
    mapping[field] = column;
  }
  if (Object.keys(mapping).length === 0) throw new InputError('--csv-map is empty');
  return mapping;
};

// Header names seen in common exports (twarc csv, Twitter archives, scraped tables), by field.
const GUESSES: Record<CsvField, string[]> = {
  id: ['id', 'post_id', 'tweet_id', 'status_id', 'message_id', 'id_str'],
  account_id: ['account_id', 'user_id', 'author_id', 'author.id', 'from_id', 'user_id_str'],
  text: ['text', 'full_text', 'content', 'message', 'body', 'tweet', 'tweet_text'],
  created_at: ['created_at', 'date', 'datetime', 'timestamp', 'time', 'posted_at'],
  lang: ['lang', 'language'],
  reply_to: ['reply_to', 'in_reply_to_status_id', 'in_reply_to_id', 'reply_to_message_id'],
  repost_of: ['repost_of', 'retweet_of', 'retweeted_status_id', 'retweeted_id'],
  quote_of: ['quote_of', 'quoted_status_id', 'quoted_id'],
  hashtags: ['hashtags'],
  mentions: ['mentions', 'user_mentions'],
  urls: ['urls', 'expanded_urls'],
  media_url: ['media_url', 'media'],
  handle: ['handle', 'username', 'screen_name', 'user_screen_name', 'author.username', 'user_username'],
  name: ['name', 'display_name', 'user_name', 'author.name', 'from'],
  bio: ['bio', 'description', 'user_description', 'author.description'],
  account_created_at: ['account_created_at', 'user_created_at', 'author.created_at'],
  followers_count: ['followers_count', 'user_followers_count', 'author.public_metrics.followers_count'],
  following_count: [
    'following_count',
    'friends_count',
    'user_friends_count',
    'author.public_metrics.following_count',
  ],
};

/** Guesses a mapping from header names (case-insensitive); each column is used at most once. */
export const guessCsvMapping = (header: readonly string[]): CsvMapping => {
  const byLower = new Map(header.map((h) => [h.trim().toLowerCase(), h] as const));
  const used = new Set<string>();
  const mapping: CsvMapping = {};
  for (const field of CSV_FIELDS) {
    const hit = GUESSES[field].map((g) => byLower.get(g)).find((h) => h !== undefined && !used.has(h));
    if (hit !== undefined) {
      mapping[field] = hit;
      used.add(hit);
    }
  }
  return mapping;
};

export const describeCsvMapping = (mapping: CsvMapping): string =>
  Object.entries(mapping)
    .map(([f, c]) => `${f}=${c}`)
    .join(',');

const EPOCH = /^\d{9,13}(\.\d+)?$/;
const SQL_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:?\d{2})$/;
// The classic Twitter v1.1 form: "Wed Oct 10 20:19:24 +0000 2018".
const TWITTER_V1 = /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} [+-]\d{4} \d{4}$/;

/**
 * Reads the time formats found in CSV exports as RFC 3339 UTC: RFC 3339, `YYYY-MM-DD HH:MM[:SS]`
 * and `YYYY-MM-DD` (taken as UTC), epoch seconds (9-10 digits) or milliseconds (12-13 digits),
 * and Twitter v1.1 `created_at`. Returns undefined for anything else.
 */
export const parseCsvTime = (value: string): string | undefined => {
  const v = value.trim();
  let ms = Number.NaN;
  if (EPOCH.test(v)) {
    const n = Number(v);
    ms = v.split('.')[0]!.length >= 12 ? n : n * 1000;
  } else if (RFC3339.test(v)) ms = Date.parse(v.replace(' ', 'T'));
  else if (SQL_TIME.test(v)) {
    const [, day, time] = SQL_TIME.exec(v)!;
    ms = Date.parse(`${day}T${time!.length === 5 ? `${time}:00` : time}Z`);
  } else if (DATE_ONLY.test(v)) ms = Date.parse(`${v}T00:00:00Z`);
  else if (TWITTER_V1.test(v)) ms = Date.parse(v);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
};
