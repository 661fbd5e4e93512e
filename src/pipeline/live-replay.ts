import type { CanonicalEvent } from '../events/index.js';
import { postFromRow } from '../store/event-rows.js';
import type { Database } from '../store/index.js';

/** What a restart replays to warm the detectors: the last `windowMs` of stream time, at most `maxEvents`. */
export interface WarmupOptions {
  windowMs: number;
  maxEvents: number;
}

/** 24 hours of stream time, at most 100,000 events (about 50 MB while they are replayed). */
export const DEFAULT_WARMUP: WarmupOptions = { windowMs: 24 * 3600 * 1000, maxEvents: 100_000 };

export interface RecentEvents {
  events: CanonicalEvent[];
  /** Stream time of the newest stored post/follow/enforcement/profile update, if any. */
  streamTime: string | undefined;
  /** Start of the replayed window. */
  from: string | undefined;
}

const IN_CHUNK = 500;
const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);
const byTime = (a: CanonicalEvent, b: CanonicalEvent): number =>
  a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0;

/**
 * The stored events of the most recent window, rebuilt as canonical events in stream order: posts,
 * follows, enforcement and profile updates of the window (the newest `maxEvents` when there are
 * more), preceded by the `account` events of the accounts they involve (whatever their age), so
 * that detectors know the profiles behind the window's activity. Times are stored normalised
 * (`YYYY-MM-DDTHH:MM:SS.sssZ`), so string order is time order.
 */
export const loadRecentEvents = async (database: Database, opts: WarmupOptions): Promise<RecentEvents> => {
  const db = database.db;
  const newest = await Promise.all(
    (['posts', 'follows', 'enforcement'] as const).map((table) =>
      db
        .selectFrom(table)
        .select((e) => e.fn.max('created_at').as('t'))
        .executeTakeFirst(),
    ),
  );
  const times = newest.map((r) => r?.t).filter((t): t is string => typeof t === 'string');
  if (times.length === 0 || opts.maxEvents <= 0)
    return { events: [], streamTime: undefined, from: undefined };
  const streamTime = times.sort().at(-1) as string;
  const from = new Date(Date.parse(streamTime) - opts.windowMs).toISOString();
  const limit = opts.maxEvents;

  const posts = await db
    .selectFrom('posts')
    .selectAll()
    .where('created_at', '>=', from)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  const follows = await db
    .selectFrom('follows')
    .selectAll()
    .where('created_at', '>=', from)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  const enforcement = await db
    .selectFrom('enforcement')
    .selectAll()
    .where('created_at', '>=', from)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  const updates = await db
    .selectFrom('account_profiles')
    .selectAll()
    .where('kind', '=', 'profile_update')
    .where('created_at', '>=', from)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();

  const activity: CanonicalEvent[] = [];
  for (const p of posts) activity.push(postFromRow(p));
  for (const f of follows)
    activity.push({ type: 'follow', platform: f.platform, created_at: f.created_at, src: f.src, dst: f.dst });
  for (const e of enforcement) {
    activity.push({
      type: 'enforcement',
      platform: e.platform,
      created_at: e.created_at,
      account_id: opt(e.account_id),
      post_id: opt(e.post_id),
      action: e.action as 'suspend' | 'remove' | 'restore',
      reason: opt(e.reason),
    });
  }
  for (const u of updates) {
    activity.push({
      type: 'profile_update',
      platform: u.platform,
      created_at: u.created_at,
      id: u.event_key,
      account_id: u.account_id,
      handle: opt(u.handle),
      name: opt(u.name),
      bio: opt(u.bio),
      avatar_pdq: opt(u.avatar_pdq),
    });
  }
  activity.sort(byTime);
  const window = activity.slice(Math.max(0, activity.length - limit));

  // The accounts the window involves, as their original `account` events.
  const involved = new Map<string, Set<string>>();
  const want = (platform: string, id: string | undefined) => {
    if (id === undefined) return;
    let set = involved.get(platform);
    if (!set) involved.set(platform, (set = new Set()));
    set.add(id);
  };
  for (const e of window) {
    if (e.type === 'post' || e.type === 'profile_update') want(e.platform, e.account_id);
    else if (e.type === 'follow') {
      want(e.platform, e.src);
      want(e.platform, e.dst);
    } else if (e.type === 'enforcement') want(e.platform, e.account_id);
  }
  const accounts: CanonicalEvent[] = [];
  for (const [platform, set] of involved) {
    const ids = [...set];
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const rows = await db
        .selectFrom('accounts as a')
        .innerJoin('account_profiles as p', (j) =>
          j
            .onRef('p.platform', '=', 'a.platform')
            .onRef('p.event_key', '=', 'a.id')
            .on('p.kind', '=', 'account'),
        )
        .select([
          'a.platform',
          'a.id',
          'p.handle',
          'p.name',
          'p.bio',
          'p.avatar_pdq',
          'p.created_at',
          'a.lang',
          'a.followers_count',
          'a.following_count',
          'a.url',
        ])
        .where('a.platform', '=', platform)
        .where('a.id', 'in', ids.slice(i, i + IN_CHUNK))
        .execute();
      for (const r of rows) {
        accounts.push({
          type: 'account',
          platform: r.platform,
          created_at: r.created_at,
          id: r.id,
          handle: r.handle ?? '',
          name: r.name ?? '',
          bio: opt(r.bio),
          lang: opt(r.lang),
          avatar_pdq: opt(r.avatar_pdq),
          followers_count: r.followers_count === null ? undefined : Number(r.followers_count),
          following_count: r.following_count === null ? undefined : Number(r.following_count),
          url: opt(r.url),
        });
      }
    }
  }
  accounts.sort(byTime);
  // An account created inside the window takes its place in time; older ones come first.
  return { events: [...accounts, ...window].sort(byTime), streamTime, from };
};
