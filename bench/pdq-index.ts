// Benchmark: multi-index hashing vs brute force over N random PDQ hashes (+ planted near matches).
// Run: npx tsx bench/pdq-index.ts [N=10000000] [queries=20000] [chunks=11]
// Prints build time, memory (RSS delta and typed-array bytes), lookups/s at d ≤ 31 on one core,
// brute-force lookups/s on a sample, and recall of the index against brute force on that sample.
import os from 'node:os';
import { PdqIndex, defaultChunks } from '../src/match/pdq-index.js';
import { u32ToHex } from '../src/match/pdq-hex.js';

const N = Number(process.argv[2] ?? 10_000_000);
const Q = Number(process.argv[3] ?? 20_000);
const CHUNKS = process.argv[4] !== undefined ? Number(process.argv[4]) : undefined;
const BRUTE_SAMPLE = Number(process.env['BRUTE_SAMPLE'] ?? 30);
const RADIUS = 31;

let seed = 0x12345678;
const rnd = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
};

// The machine is shared: report process CPU time next to wall time (CPU time is what one core
// would need if we had it to ourselves, still inflated by cache contention from the other load).
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MB`;
const rss0 = process.memoryUsage().rss;

const words = new Uint32Array(N * 8);
for (let i = 0; i < words.length; i++) words[i] = rnd();
const rssHashes = process.memoryUsage().rss;

// Queries: half are planted near copies of stored hashes at distance 0..40 (so some are just inside
// and some just outside 31), half are random (almost surely no match).
const queries: Uint32Array[] = [];
for (let qi = 0; qi < Q; qi++) {
  const q = new Uint32Array(8);
  if (qi % 2 === 0) {
    const id = rnd() % N;
    for (let k = 0; k < 8; k++) q[k] = words[id * 8 + k]!;
    const flips = qi % 82 === 0 ? 31 : qi % 82 === 2 ? 32 : rnd() % 41;
    const done = new Set<number>();
    while (done.size < flips) {
      const bit = rnd() % 256;
      if (done.has(bit)) continue;
      done.add(bit);
      q[bit >>> 5]! ^= 1 << (bit & 31);
    }
  } else for (let k = 0; k < 8; k++) q[k] = rnd();
  queries.push(q);
}

let t = performance.now();
let c = cpuMs();
const index = PdqIndex.fromWords(words, CHUNKS !== undefined ? { chunks: CHUNKS } : {});
const buildMs = performance.now() - t;
const buildCpu = cpuMs() - c;
const rssIndex = process.memoryUsage().rss;

t = performance.now();
c = cpuMs();
let found = 0;
for (const q of queries) found += index.searchWords(q, RADIUS).length;
const mihMs = performance.now() - t;
const mihCpu = cpuMs() - c;

// Brute force on a sample: speed and the correctness reference.
const sample = queries.slice(0, BRUTE_SAMPLE);
t = performance.now();
c = cpuMs();
const bruteResults = sample.map((q) => index.bruteForce(u32ToHex(q), RADIUS));
const bruteMs = performance.now() - t;
const bruteCpu = cpuMs() - c;
let expected = 0;
let recalled = 0;
for (let i = 0; i < sample.length; i++) {
  const want = bruteResults[i]!.map((h) => h.id).join(',');
  const got = index
    .searchWords(sample[i]!, RADIUS)
    .map((h) => h.id)
    .join(',');
  expected += bruteResults[i]!.length;
  if (want === got) recalled += bruteResults[i]!.length;
  else console.error(`MISMATCH on sample query ${i}: brute ${want} vs index ${got}`);
}

const mihQps = Q / (mihMs / 1000);
const bruteQps = sample.length / (bruteMs / 1000);
const mihQpsCpu = Q / (mihCpu / 1000);
const bruteQpsCpu = sample.length / (bruteCpu / 1000);
console.log(
  `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(
  `N = ${N.toLocaleString('en')} hashes, ${Q.toLocaleString('en')} queries (half planted at 0..40 bits, half random), radius ${RADIUS}, ${CHUNKS ?? `${defaultChunks(N)} (default)`} chunks`,
);
console.log(`hashes: ${mb(index.words.byteLength)} (RSS +${mb(rssHashes - rss0)})`);
console.log(
  `index build: ${(buildMs / 1000).toFixed(1)} s wall, ${(buildCpu / 1000).toFixed(1)} s CPU, RSS +${mb(rssIndex - rssHashes)}, typed arrays total ${mb(index.byteSize())}, RSS total ${mb(rssIndex)}`,
);
console.log(
  `MIH: ${mihQps.toFixed(0)} lookups/s wall, ${mihQpsCpu.toFixed(0)} lookups/s per CPU-second (${((mihCpu * 1000) / Q).toFixed(1)} µs CPU/lookup), ${found} hits`,
);
console.log(
  `brute force: ${bruteQps.toFixed(1)} lookups/s wall, ${bruteQpsCpu.toFixed(1)} per CPU-second, on ${sample.length} queries → MIH/brute = ${(mihQps / bruteQps).toFixed(0)}× (wall), ${(mihQpsCpu / bruteQpsCpu).toFixed(0)}× (CPU)`,
);
console.log(
  `recall vs brute force: ${expected === 0 ? 'n/a' : ((100 * recalled) / expected).toFixed(2)}% (${recalled}/${expected} matches on the sample)`,
);
