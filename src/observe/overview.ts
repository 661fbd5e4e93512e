import type { Db } from '../store/index.js';
import {
  DAY_MS,
  baseKeyMs,
  baseOf,
  bucketStarts,
  floorTo,
  iso,
  previousPeriod,
  resolvePeriod,
  type Bucket,
} from './buckets.js';
import { topCampaigns } from './campaigns.js';
import { findChangePoints, type ChangePoint } from './change-points.js';
import { compare, type Comparison } from './comparison.js';
import { topHashtags } from './hashtags.js';
import {
  countEngagement,
  countFlagged,
  countNewAccounts,
  countPosts,
  countRecreations,
  countSuspensions,
  streamBounds,
  type AccountRow,
  type DimRow,
} from './overview-queries.js';
import { METRICS, type Metric } from './texts.js';

// GET /v1/observe/overview: the dashboard's first screen. Definitions of every number: docs/api.md.

export interface OverviewQuery {
  bucket: Bucket;
  from?: string | undefined;
  to?: string | undefined;
  platform?: string | undefined;
  lang?: string | undefined;
}

export type Totals = Record<Metric, number>;
type Point = [string, number];

/** Metrics whose change points are reported. */
const CHANGE_METRICS: Metric[] = ['flagged_posts', 'active_flagged_accounts', 'flagged_engagement', 'posts'];
/** Metrics whose comparison makes the headline sentence. */
const HEADLINE: Metric[] = ['flagged_posts', 'flagged_engagement'];
/** History read before `from` so that the first buckets have a change-point baseline. */
const HISTORY_MS: Record<Bucket, number> = { hour: 7 * DAY_MS, day: 7 * DAY_MS, week: 28 * DAY_MS };

const zero = (): Totals => Object.fromEntries(METRICS.map((m) => [m, 0])) as Totals;

interface MetricRows {
  additive: Partial<Record<Metric, DimRow[]>>;
  flagged: AccountRow[];
}

/** Totals of the rows whose base bucket is in `[from, to)`, grouped by `key` (one group: `''`). */
const totalsBy = (rows: MetricRows, from: number, to: number, key: (r: DimRow) => string) => {
  const out = new Map<string, Totals>();
  const get = (k: string) => {
    let t = out.get(k);
    if (!t) out.set(k, (t = zero()));
    return t;
  };
  for (const [metric, list] of Object.entries(rows.additive) as Array<[Metric, DimRow[]]>) {
    for (const r of list) {
      const t = baseKeyMs(r.b);
      if (t >= from && t < to) get(key(r))[metric] += r.n;
    }
  }
  const accounts = new Map<string, Set<string>>();
  for (const r of rows.flagged) {
    const t = baseKeyMs(r.b);
    if (t < from || t >= to) continue;
    const k = key(r);
    get(k).flagged_posts += r.n;
    let set = accounts.get(k);
    if (!set) accounts.set(k, (set = new Set()));
    set.add(`${r.platform}\u0000${r.account}`);
  }
  for (const [k, set] of accounts) get(k).active_flagged_accounts = set.size;
  return out;
};

/** Per-bucket values of every metric over `starts` (zero-filled). */
const seriesOf = (rows: MetricRows, starts: number[], bucket: Bucket): Record<Metric, number[]> => {
  const index = new Map(starts.map((t, i) => [t, i]));
  const out = Object.fromEntries(METRICS.map((m) => [m, new Array<number>(starts.length).fill(0)])) as Record<
    Metric,
    number[]
  >;
  const slot = (b: string) => index.get(floorTo(baseKeyMs(b), bucket));
  for (const [metric, list] of Object.entries(rows.additive) as Array<[Metric, DimRow[]]>) {
    for (const r of list) {
      const i = slot(r.b);
      if (i !== undefined) out[metric][i]! += r.n;
    }
  }
  const sets = starts.map(() => new Set<string>());
  for (const r of rows.flagged) {
    const i = slot(r.b);
    if (i === undefined) continue;
    out.flagged_posts[i]! += r.n;
    sets[i]!.add(`${r.platform}\u0000${r.account}`);
  }
  sets.forEach((s, i) => (out.active_flagged_accounts[i] = s.size));
  return out;
};

