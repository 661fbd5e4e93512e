import { z } from 'zod';
import { BUCKETS, ObserveService } from '../observe/index.js';
import type { ServerDeps } from './deps.js';
import { defineRoute, type RouteDef, type RouteSchemas } from './route.js';

// The observatory's read routes (docs/api.md "Observatory"): thin handlers over src/observe, all at
// the lowest read role.

const isoTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
const Span = { from: isoTime.optional(), to: isoTime.optional() };
const Bucket = z.enum(BUCKETS);
const limit = (max: number) => z.coerce.number().int().min(1).max(max).optional();

const OverviewQuery = z.object({
  ...Span,
  bucket: Bucket.default('day'),
  platform: z.string().min(1).max(64).optional(),
  lang: z.string().min(1).max(16).optional(),
});
const HashtagsQuery = z.object({ ...Span, limit: limit(500) });
const HashtagQuery = z.object({ ...Span, bucket: Bucket.default('hour') });
const HashtagParams = z.object({ key: z.string().min(1).max(200) });
const CampaignsQuery = z.object({ ...Span, kind: z.string().min(1).max(64).optional(), limit: limit(500) });
const CampaignParams = z.object({ id: z.string().min(1).max(256) });
const AccountsQuery = z.object({ q: z.string().trim().min(1).max(200), limit: limit(100) });
const AccountParams = z.object({ platform: z.string().min(1).max(64), id: z.string().min(1).max(256) });
const AccountQuery = z.object({ posts: limit(200) });

// One service per database (the server builds its deps once; app.ts is not ours to change).
const services = new WeakMap<ServerDeps['database'], ObserveService>();
const observe = (deps: ServerDeps): ObserveService => {
  let s = services.get(deps.database);
  if (!s) services.set(deps.database, (s = new ObserveService(deps.database, () => deps.review.now())));
  return s;
};

/** A route of the observatory: a GET at the lowest read role. */
const observeGet = <S extends RouteSchemas>(def: Omit<RouteDef<S>, 'method' | 'access' | 'tag'>): RouteDef =>
  defineRoute<S>({ method: 'GET', access: 'viewer', tag: 'observe', ...def });

export const OBSERVE_ROUTES: RouteDef[] = [
  observeGet({
    url: '/v1/observe/overview',
    summary:
      'Dashboard overview: zero-filled series, totals, previous period, breakdowns, change points, top hashtags and campaigns',
    schema: { querystring: OverviewQuery },
    handler: async ({ query }, deps) => observe(deps).overview(query),
  }),
  observeGet({
    url: '/v1/observe/hashtags',
    summary: 'Top hashtags of a period (flagged posts, then posts)',
    schema: { querystring: HashtagsQuery },
    handler: async ({ query }, deps) => observe(deps).hashtags(query),
  }),
  observeGet({
    url: '/v1/observe/hashtags/:key',
    summary: 'One hashtag: volume and dominance per bucket, with raid and hijack markers',
    schema: { params: HashtagParams, querystring: HashtagQuery },
    handler: async ({ params, query }, deps) => observe(deps).hashtag(params.key, query),
  }),
  observeGet({
    url: '/v1/observe/campaigns',
    summary: 'Campaigns active in a period, most recently active first',
    schema: { querystring: CampaignsQuery },
    handler: async ({ query }, deps) => observe(deps).campaigns(query),
  }),
  observeGet({
    url: '/v1/observe/campaigns/:id',
    summary: 'One campaign: record, network graph, timeline, evidence, review queue item',
    schema: { params: CampaignParams },
    handler: async ({ params }, deps) => observe(deps).campaign(params.id),
  }),
  observeGet({
    url: '/v1/observe/accounts',
    summary: 'Search accounts by id, handle or name (Arabic-aware normalisation)',
    schema: { querystring: AccountsQuery },
    handler: async ({ query }, deps) => observe(deps).searchAccounts(query.q, query.limit),
  }),
  observeGet({
    url: '/v1/observe/accounts/:platform/:id',
    summary: 'One account: profile, risk history, evidence, posts with explanations, re-creation lineage',
    schema: { params: AccountParams, querystring: AccountQuery },
    handler: async ({ params, query }, deps) =>
      observe(deps).account(params.platform, params.id, query.posts),
  }),
];
