import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import {
  buildTextModel,
  DEFAULT_FEATURE_PARAMS,
  DEFAULT_MIN_FLAG_WORDS,
  DEFAULT_RECIPE,
  DEFAULT_TRAIN_OPTIONS,
  loadCorpus,
  parseLabelMap,
  prepareData,
  saveTextModel,
  type DataRecipe,
  type PreparedExample,
  type TrainProgress,
  formatOperatingReport,
} from '../../classify/index.js';
import {
  decisionCorpus,
  DEFAULT_DATASETS_DIR,
  sharedTrainingFiles,
  withDecisions,
} from '../../classify/feedback.js';
import { ValidationError } from '../../errors.js';
import { ExitCodeError, withContext } from '../context.js';
import { printDevSummary } from './eval.js';

interface TrainCliOptions {
  data?: string[];
  fromDecisions?: boolean;
  baseRecipe: string;
  decisionsWeight: string;
  datasets: string;
  out: string;
  seed: string;
  epochs: string;
  buckets: string;
  map: string[];
  excludeAccounts: string;
  maxPerDataset: string;
  datasetCap: string[];
  minWeakWords: string;
  minFlagWords: string;
  weakFilter: string;
  perLanguage: boolean;
  splitSeed: string;
  positive: string;
  precision: string;
  dtype: string;
  lr: string;
  l2: string;
}

const int = (name: string, v: string, min: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min)
    throw new ExitCodeError(2, `--${name} must be an integer ≥ ${min}, got "${v}"`);
  return n;
};