export const overview = async (db: Db, q: OverviewQuery, clock: () => Date) => {
  const bounds = await streamBounds(db);
  const now = bounds.latest ? Date.parse(bounds.latest) : clock().getTime();
  const earliest = bounds.earliest ? Date.parse(bounds.earliest) : undefined;
  const period = resolvePeriod(q, now, earliest);
  const prev = previousPeriod(period.from, period.to);
  const base = baseOf(q.bucket);
  const readFrom = floorTo(Math.min(prev.from, period.from - HISTORY_MS[q.bucket]), q.bucket);
  const [from, to] = [iso(readFrom), iso(period.to)];

  const [posts, flagged, newAccounts, suspensions, recreations, engagement] = await Promise.all([
    countPosts(db, from, to),
    countFlagged(db, base, from, to),
    countNewAccounts(db, base, from, to),
    countSuspensions(db, base, from, to),
    countRecreations(db, base, from, to),
    countEngagement(db, base, from, to),
  ]);
  const keep = <R extends DimRow>(rows: R[]) =>
    rows.filter((r) => (!q.platform || r.platform === q.platform) && (!q.lang || r.lang === q.lang));
  const rows: MetricRows = {
    additive: {
      posts: keep(posts),
      new_accounts: keep(newAccounts),
      suspensions: keep(suspensions),
      recreations: keep(recreations),
      flagged_engagement: keep(engagement),
    },
    flagged: keep(flagged),
  };

  const allStarts = bucketStarts(readFrom, period.to, q.bucket);
  const series = seriesOf(rows, allStarts, q.bucket);
  const shown = allStarts.findIndex((t) => t === period.from);

  const totals = totalsBy(rows, period.from, period.to, () => '').get('') ?? zero();
  const previous = totalsBy(rows, prev.from, prev.to, () => '').get('') ?? zero();
  const change = Object.fromEntries(
    METRICS.map((m) => [m, previous[m] > 0 ? totals[m] / previous[m] : null]),
  ) as Record<Metric, number | null>;

  const changePoints: ChangePoint[] = CHANGE_METRICS.flatMap((metric) =>
    findChangePoints({
      metric,
      bucket: q.bucket,
      starts: allStarts,
      values: series[metric],
      from: period.from,
      now,
      dataFrom: earliest,
    }),
  ).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  const span = { from: period.from, to: period.to, prevFrom: prev.from };
  const comparisons = METRICS.map((m) => compare(m, totals[m], previous[m], span)).filter(
    (c): c is Comparison => c !== undefined,
  );
  const headline = HEADLINE.map((m) => comparisons.find((c) => c.metric === m)).filter(
    (c): c is Comparison => c !== undefined,
  );

  const [hashtags, campaigns] = await Promise.all([
    topHashtags(db, { from: iso(period.from), to: iso(period.to), limit: 10 }),
    topCampaigns(db, { from: iso(period.from), to: iso(period.to), limit: 10 }),
  ]);

  return {
    bucket: q.bucket,
    from: iso(period.from),
    to: iso(period.to),
    now: iso(now),
    filters: { platform: q.platform ?? null, lang: q.lang ?? null },
    series: Object.fromEntries(
      METRICS.map((m) => [m, period.starts.map((t, i): Point => [iso(t), series[m][shown + i] ?? 0])]),
    ) as Record<Metric, Point[]>,
    totals,
    previous: { from: iso(prev.from), to: iso(prev.to), totals: previous },
    change,
    comparisons,
    comparison_text: {
      en: headline.map((c) => c.text_en).join('. '),
      ar: headline.map((c) => c.text_ar).join('. '),
    },
    by_platform: Object.fromEntries(totalsBy(rows, period.from, period.to, (r) => r.platform)),
    by_lang: Object.fromEntries(totalsBy(rows, period.from, period.to, (r) => r.lang)),
    change_points: changePoints,
    top_hashtags: hashtags.map((h) => ({
      key: h.key,
      display: h.display,
      posts: h.posts,
      flagged_posts: h.flagged_posts,
      flagged_share: h.flagged_share,
    })),
    top_campaigns: campaigns,
  };
};
