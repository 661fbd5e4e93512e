// Rebuilds the shipped model models/marsad-text-v1.bin from the shared corpora (npm run train:default).
// Usage: tsx scripts/train-default.ts [--datasets DIR] [--out FILE] [--seed N]
import { readdirSync } from 'node:fs';
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
