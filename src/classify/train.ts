import { ValidationError } from '../errors.js';
import { softmaxInto } from './calibrate.js';
import { DEFAULT_FEATURE_PARAMS, Featurizer, type FeatureParams } from './features.js';
import { mulberry32 } from './hash.js';
import { logitsInto, type LinearWeights } from './model.js';
import { prepareWords } from './text-prep.js';

export interface TrainExample {
  text: string;
  label: string;
  /** Sample weight (e.g. < 1 for weak labels); default 1. */
  weight?: number;
}

export interface TrainProgress {
  epoch: number;
  epochs: number;
  /** Examples processed so far over all epochs. */
  done: number;
  total: number;
}

export interface TrainOptions {
  features?: FeatureParams;
  epochs?: number;
  /** AdaGrad base learning rate. */
  learningRate?: number;
  /** L2 penalty, applied lazily to the weights an example touches. */
  l2?: number;
  seed?: number;
  /** `balanced`: weight each class by n / (k · n_class), so rare classes count as much as common ones. */
  classWeights?: 'balanced' | 'none';
  /** Fixed label order; default: sorted labels found in the data. */
  labels?: string[];
  onProgress?: (p: TrainProgress) => void;
}

export interface TrainResult {
  labels: string[];
  weights: LinearWeights;
  classWeights: Record<string, number>;
  seconds: number;
  /** CPU time of this thread's process (wall time on a shared machine mostly measures the others). */
  cpuSeconds: number;
}

export const DEFAULT_TRAIN_OPTIONS = { epochs: 5, learningRate: 0.3, l2: 1e-7, seed: 1 } as const;

/**
 * Multinomial logistic regression trained with AdaGrad (per-weight step sizes suit hashed sparse
 * features: rare n-grams keep large steps). Deterministic for a given seed.
 */
export const trainLinear = (examples: readonly TrainExample[], opts: TrainOptions = {}): TrainResult => {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const features = opts.features ?? DEFAULT_FEATURE_PARAMS;
  const epochs = opts.epochs ?? DEFAULT_TRAIN_OPTIONS.epochs;
  const lr = opts.learningRate ?? DEFAULT_TRAIN_OPTIONS.learningRate;
  const l2 = opts.l2 ?? DEFAULT_TRAIN_OPTIONS.l2;
  const rand = mulberry32(opts.seed ?? DEFAULT_TRAIN_OPTIONS.seed);
  const labels = opts.labels ?? [...new Set(examples.map((e) => e.label))].sort();
  if (labels.length < 2)
    throw new ValidationError(`training needs at least two labels, got ${labels.length}`, { field: 'label' });
  const K = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));

  const y = new Int32Array(examples.length);
  const counts = new Float64Array(K);
  examples.forEach((e, i) => {
    const c = labelIndex.get(e.label);
    if (c === undefined)
      throw new ValidationError(`example ${i} has label "${e.label}" not in ${labels.join(', ')}`, {
        field: 'label',
      });
    y[i] = c;
    counts[c]! += e.weight ?? 1;
  });
  const totalWeight = counts.reduce((a, b) => a + b, 0);
  const cw = new Float64Array(K).fill(1);
  if ((opts.classWeights ?? 'balanced') === 'balanced') {
    for (let c = 0; c < K; c++)
      cw[c] = (counts[c] as number) > 0 ? totalWeight / (K * (counts[c] as number)) : 0;
  }

  // Tokenise once; hashing is cheap enough to redo each epoch and saves storing every sparse vector.
  const words = examples.map((e) => prepareWords(e.text));
  const featurizer = new Featurizer(features);
  const weights = new Float32Array(features.buckets * K);
  const bias = new Float32Array(K);
  const g2 = new Float32Array(features.buckets * K);
  const g2b = new Float64Array(K);
  const model: LinearWeights = { weights, bias };
  const z = new Float64Array(K);
  const p = new Float64Array(K);
  const d = new Float64Array(K);
  const order = Int32Array.from({ length: examples.length }, (_, i) => i);
  const total = epochs * examples.length;
  const eps = 1e-8;

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    for (let r = 0; r < order.length; r++) {
      const ex = order[r] as number;
      const yi = y[ex] as number;
      const sw = (examples[ex]?.weight ?? 1) * (cw[yi] as number);
      const x = featurizer.extract(words[ex] as string[]);
      logitsInto(model, x, z);
      softmaxInto(z, 1, p);
      for (let c = 0; c < K; c++) d[c] = sw * ((p[c] as number) - (c === yi ? 1 : 0));
      for (let c = 0; c < K; c++) {
        const g = d[c] as number;
        g2b[c]! += g * g;
        bias[c]! -= (lr * g) / (Math.sqrt(g2b[c] as number) + eps);
      }
      const { idx, val, length } = x;
      for (let f = 0; f < length; f++) {
        const base = (idx[f] as number) * K;
        const v = val[f] as number;
        for (let c = 0; c < K; c++) {
          const o = base + c;
          const w = weights[o] as number;
          const g = (d[c] as number) * v + l2 * w;
          if (g === 0) continue;
          const acc = (g2[o] as number) + g * g;
          g2[o] = acc;
          weights[o] = w - (lr * g) / (Math.sqrt(acc) + eps);
        }
      }
      if (opts.onProgress && (r & 2047) === 0)
        opts.onProgress({ epoch, epochs, done: epoch * order.length + r, total });
    }
  }
  opts.onProgress?.({ epoch: epochs, epochs, done: total, total });
  const classWeights: Record<string, number> = {};
  labels.forEach((l, c) => (classWeights[l] = cw[c] as number));
  const cpu = process.cpuUsage(cpu0);
  return {
    labels,
    weights: model,
    classWeights,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
};
