import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { ValidationError } from '../../errors.js';
import { DEFAULT_WARMUP } from '../../pipeline/live-replay.js';
import { distSettings } from '../../dist/bus.js';
import { ConfigError } from '../../errors.js';
import { liveOptions, startServer } from '../../server/serve.js';
import { withContext } from '../context.js';

interface ServeOptions {
  port?: string;
  host?: string;
  live: boolean;
  classify: boolean;
  model?: string;
  workers?: number;
  queue?: number;
  warmupHours: number;
  warmupEvents: number;
  mode: string;
}

const count = (max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new InvalidArgumentError(`expected an integer 0-${max}`);
  return n;
};

/** Resolves on the first SIGINT or SIGTERM. */
export const untilSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });

export const registerServeCommand = (program: Command): void => {
  program
    .command('serve')
    .description('run the moderation API and the live pipeline (docs at /docs, OpenAPI at /openapi.json)')
    .option('--port <n>', 'port to listen on (default 7420, or MARSAD_PORT)')
    .option('--host <h>', 'address to listen on (default 127.0.0.1, or MARSAD_HOST)')
    .option('--no-live', 'only store what POST /v1/events receives (no detectors in the server)')
    .option('--no-classify', 'live pipeline without a text model (nothing flagged by text)')
    .option('--model <file>', 'text model (default MARSAD_MODEL_PATH or the shipped model)')
    .option('--workers <n>', 'classification worker threads (default MARSAD_WORKERS or cores)', count(64))
    .option('--queue <n>', 'live queue capacity in events (POST /v1/events answers 503 beyond)', count(1e8))
    .option(
      '--warmup-hours <h>',
      'stream hours replayed at start to warm the detectors',
      Number,
      DEFAULT_WARMUP.windowMs / 3_600_000,
    )
    .option(
      '--warmup-events <n>',
      'at most this many events replayed at start (0: none)',
      count(1e8),
      DEFAULT_WARMUP.maxEvents,
    )
    .option(
      '--mode <m>',
      'single: detectors in this process; distributed: publish to NATS JetStream for `marsad worker`s (docs/distributed.md)',
      'single',
    )
    .addHelpText('after', '\nCreate a first key with `marsad keys create --role admin --name NAME`.')
    .action(async (opts: ServeOptions, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const port = opts.port === undefined ? ctx.cfg.server.port : Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new ValidationError(`--port must be 0-65535 (got "${opts.port ?? ''}")`, { field: 'port' });
        }
        if (!(opts.warmupHours >= 0))
          throw new ValidationError('--warmup-hours must be a number >= 0', { field: 'warmup-hours' });
        if (opts.mode !== 'single' && opts.mode !== 'distributed')
          throw new ValidationError(`--mode must be single or distributed (got "${opts.mode}")`, {
            field: 'mode',
          });
        const distributed = opts.mode === 'distributed';
        if (distributed && ctx.database.dialect !== 'postgres')
          throw new ConfigError('serve --mode distributed needs PostgreSQL: set MARSAD_DB_URL=postgres://…');
        const live =
          opts.live && !distributed
            ? await liveOptions(ctx, {
                classify: opts.classify,
                model: opts.model,
                workers: opts.workers,
                capacity: opts.queue,
                warmup:
                  opts.warmupEvents === 0 || opts.warmupHours === 0
                    ? false
                    : { windowMs: opts.warmupHours * 3_600_000, maxEvents: opts.warmupEvents },
              })
            : false;
        const server = await startServer(
          ctx,
          { host: opts.host ?? ctx.cfg.server.host, port },
          {},
          live,
          distributed ? distSettings(ctx.cfg) : undefined,
        );
        const mode = server.dist
          ? `, distributed on ${server.dist.bus.settings.natsUrl}`
          : server.live
            ? ', live pipeline on'
            : '';
        process.stderr.write(
          `marsad: listening on ${server.url} (${ctx.database.dialect}${mode}); docs at ${server.url}/docs\n`,
        );
        await untilSignal();
        process.stderr.write('marsad: stopping (draining the live queue)\n');
        await server.stop();
      });
    });
};
