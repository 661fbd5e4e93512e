// The hand-written English evaluation set (test/classify/fixtures/english-eval.ndjson): news about
// extremism, counter-speech, ordinary chatter and invented propaganda. Evaluation only: never used for
// training or for choosing a threshold. Prints, per model, the share of each group flagged.
// Usage: tsx bench/classify-english-eval.ts [MODEL…]  (default: the shipped model)
import { readFileSync } from 'node:fs';
import { defaultModelPath, loadTextModel } from '../src/classify/index.js';

const fixture = new URL('../test/classify/fixtures/english-eval.ndjson', import.meta.url);
const rows = readFileSync(fixture, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id: string; group: string; text: string });
const groups = [...new Set(rows.map((r) => r.group))];
const models = process.argv.slice(2);
const verbose = process.env['VERBOSE'] === '1';
for (const file of models.length ? models : [defaultModelPath()]) {
  const model = await loadTextModel(file);
  const cells: string[] = [];
  for (const g of groups) {
    const rs = rows.filter((r) => r.group === g);
    const flagged = rs.filter((r) => model.classify(r.text, 'en').flagged);
    cells.push(`${g} ${flagged.length}/${rs.length} (${((100 * flagged.length) / rs.length).toFixed(1)} %)`);
    if (verbose)
      for (const r of g === 'extremist' ? rs.filter((x) => !flagged.includes(x)) : flagged)
        process.stdout.write(`  ${g} ${g === 'extremist' ? 'missed' : 'flagged'}: ${r.text}\n`);
  }
  process.stdout.write(`${file}: threshold ${model.threshold.toFixed(3)}; flagged: ${cells.join(', ')}\n`);
}
