import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import { readAudit, syncQueueFromDecisions, type Actor } from '../review/index.js';
import { ingestBody } from './ingest-body.js';
import { ACTION_ROUTES } from './routes-actions.js';
import { OBSERVE_ROUTES } from './routes-observe.js';
import { LIVE_ROUTES } from './routes-live.js';
import { MODEL_ROUTES } from './routes-models.js';
import { defineRoute, type RouteDef } from './route.js';
import {
  AssignBody,
  AuditQuery,
  BulkDecisionBody,
  ClaimBody,
  DecisionBody,
  EventsQuery,
  HashtagParams,
  ItemParams,
  KeyBody,
  KeyParams,
  PeriodQuery,
  PostsQuery,
  QueueQuery,
  SubjectParams,
} from './schemas.js';

// Every route of the API with the minimum role it needs, in one table: the server registers these,
// the OpenAPI document describes them, and test/server/role-matrix walks them.

const who = (actor: Actor | undefined): Actor => {
  if (!actor) throw new Error('route declared with a role ran without an actor');
  return actor;
};

export const ROUTES: RouteDef[] = [
  defineRoute({
    method: 'GET',
    url: '/health',
    access: 'public',
    summary: 'Liveness and database check',
    tag: 'service',
    schema: {},
    handler: async ({ reply }, deps) => {
      await deps.database.db.selectFrom('api_keys').select('id').limit(1).execute();
      if (!deps.eventIngest) return { ok: true, dialect: deps.database.dialect };
      // Distributed mode: the event bus too; unhealthy answers 503 so that balancers stop routing here.
      const checks = await deps.eventIngest.health();
      const ok = Object.values(checks).every(Boolean);
      if (!ok) void reply.code(503);
      return { ok, dialect: deps.database.dialect, database: true, ...checks };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/metrics',
    // Scrapers send a viewer key (Prometheus: `authorization` in the scrape config).
    access: 'viewer',
    summary: 'Prometheus metrics (distributed mode): events/s, decisions/s, consumer lag, errors',
    tag: 'service',
    schema: {},
    handler: async ({ reply }, deps) => {
      if (!deps.eventIngest)
        throw new NotFoundError('metrics are served in distributed mode (serve --mode distributed)');
      const m = await deps.eventIngest.metrics();
      void reply.type(m.contentType);
      return m.text;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/whoami',
    access: 'viewer',
    summary: 'The key making the request',
    tag: 'service',
    schema: {},
    handler: async ({ actor }) => ({ id: who(actor).id, name: who(actor).name, role: who(actor).role }),
  }),

  // Ingestion and reads.
  defineRoute({
    method: 'POST',
    url: '/v1/events',
    access: 'analyst',
    summary:
      'Ingest events: NDJSON, a JSON array, or any connector format (per-record errors returned); ' +
      'new events go to the live detectors, and a full live queue answers 503 with Retry-After',
    tag: 'ingest',
    limit: 'write',
    rawBody: true,
    schema: { querystring: EventsQuery },
    handler: async ({ query, req }, deps) =>
      deps.eventIngest
        ? deps.eventIngest.ingest(req.body, query)
        : ingestBody(deps.database, req.body, query, deps.live),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/posts',
    access: 'viewer',
    summary: 'Search posts with their decisions',
    tag: 'read',
    schema: { querystring: PostsQuery },
    handler: async ({ query }, deps) => deps.review.reads.posts({ ...query, accountId: query.account }),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/accounts/:platform/:id',
    access: 'viewer',
    summary: 'An account with risk, evidence and re-creation lineage',
    tag: 'read',
    schema: { params: SubjectParams },
    handler: async ({ params }, deps) => deps.review.reads.account(params.platform, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/campaigns',
    access: 'viewer',
    summary: 'Detected campaigns (latest version of each)',
    tag: 'read',
    schema: { querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() }) },
    handler: async ({ query }, deps) => ({ items: await deps.review.reads.campaigns(query.limit) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/hashtags',
    access: 'viewer',
    summary: 'Hashtags of a period by flagged posts',
    tag: 'read',
    schema: { querystring: PeriodQuery },
    handler: async ({ query }, deps) => ({ items: await deps.review.reads.hashtags(query) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/hashtags/:key/series',
    access: 'viewer',
    summary: 'Hourly time series of one hashtag (posts, accounts, flagged share)',
    tag: 'read',
    schema: { params: HashtagParams, querystring: PeriodQuery },
    handler: async ({ params, query }, deps) => ({
      items: await deps.review.reads.hashtagSeries(params.key, query),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/banks',
    access: 'viewer',
    summary: 'Hash banks with their entry counts',
    tag: 'read',
    schema: {},
    handler: async (_in, deps) => ({ items: await deps.banks.listBanks() }),
  }),

  // Review queue.
  defineRoute({
    method: 'GET',
    url: '/v1/queue',
    access: 'analyst',
    summary: 'Queue items by priority (risk × reach × reporters × recency), filtered, cursor-paginated',
    tag: 'queue',
    schema: { querystring: QueueQuery },
    handler: async ({ query }, deps) => deps.review.queue.list(query),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/queue/:id',
    access: 'analyst',
    summary: 'One queue item',
    tag: 'queue',
    schema: { params: ItemParams },
    handler: async ({ params }, deps) => deps.review.queue.get(params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/queue/sync',
    access: 'moderator',
    summary: "Create queue items from the pipeline's decisions (idempotent)",
    tag: 'queue',
    limit: 'write',
    schema: {},
    handler: async (_in, deps) => syncQueueFromDecisions(deps.database, deps.review.now()),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/queue/:id/claim',
    access: 'moderator',
    summary: 'Claim an item for review (freed after the timeout if abandoned)',
    tag: 'queue',
    limit: 'write',
    schema: { params: ItemParams, body: ClaimBody },
    handler: async ({ params, body, actor }, deps) =>
      deps.review.queue.claim(
        who(actor),
        params.id,
        body?.ttlSeconds ? { ttlMs: body.ttlSeconds * 1000 } : {},
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/queue/:id/assign',
    access: 'moderator',
    summary: 'Assign an item to another key',
    tag: 'queue',
    limit: 'write',
    schema: { params: ItemParams, body: AssignBody },
    handler: async ({ params, body, actor }, deps) => {
      const key = (await deps.review.keys.list()).find((k) => k.id === body.keyId && k.revokedAt === null);
      if (!key) throw new NotFoundError(`no active API key ${body.keyId}`, { field: 'body.keyId' });
      return deps.review.queue.claim(who(actor), params.id, {
        assignee: { id: key.id, name: key.name, role: key.role },
        ...(body.ttlSeconds ? { ttlMs: body.ttlSeconds * 1000 } : {}),
      });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/queue/:id/release',
    access: 'moderator',
    summary: 'Give up a claim',
    tag: 'queue',
    limit: 'write',
    schema: { params: ItemParams },
    handler: async ({ params, actor }, deps) => deps.review.queue.release(who(actor), params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/queue/:id/decision',
    access: 'moderator',
    summary: 'Decide an item: confirm, dismiss or escalate, with a reason code and note',
    tag: 'queue',
    limit: 'write',
    schema: { params: ItemParams, body: DecisionBody },
    handler: async ({ params, body, actor }, deps) => deps.review.queue.decide(who(actor), params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/queue/bulk-decision',
    access: 'moderator',
    summary: 'Decide every undecided item of a campaign or a re-creation lineage',
    tag: 'queue',
    limit: 'write',
    schema: { body: BulkDecisionBody },
    handler: async ({ body, actor }, deps) => deps.review.queue.bulkDecide(who(actor), body.target, body),
  }),

  // Administration.
  defineRoute({
    method: 'GET',
    url: '/v1/keys',
    access: 'admin',
    summary: 'API keys (never the keys themselves)',
    tag: 'admin',
    schema: {},
    handler: async (_in, deps) => ({ items: await deps.review.keys.list() }),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/keys',
    access: 'admin',
    summary: 'Create an API key; the key is in this response only',
    tag: 'admin',
    limit: 'write',
    status: 201,
    schema: { body: KeyBody },
    handler: async ({ body, actor }, deps) => {
      const { key, info } = await deps.review.keys.create(who(actor), body);
      return { ...info, key };
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/keys/:id',
    access: 'admin',
    summary: 'Revoke an API key',
    tag: 'admin',
    limit: 'write',
    schema: { params: KeyParams },
    handler: async ({ params, actor }, deps) => deps.review.keys.revoke(who(actor), params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/audit',
    access: 'admin',
    summary: 'The append-only audit log, oldest first (cursor: `after` = last id seen)',
    tag: 'admin',
    schema: { querystring: AuditQuery },
    handler: async ({ query }, deps) => {
      const items = await readAudit(deps.database.db, { ...query, limit: query.limit ?? 100 });
      const last = items[items.length - 1];
      return { items, nextAfter: last ? last.id : null };
    },
  }),
  ...ACTION_ROUTES,
  ...OBSERVE_ROUTES,
  ...LIVE_ROUTES,
  ...MODEL_ROUTES,
];
