import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { ValidationError } from '../errors.js';
import type { Rng } from './rng.js';
import * as B from './texts-builtin.js';

export type TextKind = 'army' | 'news' | 'counter' | 'organic';
export type Lang = 'ar' | 'en';

interface CorpusText {
  text: string;
  lang: Lang;
}

/** Texts of a labelled corpus (`{text, label, lang}` lines), grouped by the simulator's use. */
export interface Corpus {
  army: CorpusText[];
  news: CorpusText[];
  organic: CorpusText[];
  /** Lines that were not usable (bad JSON, no text, unknown label), per file. */
  skipped: Record<string, number>;
}

// Caps the number of corpus texts kept per kind (reservoir sampling keeps it deterministic).
const CORPUS_CAP = 20_000;
const LABEL_KIND: Record<string, 'army' | 'news' | 'organic'> = {
  extremist: 'army',
  extremist_account: 'army',
  news: 'news',
  other: 'organic',
};

/** Reads labelled NDJSON files (optionally .gz) into per-kind pools, sampled with the given PRNG. */
export const loadCorpus = async (files: readonly string[], rng: Rng): Promise<Corpus> => {
  const corpus: Corpus = { army: [], news: [], organic: [], skipped: {} };
  const seen = { army: 0, news: 0, organic: 0 };
  for (const file of files) {
    let skipped = 0;
    const input = createReadStream(file);
    const stream = file.endsWith('.gz') ? input.pipe(createGunzip()) : input;
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        if (!line.trim()) continue;
        let rec: unknown;
        try {
          rec = JSON.parse(line);
        } catch {
          skipped++;
          continue;
        }
        const r = rec as { text?: unknown; label?: unknown; lang?: unknown };
        const kind = typeof r.label === 'string' ? LABEL_KIND[r.label] : undefined;
        if (typeof r.text !== 'string' || !r.text.trim() || !kind) {
          skipped++;
          continue;
        }
        const item: CorpusText = { text: r.text.slice(0, 1000), lang: r.lang === 'en' ? 'en' : 'ar' };
        const pool = corpus[kind];
        seen[kind]++;
        if (pool.length < CORPUS_CAP) pool.push(item);
        else {
          const j = rng.int(seen[kind]);
          if (j < CORPUS_CAP) pool[j] = item;
        }
      }
    } catch (err) {
      throw new ValidationError(`cannot read texts file ${file}: ${(err as Error).message}`, {
        field: 'texts',
      });
    }
    corpus.skipped[file] = skipped;
  }
  return corpus;
};

const FILLERS_AR = [
  'والله',
  'بصراحة',
  'ههههه',
  '😂',
  '🙏',
  '❤️',
  'يا رب',
  'الحمد لله',
  'تعبت',
  'صح؟',
  'يا جماعة',
  '👍',
  'اليوم',
  'شو رأيكم؟',
  'على فكرة',
  '😴',
  '🌹',
  'طبعا',
];
const FILLERS_EN = ['lol', 'honestly', '😂', '🙏', 'tbh', 'anyway', '!!', 'ngl', '❤️', 'right?'];

const fill = (template: string, rng: Rng, lang: Lang): string =>
  template.replace(/\{(place|city|num|team|food)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'place':
        return rng.pick(lang === 'en' ? B.PLACES_EN : B.PLACES_AR);
      case 'city':
        return rng.pick(lang === 'en' ? B.CITIES_EN : B.CITIES);
      case 'team':
        return rng.pick(lang === 'en' ? B.TEAMS_EN : B.TEAMS);
      case 'food':
        return rng.pick(lang === 'en' ? B.FOODS_EN : B.FOODS);
      default:
        return String(rng.range(2, 60));
    }
  });

/** Where post texts come from: a corpus when given, else the built-in templates. */
export class TextSource {
  constructor(private readonly corpus?: Corpus) {}

  get usesCorpus(): boolean {
    return this.corpus !== undefined;
  }

  text(kind: TextKind, lang: Lang, rng: Rng): string {
    const pool = kind === 'counter' || !this.corpus ? undefined : this.corpus[kind];
    if (pool && pool.length > 0) {
      // Prefer the author's language; fall back to any text of the kind.
      for (let tries = 0; tries < 4; tries++) {
        const t = rng.pick(pool);
        if (t.lang === lang) return t.text;
      }
      return rng.pick(pool).text;
    }
    const body = fill(rng.pick(templates(kind, lang)), rng, lang);
    if (kind !== 'organic') return body;
    // Ordinary chatter is varied: combine sentences and add a filler, so that unrelated users
    // rarely write the same text by chance.
    const parts = [body];
    if (rng.chance(0.5)) parts.push(fill(rng.pick(templates(kind, lang)), rng, lang));
    if (rng.chance(0.6)) parts.push(rng.pick(lang === 'en' ? FILLERS_EN : FILLERS_AR));
    return rng.chance(0.3) ? parts.reverse().join(' ') : parts.join(' ');
  }
}

