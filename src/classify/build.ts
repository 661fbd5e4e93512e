import { expectedCalibrationError, fitTemperature, probabilities } from './calibrate.js';
import { DEFAULT_FEATURE_PARAMS } from './features.js';
import { evaluate, type EvalReport } from './metrics.js';
import { TextModel, type LinearWeights, type ModelHeader } from './model.js';
import type { PreparedData, PreparedExample } from './recipe.js';
import { MAX_TEXT_CHARS, normalizerFingerprint } from './text-prep.js';
import { chooseThreshold } from './threshold.js';
import { trainLinear, type TrainOptions } from './train.js';

export interface BuildOptions extends TrainOptions {
  positiveLabel?: string;
  /** Precision the operating threshold must reach on dev. */
  precisionTarget?: number;
  dtype?: 'f32' | 'f16';
  /**
   * `language`: balance the labels within each language (weights n_lang / (k · n_lang,label), capped),
   * so that e.g. Arabic extremist posts are not outweighed by Arabic ordinary posts just because the
   * corpora hold few of them; `label`: balance labels overall.
   */
  balance?: 'label' | 'language';
  /** Free-form description of the data, stored in the header. */
  dataDescription?: Record<string, unknown>;
}

export interface BuildResult {
  model: TextModel;
  header: ModelHeader;
  weights: LinearWeights;
  dev: EvalReport;
  calibration: { temperature: number; eceBefore: number; eceAfter: number; n: number };
  thresholdReached: boolean;
  trainSeconds: number;
  trainCpuSeconds: number;
}

/** Uncalibrated logits of examples, row-major. */
export const logitsOf = (model: TextModel, examples: readonly { text: string }[]): Float64Array => {
  const K = model.labels.length;
  const out = new Float64Array(examples.length * K);
  examples.forEach((e, i) => out.set(model.rawLogits(e.text), i * K));
  return out;
};

export const scoredSet = (model: TextModel, examples: readonly PreparedExample[], probs: Float64Array) => ({
  labels: model.labels,
  positiveLabel: model.positiveLabel,
  threshold: model.threshold,
  probs,
  truth: examples.map((e) => e.label),
  langs: examples.map((e) => e.record.lang),
  sources: examples.map((e) => e.record.source),
  weak: examples.map((e) => e.weak),
});

const MIN_LANGUAGE_ROWS = 500;
const MAX_BALANCE_WEIGHT = 25;

/** Multiplies each example's weight so that every label carries the same weight within its language. */
export const balanceByLanguage = (examples: readonly PreparedExample[]): PreparedExample[] => {
  const rows = new Map<string, number>();
  for (const e of examples) rows.set(e.record.lang, (rows.get(e.record.lang) ?? 0) + 1);
  // Languages with few rows are pooled, so their weights stay sane.
  const langOf = (e: PreparedExample): string =>
    (rows.get(e.record.lang) ?? 0) >= MIN_LANGUAGE_ROWS ? e.record.lang : '*';
  const mass = new Map<string, number>();
  const labelsOf = new Map<string, Set<string>>();
  for (const e of examples) {
    const l = langOf(e);
    mass.set(`${l}\u0000${e.label}`, (mass.get(`${l}\u0000${e.label}`) ?? 0) + e.weight);
    mass.set(l, (mass.get(l) ?? 0) + e.weight);
    if (!labelsOf.has(l)) labelsOf.set(l, new Set());
    labelsOf.get(l)?.add(e.label);
  }
  return examples.map((e) => {
    const l = langOf(e);
    const k = labelsOf.get(l)?.size ?? 1;
    const w = (mass.get(l) ?? 0) / (k * (mass.get(`${l}\u0000${e.label}`) ?? 1));
    return { ...e, weight: e.weight * Math.min(MAX_BALANCE_WEIGHT, w) };
  });
};

/** The header of a freshly trained model (temperature 1, threshold 0.5 until calibrated/chosen). */
export const headerFor = (
  labels: string[],
  opts: Pick<BuildOptions, 'features' | 'positiveLabel' | 'dtype'> = {},
): ModelHeader => ({
  format: 'marsad-text-model',
  version: 1,
  labels,
  positiveLabel: opts.positiveLabel ?? (labels.includes('extremist') ? 'extremist' : (labels[0] as string)),
  features: opts.features ?? DEFAULT_FEATURE_PARAMS,
  normalizer: normalizerFingerprint(),
  maxTextChars: MAX_TEXT_CHARS,
  temperature: 1,
  threshold: 0.5,
  dtype: opts.dtype ?? 'f16',
  createdAt: new Date().toISOString(),
});

/** Train on `train`, calibrate on `calibration`, choose the threshold and measure on `dev`. */
export const buildTextModel = (data: PreparedData, opts: BuildOptions = {}): BuildResult => {
  const features = opts.features ?? DEFAULT_FEATURE_PARAMS;
  const balanced = opts.balance === 'language' ? balanceByLanguage(data.train) : data.train;
  const trained = trainLinear(balanced, {
    ...opts,
    features,
    classWeights: opts.balance === 'language' ? 'none' : 'balanced',
  });
  const labels = trained.labels;
  const header = headerFor(labels, { ...opts, features });
  const positiveLabel = header.positiveLabel;
  const K = labels.length;
  const uncalibrated = new TextModel(header, trained.weights);

  const calLabels = Int32Array.from(data.calibration, (e) => labels.indexOf(e.label));
  const calLogits = logitsOf(uncalibrated, data.calibration);
  const eceBefore = expectedCalibrationError(probabilities(calLogits, K, 1), calLabels, K);
  const temperature = fitTemperature(calLogits, calLabels, K);
  const eceAfter = expectedCalibrationError(probabilities(calLogits, K, temperature), calLabels, K);

  const devProbs = probabilities(logitsOf(uncalibrated, data.dev), K, temperature);
  const pi = labels.indexOf(positiveLabel);
  const posScores = Float64Array.from(data.dev, (_, r) => devProbs[r * K + pi] as number);
  const chosen = chooseThreshold(
    posScores,
    data.dev.map((e) => e.label === positiveLabel),
    opts.precisionTarget ?? 0.98,
  );
  const threshold = chosen ? chosen.threshold : 0.5;

  const finalHeader: ModelHeader = { ...header, temperature, threshold };
  const model = new TextModel(finalHeader, trained.weights);
  const dev = evaluate(scoredSet(model, data.dev, devProbs));
  finalHeader.metrics = {
    dev: {
      n: dev.n,
      macroF1: dev.macroF1,
      accuracy: dev.accuracy,
      flagged: dev.flagged,
      newsFalsePositiveRate: dev.newsFalsePositiveRate,
      recallStrong: dev.recallStrong,
      recallWeak: dev.recallWeak,
      perLanguage: dev.perLanguage,
      perLanguageArgmax: dev.perLanguageArgmax,
    },
    calibration: { n: data.calibration.length, temperature, eceBefore, eceAfter },
    precisionTarget: opts.precisionTarget ?? 0.98,
    thresholdReached: chosen !== null,
  };
  finalHeader.training = {
    examples: data.train.length,
    epochs: opts.epochs,
    seed: opts.seed,
    classWeights: trained.classWeights,
    seconds: trained.seconds,
    cpuSeconds: trained.cpuSeconds,
    ...opts.dataDescription,
  };
  return {
    model,
    header: finalHeader,
    weights: trained.weights,
    dev,
    calibration: { temperature, eceBefore, eceAfter, n: data.calibration.length },
    thresholdReached: chosen !== null,
    trainSeconds: trained.seconds,
    trainCpuSeconds: trained.cpuSeconds,
  };
};
