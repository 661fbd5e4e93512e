// Language identification on the shared corpora: franc-min vs eld (three database sizes) vs Marsad's
// identifyLanguage (Arabic-script shortcut + eld), side by side in one run.
//
//   npx tsx bench/langid.ts [--per-set 2500] [--reps 3] [--data ../shared/datasets/text]
//
// The corpora's `lang` is silver: 'ar' whenever Arabic script is present, otherwise a heuristic among
// en/fr/tr/ru/und. Prints accuracy per silver language, per length bucket, and throughput; no corpus text
// is printed. Figures and the choice are in docs/benchmarks/langid.md.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { franc } from 'franc-min';
import { createLanguageIdentifier } from '../src/text/index.js';

interface Sample {
  text: string;
  lang: string;
  set: string;
}

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const dataDir = arg('data', join(import.meta.dirname, '..', '..', 'shared', 'datasets', 'text'));
const perSet = Number(arg('per-set', '2500'));
const reps = Number(arg('reps', '3'));

function loadSamples(): Sample[] {
  const out: Sample[] = [];
  for (const file of readdirSync(dataDir).sort()) {
    if (!/\.ndjson(\.gz)?$/u.test(file)) continue;
    const raw = readFileSync(join(dataDir, file));
    const lines = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8').split('\n').filter(Boolean);
    const set = file.replace(/\.ndjson(\.gz)?$/u, '');
    // Every k-th record (deterministic), plus every record of the rare silver languages.
    const step = Math.max(1, Math.floor(lines.length / perSet));
    lines.forEach((line, i) => {
      const r = JSON.parse(line) as { text: string; lang: string };
      if (i % step === 0 || (r.lang !== 'ar' && r.lang !== 'en'))
        out.push({ text: r.text, lang: r.lang, set });
    });
  }
  return out;
}

const ISO3: Record<string, string> = {
  arb: 'ar',
  eng: 'en',
  fra: 'fr',
  tur: 'tr',
  rus: 'ru',
  pes: 'fa',
  urd: 'ur',
  spa: 'es',
  deu: 'de',
  ita: 'it',
  por: 'pt',
  nld: 'nl',
  ind: 'id',
  zlm: 'ms',
  ckb: 'ku',
  pbu: 'ps',
  ukr: 'uk',
  bul: 'bg',
  pol: 'pl',
  ron: 'ro',
  swe: 'sv',
  hun: 'hu',
  ces: 'cs',
  hrv: 'hr',
  srp: 'sr',
  bos: 'bs',
  tgl: 'tl',
  vie: 'vi',
  som: 'so',
  hau: 'ha',
  yor: 'yo',
  zul: 'zu',
  jav: 'jv',
  sun: 'su',
  ceb: 'ceb',
  uzn: 'uz',
  kaz: 'kk',
  bel: 'be',
  azj: 'az',
  hin: 'hi',
  mar: 'mr',
  npi: 'ne',
  swh: 'sw',
  und: 'und',
};
const FRANC_ONLY = ['arb', 'eng', 'fra', 'tur', 'rus', 'pes', 'urd', 'spa', 'deu', 'ita', 'por'];

interface Method {
  name: string;
  load: () => Promise<(text: string) => string>;
}

interface EldModule {
  eld: { detect(t: string): { language: string } };
}
const eldMethod = (size: string): Method => ({
  name: `eld ${size} (raw)`,
  load: async () => {
    const { eld } = (await import(`eld/${size}`)) as EldModule;
    return (t) => eld.detect(t).language || 'und';
  },
});

const methods: Method[] = [
  { name: 'franc-min (default)', load: async () => (t) => ISO3[franc(t)] ?? franc(t) },
  {
    name: 'franc-min (11 langs, minLength 3)',
    load: async () => (t) => {
      const l = franc(t, { only: FRANC_ONLY, minLength: 3 });
      return ISO3[l] ?? l;
    },
  },
  eldMethod('extrasmall'),
  eldMethod('medium'),
  eldMethod('large'),
  {
    name: 'marsad identifyLanguage (eld extrasmall, unsure → und)',
    load: async () => {
      const id = createLanguageIdentifier({ eldSize: 'extrasmall', fallbackLanguages: [] });
      id('warm up the eld tables');
      return (t) => id(t).lang;
    },
  },
  ...(['extrasmall', 'medium', 'large'] as const).map((size): Method => ({
    name: `marsad identifyLanguage (eld ${size})`,
    load: async () => {
      const id = createLanguageIdentifier({ eldSize: size });
      id('warm up the eld tables'); // loads eld; a size already loaded by an earlier row is reused
      return (t) => id(t).lang;
    },
  })),
];

