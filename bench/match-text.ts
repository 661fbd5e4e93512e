// Benchmark: text near-duplicate hashing. Robustness of character 5-gram vs word 3-gram shingles
// on the obfuscated variants of test/fixtures/match, hashing throughput, and LSH lookups in a bank.
// Run: npx tsx bench/match-text.ts [bankSize=100000]
import os from 'node:os';
import {
  minhashSignature,
  signatureDistance,
  TextLshIndex,
  DEFAULT_TEXT_MAX_DISTANCE,
} from '../src/match/index.js';
import { BASE, UNRELATED, VARIANTS } from '../test/fixtures/match/text-variants.js';

const BANK = Number(process.argv[2] ?? 100_000);
console.log(
  `machine: ${os.cpus().length} cores, Node ${process.version}, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log('\n| variant | char 5-grams: differing slots /128 | word 3-grams: differing slots /128 |');
console.log('|---|---|---|');
for (const [name, text] of [
  ...Object.entries(VARIANTS),
  ...UNRELATED.map((t, i) => [`unrelated ${i + 1}`, t] as const),
]) {
  const c = signatureDistance(minhashSignature(BASE, 'char5'), minhashSignature(text, 'char5'));
  const w = signatureDistance(minhashSignature(BASE, 'word3'), minhashSignature(text, 'word3'));
  console.log(`| ${name} | ${c} | ${w} |`);
}

// Synthetic bank: texts made of random words from a small vocabulary (no corpus text).
let seed = 99;
const rnd = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
};
const vocab = Array.from(
  { length: 5000 },
  (_, i) => `w${i.toString(36)}${'ابتثجحخدذرزسشصضطظعغفقكلمنهوي'[i % 28]}`,
);
const sentence = (): string =>
  Array.from({ length: 20 + (rnd() % 20) }, () => vocab[rnd() % vocab.length]).join(' ');
const texts = Array.from({ length: BANK }, sentence);
let t = performance.now();
const sigs = texts.map((x) => minhashSignature(x));
const hashMs = performance.now() - t;
const index = new TextLshIndex();
t = performance.now();
for (const s of sigs) index.add(s);
const buildMs = performance.now() - t;
const queries = Array.from({ length: 2000 }, (_, i) => {
  const words = texts[(i * 7919) % BANK]!.split(' ');
  if (i % 2 === 0) words[rnd() % words.length] = 'تغيير';
  return minhashSignature(i % 4 === 3 ? sentence() : words.join(' '));
});
t = performance.now();
let found = 0;
for (const q of queries) found += index.search(q, DEFAULT_TEXT_MAX_DISTANCE).length > 0 ? 1 : 0;
const queryMs = performance.now() - t;
console.log(`\nhashing: ${(BANK / (hashMs / 1000)).toFixed(0)} texts/s (20–40 words each)`);
console.log(
  `LSH bank of ${BANK.toLocaleString('en')}: build ${(buildMs / 1000).toFixed(1)} s, ${(queries.length / (queryMs / 1000)).toFixed(0)} lookups/s (signature given), ${found}/${queries.length} queries matched (1,500 are near copies)`,
);
