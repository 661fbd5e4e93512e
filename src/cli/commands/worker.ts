import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { distSettings } from '../../dist/bus.js';
import { serveWorkerMetrics } from '../../dist/worker-http.js';
import { DistWorker } from '../../dist/worker.js';
import { ConfigError } from '../../errors.js';
import { BankMatcher } from '../../match/index.js';
import { moduleSpec, resolveModelPath, type ClassifierSpec } from '../../pipeline/classifier.js';
import { ExitCodeError, withContext } from '../context.js';
import { untilSignal } from './serve.js';

interface WorkerCliOptions {
  index: number;
  count: number;
  model?: string;
  classify: boolean;
  classifierModule?: string;
  threads: number;
  ordered?: boolean;
  metricsPort?: number;
  metricsHost: string;
  snapshotEvents: number;
}

const int = (min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new InvalidArgumentError(`expected an integer ${min}-${max}`);
  return n;
};

export const registerWorkerCommand = (program: Command): void => {
  program
    .command('worker')
    .description(
      'distributed mode: classify the partitions this worker owns from NATS JetStream and (worker 0) run the detectors in order (docs/distributed.md)',
    )
    .option('--index <k>', 'this worker: owns partitions p with p mod count = k', int(0, 1023), 0)
    .option('--count <n>', 'number of workers', int(1, 1024), 1)
    .option('--model <file>', 'text model (default MARSAD_MODEL_PATH or the shipped model)')
    .option('--no-classify', 'run without a text model (nothing flagged by text)')
    .option('--threads <n>', 'classification threads in this process (0: main thread)', int(0, 64), 0)
    .option('--ordered', 'run the ordered (detector) stage here (default: worker 0 only)')
    .option('--no-ordered', 'never run the ordered stage here')
    .option('--metrics-port <n>', 'serve GET /metrics and /health on this port', int(0, 65535))
    .option('--metrics-host <h>', 'address for --metrics-port', '127.0.0.1')
    .option(
      '--snapshot-events <n>',
      'ordered stage: snapshot the detector state every n events (a restart replays at most that many)',
      int(1, 1e9),
      50_000,
    )
    // For tests and benchmarks: a module exporting createBatchClassifier(options) instead of a model.
    .addOption(new Option('--classifier-module <file>').hideHelp())
    .action(async (opts: WorkerCliOptions, cmd: Command) => {
      if (opts.index >= opts.count)
        throw new InvalidArgumentError(`--index must be below --count (${opts.count})`);
      await withContext(cmd, async (ctx) => {
        if (ctx.database.dialect !== 'postgres')
          throw new ConfigError('marsad worker needs PostgreSQL: set MARSAD_DB_URL=postgres://…');
        let classifier: ClassifierSpec | undefined;
        if (opts.classifierModule !== undefined) classifier = moduleSpec(opts.classifierModule);
        else if (opts.classify) {
          const path = await resolveModelPath(opts.model, await ctx.configuredModelPath());
          if (path === undefined || !existsSync(path))
            throw new ExitCodeError(
              2,
              'marsad worker: no text model found: pass --model FILE, set MARSAD_MODEL_PATH, or use --no-classify',
            );
          classifier = { kind: 'model', path };
        }
        const matcher = await BankMatcher.load(ctx.database);
        const worker = await DistWorker.start({
          settings: distSettings(ctx.cfg),
          database: ctx.database,
          logger: ctx.logger,
          index: opts.index,
          count: opts.count,
          classifier,
          threads: opts.threads,
          matcher: matcher.entryCount > 0 ? matcher : undefined,
          ...(opts.ordered !== undefined ? { ordered: opts.ordered } : {}),
          tuning: { snapshotEvents: opts.snapshotEvents },
        });
        const http =
          opts.metricsPort !== undefined
            ? await serveWorkerMetrics(
                opts.metricsPort,
                opts.metricsHost,
                worker.metrics,
                worker.bus,
                ctx.database,
              )
            : undefined;
        process.stderr.write(
          `marsad: worker ${opts.index}/${opts.count} on ${worker.bus.settings.natsUrl}${worker.ordered ? ' (ordered stage)' : ''}${http ? `, metrics at ${http.url}/metrics` : ''}\n`,
        );
        await untilSignal();
        process.stderr.write('marsad: worker stopping (committing what is pending)\n');
        await http?.close();
        await worker.stop();
      });
    });
};
