import { headerFor } from './build-header.js';
import { filterWeakPositives, type WeakFilterOptions } from './weak-filter.js';
import { expectedCalibrationError, fitTemperature, probabilities } from './calibrate.js';
import { DEFAULT_FEATURE_PARAMS } from './features.js';
import { evaluate, type EvalReport } from './metrics.js';
import { operatingReport, type OperatingReport } from './operating.js';
import { TextModel, type LinearWeights, type ModelHeader } from './model.js';
import type { PreparedData, PreparedExample } from './recipe.js';
import { contentWordCount, prepareWords } from './text-prep.js';
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
  /**
   * Choose one threshold per language with enough dev rows (MIN_VALIDATION_*): those become the
   * validated languages (ModelHeader.thresholds). Default true.
   */
  perLanguage?: boolean;
  /** Texts with fewer content words are never flagged (ModelHeader.minFlagWords); default none. */
  minFlagWords?: number;
  /** Cross-fitted cleaning of the weak positives (weak-filter.ts); off when absent. */
  weakFilter?: WeakFilterOptions;
  /** Free-form description of the data, stored in the header. */
  dataDescription?: Record<string, unknown>;
}

export { headerFor };

export interface BuildResult {
  model: TextModel;
  header: ModelHeader;
  weights: LinearWeights;
  dev: EvalReport;
  calibration: { temperature: number; eceBefore: number; eceAfter: number; n: number };
  thresholdReached: boolean;
  /** Operating points of the validated languages (empty when per-language thresholds are off). */
  languages: Record<string, LanguageOperatingPoint>;
  /** What `classify` flags on dev, with every rule of the model applied. */
  operating: OperatingReport;
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
/** Default of `marsad train --min-flag-words` (ModelHeader.minFlagWords). */
export const DEFAULT_MIN_FLAG_WORDS = 3;

/** A language is validated when its dev rows hold at least this many positives and negatives. */
export const MIN_VALIDATION_POSITIVES = 50;
export const MIN_VALIDATION_NEGATIVES = 2000;

export interface LanguageOperatingPoint {
  threshold: number;
  precision: number;
  recall: number;
  positives: number;
  negatives: number;
  /** News rows of the language flagged at its threshold, of all its news rows. */
  newsFlagged: number;
  news: number;
}

/** Per-language thresholds on dev (lowest reaching `target` precision) for the languages with enough rows. */
export const chooseLanguageThresholds = (
  examples: readonly PreparedExample[],
  scores: ArrayLike<number>,
  positiveLabel: string,
  target: number,
): Record<string, LanguageOperatingPoint> => {
  const byLang = new Map<string, number[]>();
  examples.forEach((e, i) => {
    const rows = byLang.get(e.record.lang);
    if (rows) rows.push(i);
    else byLang.set(e.record.lang, [i]);
  });
  const out: Record<string, LanguageOperatingPoint> = {};
  for (const [lang, rows] of [...byLang].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const pos = rows.map((i) => examples[i]?.label === positiveLabel);
    const positives = pos.filter(Boolean).length;
    const negatives = rows.length - positives;
    if (positives < MIN_VALIDATION_POSITIVES || negatives < MIN_VALIDATION_NEGATIVES) continue;
    const chosen = chooseThreshold(
      rows.map((i) => scores[i] as number),
      pos,
      target,
    );
    if (!chosen) continue;
    const news = rows.filter((i) => examples[i]?.label === 'news');
    out[lang] = {
      threshold: chosen.threshold,
      precision: chosen.precision,
      recall: chosen.recall,
      positives,
      negatives,
      newsFlagged: news.filter((i) => (scores[i] as number) >= chosen.threshold).length,
      news: news.length,
    };
  }
  return out;
};
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

/** Train on `train`, calibrate on `calibration`, choose the threshold and measure on `dev`. */
export const buildTextModel = (data: PreparedData, opts: BuildOptions = {}): BuildResult => {
  const features = opts.features ?? DEFAULT_FEATURE_PARAMS;
  const positive = opts.positiveLabel ?? 'extremist';
  const filtered = opts.weakFilter
    ? filterWeakPositives(data.train, positive, opts.weakFilter, { ...opts, features })
    : null;
  const train = filtered ? filtered.train : data.train;
  const balanced = opts.balance === 'language' ? balanceByLanguage(train) : train;
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
  // Thresholds are chosen on the scores `classify` flags on: too-short texts can never be flagged.
  const minFlagWords = opts.minFlagWords;
  const posScores = Float64Array.from(data.dev, (e, r) =>
    minFlagWords === undefined || contentWordCount(prepareWords(e.text)) >= minFlagWords
      ? (devProbs[r * K + pi] as number)
      : 0,
  );
  const chosen = chooseThreshold(
    posScores,
    data.dev.map((e) => e.label === positiveLabel),
    opts.precisionTarget ?? 0.98,
  );
  const threshold = chosen ? chosen.threshold : 0.5;

  const target = opts.precisionTarget ?? 0.98;
  const languages =
    opts.perLanguage === false ? {} : chooseLanguageThresholds(data.dev, posScores, positiveLabel, target);
  const thresholds = Object.fromEntries(Object.entries(languages).map(([l, p]) => [l, p.threshold]));
  const finalHeader: ModelHeader = {
    ...header,
    temperature,
    threshold,
    ...(Object.keys(thresholds).length > 0 ? { thresholds } : {}),
    ...(minFlagWords !== undefined ? { minFlagWords } : {}),
  };
  const model = new TextModel(finalHeader, trained.weights);
  const dev = evaluate(scoredSet(model, data.dev, devProbs));
  const operating = operatingReport(model, data.dev);
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
    perLanguageThresholds: languages,
    operating,
    calibration: { n: data.calibration.length, temperature, eceBefore, eceAfter },
    precisionTarget: opts.precisionTarget ?? 0.98,
    thresholdReached: chosen !== null,
  };
  finalHeader.training = {
    examples: train.length,
    ...(filtered
      ? { weakFilter: { ...opts.weakFilter, judged: filtered.judged, dropped: filtered.dropped } }
      : {}),
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
    languages,
    operating,
    trainSeconds: trained.seconds,
    trainCpuSeconds: trained.cpuSeconds,
  };
};
