// Fits the weights of the evasion match score (MATCH_WEIGHTS) by L2-regularised logistic
// regression on simulated streams: every scored (new account, suspended account) pair at every
// rescoring, labelled 1 when the suspended account is the one the new account truly replaces.
// Fit on training seeds only, never on the seeds the report evaluates.
//   npx tsx bench/evasion-fit.ts [CACHE.json] SIM_DIR [SIM_DIR...]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createEvasionDetector, createRiskDetector, runDetectors } from '../src/accounts/index.js';
import type { MatchFeatures } from '../src/accounts/evasion-score.js';
import type { CanonicalEvent } from '../src/events/index.js';
import type { Detector, PostClassification } from '../src/pipeline/types.js';

const KEYS: Array<keyof MatchFeatures> = [
  'name',
  'handle',
  'bio',
  'avatar',
  'follows',
  'followers',
  'reposts',
  'style',
  'affix',
  'hours',
  'shoutout',
  'shoutoutRef',
  'recency',
];
const NEG_EVERY = 8;
const rows: number[][] = [];
const weights: number[] = [];
const labels: number[] = [];
const args = process.argv.slice(2);
const cache = args[0]?.endsWith('.json') ? args.shift() : undefined;
if (cache && existsSync(cache)) {
  const c = JSON.parse(readFileSync(cache, 'utf8')) as {
    rows: number[][];
    labels: number[];
    weights: number[];
  };
  for (let i = 0; i < c.rows.length; i++) {
    rows.push(c.rows[i] as number[]);
    labels.push(c.labels[i] as number);
    weights.push(c.weights[i] as number);
  }
}
for (const dir of rows.length > 0 ? [] : args) {
  const truth = JSON.parse(readFileSync(`${dir}/truth.json`, 'utf8')) as {
    recreated_accounts: Array<{ account_id: string; replaces: string }>;
  };
  const replaces = new Map(truth.recreated_accounts.map((r) => [r.account_id, r.replaces]));
  const events = readFileSync(`${dir}/stream.ndjson`, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as CanonicalEvent);
  let n = 0;
  const observer = (acc: string, sus: string, f: MatchFeatures): void => {
    const y = replaces.get(acc) === sus ? 1 : 0;
    // Negatives are many: keep every NEG_EVERY-th, weighted up accordingly.
    if (y === 0 && n++ % NEG_EVERY !== 0) return;
    rows.push(KEYS.map((k) => f[k]));
    labels.push(y);
    weights.push(y === 1 ? 1 : NEG_EVERY);
  };
  // Text verdicts cached by bench/accounts-pipeline-eval.ts, when present (shout-out authors are
  // then flagged by their posts, as in `marsad detect`).
  const cacheFile = `${dir}/verdicts.marsad-text-v1.bin.ndjson`;
  const verdicts = new Map<number, PostClassification>();
  if (existsSync(cacheFile))
    for (const l of readFileSync(cacheFile, 'utf8').split('\n')) {
      if (l === '') continue;
      const [seq, v] = JSON.parse(l) as [number, PostClassification];
      verdicts.set(seq, v);
    }
  const seqOf = new Map<CanonicalEvent, number>(events.map((e, i) => [e, i]));
  runDetectors([createRiskDetector(), createEvasionDetector({ observer })] as Detector<unknown>[], events, {
    classify: (e) => verdicts.get(seqOf.get(e) ?? -1),
  });
  console.error(`${dir}: ${rows.length} pairs so far, ${labels.filter((y) => y === 1).length} positive`);
}

if (cache && !existsSync(cache)) writeFileSync(cache, JSON.stringify({ rows, labels, weights }));

// Full-batch Adam on the weighted log loss with an L2 penalty; feature weights are projected to
// ≥ 0 so that each signal can only add evidence (interpretable, and robust to simulator quirks);
// the intercept and recency are free.
const d = KEYS.length + 1;
const lambda = 1e-6;
const w = new Array<number>(d).fill(0);
w[0] = -5;
const free = (j: number): boolean => j === 0 || KEYS[j - 1] === 'recency';
const m1 = new Array<number>(d).fill(0);
const m2 = new Array<number>(d).fill(0);
const totalW = weights.reduce((a, b) => a + b, 0);
for (let it = 1; it <= 3000; it++) {
  const g = new Array<number>(d).fill(0);
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i] as number[];
    let z = w[0] as number;
    for (let j = 1; j < d; j++) z += (w[j] as number) * (x[j - 1] as number);
    const r = ((weights[i] as number) * (1 / (1 + Math.exp(-z)) - (labels[i] as number))) / totalW;
    g[0] = (g[0] as number) + r;
    for (let j = 1; j < d; j++) g[j] = (g[j] as number) + r * (x[j - 1] as number);
  }
  for (let j = 0; j < d; j++) {
    const gj = (g[j] as number) + (j === 0 ? 0 : lambda * (w[j] as number));
    m1[j] = 0.9 * (m1[j] as number) + 0.1 * gj;
    m2[j] = 0.999 * (m2[j] as number) + 0.001 * gj * gj;
    const mh = (m1[j] as number) / (1 - 0.9 ** it);
    const vh = (m2[j] as number) / (1 - 0.999 ** it);
    let y = (w[j] as number) - (0.05 * mh) / (Math.sqrt(vh) + 1e-8);
    if (!free(j)) y = Math.max(0, y);
    w[j] = y;
  }
}
console.log(
  JSON.stringify({
    intercept: Math.round((w[0] as number) * 100) / 100,
    ...Object.fromEntries(KEYS.map((k, j) => [k, Math.round((w[j + 1] as number) * 100) / 100])),
  }),
);
