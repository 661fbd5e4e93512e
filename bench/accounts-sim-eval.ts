// Runs the account risk and evasion detectors alone over a simulated stream (no text model) and
// writes accounts.ndjson / evasion.ndjson for `marsad evaluate`. For tuning and for the report in
// docs/benchmarks/accounts.md; `marsad detect` is the real pipeline.
//   npx tsx bench/accounts-sim-eval.ts SIM_DIR OUT_DIR
import { closeSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createEvasionDetector, createRiskDetector, runDetectors } from '../src/accounts/index.js';
import type { CanonicalEvent } from '../src/events/index.js';
import type { Detector } from '../src/pipeline/types.js';

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

const [simDir, outDir] = process.argv.slice(2);
if (!simDir || !outDir) throw new Error('usage: accounts-sim-eval.ts SIM_DIR OUT_DIR');
mkdirSync(outDir, { recursive: true });
const events = (function* () {
  for (const l of lines(path.join(simDir, 'stream.ndjson'))) yield JSON.parse(l) as CanonicalEvent;
})();
const t0 = performance.now();
const run = runDetectors([createRiskDetector(), createEvasionDetector()] as Detector<unknown>[], events);
const secs = (performance.now() - t0) / 1000;
const accounts = new Map<string, unknown>();
const evasion: string[] = [];
for (const d of run.decisions) {
  if (d.kind === 'account') accounts.set(d.record.id, d.record);
  if (d.kind === 'evasion') evasion.push(JSON.stringify(d.record));
}
writeFileSync(
  path.join(outDir, 'accounts.ndjson'),
  [...accounts.values()].map((r) => JSON.stringify(r)).join('\n') + '\n',
);
writeFileSync(path.join(outDir, 'evasion.ndjson'), evasion.join('\n') + (evasion.length ? '\n' : ''));
for (const f of ['posts.ndjson', 'campaigns.ndjson', 'hashtags.ndjson'])
  writeFileSync(path.join(outDir, f), '');
console.log(
  `${secs.toFixed(1)} s for both detectors (incl. JSON parse); ${run.decisions.length} decisions; ` +
    `rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
);
