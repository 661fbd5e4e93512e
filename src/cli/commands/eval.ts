import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import {
  assignSplit,
  DEFAULT_RECIPE,
  defaultModelPath,
  evaluate,
  formatOperatingReport,
  loadCorpus,
  loadTextModel,
  logitsOf,
  operatingReport,
  probabilities,
  scoredSet,
  toExample,
  type DataRecipe,
  type EvalReport,
  type PreparedExample,
} from '../../classify/index.js';
import { comparisonRows, compareModels } from '../../classify/feedback-compare.js';
import { decisionCorpus, withDecisions } from '../../classify/feedback.js';
import { confusionMatrixSvg, prCurveSvg } from '../../classify/svg.js';
import { ExitCodeError, withContext } from '../context.js';

const f = (x: number | null | undefined, d = 3): string =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d);

const table = (head: string[], rows: string[][]): string => {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
};

/** Terminal tables of an evaluation (also used by `train` for its dev summary). */
export const printDevSummary = (r: EvalReport, out: NodeJS.WritableStream = process.stdout): void => {
  out.write(`\n${r.n} examples, accuracy ${f(r.accuracy)}, macro-F1 ${f(r.macroF1)}\n\n`);
  out.write(
    table(
      ['label', 'precision', 'recall', 'F1', 'ROC-AUC', 'support'],
      r.labels.map((l) => {
        const c = r.perClass[l];
        return [l, f(c?.precision), f(c?.recall), f(c?.f1), f(c?.rocAuc, 4), String(c?.support ?? 0)];
      }),
    ),
  );
  out.write(`\nconfusion (rows true, columns predicted)\n`);
  out.write(
    table(
      ['', ...r.labels],
      r.labels.map((l, i) => [l, ...(r.confusion[i] ?? []).map(String)]),
    ),
  );
  const b = r.flagged;
  out.write(
    `\n${r.positiveLabel} vs rest at threshold ${f(r.threshold, 4)}: precision ${f(b.precision)} recall ${f(b.recall)} F1 ${f(b.f1)} macro-F1 ${f(b.macroF1)}\n` +
      `  recall on per-tweet labels ${f(r.recallStrong)}, on weak account labels ${f(r.recallWeak)}; news flagged (false-positive rate) ${f(r.newsFalsePositiveRate, 4)}\n` +
      `  by argmax label: precision ${f(r.argmax.precision)} recall ${f(r.argmax.recall)} macro-F1 ${f(r.argmax.macroF1)}\n\n`,
  );
  out.write(
    table(
      ['language', 'n', 'positives', 'precision@t', 'recall@t', 'F1@t', 'macro-F1@t', 'macro-F1 argmax'],
      Object.entries(r.perLanguage).map(([l, s]) => [
        l,
        String(s.n),
        String(s.positives),
        f(s.precision),
        f(s.recall),
        f(s.f1),
        f(s.macroF1),
        f(r.perLanguageArgmax[l]?.macroF1),
      ]),
    ),
  );
  out.write('\n');
  out.write(
    table(
      ['source', 'n', 'labels', 'accuracy', 'flagged'],
      Object.entries(r.perSource).map(([s, x]) => [
        s,
        String(x.n),
        Object.entries(x.truth)
          .map(([k, v]) => `${k}:${v}`)
          .join(' '),
        f(x.accuracy),
        f(x.flaggedRate, 4),
      ]),
    ),
  );
  out.write('\n');
  out.write(
    table(
      ['threshold', 'precision', 'recall', 'F1', 'news FPR'],
      r.thresholds.map((t) => [f(t.threshold, 4), f(t.precision), f(t.recall), f(t.f1), f(t.newsFpr, 4)]),
    ),
  );
};

interface EvalCliOptions {
  model?: string;
  compare?: string;
  decisions?: boolean;
  data?: string[];
  out?: string;
  split: string;
}

/** The labelled examples of --data (in --split) and of --decisions (all of them), with these labels. */
const loadExamples = async (
  o: EvalCliOptions,
  cmd: Command,
  base: DataRecipe,
  labels: readonly string[],
): Promise<PreparedExample[]> => {
  const { records, errors } = await loadCorpus(o.data ?? []);
  for (const e of errors.slice(0, 20)) process.stderr.write(`${e.file}:${e.line}: skipped: ${e.reason}\n`);
  const examples: PreparedExample[] = [];
  for (const r of records) {
    if (o.split !== 'all' && assignSplit(r, base.split) !== o.split) continue;
    const ex = toExample(r, base);
    if (ex && labels.includes(ex.label)) examples.push(ex);
  }
  if (o.decisions) {
    // Decisions were never in the model's dev split: every one of them is evaluation data.
    const d = await withContext(cmd, (ctx) => decisionCorpus(ctx.database));
    const recipe = withDecisions(base, Object.keys(d.counts), 1);
    for (const r of d.records) {
      const ex = toExample(r, recipe);
      if (ex && labels.includes(ex.label)) examples.push(ex);
    }
  }
  return examples;
};

