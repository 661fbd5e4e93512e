import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import { createHash } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { NotFoundError, RateLimitedError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { BankService } from '../match/index.js';
import { createReviewServices, type ReviewOptions } from '../review/index.js';
import type { Database } from '../store/index.js';
import { authenticate, requestKey } from './auth.js';
import type { ServerDeps } from './deps.js';
import { errorHandler } from './errors.js';
import type { Limit, RouteDef } from './route.js';
import { ROUTES } from './routes.js';

export interface RateLimitSetting {
  max: number;
  timeWindowMs: number;
}

export interface ServerOptions {
  logger?: Logger;
  review?: ReviewOptions;
  limits?: Partial<Record<Limit, RateLimitSetting>>;
  /** Largest request body (default 64 MiB: an ingestion batch). */
  bodyLimit?: number;
}

export const DEFAULT_LIMITS: Record<Limit, RateLimitSetting> = {
  write: { max: 600, timeWindowMs: 60_000 },
  public: { max: 10, timeWindowMs: 60_000 },
};

const RAW_TYPES = [
  'application/x-ndjson',
  'application/jsonl',
  'text/plain',
  'text/csv',
  'application/octet-stream',
];

// Limits count per key when there is one (hashed: the key itself never becomes a map key), else per address.
const limitKey = (req: FastifyRequest): string => {
  const key = requestKey(req);
  return key ? `k:${createHash('sha256').update(key).digest('hex').slice(0, 32)}` : `ip:${req.ip}`;
};

/** Builds the API (not listening): tests call `app.inject()`, `marsad serve` calls `listen`. */
export const buildServer = async (database: Database, opts: ServerOptions = {}): Promise<FastifyInstance> => {
  const logger = opts.logger ?? silentLogger();
  const deps: ServerDeps = {
    database,
    review: createReviewServices(database, { logger, ...opts.review }),
    banks: new BankService(database),
  };
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };

  const app: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: opts.bodyLimit ?? 64 * 1024 * 1024,
    // Queue item ids carry platform and post ids; the schemas bound them, not the router.
    routerOptions: { maxParamLength: 1024 },
    // Errors the router raises before any route runs get the same format.
    frameworkErrors: (err, req, reply) => errorHandler(err, req, reply),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req) => {
    throw new NotFoundError(`no route ${req.method} ${req.url.split('?')[0] ?? ''}`);
  });
  app.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  await app.register(rateLimit, {
    global: false,
    keyGenerator: limitKey,
    errorResponseBuilder: (_req, ctx) =>
      new RateLimitedError(`too many requests: at most ${ctx.max} per ${ctx.after}`),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Marsad moderation API',
        version: '0.1.0',
        description:
          'Every route states its minimum role (x-marsad-role). Send the key as `Authorization: Bearer KEY`. ' +
          'Errors: `{error: {code, message, details?}}`.',
      },
      components: {
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  // Swagger UI ships its assets in the package: the docs work offline.
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  for (const route of ROUTES) registerRoute(app, route, deps, limits);

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return app;
};

const registerRoute = (
  app: FastifyInstance,
  route: RouteDef,
  deps: ServerDeps,
  limits: Record<Limit, RateLimitSetting>,
): void => {
  const limit = route.limit ? limits[route.limit] : undefined;
  app.route({
    method: route.method,
    url: route.url,
    schema: {
      ...route.schema,
      summary: route.summary,
      tags: [route.tag],
      ...(route.access === 'public' ? {} : { security: [{ apiKey: [] }] }),
      'x-marsad-role': route.access,
    } as never,
    ...(limit ? { config: { rateLimit: { max: limit.max, timeWindow: limit.timeWindowMs } } } : {}),
    onRequest: authenticate(deps.review.keys, route.access),
    handler: async (req, reply) => {
      const result = await route.handler(
        {
          params: req.params as never,
          query: req.query as never,
          body: req.body as never,
          actor: req.actor,
          req,
          reply,
        },
        deps,
      );
      if (route.status) void reply.code(route.status);
      return result;
    },
  });
};