const templates = (kind: TextKind, lang: Lang): readonly string[] => {
  const en = lang === 'en';
  switch (kind) {
    case 'army':
      return en ? B.ARMY_EN : B.ARMY_AR;
    case 'news':
      return en ? B.NEWS_EN : B.NEWS_AR;
    case 'counter':
      return en ? B.COUNTER_EN : B.COUNTER_AR;
    default:
      return en ? B.ORGANIC_EN : B.ORGANIC_AR;
  }
};

export const fillTemplate = fill;

const TATWEEL = '\u0640';
const DIACRITICS = ['\u064e', '\u064f', '\u0650', '\u0652', '\u0651'];
const ARABIC_LETTER = /[\u0621-\u064a]/u;

/** One small copypasta edit: an emoji, tatweel, diacritics, reordered hashtags or a swapped word. */
export const copypastaEdit = (text: string, rng: Rng): string => {
  const op = rng.int(5);
  if (op === 0) return rng.chance(0.5) ? `${text} ${rng.pick(B.EMOJIS)}` : `${rng.pick(B.EMOJIS)} ${text}`;
  if (op === 1 || op === 2) {
    // Tatweel or a diacritic after a random Arabic letter (falls through to an emoji for Latin text).
    // Only inside ordinary words: editing a hashtag would make it another hashtag.
    const positions: number[] = [];
    let inTag = false;
    for (let i = 0; i < text.length - 1; i++) {
      const ch = text[i] ?? '';
      if (ch === '#') inTag = true;
      else if (/\s/u.test(ch)) inTag = false;
      if (!inTag && ARABIC_LETTER.test(ch) && ARABIC_LETTER.test(text[i + 1] ?? '')) positions.push(i);
    }
    if (positions.length > 0) {
      const at = rng.pick(positions) + 1;
      const mark = op === 1 ? TATWEEL.repeat(rng.range(1, 3)) : rng.pick(DIACRITICS);
      return text.slice(0, at) + mark + text.slice(at);
    }
    return `${text} ${rng.pick(B.EMOJIS)}`;
  }
  if (op === 3) {
    const tags = text.match(/#\S+/gu) ?? [];
    if (tags.length >= 2) {
      const body = text.replace(/\s*#\S+/gu, '').trim();
      return `${body} ${rng.sample(tags, tags.length).join(' ')}`;
    }
    return `${text} ${rng.pick(B.EMOJIS)}`;
  }
  const swaps = B.WORD_SWAPS.filter(([a]) => text.includes(a));
  if (swaps.length > 0) {
    const [a, b] = rng.pick(swaps);
    return text.replace(a, b);
  }
  return `${text} ${rng.pick(B.EMOJIS)}`;
};

/** A writing-style signature of an army member, kept by its re-created accounts. */
export interface StyleSignature {
  opener: string;
  closer: string;
  tatweel: boolean;
  hashtagsFirst: boolean;
}

const OPENERS = ['', '', '📌', '🔴 عاجل |', '✍️', 'بسم الله،', '[خاص]', '⚡'];
const CLOSERS = ['', '⚔️', '🏴', '✊🏻', '— نصير', 'ولله الأمر', '#انشر', '🔥🔥', '...!'];

export const randomStyle = (rng: Rng): StyleSignature => ({
  opener: rng.pick(OPENERS),
  closer: rng.pick(CLOSERS),
  tatweel: rng.chance(0.4),
  hashtagsFirst: rng.chance(0.3),
});

/** Applies a style and hashtags to a text. */
export const styled = (
  text: string,
  style: StyleSignature | undefined,
  hashtags: readonly string[],
): string => {
  const tags = hashtags.map((h) => `#${h}`).join(' ');
  let body = text;
  if (style) {
    if (style.tatweel)
      body = body.replace(/([\u0621-\u064a])(ل)([\u0621-\u064a])/u, `$1$2${TATWEEL}${TATWEEL}$3`);
    body = [style.opener, body, style.closer].filter((s) => s !== '').join(' ');
    if (style.hashtagsFirst && tags) return `${tags} ${body}`;
  }
  return tags ? `${body} ${tags}` : body;
};
