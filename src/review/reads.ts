import { NotFoundError } from '../errors.js';
import type { Database } from '../store/index.js';
import { postsWithDecisions } from '../store/post-decisions.js';
import { decodeCursor, encodeCursor } from './cursor.js';

// Read model over the stored events and the pipeline's decision tables, for the API.

const parse = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

export interface PostFilter {
  platform?: string | undefined;
  accountId?: string | undefined;
  lang?: string | undefined;
  label?: string | undefined;
  flagged?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export class ReadService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  /** Posts newest first, with their decision when the pipeline made one. */
  async posts(f: PostFilter) {
    const limit = Math.min(Math.max(f.limit ?? 50, 1), 500);
    let q = postsWithDecisions(this.db)
      .select([
        'p.platform',
        'p.id',
        'p.account_id',
        'p.created_at',
        'p.text',
        'p.lang',
        'p.hashtags',
        'd.label',
        'd.scores',
        'd.flagged',
        'd.evidence',
      ])
      .orderBy('p.created_at', 'desc')
      .orderBy('p.platform', 'asc')
      .orderBy('p.id', 'asc')
      .limit(limit + 1);
    if (f.platform) q = q.where('p.platform', '=', f.platform);
    if (f.accountId) q = q.where('p.account_id', '=', f.accountId);
    if (f.lang) q = q.where('p.lang', '=', f.lang);
    if (f.label) q = q.where('d.label', '=', f.label);
    if (f.flagged !== undefined) q = q.where('d.flagged', '=', f.flagged ? 1 : 0);
    if (f.from) q = q.where('p.created_at', '>=', f.from);
    if (f.to) q = q.where('p.created_at', '<=', f.to);
    if (f.cursor) {
      const [t, platform, id] = decodeCursor(f.cursor, ['string', 'string', 'string']) as [
        string,
        string,
        string,
      ];
      q = q.where((eb) =>
        eb.or([
          eb('p.created_at', '<', t),
          eb.and([eb('p.created_at', '=', t), eb('p.platform', '>', platform)]),
          eb.and([eb('p.created_at', '=', t), eb('p.platform', '=', platform), eb('p.id', '>', id)]),
        ]),
      );
    }
    const rows = await q.execute();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        platform: r.platform,
        id: r.id,
        accountId: r.account_id,
        createdAt: r.created_at,
        text: r.text,
        lang: r.lang,
        hashtags: parse(r.hashtags),
        decision:
          r.label === null
            ? null
            : {
                label: r.label,
                scores: parse(r.scores),
                flagged: r.flagged === 1,
                evidence: parse(r.evidence),
              },
      })),
      nextCursor:
        rows.length > limit && last ? encodeCursor([last.created_at, last.platform, last.id]) : null,
    };
  }

  /** An account with its latest risk and evidence, and its re-creation lineage both ways. */
  async account(platform: string, id: string) {
    const account = await this.db
      .selectFrom('accounts')
      .selectAll()
      .where('platform', '=', platform)
      .where('id', '=', id)
      .executeTakeFirst();
    const risk = await this.db
      .selectFrom('decisions_accounts')
      .selectAll()
      .where('platform', '=', platform)
      .where('account_id', '=', id)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    if (!account && !risk) throw new NotFoundError(`no account ${platform}:${id}`, { field: 'id' });
    const recreationOf = await this.db
      .selectFrom('decisions_evasion')
      .select(['suspended_account_id', 'score', 'flagged_at'])
      .where('platform', '=', platform)
      .where('account_id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    const recreatedAs = await this.db
      .selectFrom('decisions_evasion')
      .select(['account_id', 'score', 'flagged_at'])
      .where('platform', '=', platform)
      .where('suspended_account_id', '=', id)
      .execute();
    return {
      platform,
      id,
      profile: account
        ? {
            handle: account.handle,
            name: account.name,
            bio: account.bio,
            lang: account.lang,
            followers: account.followers_count === null ? null : Number(account.followers_count),
            createdAt: account.created_at,
          }
        : null,
      risk: risk
        ? {
            risk: risk.risk,
            label: risk.label,
            flaggedAt: risk.flagged_at,
            evidence: parse(risk.evidence),
            version: risk.version,
          }
        : null,
      lineage: {
        recreationOf: recreationOf.map((r) => ({
          accountId: r.suspended_account_id,
          score: r.score,
          flaggedAt: r.flagged_at,
        })),
        recreatedAs: recreatedAs.map((r) => ({
          accountId: r.account_id,
          score: r.score,
          flaggedAt: r.flagged_at,
        })),
      },
    };
  }

  /** Campaigns (latest version of each), most recent first. */
  async campaigns(limit = 100) {
    const rows = await this.db.selectFrom('campaigns').selectAll().orderBy('detected_at', 'desc').execute();
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of rows) {
      const prev = latest.get(r.id);
      if (!prev || prev.version < r.version) latest.set(r.id, r);
    }
    return [...latest.values()].slice(0, limit).map((r) => ({
      id: r.id,
      kind: r.kind,
      hashtags: parse(r.hashtags),
      accounts: parse(r.accounts),
      postCount: Number(r.post_count),
      startedAt: r.started_at,
      detectedAt: r.detected_at,
      extremistShare: r.extremist_share,
      evidence: parse(r.evidence),
    }));
  }

  /** Hashtags of a period by flagged posts (then posts), summed over hourly buckets. */
  async hashtags(f: { from?: string | undefined; to?: string | undefined; limit?: number | undefined }) {
    let q = this.db
      .selectFrom('hashtag_buckets')
      .select((eb) => [
        'hashtag_key',
        eb.fn.max('hashtag').as('hashtag'),
        eb.fn.sum<number>('posts').as('posts'),
        eb.fn.sum<number>('flagged_posts').as('flagged_posts'),
      ])
      .groupBy('hashtag_key')
      .orderBy('flagged_posts', 'desc')
      .orderBy('posts', 'desc')
      .orderBy('hashtag_key')
      .limit(Math.min(Math.max(f.limit ?? 50, 1), 500));
    if (f.from) q = q.where('bucket_start', '>=', f.from);
    if (f.to) q = q.where('bucket_start', '<', f.to);
    const rows = await q.execute();
    return rows.map((r) => {
      const posts = Number(r.posts);
      const flagged = Number(r.flagged_posts);
      return {
        key: r.hashtag_key,
        hashtag: r.hashtag,
        posts,
        flaggedPosts: flagged,
        flaggedShare: posts ? flagged / posts : 0,
      };
    });
  }

  /** The hourly time series of one hashtag (by its key, see hashtagKey). */
  async hashtagSeries(key: string, f: { from?: string | undefined; to?: string | undefined }) {
    let q = this.db
      .selectFrom('hashtag_buckets')
      .selectAll()
      .where('hashtag_key', '=', key)
      .orderBy('bucket_start');
    if (f.from) q = q.where('bucket_start', '>=', f.from);
    if (f.to) q = q.where('bucket_start', '<', f.to);
    const rows = await q.limit(10_000).execute();
    return rows.map((r) => ({
      bucketStart: r.bucket_start,
      posts: Number(r.posts),
      accounts: Number(r.accounts),
      flaggedPosts: Number(r.flagged_posts),
      flaggedShare: r.flagged_share,
    }));
  }
}
