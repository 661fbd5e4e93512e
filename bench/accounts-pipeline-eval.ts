// Runs the detectors of `marsad detect` (posts, hashtags, account risk, evasion, coordination) over a
// simulated stream in one thread, with the text model's verdicts cached per stream and model, and
// writes the output files that `marsad evaluate` scores. Same order and shared view as the pipeline
// (PipelineFacts, account decisions fed back), without the database and worker threads: for tuning
// the account and coordination detectors quickly on seeds that are not reported.
//   npx tsx bench/accounts-pipeline-eval.ts SIM_DIR OUT_DIR [--model FILE] [--only account-risk,evasion]
import { closeSync, existsSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseEvent, withEntities, type CanonicalEvent } from '../src/events/index.js';
import { loadBatchClassifier, type ClassifyItem } from '../src/pipeline/classifier.js';
import { defaultDetectors } from '../src/pipeline/detectors.js';
import { decisionLine, isSnapshot, snapshotKey } from '../src/pipeline/records.js';
import type { Decision, Emit, PipelineEvent, PostClassification } from '../src/pipeline/types.js';
import { PipelineFacts } from '../src/pipeline/view.js';

function* lines(file: string): Generator<string> {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  let rest = '';
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    const parts = (rest + buf.toString('utf8', 0, n)).split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) if (p !== '') yield p;
  }
  if (rest !== '') yield rest;
  closeSync(fd);
}

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { model: { type: 'string' }, only: { type: 'string' } },
});
const [simDir, outDir] = positionals;
if (!simDir || !outDir) throw new Error('usage: accounts-pipeline-eval.ts SIM_DIR OUT_DIR [--model FILE]');
const modelPath = args.model ?? 'models/marsad-text-v1.bin';
mkdirSync(outDir, { recursive: true });

const profileText = (name: string | undefined, bio: string | undefined): string =>
  [name, bio].filter((s) => s !== undefined && s.trim() !== '').join('\n');
const textOf = (e: CanonicalEvent): { text: string; lang?: string | undefined } | undefined => {
  if (e.type === 'post') return e.text.trim() !== '' ? { text: e.text, lang: e.lang } : undefined;
  if (e.type === 'account' || e.type === 'profile_update') {
    const text = profileText(e.name, e.bio);
    return text !== '' ? { text, lang: e.type === 'account' ? e.lang : undefined } : undefined;
  }
  return undefined;
};

// Verdict cache: one JSON line per classified event, keyed by its position in the stream.
const cacheFile = path.join(simDir, `verdicts.${path.basename(modelPath)}.ndjson`);
const verdicts = new Map<number, PostClassification>();
const tc = performance.now();
if (existsSync(cacheFile)) {
  for (const l of lines(cacheFile)) {
    const [seq, v] = JSON.parse(l) as [number, PostClassification];
    verdicts.set(seq, v);
  }
} else {
  const classifier = await loadBatchClassifier({ kind: 'model', path: modelPath });
  const out: string[] = [];
  let batch: ClassifyItem[] = [];
  let seqs: number[] = [];
  const flush = async (): Promise<void> => {
    const res = await classifier.classifyBatch(batch);
    res.forEach((r, i) => {
      const seq = seqs[i] as number;
      const v: PostClassification = { label: r.label, scores: r.scores, flagged: r.flagged };
      verdicts.set(seq, v);
      out.push(JSON.stringify([seq, v]));
    });
    batch = [];
    seqs = [];
  };
  let seq = 0;
  for (const l of lines(path.join(simDir, 'stream.ndjson'))) {
    const t = textOf(JSON.parse(l) as CanonicalEvent);
    if (t) {
      batch.push({ text: t.text, lang: t.lang, explain: false });
      seqs.push(seq);
      if (batch.length >= 512) await flush();
    }
    seq++;
  }
  if (batch.length > 0) await flush();
  writeFileSync(cacheFile, out.join('\n') + '\n');
}
const classifySecs = (performance.now() - tc) / 1000;

const only = args.only?.split(',');
const detectors = defaultDetectors().filter((d) => !only || only.includes(d.name) || d.name === 'posts');
const states = detectors.map((d) => d.createState());
const facts = new PipelineFacts();
const snapshots = new Map<string, string>();
const appended: Record<string, string[]> = { post: [], hashtag: [], match: [] };
const emit: Emit = (d: Decision) => {
  if (d.kind === 'account') facts.observeAccountDecision(d.record);
  if (d.kind === 'evasion') facts.observeEvasionDecision(d.record);
  if (isSnapshot(d)) snapshots.set(`${d.kind}\u0001${snapshotKey(d)}`, decisionLine(d));
  else appended[d.kind]?.push(decisionLine(d));
};
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const perDetector = new Map<string, number>();
let seq = 0;
let now = -Infinity;
for (const l of lines(path.join(simDir, 'stream.ndjson'))) {
  const event = parseEvent(JSON.parse(l));
  now = Math.max(now, Date.parse(event.created_at));
  const pe: PipelineEvent = { seq, time: now, event };
  if (event.type === 'post') pe.post = withEntities(event);
  const v = verdicts.get(seq);
  if (v) pe.classification = v;
  facts.observe(pe);
  for (let i = 0; i < detectors.length; i++) {
    const d = detectors[i];
    if (!d) continue;
    const ts = performance.now();
    d.onTime?.(states[i], pe.time, facts, emit);
    d.onEvent(states[i], pe, facts, emit);
    perDetector.set(d.name, (perDetector.get(d.name) ?? 0) + performance.now() - ts);
  }
  seq++;
}
detectors.forEach((d, i) => d.finish?.(states[i], facts, emit));
const secs = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);

const files: Record<string, string> = {
  account: 'accounts.ndjson',
  evasion: 'evasion.ndjson',
  campaign: 'campaigns.ndjson',
};
const byKind: Record<string, string[]> = { account: [], evasion: [], campaign: [] };
for (const [k, line] of snapshots) byKind[k.split('\u0001')[0] as string]?.push(line);
for (const [kind, file] of Object.entries(files)) {
  const ls = byKind[kind] ?? [];
  writeFileSync(path.join(outDir, file), ls.join('\n') + (ls.length ? '\n' : ''));
}
writeFileSync(path.join(outDir, 'posts.ndjson'), (appended['post'] ?? []).join('\n') + '\n');
writeFileSync(path.join(outDir, 'hashtags.ndjson'), (appended['hashtag'] ?? []).join('\n') + '\n');
console.log(
  JSON.stringify({
    events: seq,
    classify_s: Math.round(classifySecs * 10) / 10,
    detectors_wall_s: Math.round(secs * 10) / 10,
    detectors_cpu_s: Math.round(((cpu.user + cpu.system) / 1e6) * 10) / 10,
    per_detector_s: Object.fromEntries([...perDetector].map(([k, v]) => [k, Math.round(v / 100) / 10])),
    loadavg: loadavg().map((x) => Math.round(x * 10) / 10),
    rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
    model: modelPath,
  }),
);
