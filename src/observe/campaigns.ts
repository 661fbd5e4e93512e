import { NotFoundError } from '../errors.js';
import { hashtagKey } from '../pipeline/hashtags.js';
import type { Db } from '../store/index.js';
import { HOUR_MS, DAY_MS, bucketStarts, floorTo, iso } from './buckets.js';
import { buildGraph, type GraphPost } from './graph.js';

// Campaigns as the dashboard shows them: the latest version of each campaign record, with when it
// was first and last active (earliest `started_at`, latest version's stream time). Campaigns merged
// into another are left out of lists (their last record mirrors the one they joined).

export interface CampaignSummary {
  id: string;
  kind: string;
  hashtags: string[];
  accounts: number;
  posts: number;
  extremist_share: number;
  first_at: string;
  last_at: string;
  detected_at: string;
  versions: number;
  merged_into: string | null;
}

const parseList = (text: string): string[] => {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

/** `hashtag_raid` → `raid`, `hashtag_hijack` → `hijack`; other kinds as they are. */
export const markerKind = (kind: string): string =>
  kind === 'hashtag_raid' ? 'raid' : kind === 'hashtag_hijack' ? 'hijack' : kind;

const MERGED = /^merged into campaign (\S+)/;

type CampaignRow = {
  id: string;
  version: number;
  kind: string;
  hashtags: string;
  accounts: string;
  post_count: number | string;
  started_at: string;
  detected_at: string;
  extremist_share: number;
  evidence: string;
  decided_at: string;
};

const summarise = (versions: CampaignRow[]): { summary: CampaignSummary; latest: CampaignRow } => {
  let latest = versions[0]!;
  let first = latest.started_at;
  let last = latest.decided_at;
  for (const v of versions) {
    if (v.version > latest.version) latest = v;
    if (v.started_at < first) first = v.started_at;
    if (v.decided_at > last) last = v.decided_at;
  }
  const evidence = parseList(latest.evidence);
  const merged = evidence.map((e) => MERGED.exec(e)?.[1]).find((x) => x !== undefined);
  return {
    latest,
    summary: {
      id: latest.id,
      kind: latest.kind,
      hashtags: parseList(latest.hashtags),
      accounts: parseList(latest.accounts).length,
      posts: Number(latest.post_count),
      extremist_share: latest.extremist_share,
      first_at: first,
      last_at: last,
      detected_at: latest.detected_at,
      versions: versions.length,
      merged_into: merged ?? null,
    },
  };
};

/** Campaigns active in `[from, to)` (first activity before `to`, last at or after `from`), not merged. */
export const campaignsInPeriod = async (
  db: Db,
  f: { from: string; to: string; kind?: string | undefined },
): Promise<CampaignSummary[]> => {
  let q = db.selectFrom('campaigns').selectAll().where('started_at', '<', f.to);
  if (f.kind) q = q.where('kind', '=', f.kind);
  const rows = (await q.execute()) as CampaignRow[];
  const byId = new Map<string, CampaignRow[]>();
  for (const r of rows) {
    const list = byId.get(r.id);
    if (list) list.push(r);
    else byId.set(r.id, [r]);
  }
  return [...byId.values()]
    .map((v) => summarise(v).summary)
    .filter((c) => c.merged_into === null && c.last_at >= f.from);
};

/** The campaigns to look at now: by flagged posts (extremist share × posts), then posts. */
export const topCampaigns = async (db: Db, f: { from: string; to: string; limit: number }) =>
  (await campaignsInPeriod(db, f))
    .sort(
      (a, b) =>
        b.extremist_share * b.posts - a.extremist_share * a.posts ||
        b.posts - a.posts ||
        (a.id < b.id ? -1 : 1),
    )
    .slice(0, f.limit)
    .map((c) => ({
      id: c.id,
      kind: c.kind,
      accounts: c.accounts,
      posts: c.posts,
      extremist_share: c.extremist_share,
      first_at: c.first_at,
      last_at: c.last_at,
    }));

/** Campaigns of a period, most recently active first. */
export const listCampaigns = async (
  db: Db,
  f: { from: string; to: string; kind?: string | undefined; limit: number },
) =>
  (await campaignsInPeriod(db, f))
    .sort((a, b) => (a.last_at > b.last_at ? -1 : a.last_at < b.last_at ? 1 : a.id < b.id ? -1 : 1))
    .slice(0, f.limit);

/** Most accounts drawn in the network graph (by activity), edges kept, and posts read for it. */
export const GRAPH_NODES = 100;
export const GRAPH_EDGES = 500;
const MAX_POSTS = 20_000;
const MAX_ACCOUNTS = 1_000;

export const campaignDetail = async (db: Db, id: string) => {
  const versions = (await db
    .selectFrom('campaigns')
    .selectAll()
    .where('id', '=', id)
    .execute()) as CampaignRow[];
  if (versions.length === 0) throw new NotFoundError(`no campaign ${id}`, { field: 'id' });
  const { summary, latest } = summarise(versions);
  const ids = parseList(latest.accounts).slice(0, MAX_ACCOUNTS);

  // Account ids carry no platform: resolve them, preferring the platform most of them are on.
  const found: Array<{ platform: string; id: string; handle: string }> = [];
  for (let i = 0; i < ids.length; i += 500) {
    found.push(
      ...(await db
        .selectFrom('accounts')
        .select(['platform', 'id', 'handle'])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  const votes = new Map<string, number>();
  for (const a of found) votes.set(a.platform, (votes.get(a.platform) ?? 0) + 1);
  const platform = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  const handles = new Map(found.filter((a) => a.platform === platform).map((a) => [a.id, a.handle]));

  const posts: GraphPost[] = [];
  const windowEnd = iso(Date.parse(summary.last_at) + HOUR_MS);
  if (platform !== null) {
    for (let i = 0; i < ids.length && posts.length < MAX_POSTS; i += 200) {
      const rows = await db
        .selectFrom('posts')
        .select(['id', 'account_id', 'created_at', 'text', 'hashtags', 'repost_of'])
        .where('platform', '=', platform)
        .where('account_id', 'in', ids.slice(i, i + 200))
        .where('created_at', '>=', summary.first_at)
        .where('created_at', '<', windowEnd)
        .orderBy('created_at')
        .limit(MAX_POSTS - posts.length)
        .execute();
      for (const r of rows)
        posts.push({
          account: r.account_id,
          at: r.created_at,
          text: r.text,
          hashtags: parseList(r.hashtags).map(hashtagKey),
          repostOf: r.repost_of,
        });
    }
  }

  // Risk of each account: its latest account decision.
  const risk = new Map<string, number>();
  if (platform !== null) {
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('decisions_accounts')
        .select(['account_id', 'version', 'risk'])
        .where('platform', '=', platform)
        .where('account_id', 'in', ids.slice(i, i + 500))
        .execute();
      const best = new Map<string, number>();
      for (const r of rows) {
        if ((best.get(r.account_id) ?? -1) < r.version) {
          best.set(r.account_id, r.version);
          risk.set(r.account_id, r.risk);
        }
      }
    }
  }

  const tagKeys = new Set(summary.hashtags.map(hashtagKey));
  const inCampaign = tagKeys.size ? posts.filter((p) => p.hashtags.some((h) => tagKeys.has(h))) : posts;
  const graph = buildGraph(inCampaign.length ? inCampaign : posts, {
    nodes: GRAPH_NODES,
    edges: GRAPH_EDGES,
    describe: (account) => ({
      platform: platform ?? 'unknown',
      handle: handles.get(account) ?? null,
      risk: risk.get(account) ?? null,
    }),
  });

  const first = Date.parse(summary.first_at);
  const last = Date.parse(summary.last_at);
  const bucket = last - first <= 3 * DAY_MS ? 'hour' : 'day';
  const starts = bucketStarts(floorTo(first, bucket), last + 1, bucket);
  const index = new Map(starts.map((t, i) => [t, i]));
  const counts = new Array<number>(starts.length).fill(0);
  for (const p of inCampaign) {
    const i = index.get(floorTo(Date.parse(p.at), bucket));
    if (i !== undefined) counts[i]!++;
  }

  const item = await db
    .selectFrom('queue_items')
    .select(['id', 'status'])
    .where('id', '=', `campaign:${id}`)
    .executeTakeFirst();

  return {
    ...summary,
    platform,
    hashtags: summary.hashtags,
    account_ids: parseList(latest.accounts),
    evidence: parseList(latest.evidence),
    history: versions
      .sort((a, b) => a.version - b.version)
      .map((v) => ({
        version: v.version,
        at: v.decided_at,
        accounts: parseList(v.accounts).length,
        posts: Number(v.post_count),
        extremist_share: v.extremist_share,
      })),
    graph,
    timeline_bucket: bucket,
    /** Posts of the campaign's accounts per bucket (only posts with a campaign hashtag when it has any). */
    timeline: starts.map((t, i) => [iso(t), counts[i]!] as [string, number]),
    queue_item: item ? { id: item.id, status: item.status } : null,
    bulk_review: { campaignId: id },
  };
};
