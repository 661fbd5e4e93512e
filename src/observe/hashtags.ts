import { NotFoundError } from '../errors.js';
import { hashtagKey } from '../pipeline/hashtags.js';
import type { Db } from '../store/index.js';
import { floorTo, iso, resolvePeriod, type Bucket } from './buckets.js';
import { campaignsInPeriod, markerKind } from './campaigns.js';
import { streamBounds } from './overview-queries.js';

// Hashtags over the hourly buckets the pipeline writes (`hashtag_buckets`, one row per hashtag key
// and hour). The buckets count distinct accounts per hour only, so `accounts` over a longer period is
// the busiest hour's count: a lower bound of the distinct accounts.

const parseList = (text: string): string[] => {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

export interface TopHashtag {
  key: string;
  display: string;
  posts: number;
  /** The busiest hour's distinct accounts (a lower bound over the period). */
  accounts: number;
  flagged_posts: number;
  flagged_share: number;
}

export const topHashtags = async (
  db: Db,
  f: { from: string; to: string; limit: number },
): Promise<TopHashtag[]> => {
  const rows = await db
    .selectFrom('hashtag_buckets')
    .select((eb) => [
      'hashtag_key',
      eb.fn.max('hashtag').as('display'),
      eb.fn.sum<number>('posts').as('posts'),
      eb.fn.max('accounts').as('accounts'),
      eb.fn.sum<number>('flagged_posts').as('flagged_posts'),
    ])
    .where('bucket_start', '>=', f.from)
    .where('bucket_start', '<', f.to)
    .groupBy('hashtag_key')
    .orderBy('flagged_posts', 'desc')
    .orderBy('posts', 'desc')
    .orderBy('hashtag_key')
    .limit(f.limit)
    .execute();
  return rows.map((r) => {
    const posts = Number(r.posts);
    const flagged = Number(r.flagged_posts);
    return {
      key: r.hashtag_key,
      display: String(r.display),
      posts,
      accounts: Number(r.accounts),
      flagged_posts: flagged,
      flagged_share: posts ? flagged / posts : 0,
    };
  });
};

/** Most posts read to measure the share by flagged accounts (the series says when it stopped there). */
const MAX_SCAN = 200_000;

/**
 * Share of the hashtag's posts written by accounts that were flagged at the time (the account's
 * first `flagged_at` is before the post). Posts are found by the spellings recorded in the buckets.
 */
const flaggedAccountPosts = async (db: Db, key: string, spellings: string[], from: string, to: string) => {
  if (spellings.length === 0)
    return { posts: [] as Array<{ t: number; flagged: boolean }>, truncated: false };
  const rows = await db
    .selectFrom('posts')
    .select(['platform', 'account_id', 'created_at', 'hashtags'])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where((eb) => eb.or(spellings.map((s) => eb('hashtags', 'like', `%${JSON.stringify(s)}%`))))
    .limit(MAX_SCAN + 1)
    .execute();
  const mine = rows
    .slice(0, MAX_SCAN)
    .filter((r) => parseList(r.hashtags).some((h) => hashtagKey(h) === key));
  const flaggedAt = new Map<string, string>();
  const byPlatform = new Map<string, Set<string>>();
  for (const r of mine) {
    let set = byPlatform.get(r.platform);
    if (!set) byPlatform.set(r.platform, (set = new Set()));
    set.add(r.account_id);
  }
  for (const [platform, ids] of byPlatform) {
    const list = [...ids];
    for (let i = 0; i < list.length; i += 500) {
      const found = await db
        .selectFrom('decisions_accounts')
        .select((eb) => ['account_id', eb.fn.min('flagged_at').as('at')])
        .where('platform', '=', platform)
        .where('account_id', 'in', list.slice(i, i + 500))
        .where('flagged_at', 'is not', null)
        .groupBy('account_id')
        .execute();
      for (const f of found) if (f.at) flaggedAt.set(`${platform}\u0000${f.account_id}`, f.at);
    }
  }
  return {
    posts: mine.map((r) => {
      const at = flaggedAt.get(`${r.platform}\u0000${r.account_id}`);
      return { t: Date.parse(r.created_at), flagged: at !== undefined && at <= r.created_at };
    }),
    truncated: rows.length > MAX_SCAN,
  };
};

export const hashtagPage = async (
  db: Db,
  rawKey: string,
  q: { from?: string | undefined; to?: string | undefined; bucket: Bucket },
  clock: () => Date,
) => {
  const key = hashtagKey(rawKey.replace(/^#/, ''));
  const first = await db
    .selectFrom('hashtag_buckets')
    .select((eb) => [eb.fn.min('bucket_start').as('first'), eb.fn.max('bucket_start').as('last')])
    .where('hashtag_key', '=', key)
    .executeTakeFirst();
  if (!first?.first) throw new NotFoundError(`no hashtag with key ${key}`, { field: 'key' });
  const bounds = await streamBounds(db);
  const now = bounds.latest ? Date.parse(bounds.latest) : clock().getTime();
  const period = resolvePeriod(q, now, Date.parse(first.first));
  const [from, to] = [iso(period.from), iso(period.to)];
  const rows = await db
    .selectFrom('hashtag_buckets')
    .selectAll()
    .where('hashtag_key', '=', key)
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<', to)
    .orderBy('bucket_start')
    .execute();

  const index = new Map(period.starts.map((t, i) => [t, i]));
  const n = period.starts.length;
  const posts = new Array<number>(n).fill(0);
  const flagged = new Array<number>(n).fill(0);
  const accounts = new Array<number>(n).fill(0);
  const spellings = new Map<string, number>();
  for (const r of rows) {
    const i = index.get(floorTo(Date.parse(r.bucket_start), q.bucket));
    if (i === undefined) continue;
    posts[i]! += Number(r.posts);
    flagged[i]! += Number(r.flagged_posts);
    accounts[i] = Math.max(accounts[i]!, Number(r.accounts));
    spellings.set(r.hashtag, (spellings.get(r.hashtag) ?? 0) + Number(r.posts));
  }
  const byAccounts = await flaggedAccountPosts(db, key, [...spellings.keys()], from, to);
  const scanned = new Array<number>(n).fill(0);
  const byFlagged = new Array<number>(n).fill(0);
  for (const p of byAccounts.posts) {
    const i = index.get(floorTo(p.t, q.bucket));
    if (i === undefined) continue;
    scanned[i]!++;
    if (p.flagged) byFlagged[i]!++;
  }
  const display = [...spellings].sort((a, b) => b[1] - a[1])[0]?.[0] ?? key;
  const at = (i: number) => iso(period.starts[i]!);
  const campaigns = await campaignsInPeriod(db, { from, to });
  const markers = campaigns
    .filter((c) => c.hashtags.some((h) => hashtagKey(h) === key))
    .map((c) => ({
      at: c.first_at,
      until: c.last_at,
      campaign_id: c.id,
      kind: markerKind(c.kind),
      accounts: c.accounts,
      posts: c.posts,
      extremist_share: c.extremist_share,
    }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const totalPosts = posts.reduce((a, b) => a + b, 0);
  const totalFlagged = flagged.reduce((a, b) => a + b, 0);
  return {
    key,
    display,
    spellings: [...spellings.keys()].sort(),
    bucket: q.bucket,
    from,
    to,
    now: iso(now),
    totals: {
      posts: totalPosts,
      flagged_posts: totalFlagged,
      flagged_share: totalPosts ? totalFlagged / totalPosts : 0,
      peak_accounts: Math.max(0, ...accounts),
    },
    series: {
      posts: posts.map((v, i) => [at(i), v]),
      flagged_posts: flagged.map((v, i) => [at(i), v]),
      accounts: accounts.map((v, i) => [at(i), v]),
      /** Flagged posts / posts (null without posts). */
      flagged_share: posts.map((v, i) => [at(i), v ? flagged[i]! / v : null]),
      /** Posts by accounts flagged at the time / posts (null without posts). */
      flagged_account_share: scanned.map((v, i) => [at(i), v ? byFlagged[i]! / v : null]),
    },
    flagged_account_share_truncated: byAccounts.truncated,
    markers,
  };
};
