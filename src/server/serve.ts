import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { SYSTEM_ACTOR, createReviewServices, type WebhookService } from '../review/index.js';
import type { Logger } from '../logger.js';
import { buildServer, type ServerOptions } from './app.js';

export interface RunningServer {
  app: FastifyInstance;
  /** `http://host:port` actually bound (port 0 picks a free one). */
  url: string;
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

/** Starts the API on the context's database with its background jobs; `stop()` ends them in reverse order. */
export const startServer = async (
  ctx: AppContext,
  listen: { host: string; port: number },
  opts: ServerOptions = {},
): Promise<RunningServer> => {
  const app = await buildServer(ctx.database, { logger: ctx.logger, ...opts });
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
  return {
    app,
    url,
    stop: async () => {
      clearInterval(sweep);
      await stopWorker();
      await app.close();
    },
  };
};
