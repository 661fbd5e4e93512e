import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { SYSTEM_ACTOR, createReviewServices, type WebhookService } from '../review/index.js';
import type { Logger } from '../logger.js';
import { ConfigError } from '../errors.js';
import { BankMatcher } from '../match/index.js';
import { resolveModelPath, type ClassifierSpec } from '../pipeline/classifier.js';
import { LivePipeline, type LiveOptions } from '../pipeline/live.js';
import type { WarmupOptions } from '../pipeline/live-replay.js';
import { defaultWorkerCount } from '../pipeline/pool.js';
import { DistIngest } from '../dist/ingest.js';
import type { DistSettings } from '../dist/bus.js';
import { buildServer, type ServerOptions } from './app.js';

export interface RunningServer {
  app: FastifyInstance;
  /** `http://host:port` actually bound (port 0 picks a free one). */
  url: string;
  /** The live pipeline, unless started with `live: false`. */
  live: LivePipeline | undefined;
  /** Distributed mode's ingestion (publishes to JetStream), when started with `dist`. */
  dist: DistIngest | undefined;
  stop(): Promise<void>;
}

export const CLAIM_SWEEP_MS = 30_000;
export const WEBHOOK_POLL_MS = 1_000;

/**
 * The delivery worker: drains due outbox rows, then sleeps. One per process; several server
 * processes on one database would each send (receivers de-duplicate by Idempotency-Key).
 */
export const startWebhookWorker = (
  webhooks: WebhookService,
  logger: Logger,
  pollMs = WEBHOOK_POLL_MS,
): (() => Promise<void>) => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      try {
        while (!stopped && (await webhooks.deliverDue()) > 0);
      } catch (err) {
        logger.warn({ err }, 'webhook delivery pass failed');
      }
      if (!stopped) timer = setTimeout(tick, pollMs);
    })();
  };
  tick();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
};

/**
 * Starts the API on the context's database with its background jobs and, unless `live` is false,
 * the live pipeline (detectors on what POST /v1/events stores). `stop()` stops accepting events,
 * closes the listener (requests in flight finish), drains the live queue, closes the classifier
 * pool, then the background jobs; the caller closes the database.
 */
export const startServer = async (
  ctx: Pick<AppContext, 'database' | 'logger'>,
  listen: { host: string; port: number },
  opts: ServerOptions = {},
  live: LiveOptions | false = false,
  /** Distributed mode (docs/distributed.md): events go to JetStream and `marsad worker`s; no live pipeline here. */
  dist?: DistSettings,
): Promise<RunningServer> => {
  const pipeline =
    live === false || dist
      ? undefined
      : await LivePipeline.start(ctx.database, { logger: ctx.logger, ...live });
  const eventIngest = dist ? await DistIngest.start(ctx.database, dist, ctx.logger) : undefined;
  let app: FastifyInstance;
  try {
    app = await buildServer(ctx.database, { logger: ctx.logger, ...opts, live: pipeline, eventIngest });
  } catch (err) {
    await pipeline?.stop();
    await eventIngest?.stop();
    throw err;
  }
  const url = await app.listen({ host: listen.host, port: listen.port });
  const services = createReviewServices(ctx.database, { logger: ctx.logger, ...opts.review });
  // Abandoned claims read as open at once; the sweep also records their expiry in the audit log.
  const sweep = setInterval(() => {
    services.queue
      .expireClaims(SYSTEM_ACTOR)
      .catch((err: unknown) => ctx.logger.warn({ err }, 'claim sweep failed'));
  }, CLAIM_SWEEP_MS);
  sweep.unref();
  const stopWorker = startWebhookWorker(services.webhooks, ctx.logger);
  let stopping: Promise<void> | undefined;
  return {
    app,
    url,
    live: pipeline,
    dist: eventIngest,
    stop: () =>
      (stopping ??= (async () => {
        // Refuse new events and end the live event streams first: an open stream would keep close() waiting.
        pipeline?.close();
        await app.close();
        await pipeline?.stop();
        await eventIngest?.stop();
        clearInterval(sweep);
        await stopWorker();
      })()),
  };
};

export interface LiveSettings {
  /** Classification threads (default MARSAD_WORKERS, else the cores); 0 classifies in the main thread. */
  workers?: number | undefined;
  /** Text model file (default MARSAD_MODEL_PATH, else the shipped model); `classify: false` for none. */
  model?: string | undefined;
  classify?: boolean;
  capacity?: number | undefined;
  warmup?: WarmupOptions | false | undefined;
}

/** The live pipeline's options from the config: the text model, workers, and the hash banks. */
export const liveOptions = async (ctx: AppContext, s: LiveSettings = {}): Promise<LiveOptions> => {
  let classifier: ClassifierSpec | undefined;
  if (s.classify !== false) {
    const file = await resolveModelPath(s.model, await ctx.configuredModelPath());
    if (file === undefined || !existsSync(file)) {
      throw new ConfigError(
        file === undefined
          ? 'no text model found: set MARSAD_MODEL_PATH or pass --model FILE (or run without classification)'
          : `text model ${file} does not exist`,
      );
    }
    classifier = { kind: 'model', path: file };
  }
  const matcher = await BankMatcher.load(ctx.database);
  return {
    classifier,
    workers: s.workers ?? (ctx.cfg.workers > 0 ? ctx.cfg.workers : defaultWorkerCount()),
    // Banks are read once at start: entries added later apply after a restart.
    matcher: matcher.entryCount > 0 ? matcher : undefined,
    ...(s.capacity !== undefined ? { capacity: s.capacity } : {}),
    ...(s.warmup !== undefined ? { warmup: s.warmup } : {}),
  };
};
