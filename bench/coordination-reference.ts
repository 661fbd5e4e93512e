// Streaming co-repost and co-post (same text) networks versus a straightforward exact batch
// computation (all pairs of distinct accounts sharing the trace within Δt, no caps), on the same
// stream. Usage: npx tsx bench/coordination-reference.ts STREAM.ndjson [maxEvents]
// Prints pair recall of the streaming (capped) network, agreement of the thresholded networks
// (edges with ≥ MIN_REPEATS co-occurrences) and both run times.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { TraceWindow } from '../src/coordination/index.js';
import { copyFeatures } from '../src/coordination/index.js';

const [file, maxArg] = process.argv.slice(2);
if (!file) throw new Error('usage: STREAM.ndjson [maxEvents]');
const maxEvents = maxArg ? Number(maxArg) : Number.POSITIVE_INFINITY;
const DT = 5 * 60_000;
const MIN_REPEATS = 3;
const FAN_OUT = 8;

interface Share {
  key: string;
  account: string;
  time: number;
}
const reposts: Share[] = [];
const copies: Share[] = [];
let n = 0;
const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
for await (const line of lines) {
  if (!line) continue;
  if (++n > maxEvents) break;
  const e = JSON.parse(line) as {
    type: string;
    id: string;
    account_id: string;
    created_at: string;
    text: string;
    repost_of?: string;
  };
  if (e.type !== 'post') continue;
  const time = Date.parse(e.created_at);
  if (e.repost_of) reposts.push({ key: e.repost_of, account: e.account_id, time });
  else if (e.text.trim() !== '') {
    // "Same text": the same set of normalised features (emojis, tatweel, diacritics, hashtag order ignored).
    const f = [...copyFeatures(e.text)].sort((a, b) => a - b);
    if (f.length >= 12) copies.push({ key: f.join(','), account: e.account_id, time });
  }
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);

/** Exact: for each trace, every pair of distinct accounts whose shares are within Δt. */
const exact = (shares: Share[]): Map<string, number> => {
  const byKey = new Map<string, Share[]>();
  for (const s of shares) {
    let l = byKey.get(s.key);
    if (!l) byKey.set(s.key, (l = []));
    l.push(s);
  }
  const pairs = new Map<string, number>();
  for (const l of byKey.values()) {
    for (let i = 0; i < l.length; i++)
      for (let j = 0; j < i; j++) {
        const a = l[i]!;
        const b = l[j]!;
        if (a.account !== b.account && Math.abs(a.time - b.time) <= DT)
          bump(pairs, pairKey(a.account, b.account));
      }
  }
  return pairs;
};

/** Streaming: the detector's trace window (fixed Δt, fan-out cap). */
const streaming = (shares: Share[], fanOut: number): Map<string, number> => {
  const w = new TraceWindow(
    { weight: 1, defaultWindowMs: DT, minWindowMs: DT, maxWindowMs: DT, fanOut },
    1_000_000,
    0.5,
    Number.POSITIVE_INFINITY,
  );
  const pairs = new Map<string, number>();
  for (const s of shares)
    w.share(s.key, s.account, s.time, (other) => bump(pairs, pairKey(s.account, other)));
  return pairs;
};

const strong = (m: Map<string, number>): Set<string> =>
  new Set([...m].filter(([, c]) => c >= MIN_REPEATS).map(([k]) => k));
const jaccard = (a: Set<string>, b: Set<string>): number => {
  let i = 0;
  for (const x of a) if (b.has(x)) i++;
  return a.size + b.size - i === 0 ? 1 : i / (a.size + b.size - i);
};

/** Connected components (≥ 5 accounts) of an edge set, as sorted member lists. */
const components = (edges: Set<string>): Array<Set<string>> => {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const e of edges) {
    const [a, b] = e.split('|') as [string, string];
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const groups = new Map<string, Set<string>>();
  for (const x of parent.keys()) {
    const r = find(x);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = new Set()));
    g.add(x);
  }
  return [...groups.values()].filter((g) => g.size >= 5);
};

/** Mean over exact components of the best Jaccard with a streaming component. */
const componentAgreement = (ex: Array<Set<string>>, st: Array<Set<string>>): number => {
  if (ex.length === 0) return 1;
  let sum = 0;
  for (const g of ex) sum += Math.max(0, ...st.map((h) => jaccard(g, h)));
  return sum / ex.length;
};

const report = (name: string, shares: Share[]): void => {
  let t = performance.now();
  const ex = exact(shares);
  const exMs = performance.now() - t;
  for (const fanOut of [FAN_OUT, 1_000_000]) {
    t = performance.now();
    const st = streaming(shares, fanOut);
    const stMs = performance.now() - t;
    let found = 0;
    let extra = 0;
    for (const k of ex.keys()) if (st.has(k)) found++;
    for (const k of st.keys()) if (!ex.has(k)) extra++;
    const se = strong(ex);
    const ss = strong(st);
    console.log(
      `${name.padEnd(10)} fanOut=${fanOut === 1_000_000 ? '∞' : fanOut}  shares ${shares.length}  exact pairs ${ex.size} (${exMs.toFixed(0)} ms)  streaming pairs ${st.size} (${stMs.toFixed(0)} ms)  ` +
        `pair recall ${(found / Math.max(1, ex.size)).toFixed(4)}  pairs not in exact ${extra}  ` +
        `network (≥${MIN_REPEATS} co-occurrences): exact ${se.size} edges, streaming ${ss.size}, Jaccard ${jaccard(se, ss).toFixed(4)}; ` +
        `components ≥5: exact ${components(se).length}, streaming ${components(ss).length}, mean best Jaccard ${componentAgreement(components(se), components(ss)).toFixed(4)}`,
    );
  }
};

console.log(`events read: ${Math.min(n, maxEvents)}; Δt ${DT / 1000} s`);
report('co-repost', reposts);
report('co-post', copies);
