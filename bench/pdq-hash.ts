import { fileURLToPath } from 'node:url';
// Benchmark: PDQ hashing throughput on the public reference images, and the per-image distance
// to the reference C++ tool's hashes (expected.csv, expected_dihedral.csv, expected_core_fullres.csv).
// Run: npx tsx bench/pdq-hash.ts [rounds=3]   (prints a markdown table for docs/benchmarks/match.md)
// The reference C++ tool is not packaged by Debian (`apt-cache search pdq` finds only pdqsort), so
// it cannot run beside ours here; its outputs are compared instead.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIHEDRALS, decodeForPdq, pdqDistance, pdqFromRaw, pdqHashImage } from '../src/match/index.js';

const ROOT = fileURLToPath(new URL('../../shared/reference/pdq', import.meta.url));
const ROUNDS = Number(process.argv[2] ?? 3);
const csv = (f: string): string[][] =>
  readFileSync(path.join(ROOT, f), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
const expected = csv('expected.csv');
const dihedral = new Map(csv('expected_dihedral.csv').map((r) => [r[0]!, r.slice(2)]));
const fullres = new Map(csv('expected_core_fullres.csv').map((r) => [r[0]!, r[1]!]));
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const rows: string[] = [];
let exact = 0;
let exactDih = 0;
let exactFull = 0;
for (const [rel, hash, quality, width, height] of expected) {
  const file = path.join(ROOT, rel!);
  const r = await pdqHashImage(file, { dihedral: true });
  const core = await pdqHashImage(file, { convention: 'core' });
  const d = pdqDistance(r.hash, hash!);
  const dd = DIHEDRALS.map((name, i) => pdqDistance(r.dihedral![name], dihedral.get(rel!)![i]!));
  const df = pdqDistance(core.hash, fullres.get(rel!)!);
  if (d === 0) exact++;
  if (dd.every((x) => x === 0)) exactDih++;
  if (df === 0) exactFull++;
  rows.push(
    `| ${rel!.replace('pdq/data/', '')} | ${width}×${height} | ${quality} | ${r.quality} | ${d} | ${dd.join(' ')} | ${df} |`,
  );
}

// Throughput: whole files (decode + hash), then the PDQ core alone on already-decoded pixels.
const files = expected.map((r) => path.join(ROOT, r[0]!));
let t = performance.now();
let c = cpuMs();
for (let round = 0; round < ROUNDS; round++) for (const f of files) await pdqHashImage(f);
const wall = performance.now() - t;
const cpu = cpuMs() - c;
const decoded = await Promise.all(files.map((f) => decodeForPdq(f)));
t = performance.now();
c = cpuMs();
for (let round = 0; round < ROUNDS; round++) for (const img of decoded) pdqFromRaw(img);
const coreWall = performance.now() - t;
const coreCpu = cpuMs() - c;
const n = ROUNDS * files.length;

console.log(
  `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(`${files.length} reference images × ${ROUNDS} rounds`);
console.log(
  `decode (sharp) + PDQ: ${(n / (wall / 1000)).toFixed(1)} images/s wall, ${(n / (cpu / 1000)).toFixed(1)} per CPU-second (libvips threads included)`,
);
console.log(
  `PDQ core on decoded pixels (512×512 pre-resize convention): ${(n / (coreWall / 1000)).toFixed(1)} images/s wall, ${(n / (coreCpu / 1000)).toFixed(1)} per CPU-second`,
);
console.log(
  `exact: ${exact}/${files.length} hashes, ${exactDih}/${files.length} all-8 dihedral sets, ${exactFull}/${files.length} full-resolution`,
);
console.log(
  '\n| image | size | ref quality | our quality | distance (tool) | dihedral distances (orig rot90 rot180 rot270 flipx flipy flipp flipm) | distance (full-res core) |',
);
console.log('|---|---|---|---|---|---|---|');
console.log(rows.join('\n'));
