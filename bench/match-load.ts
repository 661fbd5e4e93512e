// Benchmark: loading a large PDQ bank from SQLite into the matcher, and matching posts against it.
// Run: npx tsx bench/match-load.ts [entries=200000]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BankMatcher, BankService } from '../src/match/index.js';
import { openDatabase } from '../src/store/index.js';
import type { NormalisedPost } from '../src/events/index.js';

const N = Number(process.argv[2] ?? 200_000);
let seed = 4242;
const rnd = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
};
const hex = (): string => Array.from({ length: 8 }, () => rnd().toString(16).padStart(8, '0')).join('');

const dir = mkdtempSync(path.join(os.tmpdir(), 'marsad-bench-'));
const database = await openDatabase({ dialect: 'sqlite', path: path.join(dir, 'b.db') });
const service = new BankService(database);
await service.createBank('big');
const hashes: string[] = [];
let t = performance.now();
for (let i = 0; i < N; i += 10_000) {
  const batch = Array.from({ length: Math.min(10_000, N - i) }, (_, j) => {
    const value = hex();
    if (hashes.length < 1000) hashes.push(value);
    return {
      signal: 'pdq' as const,
      value,
      label: `label-${(i + j) % 50}`,
      source: 'bench',
      added_by: 'bench',
    };
  });
  await service.addEntries('big', batch);
}
const insertMs = performance.now() - t;
const rss0 = process.memoryUsage().rss;
t = performance.now();
const matcher = await BankMatcher.load(database);
const loadMs = performance.now() - t;
const rss1 = process.memoryUsage().rss;
const posts: NormalisedPost[] = hashes.map((h, i) => ({
  type: 'post',
  platform: 'bench',
  created_at: '2026-01-01T00:00:00.000Z',
  id: `p${i}`,
  account_id: 'a',
  text: '',
  hashtags: [],
  mentions: [],
  urls: [],
  media: [{ kind: 'image', pdq: h }],
}));
t = performance.now();
let matched = 0;
for (const p of posts) matched += matcher.matchPost(p).length;
const matchMs = performance.now() - t;
console.log(
  `machine: ${os.cpus().length} cores, Node ${process.version}, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(
  `bank of ${N.toLocaleString('en')} PDQ entries in SQLite: insert ${(insertMs / 1000).toFixed(1)} s`,
);
console.log(
  `BankMatcher.load: ${(loadMs / 1000).toFixed(1)} s, RSS +${((rss1 - rss0) / 1048576).toFixed(0)} MB (${((rss1 - rss0) / N).toFixed(0)} bytes/entry)`,
);
console.log(
  `matchPost: ${(posts.length / (matchMs / 1000)).toFixed(0)} posts/s (one image each), ${matched} matches`,
);
await database.close();
rmSync(dir, { recursive: true, force: true });
