import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../store/index.js';
import { prefixLength, type Base } from './buckets.js';

// The counting queries of the overview. Each returns rows per base bucket (hour or day: a prefix of
// the stored ISO time; posts always per hour), platform and language, so that one scan per metric gives the series, the
// totals, the previous period and the breakdowns. Every query reads an index of migration
// 202611230420-observe-indexes.

/** One group of events: base bucket key, platform, language (`und` when unknown) and a count. */
export interface DimRow {
  b: string;
  platform: string;
  lang: string;
  n: number;
}

/** Flagged posts per account, so that distinct accounts can be counted over any span. */
export interface AccountRow extends DimRow {
  account: string;
}

const prefix = (column: string, base: Base): RawBuilder<string> =>
  sql<string>`substr(${sql.ref(column)}, 1, ${sql.lit(prefixLength(base))})`;

const dims = (
  rows: Array<{ b: string; platform: string; lang: string | null; n: number | string | bigint }>,
) => rows.map((r) => ({ b: r.b, platform: r.platform, lang: r.lang ?? 'und', n: Number(r.n) }));

/**
 * All posts (originals, replies, reposts, quotes), always per hour whatever the base: the expression
 * index `posts_hour_idx` on (hour prefix, platform, lang) serves range and grouping in index order,
 * ~6× less work than grouping a time index by a prefix (which sorts every post). `from`/`to` are
 * whole hours, so the range on the prefix is the same range.
 */
export const countPosts = async (db: Db, from: string, to: string): Promise<DimRow[]> => {
  const b = prefix('created_at', 'hour');
  const rows = await db
    .selectFrom('posts')
    .select((eb) => [b.as('b'), 'platform', 'lang', eb.fn.countAll<number>().as('n')])
    .where(b, '>=', from.slice(0, 13))
    .where(b, '<', to.slice(0, 13))
    .groupBy([b, 'platform', 'lang'])
    .execute();
  return dims(rows);
};

/** Flagged post decisions, per account; the language is the post's. */
export const countFlagged = async (db: Db, base: Base, from: string, to: string): Promise<AccountRow[]> => {
  const b = prefix('d.decided_at', base);
  const rows = await db
    .selectFrom('decisions_posts as d')
    .leftJoin('posts as p', (j) => j.onRef('p.platform', '=', 'd.platform').onRef('p.id', '=', 'd.post_id'))
    .select((eb) => [
      b.as('b'),
      'd.platform as platform',
      'p.lang as lang',
      'd.account_id as account',
      eb.fn.countAll<number>().as('n'),
    ])
    .where('d.flagged', '=', 1)
    .where('d.decided_at', '>=', from)
    .where('d.decided_at', '<', to)
    .groupBy([b, 'd.platform', 'p.lang', 'd.account_id'])
    .execute();
  return rows.map((r) => ({ ...dims([r])[0]!, account: r.account }));
};

