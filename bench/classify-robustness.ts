// Robustness of the text model to obfuscation: each normalisation rule applied in reverse (alone, then
// all combined), plus spaces inside words and mixed scripts, on the dev positives. The variants derive
// from corpus text, so they are generated in memory and never written anywhere.
// Usage: tsx bench/classify-robustness.ts [--model M] [--data-dir D]
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_RECIPE,
  defaultModelPath,
  loadCorpus,
  loadTextModel,
  prepareData,
  type DataRecipe,
} from '../src/classify/index.js';
import { mulberry32 } from '../src/classify/hash.js';

type Rng = () => number;
const AR_LETTER = /[\u0621-\u064a]/;
const mapChars = (t: string, f: (c: string, i: number) => string): string => Array.from(t, f).join('');
const PRESENTATION: Record<string, number> = {
  ا: 0xfe8d,
  ب: 0xfe8f,
  ت: 0xfe95,
  ث: 0xfe99,
  ج: 0xfe9d,
  ح: 0xfea1,
  خ: 0xfea5,
  د: 0xfea9,
  ذ: 0xfeab,
  ر: 0xfead,
  ز: 0xfeaf,
  س: 0xfeb1,
  ش: 0xfeb5,
  ص: 0xfeb9,
  ض: 0xfebd,
  ط: 0xfec1,
  ظ: 0xfec5,
  ع: 0xfec9,
  غ: 0xfecd,
  ف: 0xfed1,
  ق: 0xfed5,
  ك: 0xfed9,
  ل: 0xfedd,
  م: 0xfee1,
  ن: 0xfee5,
  ه: 0xfee9,
  و: 0xfeed,
  ي: 0xfef1,
};
const HOMOGLYPH: Record<string, string> = {
  a: 'а',
  e: 'е',
  o: 'о',
  p: 'р',
  c: 'с',
  x: 'х',
  y: 'у',
  i: 'і',
  s: 'ѕ',
};

/** Obfuscations: the inverse of each normalisation rule. */
const RULES: Record<string, (t: string, r: Rng) => string> = {
  diacritics: (t, r) =>
    mapChars(t, (c) =>
      AR_LETTER.test(c) && r() < 0.5
        ? c + ['\u064e', '\u0650', '\u064f', '\u0651', '\u0652'][Math.floor(r() * 5)]
        : c,
    ),
  tatweel: (t, r) => mapChars(t, (c) => (AR_LETTER.test(c) && r() < 0.3 ? `${c}ـــ` : c)),
  alef_hamza: (t, r) =>
    mapChars(t, (c) => (c === 'ا' && r() < 0.6 ? (['أ', 'إ', 'آ', 'ٱ'][Math.floor(r() * 4)] as string) : c)),
  alef_maqsura: (t) => t.replace(/ي(?=\s|$)/gu, 'ى'),
  ta_marbuta: (t) => t.replace(/ه(?=\s|$)/gu, 'ة'),
  persian_forms: (t) => t.replace(/ي/gu, 'ی').replace(/ك/gu, 'ک').replace(/ه/gu, 'ہ'),
  presentation_forms: (t, r) =>
    mapChars(t, (c) => (PRESENTATION[c] && r() < 0.7 ? String.fromCharCode(PRESENTATION[c] as number) : c)),
  arabic_digits: (t) => t.replace(/[0-9]/g, (d) => String.fromCharCode(0x660 + Number(d))),
  invisible: (t, r) =>
    mapChars(t, (c) =>
      /\p{L}/u.test(c) && r() < 0.3 ? c + ['\u200b', '\u200c', '\u200f', '\u2066'][Math.floor(r() * 4)] : c,
    ),
  elongation: (t, r) =>
    t.replace(/\p{L}+/gu, (w) =>
      w.length > 2 && r() < 0.3 ? w.slice(0, -1) + (w.at(-1) as string).repeat(4) : w,
    ),
  homoglyphs: (t, r) => mapChars(t, (c) => (HOMOGLYPH[c] && r() < 0.5 ? (HOMOGLYPH[c] as string) : c)),
  hashtags: (t, r) =>
    t.replace(/(\p{L}+) (\p{L}+)/gu, (m, a: string, b: string) => (r() < 0.4 ? `#${a}_${b}` : m)),
  spaces_in_words: (t, r) => t.replace(/\p{L}{3,}/gu, (w) => (r() < 0.3 ? Array.from(w).join(' ') : w)),
  mixed_scripts: (t, r) =>
    RULES['homoglyphs']!(RULES['presentation_forms']!(RULES['arabic_digits']!(t, r), r), r),
};