const bucket = (t: string): string => {
  const n = [...t].length;
  return n <= 60
    ? 'short ≤60'
    : n <= 140
      ? 'tweet 61-140'
      : n <= 280
        ? 'long tweet 141-280'
        : 'paragraph >280';
};

interface Tally {
  ok: number;
  n: number;
}
const add = (m: Map<string, Tally>, k: string, ok: boolean): void => {
  const t = m.get(k) ?? { ok: 0, n: 0 };
  t.n++;
  if (ok) t.ok++;
  m.set(k, t);
};
const pct = (t: Tally | undefined): string => (t && t.n > 0 ? ((100 * t.ok) / t.n).toFixed(1) : '-');

async function main(): Promise<void> {
  const samples = loadSamples();
  const langs = [...new Set(samples.map((s) => s.lang))].sort();
  const buckets = ['short ≤60', 'tweet 61-140', 'long tweet 141-280', 'paragraph >280'];
  const counts = new Map<string, number>();
  for (const s of samples) counts.set(s.lang, (counts.get(s.lang) ?? 0) + 1);
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, shared/loaded`,
  );
  console.log(`samples: ${samples.length} (${[...counts].map(([l, n]) => `${l} ${n}`).join(', ')})`);
  const header = [
    'method',
    'load CPU ms',
    'texts per CPU-s',
    'overall',
    'macro',
    ...langs,
    ...buckets,
    'ar-script non-ar',
  ];
  const rows: string[][] = [];
  for (const m of methods) {
    const c0 = process.cpuUsage();
    const detect = await m.load();
    const c1 = process.cpuUsage(c0);
    const loadMs = (c1.user + c1.system) / 1000;
    for (let i = 0; i < Math.min(500, samples.length); i++) detect(samples[i]!.text); // JIT warm-up
    const preds: string[] = new Array<string>(samples.length);
    // Best of `reps` passes in process CPU time (user + system): on a shared machine wall time mostly
    // measures the other processes; CPU seconds of this single-threaded loop are per-core throughput.
    let secs = Infinity;
    for (let r = 0; r < reps; r++) {
      const c0 = process.cpuUsage();
      for (let i = 0; i < samples.length; i++) preds[i] = detect(samples[i]!.text);
      const c1 = process.cpuUsage(c0);
      secs = Math.min(secs, (c1.user + c1.system) / 1e6);
    }
    const byLang = new Map<string, Tally>();
    const byBucket = new Map<string, Tally>();
    const all: Tally = { ok: 0, n: 0 };
    let arOther = 0;
    samples.forEach((s, i) => {
      const ok = preds[i] === s.lang;
      add(byLang, s.lang, ok);
      add(byBucket, bucket(s.text), ok);
      all.n++;
      if (ok) all.ok++;
      if (s.lang === 'ar' && (preds[i] === 'fa' || preds[i] === 'ur' || preds[i] === 'ku')) arOther++;
    });
    const macro = langs.map((l) => byLang.get(l)!).reduce((a, t) => a + t.ok / t.n, 0) / langs.length;
    rows.push([
      m.name,
      loadMs.toFixed(0),
      (samples.length / secs).toFixed(0),
      pct(all),
      (100 * macro).toFixed(1),
      ...langs.map((l) => pct(byLang.get(l))),
      ...buckets.map((b) => pct(byBucket.get(b))),
      String(arOther),
    ]);
    console.error(`done: ${m.name}`);
  }
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  const bucketCounts = new Map<string, number>();
  for (const s of samples) bucketCounts.set(bucket(s.text), (bucketCounts.get(bucket(s.text)) ?? 0) + 1);
  console.log(`buckets: ${buckets.map((b) => `${b}: ${bucketCounts.get(b) ?? 0}`).join(', ')}`);
}

if (!existsSync(dataDir)) {
  console.error(`no corpora at ${dataDir} (pass --data DIR)`);
  process.exitCode = 2;
} else await main();
