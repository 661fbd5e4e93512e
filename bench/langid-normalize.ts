// normalizeText throughput on real tweets, side by side with a baseline: the usual chain of regex
// replacements (NFKC + one regex per rule, as most Arabic preprocessing scripts do it).
//
//   npx tsx bench/langid-normalize.ts [--per-set 3000] [--reps 5] [--data ../shared/datasets/text]
//
// Single thread. Prints tweets/s and MB/s per implementation and the ratio; no corpus text is printed.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { normalizeText, foldCharacters, normalizeName } from '../src/text/index.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const dataDir = arg('data', join(import.meta.dirname, '..', '..', 'shared', 'datasets', 'text'));
const perSet = Number(arg('per-set', '3000'));
const reps = Number(arg('reps', '5'));

// Tweet-like sets only (the news paragraphs would dominate the byte count).
const texts: string[] = [];
for (const file of readdirSync(dataDir).sort()) {
  if (!file.endsWith('.ndjson')) continue;
  const lines = readFileSync(join(dataDir, file), 'utf8').split('\n').filter(Boolean);
  const step = Math.max(1, Math.floor(lines.length / perSet));
  for (let i = 0; i < lines.length; i += step) texts.push((JSON.parse(lines[i]!) as { text: string }).text);
}

const DIACRITICS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/gu;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c\u00ad\u0640]/gu;
/** Baseline: NFKC then one regex replacement per rule (fewer rules than normalizeText implements). */
function regexChain(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(DIACRITICS, '')
    .replace(/\b(?:https?:\/\/|www\.)([^\s/]+)\S*/giu, (_m, d: string) => ` ⟨url:${d.toLowerCase()}⟩ `)
    .replace(/@[A-Za-z0-9_]+/gu, ' ⟨mention⟩ ')
    .replace(/#([\p{L}\p{N}_]+)/gu, (_m, t: string) => t.replace(/_/gu, ' '))
    .replace(/[أإآٱ]/gu, 'ا')
    .replace(/ؤ/gu, 'و')
    .replace(/[ئىیې]/gu, 'ي')
    .replace(/ة/gu, 'ه')
    .replace(/ک/gu, 'ك')
    .replace(/[٠-٩]/gu, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[۰-۹]/gu, (d) => String(d.charCodeAt(0) - 0x6f0))
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

const impls: Array<[string, (t: string) => string]> = [
  ['baseline: NFKC + regex chain', regexChain],
  ['normalizeText (all rules)', (t) => normalizeText(t)],
  ['foldCharacters (pass 1 only)', foldCharacters],
  ['normalizeName', normalizeName],
];

const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
console.log(
  `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, shared/loaded`,
);
console.log(`texts: ${texts.length} tweets, ${(bytes / 1e6).toFixed(2)} MB UTF-8, best of ${reps} passes`);
// Timed in process CPU time (user + system), not wall time: on a shared machine the wall clock mostly
// measures the other processes; CPU seconds of this single-threaded process are per-core throughput.
const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const results: Array<[string, number, number]> = [];
let sink = 0;
for (const [name, fn] of impls) {
  for (let i = 0; i < 2000; i++) sink += fn(texts[i % texts.length]!).length; // warm-up
  let best = Infinity;
  let bestWall = Infinity;
  for (let r = 0; r < reps; r++) {
    const c0 = cpuSeconds();
    const t0 = performance.now();
    for (const t of texts) {
      const out = fn(t);
      sink += out.charCodeAt(out.length >> 1) || 0; // flattens rope strings so their cost is counted
    }
    bestWall = Math.min(bestWall, (performance.now() - t0) / 1000);
    best = Math.min(best, cpuSeconds() - c0);
  }
  results.push([name, best, bestWall]);
}
const base = results[0]![1];
console.log(
  '| implementation | tweets per CPU-second | MB per CPU-second | speed vs baseline | tweets/s wall |',
);
console.log('|---|---|---|---|---|');
for (const [name, secs, wall] of results) {
  const perSec = Math.round(texts.length / secs).toLocaleString('en');
  const wallSec = Math.round(texts.length / wall).toLocaleString('en');
  console.log(
    `| ${name} | ${perSec} | ${(bytes / 1e6 / secs).toFixed(1)} | ${(base / secs).toFixed(2)}× | ${wallSec} |`,
  );
}
if (sink < 0) console.log(sink);