// Obfuscators keep their links and mentions working, so the rules apply to the text around them only.
const LINK = /(https?:\/\/\S+|www\.\S+|@\w+)/u;
const outsideLinks = (text: string, f: (t: string) => string): string =>
  text
    .split(LINK)
    .map((part, i) => (i % 2 === 0 ? f(part) : part))
    .join('');

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      'data-dir': { type: 'string', default: path.resolve('../shared/datasets/text') },
    },
  });
  const model = await loadTextModel(values.model ?? defaultModelPath());
  const recipe = (model.header.training?.['recipe'] as DataRecipe | undefined) ?? DEFAULT_RECIPE;
  const dir = values['data-dir'] as string;
  const files = readdirSync(dir)
    .filter((f) => /\.ndjson(\.gz)?$/.test(f))
    .map((f) => path.join(dir, f));
  const { records } = await loadCorpus(files);
  const positives = prepareData(records, recipe).dev.filter((e) => e.label === model.positiveLabel);
  const groups = {
    all: positives,
    ar: positives.filter((e) => e.record.lang === 'ar'),
    en: positives.filter((e) => e.record.lang === 'en'),
  };
  const recall = (texts: string[]): number =>
    texts.filter((t) => model.classify(t).flagged).length / Math.max(1, texts.length);
  const variants: Array<[string, (t: string, r: Rng) => string]> = [
    ['clean', (t) => t],
    ...Object.entries(RULES),
  ];
  // Combined in a realistic order: word-level changes first, then letters, then invisible characters.
  const COMBINED = [
    'hashtags',
    'elongation',
    'alef_maqsura',
    'ta_marbuta',
    'alef_hamza',
    'persian_forms',
    'arabic_digits',
    'presentation_forms',
    'diacritics',
    'tatweel',
    'homoglyphs',
    'invisible',
  ];
  variants.push(['all_combined', (t, r) => COMBINED.reduce((acc, k) => RULES[k]!(acc, r), t)]);
  const rows: string[] = [];
  const clean: Record<string, number> = {};
  for (const [name, f] of variants) {
    const cells: string[] = [];
    for (const [g, list] of Object.entries(groups)) {
      const rng = mulberry32(42);
      const rec = recall(list.map((e) => outsideLinks(e.text, (t) => f(t, rng))));
      if (name === 'clean') clean[g] = rec;
      cells.push(
        `${(rec * 100).toFixed(1)}${name === 'clean' ? '' : ` (${((rec - (clean[g] ?? 0)) * 100).toFixed(1)})`}`,
      );
    }
    rows.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  process.stdout.write(
    `recall (%) of dev positives flagged by classify (no language hint: per-language thresholds${model.header.thresholds ? ` ${JSON.stringify(model.header.thresholds)}` : ` ${model.threshold.toFixed(4)}`}), change vs clean in points; n = ${Object.entries(
      groups,
    )
      .map(([g, l]) => `${g} ${l.length}`)
      .join(', ')}\n\n` +
      `| variant | ${Object.keys(groups).join(' | ')} |\n|---|${Object.keys(groups)
        .map(() => '---|')
        .join('')}\n${rows.join('\n')}\n`,
  );
};

await main();