const compareCommand = async (o: EvalCliOptions, cmd: Command): Promise<void> => {
  const a = await loadTextModel(o.model ?? defaultModelPath());
  const b = await loadTextModel(o.compare as string);
  const labels = a.labels.filter((l) => b.labels.includes(l));
  const recipe = (a.header.training?.['recipe'] as DataRecipe | undefined) ?? DEFAULT_RECIPE;
  const examples = await loadExamples(o, cmd, recipe, labels);
  if (examples.length === 0)
    throw new ExitCodeError(1, `no examples with the labels of both models (${labels.join(', ')})`);
  const names = ['A', 'B'];
  const compared = compareModels(
    [
      { name: 'A', model: a },
      { name: 'B', model: b },
    ],
    examples,
  );
  process.stdout.write(
    `A = ${o.model ?? defaultModelPath()}\nB = ${o.compare as string}\n${examples.length} examples (split "${o.split}"${o.decisions ? ' + decisions' : ''}); each model at its own threshold\n\n`,
  );
  process.stdout.write(table(['metric', ...names, 'B − A'], comparisonRows(compared)));
  if (!o.out) return;
  await mkdir(o.out, { recursive: true });
  await writeFile(
    path.join(o.out, 'compare.json'),
    JSON.stringify(
      { split: o.split, models: { A: o.model ?? defaultModelPath(), B: o.compare }, reports: compared },
      null,
      2,
    ),
  );
  for (const c of compared) {
    const r = c.report;
    const op = { threshold: r.threshold, precision: r.flagged.precision, recall: r.flagged.recall };
    const tag = c.name.toLowerCase();
    await writeFile(
      path.join(o.out, `pr-curve-${tag}.svg`),
      prCurveSvg(r.prCurve, op, `model ${c.name}: ${r.positiveLabel} vs rest (${o.split}, n=${r.n})`),
    );
    await writeFile(
      path.join(o.out, `confusion-matrix-${tag}.svg`),
      confusionMatrixSvg(r.labels, r.confusion, `model ${c.name}: confusion matrix (${o.split}, n=${r.n})`),
    );
  }
  process.stdout.write(
    `\nwrote ${path.join(o.out, 'compare.json')}, pr-curve-{a,b}.svg, confusion-matrix-{a,b}.svg\n`,
  );
};

export const registerEvalCommand = (program: Command): void => {
  program
    .command('eval')
    .description(
      'evaluate a text model on labelled NDJSON: per-class and per-language metrics, PR curve, confusion matrix',
    )
    .option('--model <file>', 'model file (default: the shipped model, or MARSAD_MODEL_PATH)')
    .option('--data <files...>', 'labelled NDJSON files (.gz allowed)')
    .option(
      '--compare <file>',
      'a second model scored on the same examples: side-by-side table, plots of each',
    )
    .option('--decisions', "the database's confirmed/dismissed post decisions as data (--db; all of them)")
    .option('--out <dir>', 'write metrics.json, pr-curve.svg and confusion-matrix.svg here')
    .option('--split <name>', "dev | calibration | train (the model's own split of these files) | all", 'dev')
    .action(async (o: EvalCliOptions, cmd: Command) => {
      if (!['dev', 'calibration', 'train', 'all'].includes(o.split))
        throw new ExitCodeError(2, `--split must be dev, calibration, train or all`);
      if (!o.data?.length && !o.decisions)
        throw new ExitCodeError(2, 'marsad eval: pass --data FILES or --decisions');
      if (o.compare !== undefined) return compareCommand(o, cmd);
      const model = await loadTextModel(o.model ?? defaultModelPath());
      if (!model.normalizerMatches)
        process.stderr.write(
          'warning: the text normaliser changed since this model was trained; retrain it (npm run train:default)\n',
        );
      // The model's own recipe (label map, excluded accounts, split seed) so `dev` is the same dev split.
      const recipe = (model.header.training?.['recipe'] as DataRecipe | undefined) ?? DEFAULT_RECIPE;
      const examples = await loadExamples(o, cmd, recipe, model.labels);
      if (examples.length === 0)
        throw new ExitCodeError(
          1,
          `no examples with the model's labels (${model.labels.join(', ')}) in split "${o.split}"`,
        );
      const t0 = performance.now();
      const probs = probabilities(logitsOf(model, examples), model.labels.length, model.header.temperature);
      const seconds = (performance.now() - t0) / 1000;
      const report = evaluate(scoredSet(model, examples, probs));
      process.stdout.write(
        `split "${o.split}": ${examples.length} examples scored in ${seconds.toFixed(2)} s (${Math.round(examples.length / seconds)}/s)\n`,
      );
      printDevSummary(report);
      // What `classify` decides (per-language thresholds, guard, minimum words), not one threshold.
      const operating = operatingReport(model, examples);
      process.stdout.write(`\n${formatOperatingReport(operating)}\n`);
      if (o.out) {
        await mkdir(o.out, { recursive: true });
        const op = {
          threshold: report.threshold,
          precision: report.flagged.precision,
          recall: report.flagged.recall,
        };
        await writeFile(
          path.join(o.out, 'metrics.json'),
          JSON.stringify({ split: o.split, model: model.header.createdAt, ...report, operating }, null, 2),
        );
        await writeFile(
          path.join(o.out, 'pr-curve.svg'),
          prCurveSvg(
            report.prCurve,
            op,
            `${report.positiveLabel} vs rest: precision-recall (${o.split}, n=${report.n})`,
          ),
        );
        await writeFile(
          path.join(o.out, 'confusion-matrix.svg'),
          confusionMatrixSvg(report.labels, report.confusion, `confusion matrix (${o.split}, n=${report.n})`),
        );
        process.stdout.write(
          `\nwrote ${path.join(o.out, 'metrics.json')}, pr-curve.svg, confusion-matrix.svg\n`,
        );
      }
    });
};
