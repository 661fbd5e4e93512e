// Figures of the decision `classify` actually makes (per-language thresholds, the validated-language
// guard, the minimum of words), as opposed to one threshold over all scores (metrics.ts).
import type { TextModel } from './model.js';
import type { PreparedExample } from './recipe.js';

export interface OperatingCounts {
  n: number;
  positives: number;
  flagged: number;
  truePositives: number;
  /** Sent to `review` (languages without a validated threshold). */
  review: number;
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
      if (c.review) s.review++;
      if (!c.flagged) continue;
      s.flagged++;
      if (pos) s.truePositives++;
      if (e.label === 'news') s.newsFlagged++;
    }
  }
  for (const s of [all, ...Object.values(perLanguage)]) {
    s.precision = s.flagged ? s.truePositives / s.flagged : 0;
    s.recall = s.positives ? s.truePositives / s.positives : 0;
  }
  return { all, perLanguage };
};

/** A table of the report for the terminal. */
export const formatOperatingReport = (r: OperatingReport): string => {
  const row = (name: string, s: OperatingCounts): string =>
    `${name.padEnd(8)} ${String(s.n).padStart(6)} ${String(s.positives).padStart(9)} ${String(s.flagged).padStart(7)} ${s.precision.toFixed(3).padStart(9)} ${s.recall.toFixed(3).padStart(6)} ${`${s.newsFlagged}/${s.news}`.padStart(12)} ${String(s.review).padStart(6)}`;
  return [
    'decisions of classify (per-language thresholds, validated-language guard, minimum words):',
    'language      n  positives  flagged  precision  recall  news flagged  review',
    row('all', r.all),
    ...Object.entries(r.perLanguage)
      .sort((a, b) => b[1].n - a[1].n)
      .map(([l, s]) => row(l, s)),
  ].join('\n');
};
