import { precisionRecallCurve, type ThresholdPoint } from './threshold.js';

/** What evaluation needs per example: the truth and the model's calibrated probabilities. */
export interface ScoredSet {
  labels: readonly string[];
  positiveLabel: string;
  threshold: number;
  /** Row-major n × labels.length probabilities. */
  probs: Float64Array;
  truth: readonly string[];
  langs: readonly string[];
  sources: readonly string[];
  /** Rows whose truth came from a weak (account-level) label. */
  weak: readonly boolean[];
}

export interface BinaryStats {
  n: number;
  positives: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  /** Mean of the F1 of the positive class and of the rest. */
  macroF1: number;
}

export interface EvalReport {
  n: number;
  labels: string[];
  positiveLabel: string;
  threshold: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<
    string,
    { precision: number; recall: number; f1: number; support: number; rocAuc: number }
  >;
  /** confusion[i][j]: true label i predicted as label j (argmax). */
  confusion: number[][];
  /** Positive class vs the rest, at the operating threshold (`flagged`). */
  flagged: BinaryStats;
  /** Positive class vs the rest by argmax label. */
  argmax: BinaryStats;
  /** Share of `news` rows flagged at the operating threshold. */
  newsFalsePositiveRate: number | null;
  /** Recall at the threshold on positives with strong (per-tweet) vs weak (account-level) labels. */
  recallStrong: number | null;
  recallWeak: number | null;
  /** Positive class vs rest per language, at the operating threshold. */
  perLanguage: Record<string, BinaryStats>;
  /** Positive class vs rest per language, by argmax label. */
  perLanguageArgmax: Record<string, BinaryStats>;
  perSource: Record<
    string,
    { n: number; truth: Record<string, number>; accuracy: number; flaggedRate: number }
  >;
  thresholds: Array<{
    threshold: number;
    precision: number;
    recall: number;
    f1: number;
    newsFpr: number | null;
  }>;
  prCurve: ThresholdPoint[];
}

const f1 = (p: number, r: number): number => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

export const binaryStats = (pred: readonly boolean[], truth: readonly boolean[]): BinaryStats => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < pred.length; i++) {
    if (pred[i] && truth[i]) tp++;
    else if (pred[i]) fp++;
    else if (truth[i]) fn++;
    else tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const negP = tn + fn ? tn / (tn + fn) : 0;
  const negR = tn + fp ? tn / (tn + fp) : 0;
  const f = f1(precision, recall);
  return {
    n: pred.length,
    positives: tp + fn,
    tp,
    fp,
    fn,
    precision,
    recall,
    f1: f,
    macroF1: (f + f1(negP, negR)) / 2,
  };
};

