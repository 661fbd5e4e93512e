// Chooses the review band of a trained model on its own dev split and writes it into the model's
// header (`reviewThresholds`), keeping the weight bytes identical: no retraining.
//   npx tsx scripts/set-review-band.ts --model models/marsad-text-v1.bin --target 0.8 --lang-target en=0.95 [--write] \
//     --data ../shared/datasets/text/* ../shared/datasets/raw/.../ira_tweets_subset.csv.gz
// Without --write it only prints, for several precision targets, what the band would catch.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { assignSplit, loadCorpus } from '../src/classify/data.js';
import { decodeModel } from '../src/classify/model-file.js';
import { chooseReviewBands, operatingReport } from '../src/classify/operating.js';
import { DEFAULT_RECIPE, toExample, type DataRecipe, type PreparedExample } from '../src/classify/recipe.js';
import type { ModelHeader } from '../src/classify/model.js';

const { values, positionals } = parseArgs({
  options: {
    model: { type: 'string', default: 'models/marsad-text-v1.bin' },
    target: { type: 'string', default: '0.8' },
    'lang-target': { type: 'string', multiple: true },
    write: { type: 'boolean', default: false },
    data: { type: 'string', multiple: true },
  },
  allowPositionals: true,
});
const file = values.model;
const buf = await readFile(file);
const model = decodeModel(buf, file);
const recipe = (model.header.training?.['recipe'] as DataRecipe | undefined) ?? DEFAULT_RECIPE;
const { records } = await loadCorpus([...(values.data ?? []), ...positionals]);
const dev: PreparedExample[] = [];
for (const r of records) {
  if (assignSplit(r, recipe.split) !== 'dev') continue;
  const ex = toExample(r, recipe);
  if (ex && model.labels.includes(ex.label)) dev.push(ex);
}
process.stdout.write(`${dev.length} dev examples\n`);

// What each candidate target would do, measured through classify itself (band applied).
const header0: ModelHeader = { ...model.header };
delete header0.reviewThresholds;
const bare = decodeModel(withHeader(buf, header0), file);
for (const target of [0.95, 0.9, 0.85, 0.8, 0.7]) {
  const bands = chooseReviewBands(bare, dev, target);
  const trial = decodeModel(withHeader(buf, { ...header0, reviewThresholds: thresholdsOf(bands) }), file);
  const op = operatingReport(trial, dev);
  const cells = Object.entries(bands).map(([l, b]) => {
    const s = op.perLanguage[l];
    return `${l} t=${b.threshold.toFixed(3)} recall ${s?.recall.toFixed(3)} → ${s?.recallWithReview.toFixed(3)}, review ${s?.review} (news ${s?.newsReview}/${s?.news})`;
  });
  process.stdout.write(
    `P≥${target}: all recall ${op.all.recall.toFixed(3)} → ${op.all.recallWithReview.toFixed(3)}, review ${op.all.review}, news review ${op.all.newsReview}/${op.all.news}; ${cells.join('; ')}\n`,
  );
}

const target = Number(values.target);
const languageTargets = Object.fromEntries(
  (values['lang-target'] ?? []).map((spec) => {
    const [lang = '', t = ''] = spec.split('=');
    return [lang, Number(t)];
  }),
);
const bands = chooseReviewBands(bare, dev, target, languageTargets);
const chosenOp = operatingReport(
  decodeModel(withHeader(buf, { ...header0, reviewThresholds: thresholdsOf(bands) }), file),
  dev,
);
process.stdout.write(
  `chosen (P ≥ ${target}, ${JSON.stringify(languageTargets)}): ${JSON.stringify(bands)}\n` +
    `  all recall ${chosenOp.all.recall.toFixed(3)} → ${chosenOp.all.recallWithReview.toFixed(3)}, review ${chosenOp.all.review}, news review ${chosenOp.all.newsReview}/${chosenOp.all.news}\n`,
);
if (values.write) {
  const header: ModelHeader = {
    ...header0,
    reviewThresholds: thresholdsOf(bands),
    metrics: {
      ...(header0.metrics ?? {}),
      reviewBand: { precisionTarget: target, languageTargets, split: 'dev', bands, operating: chosenOp },
    },
  };
  await writeFile(file, withHeader(buf, header));
  process.stdout.write(`wrote ${file} (weights unchanged)\n`);
}

function thresholdsOf(b: Record<string, { threshold: number }>): Record<string, number> {
  return Object.fromEntries(Object.entries(b).map(([l, x]) => [l, x.threshold]));
}

/** The same file with another JSON header: magic, length, header, padding to 4, then the original weight bytes. */
function withHeader(original: Buffer, header: ModelHeader): Buffer {
  const oldLen = original.readUInt32LE(8);
  const oldHead = 12 + oldLen;
  const body = original.subarray(oldHead + ((4 - (oldHead % 4)) % 4));
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = 12 + json.length;
  const out = Buffer.alloc(head + ((4 - (head % 4)) % 4) + body.length);
  original.copy(out, 0, 0, 8);
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  body.copy(out, out.length - body.length);
  return out;
}
