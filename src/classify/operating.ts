// Figures of the decision `classify` actually makes (per-language thresholds, the validated-language
// guard, the minimum of words), as opposed to one threshold over all scores (metrics.ts).
import type { TextModel } from './model.js';
import type { PreparedExample } from './recipe.js';
import { prepareWords } from './text-prep.js';
import { chooseThreshold } from './threshold.js';

export interface OperatingCounts {
  n: number;
  positives: number;
  flagged: number;
  truePositives: number;
  /** Sent to `review`: the review band of a validated language, or a high score in another language. */
  review: number;
  /** Positives flagged or sent to review. */
  truePositivesOrReview: number;
  newsReview: number;
  /** Recall of flagged ∪ review. */
  recallWithReview: number;
  news: number;
  newsFlagged: number;
  precision: number;
  recall: number;
}

export interface OperatingReport {
  all: OperatingCounts;
  perLanguage: Record<string, OperatingCounts>;
}

const empty = (): OperatingCounts => ({
  n: 0,
  positives: 0,
  flagged: 0,
  truePositives: 0,
  review: 0,
  truePositivesOrReview: 0,
  newsReview: 0,
  recallWithReview: 0,
  news: 0,
  newsFlagged: 0,
  precision: 0,
  recall: 0,
});

/** Classifies every example with its own language as the hint and counts what was flagged. */
export const operatingReport = (model: TextModel, examples: readonly PreparedExample[]): OperatingReport => {
  const all = empty();
  const perLanguage: Record<string, OperatingCounts> = {};
  for (const e of examples) {
    const c = model.classify(e.text, e.record.lang);
    const lang = (perLanguage[e.record.lang] ??= empty());
    for (const s of [all, lang]) {
      s.n++;
      const pos = e.label === model.positiveLabel;
      if (pos) s.positives++;
      if (e.label === 'news') s.news++;
      if (c.review) {
        s.review++;
        if (pos) s.truePositivesOrReview++;
        if (e.label === 'news') s.newsReview++;
      }
      if (!c.flagged) continue;
      if (pos) s.truePositivesOrReview++;
      s.flagged++;
      if (pos) s.truePositives++;
      if (e.label === 'news') s.newsFlagged++;
    }
  }
  for (const s of [all, ...Object.values(perLanguage)]) {
    s.precision = s.flagged ? s.truePositives / s.flagged : 0;
    s.recall = s.positives ? s.truePositives / s.positives : 0;
    s.recallWithReview = s.positives ? s.truePositivesOrReview / s.positives : 0;
  }
  return { all, perLanguage };
};

/** A table of the report for the terminal. */
export const formatOperatingReport = (r: OperatingReport): string => {
  const row = (name: string, s: OperatingCounts): string =>
    `${name.padEnd(8)} ${String(s.n).padStart(6)} ${String(s.positives).padStart(9)} ${String(s.flagged).padStart(7)} ${s.precision.toFixed(3).padStart(9)} ${s.recall.toFixed(3).padStart(6)} ${`${s.newsFlagged}/${s.news}`.padStart(12)} ${String(s.review).padStart(6)} ${s.recallWithReview.toFixed(3).padStart(15)} ${String(s.newsReview).padStart(11)}`;
  return [
    'decisions of classify (per-language thresholds, validated-language guard, minimum words, review band):',
    'language      n  positives  flagged  precision  recall  news flagged  review  recall ∪ review  news review',
    row('all', r.all),
    ...Object.entries(r.perLanguage)
      .sort((a, b) => b[1].n - a[1].n)
      .map(([l, s]) => row(l, s)),
  ].join('\n');
};

/** One language's review band: the threshold and what it measured on the examples it was chosen on. */
export interface ReviewBand {
  threshold: number;
  /** Precision and recall of "score ≥ threshold" (flagged ∪ review) on those examples. */
  precision: number;
  recall: number;
}

/**
 * Review-band thresholds for the model's validated languages: per language, the lowest score at which
 * precision of "score ≥ t" on the examples still reaches `precisionTarget` (the same rule as the flag
 * thresholds, with a looser target, possibly per language). Scores count as 0 for texts too short to flag, as in classify.
 * A language whose band would not lie below its flag threshold gets none.
 */
export const chooseReviewBands = (
  model: TextModel,
  examples: readonly PreparedExample[],
  precisionTarget: number,
  /** Per-language targets that override `precisionTarget`. */
  languageTargets: Readonly<Record<string, number>> = {},
): Record<string, ReviewBand> => {
  const flagAt = model.header.thresholds ?? {};
  const byLang = new Map<string, { scores: number[]; positives: boolean[] }>();
  const pos = model.labels.indexOf(model.positiveLabel);
  for (const e of examples) {
    const lang = e.record.lang;
    if (flagAt[lang] === undefined || pos < 0) continue;
    let g = byLang.get(lang);
    if (!g) byLang.set(lang, (g = { scores: [], positives: [] }));
    const words = prepareWords(e.text);
    g.scores.push(model.canFlag(words) ? (model.probabilities(e.text)[pos] as number) : 0);
    g.positives.push(e.label === model.positiveLabel);
  }
  const out: Record<string, ReviewBand> = {};
  for (const [lang, g] of byLang) {
    const point = chooseThreshold(g.scores, g.positives, languageTargets[lang] ?? precisionTarget);
    const flag = flagAt[lang] as number;
    if (!point || point.threshold <= 0 || point.threshold >= flag) continue;
    out[lang] = { threshold: point.threshold, precision: point.precision, recall: point.recall };
  }
  return out;
};
