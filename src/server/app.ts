import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { NotFoundError, RateLimitedError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { BankService } from '../match/index.js';
import type { LivePipeline } from '../pipeline/live.js';
import { createReviewServices, type ReviewOptions } from '../review/index.js';
import type { Database } from '../store/index.js';
import { authenticate, requestKey } from './auth.js';
import type { EventIngest, ServerDeps } from './deps.js';
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
  /** Runs the detectors on what POST /v1/events stores (src/pipeline/live.ts). */
  live?: LivePipeline | undefined;
  /** Distributed mode: POST /v1/events publishes to JetStream (src/dist). */
  eventIngest?: EventIngest | undefined;
  /** The built dashboard served at `/` (default web/dist; false: none). */
  webRoot?: string | false;
}

/** `npm run build` writes the dashboard here (the same path from src/server and dist/server). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));
const API_PATH = /^\/(v1|docs|openapi\.json|health)(\/|$|\?)/;

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
    live: opts.live,
    eventIngest: opts.eventIngest,
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
  const webRoot = opts.webRoot === undefined ? DEFAULT_WEB_ROOT : opts.webRoot;
  const web = webRoot !== false && existsSync(`${webRoot}/index.html`) ? webRoot : undefined;
  app.setNotFoundHandler((req, reply) => {
    // The dashboard routes in the browser: any other page a browser asks for gets its index.html.
    if (web && (req.method === 'GET' || req.method === 'HEAD') && !API_PATH.test(req.url))
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .sendFile('index.html');
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
  if (web) {
    await app.register(fastifyStatic, {
      root: web,
      // The build writes .br/.gz beside each asset (web/vite.config.ts): sent as-is when accepted.
      preCompressed: true,
      cacheControl: false,
      // Hashed assets never change; index.html must be revalidated to pick up a new build.
      setHeaders: (res, file) =>
        res.setHeader(
          'cache-control',
          file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    });
  }

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