/** Progress on a TTY (rate, ETA); on a pipe, a line per epoch. */
const progressReporter = (): { onProgress: (p: TrainProgress) => void; stop: () => void } => {
  if (!process.stderr.isTTY) {
    let lastEpoch = -1;
    return {
      onProgress: (p) => {
        if (p.epoch !== lastEpoch && p.epoch < p.epochs)
          process.stderr.write(`training: epoch ${p.epoch + 1}/${p.epochs}\n`);
        lastEpoch = p.epoch;
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    format: 'training |{bar}| epoch {epoch}/{epochs} {value}/{total} examples {rate}/s ETA {eta_formatted}',
    stream: process.stderr,
  });
  let started = false;
  const t0 = performance.now();
  return {
    onProgress: (p) => {
      if (!started) bar.start(p.total, 0, { epoch: 1, epochs: p.epochs, rate: 0 });
      started = true;
      const rate = Math.round(p.done / Math.max(1e-3, (performance.now() - t0) / 1000));
      bar.update(p.done, { epoch: Math.min(p.epoch + 1, p.epochs), epochs: p.epochs, rate });
    },
    stop: () => bar.stop(),
  };
};

const countBy = (xs: readonly PreparedExample[]): string =>
  Object.entries(
    xs.reduce<Record<string, number>>((acc, e) => {
      acc[e.label] = (acc[e.label] ?? 0) + 1;
      return acc;
    }, {}),
  )
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

export const registerTrainCommand = (program: Command): void => {
  program
    .command('train')
    .description(
      'train a text classifier on labelled NDJSON ({id, text, label, lang?, source?, account?}; .gz allowed)',
    )
    .option('--data <files...>', 'labelled NDJSON files (required unless --from-decisions)')
    .option(
      '--from-decisions',
      'add the confirmed/dismissed post decisions of the database (--db) to the training data',
    )
    .option(
      '--base-recipe <default|none>',
      'with --from-decisions and no --data: default = the shared datasets, none = decisions only',
      'default',
    )
    .option('--datasets <dir>', 'where the shared datasets are (--base-recipe default)', DEFAULT_DATASETS_DIR)
    .option('--decisions-weight <w>', 'weight of a decision against a dataset row, in (0, 10]', '2')
    .requiredOption('--out <model>', 'model file to write')
    .option('--seed <n>', 'seed of the shuffling', String(DEFAULT_TRAIN_OPTIONS.seed))
    .option('--epochs <n>', 'passes over the training data', String(DEFAULT_TRAIN_OPTIONS.epochs))
    .option('--buckets <n>', 'hash buckets (power of two)', String(DEFAULT_FEATURE_PARAMS.buckets))
    .option('--map <from=to[:weight]...>', 'relabel a source label (weak labels get weight < 1)', [
      'extremist_account=extremist:0.5',
    ])
    .option(
      '--exclude-accounts <list>',
      'comma-separated accounts to leave out ("" for none)',
      DEFAULT_RECIPE.excludeAccounts.join(','),
    )
    .option(
      '--max-per-dataset <n>',
      'cap of training examples per dataset (0 = none)',
      String(DEFAULT_RECIPE.maxPerDataset),
    )
    .option(
      '--dataset-cap <set=n...>',
      'per-dataset exception to --max-per-dataset',
      Object.entries(DEFAULT_RECIPE.maxPerDatasetOverrides ?? {}).map(([k, v]) => `${k}=${v}`),
    )
    .option(
      '--min-weak-words <n>',
      'leave out weak-labelled rows with fewer content words',
      String(DEFAULT_RECIPE.minWeakWords ?? 0),
    )
    .option(
      '--weak-filter <below>',
      'drop weak positives whose cross-fitted P(positive) is below this (0 = off)',
      '0',
    )
    .option(
      '--min-flag-words <n>',
      'texts with fewer content words are never flagged (0 = none)',
      String(DEFAULT_MIN_FLAG_WORDS),
    )
    .option('--no-per-language', 'one threshold for all languages (no validated-language guard)')
    .option('--split-seed <n>', 'seed of the train/calibration/dev split', String(DEFAULT_RECIPE.split.seed))
    .option('--positive <label>', 'label that `flagged` refers to', 'extremist')
    .option('--precision <p>', 'precision the threshold must reach on dev', '0.98')
    .option('--dtype <f16|f32>', 'weight storage in the model file', 'f16')
    .option('--lr <x>', 'AdaGrad learning rate', String(DEFAULT_TRAIN_OPTIONS.learningRate))
    .option('--l2 <x>', 'L2 penalty', String(DEFAULT_TRAIN_OPTIONS.l2))
    .action(async (o: TrainCliOptions, cmd: Command) => {
      const buckets = int('buckets', o.buckets, 2);
      if (!Number.isInteger(Math.log2(buckets)))
        throw new ExitCodeError(2, `--buckets must be a power of two, got ${buckets}`);
      if (o.dtype !== 'f16' && o.dtype !== 'f32') throw new ExitCodeError(2, `--dtype must be f16 or f32`);
      const recipe: DataRecipe = {
        labelMap: parseLabelMap(o.map),
        excludeAccounts: o.excludeAccounts
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean),
        maxPerDataset: int('max-per-dataset', o.maxPerDataset, 0),
        maxPerDatasetOverrides: Object.fromEntries(
          o.datasetCap.map((spec) => {
            const m = /^([^=]+)=(\d+)$/.exec(spec);
            if (!m) throw new ExitCodeError(2, `--dataset-cap "${spec}": expected set=n`);
            return [m[1] as string, Number(m[2])];
          }),
        ),
        minWeakWords: int('min-weak-words', o.minWeakWords, 0),
        keepHardNegatives: true,
        split: { ...DEFAULT_RECIPE.split, seed: int('split-seed', o.splitSeed, 0) },
      };
      if (o.baseRecipe !== 'default' && o.baseRecipe !== 'none')
        throw new ExitCodeError(2, `--base-recipe must be default or none, got "${o.baseRecipe}"`);
      if (!o.fromDecisions && !o.data?.length)
        throw new ExitCodeError(2, 'marsad train: pass --data FILES, or --from-decisions');
      const files = o.data?.length
        ? o.data
        : o.baseRecipe === 'default'
          ? sharedTrainingFiles(o.datasets)
          : [];
      if (o.fromDecisions && !o.data?.length && o.baseRecipe === 'default' && files.length === 0)
        process.stderr.write(`warning: no shared datasets in ${o.datasets}: training on decisions only\n`);
      const t0 = performance.now();
      const { records, errors } = await loadCorpus(files);
      let trainRecipe = recipe;
      let decisionCounts: Record<string, number> | undefined;
      if (o.fromDecisions) {
        const weight = Number(o.decisionsWeight);
        const decisions = await withContext(cmd, (ctx) => decisionCorpus(ctx.database));
        records.push(...decisions.records);
        decisionCounts = decisions.counts;
        trainRecipe = withDecisions(recipe, Object.keys(decisions.counts), weight);
        process.stderr.write(
          `decisions: ${Object.entries(decisions.counts)
            .sort()
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')} (weight ${weight})\n`,
        );
      }
      for (const e of errors.slice(0, 20))
        process.stderr.write(`${e.file}:${e.line}: skipped: ${e.reason}\n`);
      if (errors.length > 20) process.stderr.write(`… ${errors.length - 20} more bad lines skipped\n`);
      const data = prepareData(records, trainRecipe);
      process.stderr.write(
        `loaded ${records.length} records in ${((performance.now() - t0) / 1000).toFixed(1)} s; excluded ${data.excluded}, capped ${data.capped}\n` +
          `  train ${data.train.length} (${countBy(data.train)})\n  calibration ${data.calibration.length} (${countBy(data.calibration)})\n  dev ${data.dev.length} (${countBy(data.dev)})\n`,
      );
      if (data.train.length === 0) throw new ValidationError('no training examples after the split');
      const progress = progressReporter();
      const result = buildTextModel(data, {
        features: { ...DEFAULT_FEATURE_PARAMS, buckets },
        epochs: int('epochs', o.epochs, 1),
        seed: int('seed', o.seed, 0),
        learningRate: Number(o.lr),
        l2: Number(o.l2),
        positiveLabel: o.positive,
        precisionTarget: Number(o.precision),
        dtype: o.dtype,
        onProgress: progress.onProgress,
        perLanguage: o.perLanguage,
        ...(Number(o.weakFilter) > 0 ? { weakFilter: { below: Number(o.weakFilter), epochs: 3 } } : {}),
        ...(int('min-flag-words', o.minFlagWords, 0) > 0 ? { minFlagWords: Number(o.minFlagWords) } : {}),
        dataDescription: {
          files: files.map((f) => path.basename(f)),
          recipe: trainRecipe,
          ...(decisionCounts ? { decisions: decisionCounts } : {}),
          badLines: errors.length,
          splits: {
            train: countBy(data.train),
            calibration: countBy(data.calibration),
            dev: countBy(data.dev),
          },
        },
      });
      progress.stop();
      await mkdir(path.dirname(path.resolve(o.out)), { recursive: true });
      await saveTextModel(o.out, result.header, result.weights);
      const c = result.calibration;
      process.stdout.write(
        `trained in ${result.trainSeconds.toFixed(1)} s (${result.trainCpuSeconds.toFixed(1)} s CPU; total ${((performance.now() - t0) / 1000).toFixed(1)} s); wrote ${o.out}\n` +
          `calibration (n=${c.n}): temperature ${c.temperature.toFixed(3)}, ECE ${c.eceBefore.toFixed(4)} → ${c.eceAfter.toFixed(4)}\n` +
          `threshold P(${result.header.positiveLabel}) ≥ ${result.header.threshold.toFixed(4)}` +
          (result.thresholdReached
            ? ` (lowest reaching precision ${o.precision} on dev)\n`
            : ` (precision ${o.precision} NOT reached on dev; fallback 0.5)\n`),
      );
      for (const [lang, p] of Object.entries(result.languages))
        process.stdout.write(
          `validated language ${lang}: threshold ${p.threshold.toFixed(4)}, precision ${p.precision.toFixed(3)}, recall ${p.recall.toFixed(3)} (${p.positives} positives, ${p.negatives} negatives; news flagged ${p.newsFlagged} of ${p.news})\n`,
        );
      printDevSummary(result.dev);
      process.stdout.write(`\n${formatOperatingReport(result.operating)}\n`);
    });
};
