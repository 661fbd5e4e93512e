import { z } from 'zod';
import { ModelRegistry } from '../classify/feedback-models.js';
import { defineRoute, type RouteDef } from './route.js';

// The model registry (src/classify/feedback-models.ts): promotion changes what the pipeline flags,
// so both routes are admin-only, and promotion is audited.

const ModelParams = z.object({ id: z.string().min(1).max(64) });

export const MODEL_ROUTES: RouteDef[] = [
  defineRoute({
    method: 'GET',
    url: '/v1/models',
    access: 'admin',
    summary: 'Registered models, newest first, with the active (latest promoted) one',
    tag: 'models',
    schema: {},
    handler: async (_in, deps) => {
      const registry = new ModelRegistry(deps.database, deps.review.now);
      return { items: await registry.list(), active: (await registry.active())?.id ?? null };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/models/:id/promote',
    access: 'admin',
    summary: 'Promote a registered model: the pipeline uses it from its next start (audited)',
    tag: 'models',
    limit: 'write',
    schema: { params: ModelParams },
    handler: async ({ params, actor }, deps) => {
      if (!actor) throw new Error('route declared with a role ran without an actor');
      return new ModelRegistry(deps.database, deps.review.now).promote(actor, params.id);
    },
  }),
];
