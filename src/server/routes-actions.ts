import { z } from 'zod';
import { transparencyCsv, transparencyHtml, transparencyReport, type Actor } from '../review/index.js';
import { defineRoute, type RouteDef } from './route.js';
import {
  ActionBody,
  AppealBody,
  AppealDecisionBody,
  AppealsQuery,
  ItemParams,
  OutboxParams,
  OutboxQuery,
  ReportBody,
  TransparencyQuery,
  WebhookBody,
} from './schemas.js';

// Routes of actions, webhooks, appeals and user reports (part of the one route table, see routes.ts).

const who = (actor: Actor | undefined): Actor => {
  if (!actor) throw new Error('route declared with a role ran without an actor');
  return actor;
};

export const ACTION_ROUTES: RouteDef[] = [
  defineRoute({
    method: 'POST',
    url: '/v1/actions',
    access: 'moderator',
    summary: 'Take an action (suspend, remove, label, limit_reach, redirect); returns the appeal token once',
    tag: 'actions',
    limit: 'write',
    status: 201,
    schema: { body: ActionBody },
    handler: async ({ body, actor }, deps) => deps.review.actions.take(who(actor), body),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/actions',
    access: 'analyst',
    summary: 'Recent actions',
    tag: 'actions',
    schema: { querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() }) },
    handler: async ({ query }, deps) => ({ items: await deps.review.actions.list(query.limit) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/actions/:id',
    access: 'analyst',
    summary: 'One action',
    tag: 'actions',
    schema: { params: ItemParams },
    handler: async ({ params }, deps) => deps.review.actions.get(params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/webhooks',
    access: 'admin',
    summary: 'Register a webhook receiver; the signing secret is in this response only',
    tag: 'webhooks',
    limit: 'write',
    status: 201,
    schema: { body: WebhookBody },
    handler: async ({ body, actor }, deps) => deps.review.webhooks.register(who(actor), body),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/webhooks',
    access: 'admin',
    summary: 'Webhook receivers',
    tag: 'webhooks',
    schema: {},
    handler: async (_in, deps) => ({ items: await deps.review.webhooks.list() }),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/webhooks/outbox',
    access: 'admin',
    summary: 'Deliveries; status=dead is the dead-letter list',
    tag: 'webhooks',
    schema: { querystring: OutboxQuery },
    handler: async ({ query }, deps) => ({ items: await deps.review.webhooks.outbox(query.status) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/webhooks/outbox/:id/retry',
    access: 'admin',
    summary: 'Send a dead letter again',
    tag: 'webhooks',
    limit: 'write',
    schema: { params: OutboxParams },
    handler: async ({ params, actor }, deps) => deps.review.webhooks.retry(who(actor), params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/appeals',
    access: 'public',
    summary: 'Appeal an action with the token given to the affected account',
    tag: 'appeals',
    limit: 'public',
    status: 201,
    schema: { body: AppealBody },
    handler: async ({ body }, deps) => {
      const appeal = await deps.review.appeals.file(body.token, body.statement);
      return { id: appeal.id, status: appeal.status };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/appeals',
    access: 'moderator',
    summary: 'Appeals',
    tag: 'appeals',
    schema: { querystring: AppealsQuery },
    handler: async ({ query }, deps) => ({ items: await deps.review.appeals.list(query.status) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/appeals/stats',
    access: 'viewer',
    summary: 'Appeals and overturns counted',
    tag: 'appeals',
    schema: {},
    handler: async (_in, deps) => deps.review.appeals.stats(),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/appeals/:id/decision',
    access: 'moderator',
    summary: 'Decide an appeal (uphold or overturn); not by the moderator who acted',
    tag: 'appeals',
    limit: 'write',
    schema: { params: ItemParams, body: AppealDecisionBody },
    handler: async ({ params, body, actor }, deps) => deps.review.appeals.decide(who(actor), params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/reports',
    access: 'public',
    summary: 'Report a post or an account (one report per reporter and subject)',
    tag: 'reports',
    limit: 'public',
    status: 202,
    schema: { body: ReportBody },
    handler: async ({ body, req }, deps) => {
      const r = await deps.review.reports.submit(body, req.ip);
      return { accepted: r.accepted, duplicate: r.duplicate };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/transparency',
    access: 'viewer',
    summary: 'Transparency report for [from, to): JSON, CSV or a printable HTML page',
    tag: 'reports',
    schema: { querystring: TransparencyQuery },
    handler: async ({ query, reply }, deps) => {
      const report = await transparencyReport(deps.database, query.from, query.to);
      if (query.format === 'csv') {
        void reply.type('text/csv; charset=utf-8');
        return transparencyCsv(report);
      }
      if (query.format === 'html') {
        void reply.type('text/html; charset=utf-8');
        return transparencyHtml(report);
      }
      return report;
    },
  }),
];