/** ROC-AUC by the rank-sum (Mann-Whitney) formula, ties getting their average rank. */
export const rocAuc = (scores: ArrayLike<number>, positives: ArrayLike<boolean>): number => {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let nPos = 0;
  let rankSum = 0;
  for (let r = 0; r < n;) {
    let e = r;
    while (e + 1 < n && scores[order[e + 1] as number] === scores[order[r] as number]) e++;
    const avg = (r + e) / 2 + 1;
    for (let t = r; t <= e; t++)
      if (positives[order[t] as number]) {
        nPos++;
        rankSum += avg;
      }
    r = e + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
};

export const evaluate = (s: ScoredSet): EvalReport => {
  const K = s.labels.length;
  const n = s.truth.length;
  const li = new Map(s.labels.map((l, i) => [l, i]));
  const posIdx = li.get(s.positiveLabel) ?? -1;
  const pred = new Int32Array(n);
  const posScore = new Float64Array(n);
  const confusion = s.labels.map(() => new Array<number>(K).fill(0));
  let correct = 0;
  for (let r = 0; r < n; r++) {
    let best = 0;
    for (let c = 1; c < K; c++)
      if ((s.probs[r * K + c] as number) > (s.probs[r * K + best] as number)) best = c;
    pred[r] = best;
    posScore[r] = posIdx >= 0 ? (s.probs[r * K + posIdx] as number) : 0;
    const t = li.get(s.truth[r] as string);
    if (t !== undefined) confusion[t]![best]! += 1;
    if (t === best) correct++;
  }
  const perClass: EvalReport['perClass'] = {};
  for (let c = 0; c < K; c++) {
    const label = s.labels[c] as string;
    const truthC = s.truth.map((t) => t === label);
    const predC = Array.from(pred, (p) => p === c);
    const b = binaryStats(predC, truthC);
    const scoresC = Array.from({ length: n }, (_, r) => s.probs[r * K + c] as number);
    perClass[label] = {
      precision: b.precision,
      recall: b.recall,
      f1: b.f1,
      support: b.positives,
      rocAuc: rocAuc(scoresC, truthC),
    };
  }
  const present = Object.values(perClass).filter((c) => c.support > 0);
  const isPos = s.truth.map((t) => t === s.positiveLabel);
  const flaggedPred = Array.from(posScore, (p) => p >= s.threshold);
  const argmaxPred = Array.from(pred, (p) => p === posIdx);

  const newsRows = s.truth.map((t, i) => (t === 'news' ? i : -1)).filter((i) => i >= 0);
  const rate = (rows: number[], pred: boolean[]): number | null =>
    rows.length ? rows.filter((i) => pred[i]).length / rows.length : null;

  const perLanguage: EvalReport['perLanguage'] = {};
  const perLanguageArgmax: EvalReport['perLanguage'] = {};
  for (const lang of [...new Set(s.langs)].sort()) {
    const rows = s.langs.map((l, i) => (l === lang ? i : -1)).filter((i) => i >= 0);
    perLanguageArgmax[lang] = binaryStats(
      rows.map((i) => argmaxPred[i] as boolean),
      rows.map((i) => isPos[i] as boolean),
    );
    perLanguage[lang] = binaryStats(
      rows.map((i) => flaggedPred[i] as boolean),
      rows.map((i) => isPos[i] as boolean),
    );
  }
  const perSource: EvalReport['perSource'] = {};
  for (const src of [...new Set(s.sources)].sort()) {
    const rows = s.sources.map((x, i) => (x === src ? i : -1)).filter((i) => i >= 0);
    const truth: Record<string, number> = {};
    for (const i of rows) truth[s.truth[i] as string] = (truth[s.truth[i] as string] ?? 0) + 1;
    perSource[src] = {
      n: rows.length,
      truth,
      accuracy: rows.filter((i) => s.labels[pred[i] as number] === s.truth[i]).length / rows.length,
      flaggedRate: rows.filter((i) => flaggedPred[i]).length / rows.length,
    };
  }
  const strong = isPos.map((p, i) => (p && !s.weak[i] ? i : -1)).filter((i) => i >= 0);
  const weak = isPos.map((p, i) => (p && s.weak[i] ? i : -1)).filter((i) => i >= 0);

  const grid = [...new Set([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, s.threshold])].sort(
    (a, b) => a - b,
  );
  const thresholds = grid.map((t) => {
    const p = Array.from(posScore, (x) => x >= t);
    const b = binaryStats(p, isPos);
    return { threshold: t, precision: b.precision, recall: b.recall, f1: b.f1, newsFpr: rate(newsRows, p) };
  });
  const curve = precisionRecallCurve(posScore, isPos);
  const step = Math.max(1, Math.floor(curve.length / 400));
  return {
    n,
    labels: [...s.labels],
    positiveLabel: s.positiveLabel,
    threshold: s.threshold,
    accuracy: n ? correct / n : 0,
    macroF1: present.reduce((a, c) => a + c.f1, 0) / Math.max(1, present.length),
    perClass,
    confusion,
    flagged: binaryStats(flaggedPred, isPos),
    argmax: binaryStats(argmaxPred, isPos),
    newsFalsePositiveRate: rate(newsRows, flaggedPred),
    recallStrong: rate(strong, flaggedPred),
    recallWeak: rate(weak, flaggedPred),
    perLanguage,
    perLanguageArgmax,
    perSource,
    thresholds,
    prCurve: curve.filter((_, i) => i % step === 0 || i === curve.length - 1),
  };
};
