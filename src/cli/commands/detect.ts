import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import {
  defaultWorkerCount,
  detectorsWithout,
  formatSummary,
  moduleSpec,
  resolveModelPath,
  runDetect,
  ttyProgress,
  type ClassifierSpec,
  type Detector,
} from '../../pipeline/index.js';
import { BankMatcher } from '../../match/index.js';
import { ExitCodeError, withContext } from '../context.js';

interface DetectCliOptions {
  input: string;
  out: string;
  format?: string;
  platform?: string;
  workers?: number;
  model?: string;
  classify: boolean;
  storeEvents: boolean;
  classifierModule?: string;
  skipDetectors?: string;
}

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64)
    throw new InvalidArgumentError('expected an integer from 0 to 64');
  return n;
};

export const registerDetectCommand = (program: Command): void => {
  program
    .command('detect')
    .description(
      'run every detector over an event stream, writing posts/accounts/evasion/campaigns/hashtags.ndjson',
    )
    .requiredOption('--input <file>', 'input stream (any connector format), or - for stdin')
    .requiredOption('--out <dir>', 'directory for the output files')
    .option('--format <name>', 'input format (default: detected)')
    .option('--platform <name>', 'platform for inputs that do not name one')
    .option(
      '--workers <n>',
      'classification worker threads (0: in the main thread; default MARSAD_WORKERS or cores)',
      positiveInt,
    )
    .option('--model <file>', 'text model (default MARSAD_MODEL_PATH or the shipped model)')
    .option('--no-classify', 'run without a text model (no post decisions, nothing flagged by text)')
    .option('--no-store-events', 'store only decisions in the database, not the events')
    .option(
      '--skip-detectors <names>',
      'comma-separated detectors to leave out (posts, hashtags, account-risk, evasion, coordination); their files are written empty',
    )
    // For tests and benchmarks: a module exporting createBatchClassifier(options) instead of a model.
    .addOption(new Option('--classifier-module <file>').hideHelp())
    .action(async (opts: DetectCliOptions, cmd: Command) => {
      let detectors: Detector[];
      try {
        detectors = detectorsWithout(
          (opts.skipDetectors ?? '')
            .split(',')
            .map((n) => n.trim())
            .filter((n) => n !== ''),
        );
      } catch (err) {
        throw new ExitCodeError(2, `marsad detect: --skip-detectors: ${(err as Error).message}`);
      }
      await withContext(cmd, async (ctx) => {
        let classifier: ClassifierSpec | undefined;
        if (opts.classifierModule !== undefined) classifier = moduleSpec(opts.classifierModule);
        else if (opts.classify) {
          const path = await resolveModelPath(opts.model, await ctx.configuredModelPath());
          if (path === undefined) {
            throw new ExitCodeError(
              2,
              'marsad detect: no text model found: pass --model FILE, set MARSAD_MODEL_PATH, or use --no-classify',
            );
          }
          if (!existsSync(path))
            throw new ExitCodeError(2, `marsad detect: text model ${path} does not exist`);
          classifier = { kind: 'model', path };
        }
        const workers = opts.workers ?? (ctx.cfg.workers > 0 ? ctx.cfg.workers : defaultWorkerCount());
        // Hash-bank matching runs before the detectors when there is anything in the banks.
        const matcher = await BankMatcher.load(ctx.database);
        const summary = await runDetect({
          input: opts.input,
          outDir: opts.out,
          format: opts.format,
          platform: opts.platform,
          classifier,
          detectors,
          matcher: matcher.entryCount > 0 ? matcher : undefined,
          workers,
          database: ctx.database,
          storeEvents: opts.storeEvents,
          logger: ctx.logger,
          progress: (total) => ttyProgress(total),
        });
        const peakRssMb = process.resourceUsage().maxRSS / 1024;
        process.stdout.write(`${formatSummary(summary.stats, opts.out, peakRssMb)}\n`);
      });
    });
};
