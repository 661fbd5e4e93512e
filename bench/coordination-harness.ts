// Runs only the coordination detector over a simulated stream, reusing the text verdicts that an
// earlier `marsad detect` wrote (DETECT_DIR/posts.ndjson), and writes OUT/campaigns.ndjson next to
// links to the other outputs so that `marsad evaluate` can score it. For tuning and for the
// benchmark: `npx tsx bench/coordination-harness.ts STREAM DETECT_DIR OUT [options JSON]`.
import {
  createReadStream,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
  existsSync,
  rmSync,
} from 'node:fs';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { parseEvent, withEntities } from '../src/events/index.js';
import { createCoordinationDetector } from '../src/coordination/index.js';
import { PipelineFacts } from '../src/pipeline/view.js';
import type { Decision, PipelineEvent, PostClassification } from '../src/pipeline/types.js';
import { campaignLine } from '../src/pipeline/records.js';

const [streamFile, detectDir, outDir, optsJson] = process.argv.slice(2);
if (!streamFile || !detectDir || !outDir) throw new Error('usage: STREAM DETECT_DIR OUT [options JSON]');

const verdicts = new Map<string, PostClassification>();
for (const line of readFileSync(join(detectDir, 'posts.ndjson'), 'utf8').split('\n')) {
  if (!line) continue;
  const r = JSON.parse(line) as {
    id: string;
    label: string;
    scores: Record<string, number>;
    flagged: boolean;
  };
  verdicts.set(r.id, { label: r.label, scores: r.scores, flagged: r.flagged });
}

const detector = createCoordinationDetector(optsJson ? JSON.parse(optsJson) : {});
const state = detector.createState();
const facts = new PipelineFacts();
const latest = new Map<string, Decision>();
let emitted = 0;
const emit = (d: Decision): void => {
  if (d.kind !== 'campaign') return;
  emitted++;
  latest.set(d.record.id, d);
};
let seq = 0;
let ms = 0;
const lines = createInterface({ input: createReadStream(streamFile), crlfDelay: Infinity });
for await (const line of lines) {
  if (!line) continue;
  const event = parseEvent(JSON.parse(line));
  const time = Date.parse(event.created_at);
  const pe: PipelineEvent = { seq: seq++, time, event };
  if (event.type === 'post') {
    pe.post = withEntities(event);
    const v = verdicts.get(event.id);
    if (v) pe.classification = v;
  }
  facts.observe(pe);
  const t0 = performance.now();
  detector.onTime?.(state, time, facts, emit);
  detector.onEvent(state, pe, facts, emit);
  ms += performance.now() - t0;
}
const t0 = performance.now();
detector.finish?.(state, facts, emit);
ms += performance.now() - t0;
mkdirSync(outDir, { recursive: true });
for (const f of ['posts.ndjson', 'accounts.ndjson', 'evasion.ndjson', 'hashtags.ndjson']) {
  const target = join(outDir, f);
  if (existsSync(target)) rmSync(target);
  symlinkSync(resolve(detectDir, f), target);
}
writeFileSync(
  join(outDir, 'campaigns.ndjson'),
  [...latest.values()].map((d) => (d.kind === 'campaign' ? campaignLine(d.record) : '')).join('\n') + '\n',
);
console.log(
  JSON.stringify({
    events: seq,
    detector_ms: Math.round(ms),
    campaign_decisions: emitted,
    campaigns: latest.size,
    edges: state.graph.edges.size,
    strong_edges: state.graph.strong.size,
    strong_now: [...state.graph.edges.values()].filter((e) => state.graph.weight(e, state.now) >= 3).length,
    w_sample: [...state.graph.edges.values()].slice(0, 3).map((e) => state.graph.weight(e, state.now)),
    communities: state.communities.byId.size,
    traces: Object.fromEntries(
      Object.entries(state.windows).map(([k, w]) => [
        k,
        { keys: w.size, dt_s: w.interval.windowMs / 1000, pairs: w.pairs },
      ]),
    ),
    copypasta_index: state.copypasta.size,
    hashtags: state.raids.size,
    rss_mb: Math.round(process.memoryUsage().rss / 1e6),
  }),
);
