// Old-vs-new: two models scored on the same examples (`marsad eval --model A --compare B`).
import { evaluate, type EvalReport } from './metrics.js';
import { logitsOf, scoredSet } from './build.js';
import { probabilities } from './calibrate.js';
import type { TextModel } from './model.js';
import type { PreparedExample } from './recipe.js';

export interface ComparedModel {
  name: string;
  report: EvalReport;
}

/** Both models on the same examples; each at its own operating threshold. */
export const compareModels = (
  models: ReadonlyArray<{ name: string; model: TextModel }>,
  examples: readonly PreparedExample[],
): ComparedModel[] =>
  models.map(({ name, model }) => ({
    name,
    report: evaluate(
      scoredSet(
        model,
        examples,
        probabilities(logitsOf(model, examples), model.labels.length, model.header.temperature),
      ),
    ),
  }));

const f = (x: number | null | undefined, d = 3): string =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d);

/** Rows of the side-by-side table: metric, then one column per model, then the difference B − A. */
export const comparisonRows = (c: readonly ComparedModel[]): string[][] => {
  const metric = (name: string, get: (r: EvalReport) => number | null | undefined, d = 3): string[] => {
    const vals = c.map((m) => get(m.report));
    const a = vals[0];
    const b = vals[1];
    const delta =
      typeof a === 'number' && typeof b === 'number' ? (b - a >= 0 ? '+' : '') + f(b - a, d) : '—';
    return [name, ...vals.map((v) => f(v, d)), delta];
  };
  return [
    metric('n', (r) => r.n, 0),
    metric('macro-F1', (r) => r.macroF1),
    metric('threshold', (r) => r.threshold, 4),
    metric('precision (flagged)', (r) => r.flagged.precision),
    metric('recall (flagged)', (r) => r.flagged.recall),
    metric('F1 (flagged)', (r) => r.flagged.f1),
    metric('news flagged (FPR)', (r) => r.newsFalsePositiveRate, 4),
  ];
};
