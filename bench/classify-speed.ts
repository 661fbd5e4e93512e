// Single-thread classification speed of one or more model files on the same texts, in one run: the
// dev split of the first model (raw texts, normalisation included), all of them and those ≤ 280
// characters. CPU time of this process (process.cpuUsage), best of 3 passes, plus the load average.
// Usage: tsx bench/classify-speed.ts [--data-dir D] MODEL…  (default: the shipped model)
import { existsSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_RECIPE,
  defaultModelPath,
  loadCorpus,
  loadTextModel,
  prepareData,
  type DataRecipe,
  type TextModel,
} from '../src/classify/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'data-dir': { type: 'string', default: path.resolve('../shared/datasets') } },
});
const dir = values['data-dir'] as string;
const models = positionals.length ? positionals : [defaultModelPath()];
const first = await loadTextModel(models[0] as string);
const files = readdirSync(path.join(dir, 'text'))
  .filter((f) => /\.ndjson(\.gz)?$/.test(f))
  .map((f) => path.join(dir, 'text', f));
const ira = path.join(dir, 'raw/ira-russian-troll-tweets-subset/ira_tweets_subset.csv.gz');
if (existsSync(ira)) files.push(ira);
const { records } = await loadCorpus(files);
const recipe = (first.header.training?.['recipe'] as DataRecipe | undefined) ?? DEFAULT_RECIPE;
const dev = prepareData(records, recipe).dev;
const sets = {
  all: dev.map((e) => ({ text: e.text, lang: e.record.lang })),
  tweets: dev.filter((e) => e.text.length <= 280).map((e) => ({ text: e.text, lang: e.record.lang })),
};

const cpu = (fn: () => void): number => {
  const c = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1e6;
};
const rate = (m: TextModel, items: { text: string; lang: string }[], hint: boolean): number => {
  let best = Infinity;
  for (let pass = 0; pass < 3; pass++)
    best = Math.min(
      best,
      cpu(() => items.forEach((x) => m.classify(x.text, hint ? x.lang : undefined))),
    );
  return items.length / best;
};

process.stdout.write(
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(
      ' ',
    )}; ${sets.all.length} dev texts, ${sets.tweets.length} of ≤ 280 chars; texts per CPU-second\n\n` +
    '| model | all (lang hint) | ≤ 280 chars (lang hint) | ≤ 280 chars (no hint: detection on high scores) |\n|---|---|---|---|\n',
);
const rows: number[][] = [];
for (const file of models) {
  const m = file === models[0] ? first : await loadTextModel(file);
  const r = [rate(m, sets.all, true), rate(m, sets.tweets, true), rate(m, sets.tweets, false)];
  rows.push(r);
  process.stdout.write(`| ${path.basename(file)} | ${r.map((x) => Math.round(x)).join(' | ')} |\n`);
}
if (rows.length > 1)
  process.stdout.write(
    `\nratio first / second: ${rows[0]!.map((x, i) => (x / rows[1]![i]!).toFixed(2)).join(' / ')}\n`,
  );
process.stdout.write(
  `load average after ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}\n`,
);
