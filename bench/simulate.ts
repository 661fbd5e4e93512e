// Generation speed of `marsad simulate` (events/s) for the given scales; no target, just a report.
// Usage: npx tsx bench/simulate.ts [medium] [large]   (the stream is written to /dev/null-like sink)
import os from 'node:os';
import { simulate, type Scale } from '../src/sim/index.js';

const scales = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['medium', 'large']) as Scale[];
console.log(
  `node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
for (const scale of scales) {
  let bytes = 0;
  const t0 = performance.now();
  const truth = await simulate(
    { scenario: 'default', seed: 1, scale },
    { write: (c) => void (bytes += Buffer.byteLength(c)) },
  );
  const s = (performance.now() - t0) / 1000;
  const rss = process.memoryUsage().rss / 2 ** 20;
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${scale}: ${truth.counts.events} events (${truth.counts.posts} posts, ${truth.counts.accounts} accounts) in ${s.toFixed(1)} s = ${Math.round(truth.counts.events / s)} events/s, ` +
      `${(bytes / 2 ** 20).toFixed(0)} MiB of NDJSON, RSS ${rss.toFixed(0)} MiB (peak so far ${peak.toFixed(0)} MiB)`,
  );
}
