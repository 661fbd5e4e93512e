import type { CanonicalEvent } from '../events/index.js';

// A hand-written check for the plainly valid post/account/follow lines that make up nearly all of
// a canonical stream: zod validation is the bottleneck of NDJSON ingestion (bench/ingest-parse.ts).
// It returns the same event as parseEvent (same keys, same order, same normalised time) or
// undefined whenever anything is unusual, so that parseEvent decides and words the error.
// test/ingest/connectors/canonical-fast.test.ts checks the two agree.

type Obj = Record<string, unknown>;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:?\d{2})$/;
const PLATFORM = /^[a-z0-9][a-z0-9_.-]*$/;

const POST_KEYS = new Set([
  'type',
  'platform',
  'created_at',
  'id',
  'account_id',
  'text',
  'lang',
  'hashtags',
  'mentions',
  'urls',
  'reply_to',
  'repost_of',
  'quote_of',
]);
const ACCOUNT_KEYS = new Set([
  'type',
  'platform',
  'created_at',
  'id',
  'handle',
  'name',
  'bio',
  'lang',
  'followers_count',
  'following_count',
  'url',
]);
const FOLLOW_KEYS = new Set(['type', 'platform', 'created_at', 'id', 'src', 'dst']);

const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 512;
const optId = (v: unknown): boolean => v === undefined || isId(v);
const optStr = (v: unknown, max: number, min = 0): boolean =>
  v === undefined || (typeof v === 'string' && v.length >= min && v.length <= max);
const optCount = (v: unknown): boolean => v === undefined || (Number.isSafeInteger(v) && (v as number) >= 0);
const optList = (v: unknown, max: number): boolean => {
  if (v === undefined) return true;
  if (!Array.isArray(v) || v.length > 1000) return false;
  for (const s of v) if (typeof s !== 'string' || s.length > max) return false;
  return true;
};

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const NORMAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{3})?Z$/;

/** `YYYY-MM-DDTHH:MM:SS[.sss]Z` with every field in range, normalised without going through Date. */
const normalTime = (v: string): string | undefined => {
  const m = NORMAL.exec(v);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
  if (day < 1 || day > days || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return undefined;
  return m[7] === undefined ? `${v.slice(0, 19)}.000Z` : v;
};

// Date.parse + toISOString cost more than the rest of the checks together: only for other forms.
const time = (v: unknown): string | undefined => {
  if (typeof v !== 'string') return undefined;
  const fast = normalTime(v);
  if (fast !== undefined) return fast;
  if (!RFC3339.test(v)) return undefined;
  const ms = Date.parse(v.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
};

/** Only known keys, none null: anything else goes to zod (which drops extras and nulls itself). */
const onlyKeys = (o: Obj, keys: Set<string>): boolean => {
  for (const k in o) {
    const v = o[k];
    // Connectors build events with undefined for absent optional fields; JSON has no undefined.
    if (v === null || (v !== undefined && !keys.has(k))) return false;
  }
  return true;
};

/** Copies the optional keys that are present, in schema order. */
const withOptional = (out: Obj, o: Obj, keys: readonly string[]): Obj => {
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
};

const POST_OPTIONAL = ['lang', 'hashtags', 'mentions', 'urls', 'reply_to', 'repost_of', 'quote_of'] as const;
const ACCOUNT_OPTIONAL = ['bio', 'lang', 'followers_count', 'following_count', 'url'] as const;

/** The event parseEvent would return for `value`, or undefined to let parseEvent decide. */
export const fastParseEvent = (value: unknown): CanonicalEvent | undefined => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Obj;
  const platform = o['platform'];
  if (typeof platform !== 'string' || platform.length > 64 || !PLATFORM.test(platform)) return undefined;
  const created = time(o['created_at']);
  if (created === undefined) return undefined;
  switch (o['type']) {
    case 'post': {
      if (!onlyKeys(o, POST_KEYS)) return undefined;
      const text = o['text'];
      if (!isId(o['id']) || !isId(o['account_id']) || typeof text !== 'string' || text.length > 1_000_000)
        return undefined;
      if (
        !optStr(o['lang'], 16, 1) ||
        !optId(o['reply_to']) ||
        !optId(o['repost_of']) ||
        !optId(o['quote_of'])
      ) {
        return undefined;
      }
      if (!optList(o['hashtags'], 512) || !optList(o['mentions'], 512) || !optList(o['urls'], 4096))
        return undefined;
      const out: Obj = {
        type: 'post',
        platform,
        created_at: created,
        id: o['id'],
        account_id: o['account_id'],
        text,
      };
      return withOptional(out, o, POST_OPTIONAL) as CanonicalEvent;
    }
    case 'account': {
      if (!onlyKeys(o, ACCOUNT_KEYS)) return undefined;
      const handle = o['handle'];
      const name = o['name'];
      if (!isId(o['id']) || typeof handle !== 'string' || handle.length > 512) return undefined;
      if (typeof name !== 'string' || name.length > 2048) return undefined;
      if (!optStr(o['bio'], 100_000) || !optStr(o['lang'], 16, 1) || !optStr(o['url'], 4096))
        return undefined;
      if (!optCount(o['followers_count']) || !optCount(o['following_count'])) return undefined;
      const out: Obj = { type: 'account', platform, created_at: created, id: o['id'], handle, name };
      return withOptional(out, o, ACCOUNT_OPTIONAL) as CanonicalEvent;
    }
    case 'follow': {
      if (!onlyKeys(o, FOLLOW_KEYS) || !optId(o['id']) || !isId(o['src']) || !isId(o['dst']))
        return undefined;
      const out: Obj = { type: 'follow', platform, created_at: created };
      if (o['id'] !== undefined) out['id'] = o['id'];
      out['src'] = o['src'];
      out['dst'] = o['dst'];
      return out as CanonicalEvent;
    }
    default:
      return undefined;
  }
};
