// Fits the weights of the evasion match score (MATCH_WEIGHTS) as a conditional logit of the
// decision the detector makes: at every rescoring of a new account, a choice among the scored
// suspended candidates and "none" (logit 0), labelled with the true predecessor when it is among
// them, else "none" (organic accounts, and re-creations whose predecessor was not retrieved).
// This fits what the detector does (pick one predecessor, or none) better than the pairwise fit of
// bench/evasion-fit.ts, which rewards features that separate any army pair from organic ones.
// Training seeds only, never the reported ones:
//   npx tsx bench/evasion-fit-choice.ts SIM_DIR [SIM_DIR...]
// Uses the text verdicts cached by bench/accounts-pipeline-eval.ts when present.
import { existsSync, readFileSync } from 'node:fs';
import { createEvasionDetector, createRiskDetector, runDetectors } from '../src/accounts/index.js';
import { MATCH_WEIGHTS, type MatchFeatures } from '../src/accounts/evasion-score.js';
import type { CanonicalEvent } from '../src/events/index.js';
import type { Detector, PostClassification } from '../src/pipeline/types.js';

const KEYS = Object.keys(MATCH_WEIGHTS).filter((k) => k !== 'intercept') as Array<keyof MatchFeatures>;

interface Group {
  rows: number[][];
  /** Index of the true predecessor in rows, or -1 for "none". */
  label: number;
}
const groups: Group[] = [];
for (const dir of process.argv.slice(2)) {
  const truth = JSON.parse(readFileSync(`${dir}/truth.json`, 'utf8')) as {
    recreated_accounts: Array<{ account_id: string; replaces: string }>;
  };
  const replaces = new Map(truth.recreated_accounts.map((r) => [r.account_id, r.replaces]));
  const events = readFileSync(`${dir}/stream.ndjson`, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as CanonicalEvent);
  const cacheFile = `${dir}/verdicts.marsad-text-v1.bin.ndjson`;
  const verdicts = new Map<number, PostClassification>();
  if (existsSync(cacheFile))
    for (const l of readFileSync(cacheFile, 'utf8').split('\n')) {
      if (l === '') continue;
      const [seq, v] = JSON.parse(l) as [number, PostClassification];
      verdicts.set(seq, v);
    }
  const seqOf = new Map<CanonicalEvent, number>(events.map((e, i) => [e, i]));
  let key = '';
  let g: Group | undefined;
  const observer = (acc: string, sus: string, f: MatchFeatures, time: number): void => {
    const k = `${acc}\u0000${time}`;
    if (k !== key || !g) {
      key = k;
      g = { rows: [], label: -1 };
      groups.push(g);
    }
    if (replaces.get(acc) === sus) g.label = g.rows.length;
    g.rows.push(KEYS.map((x) => f[x]));
  };
  runDetectors([createRiskDetector(), createEvasionDetector({ observer })] as Detector<unknown>[], events, {
    classify: (e) => verdicts.get(seqOf.get(e) ?? -1),
  });
  console.error(`${dir}: ${groups.length} decisions so far`);
}

// Full-batch Adam on the conditional log loss; feature weights ≥ 0 (each signal can only add
// evidence), the intercept and recency free.
const d = KEYS.length + 1;
const w = [MATCH_WEIGHTS.intercept, ...KEYS.map((k) => MATCH_WEIGHTS[k])];
const free = (j: number): boolean => j === 0 || KEYS[j - 1] === 'recency';
const m1 = new Array<number>(d).fill(0);
const m2 = new Array<number>(d).fill(0);
let loss = 0;
for (let it = 1; it <= 1500; it++) {
  const grad = new Array<number>(d).fill(0);
  loss = 0;
  for (const g of groups) {
    const z = g.rows.map((x) => x.reduce((a, xi, j) => a + (w[j + 1] as number) * xi, w[0] as number));
    const mx = Math.max(0, ...z);
    const ez = z.map((v) => Math.exp(v - mx));
    const denom = Math.exp(-mx) + ez.reduce((a, b) => a + b, 0);
    loss -= g.label >= 0 ? (z[g.label] as number) - mx - Math.log(denom) : -mx - Math.log(denom);
    g.rows.forEach((x, i) => {
      const p = (ez[i] as number) / denom - (i === g.label ? 1 : 0);
      grad[0] = (grad[0] as number) + p;
      for (let j = 1; j < d; j++) grad[j] = (grad[j] as number) + p * (x[j - 1] as number);
    });
  }
  for (let j = 0; j < d; j++) {
    const gj = (grad[j] as number) / groups.length;
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
    loss_per_decision: Math.round((loss / groups.length) * 1e4) / 1e4,
    decisions: groups.length,
    with_true_candidate: groups.filter((g) => g.label >= 0).length,
    intercept: Math.round((w[0] as number) * 100) / 100,
    ...Object.fromEntries(KEYS.map((k, j) => [k, Math.round((w[j + 1] as number) * 100) / 100])),
  }),
);