/** `account` events by the account's creation time; the language is the account's. */
export const countNewAccounts = async (db: Db, base: Base, from: string, to: string): Promise<DimRow[]> => {
  const b = prefix('created_at', base);
  const rows = await db
    .selectFrom('accounts')
    .select((eb) => [b.as('b'), 'platform', 'lang', eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy([b, 'platform', 'lang'])
    .execute();
  return dims(rows);
};

/** Enforcement events that suspend an account (`suspend`; `takedown` from feeds that use that word). */
export const countSuspensions = async (db: Db, base: Base, from: string, to: string): Promise<DimRow[]> => {
  const b = prefix('e.created_at', base);
  const rows = await db
    .selectFrom('enforcement as e')
    .leftJoin('accounts as a', (j) =>
      j.onRef('a.platform', '=', 'e.platform').onRef('a.id', '=', 'e.account_id'),
    )
    .select((eb) => [b.as('b'), 'e.platform as platform', 'a.lang as lang', eb.fn.countAll<number>().as('n')])
    .where('e.created_at', '>=', from)
    .where('e.created_at', '<', to)
    .where('e.action', 'in', ['suspend', 'takedown'])
    .groupBy([b, 'e.platform', 'a.lang'])
    .execute();
  return dims(rows);
};

/** Re-created accounts, at the time the first evasion decision on them flagged them. */
export const countRecreations = async (db: Db, base: Base, from: string, to: string): Promise<DimRow[]> => {
  const first = db
    .selectFrom('decisions_evasion')
    .select((eb) => ['platform', 'account_id', eb.fn.min('flagged_at').as('at')])
    .groupBy(['platform', 'account_id'])
    .as('x');
  const b = prefix('x.at', base);
  const rows = await db
    .selectFrom(first)
    .leftJoin('accounts as a', (j) =>
      j.onRef('a.platform', '=', 'x.platform').onRef('a.id', '=', 'x.account_id'),
    )
    .select((eb) => [b.as('b'), 'x.platform as platform', 'a.lang as lang', eb.fn.countAll<number>().as('n')])
    .where('x.at', '>=', from)
    .where('x.at', '<', to)
    .groupBy([b, 'x.platform', 'a.lang'])
    .execute();
  return dims(rows);
};

const ENGAGEMENT_COLUMNS = ['repost_of', 'reply_to', 'quote_of'] as const;
/** Engagement is counted on posts flagged at most this long before the period read. */
export const ENGAGEMENT_LOOKBACK_MS = 30 * 24 * 3_600_000;

/**
 * Reposts, replies and quotes of flagged posts, by the time of the engagement; the language is the
 * flagged post's. Driven from the flagged posts (few) to their engagement through the indexes on
 * `(platform, repost_of | reply_to | quote_of)`; the join order is forced with CROSS JOIN (SQLite
 * never reorders it; PostgreSQL plans it as an inner join): left to itself SQLite scanned the posts
 * of the platform once per flagged post for replies. Only posts flagged since
 * ENGAGEMENT_LOOKBACK_MS before `from` count, which bounds the work on a long history.
 */
export const countEngagement = async (db: Db, base: Base, from: string, to: string): Promise<DimRow[]> => {
  const out: DimRow[] = [];
  const b = prefix('r.created_at', base);
  const flaggedFrom = new Date(Date.parse(from) - ENGAGEMENT_LOOKBACK_MS).toISOString();
  for (const column of ENGAGEMENT_COLUMNS) {
    const target = sql.ref(`r.${column}`);
    const { rows } = await sql<{ b: string; platform: string; lang: string | null; n: number | string }>`
      SELECT ${b} AS b, r.platform AS platform, f.lang AS lang, count(*) AS n
      FROM decisions_posts d CROSS JOIN posts r CROSS JOIN posts f
      WHERE d.flagged = 1 AND d.decided_at >= ${flaggedFrom} AND d.decided_at < ${to}
        AND r.platform = d.platform AND ${target} = d.post_id AND ${target} IS NOT NULL
        AND r.created_at >= ${from} AND r.created_at < ${to}
        AND f.platform = d.platform AND f.id = d.post_id
      GROUP BY ${b}, r.platform, f.lang`.execute(db);
    out.push(...dims(rows));
  }
  return out;
};

/** Stream time: the latest stored event time, and the earliest post (null on an empty database). */
export const streamBounds = async (db: Db): Promise<{ latest: string | null; earliest: string | null }> => {
  const [posts, first, enforcement, accounts] = await Promise.all([
    db
      .selectFrom('posts')
      .select((eb) => eb.fn.max('created_at').as('t'))
      .executeTakeFirst(),
    db
      .selectFrom('posts')
      .select((eb) => eb.fn.min('created_at').as('t'))
      .executeTakeFirst(),
    db
      .selectFrom('enforcement')
      .select((eb) => eb.fn.max('created_at').as('t'))
      .executeTakeFirst(),
    db
      .selectFrom('accounts')
      .select((eb) => eb.fn.max('created_at').as('t'))
      .executeTakeFirst(),
  ]);
  const times = [posts?.t, enforcement?.t, accounts?.t].filter((t): t is string => typeof t === 'string');
  return { latest: times.length ? times.sort().at(-1)! : null, earliest: first?.t ?? null };
};
