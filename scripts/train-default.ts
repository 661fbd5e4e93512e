// Rebuilds the shipped model models/marsad-text-v1.bin from the shared corpora (npm run train:default).
// Usage: tsx scripts/train-default.ts [--datasets DIR] [--out FILE] [--seed N]
// Reads DIR/text/*.ndjson[.gz] and DIR/raw/ira-russian-troll-tweets-subset/ira_tweets_subset.csv.gz.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { main } from '../src/cli/main.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: path.resolve(root, '../shared/datasets') },
    out: { type: 'string', default: path.join(root, 'models/marsad-text-v1.bin') },
    seed: { type: 'string', default: '1' },
  },
});
const textDir = path.join(values.datasets as string, 'text');
const files = readdirSync(textDir)
  .filter((f) => /\.ndjson(\.gz)?$/.test(f))
  .sort()
  .map((f) => path.join(textDir, f));
// Raw sets without a text file that src/classify/raw-sources.ts reads: English (and some Arabic) news
// headlines and ordinary/troll tweets, the hard negatives the text files lack.
const ira = path.join(
  values.datasets as string,
  'raw/ira-russian-troll-tweets-subset/ira_tweets_subset.csv.gz',
);
if (existsSync(ira)) files.push(ira);
else process.stderr.write(`warning: ${ira} not found: training without the IRA English negatives\n`);
process.exitCode = await main([
  'node',
  'marsad',
  'train',
  '--data',
  ...files,
  '--out',
  values.out as string,
  '--seed',
  values.seed as string,
]);
