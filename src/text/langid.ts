// Language identification: an Arabic-script shortcut, then eld (Nito-ELD) for everything else.
// Why eld and why this shortcut: docs/benchmarks/langid.md.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeText } from './normalize.js';
import { CLASS, C_ARABIC, C_LATIN, C_LETTER } from './tables.js';

export interface LanguageGuess {
  /** ISO 639-1 code, 'und' when unsure. */
  lang: string;
  /** 0..1; 0 with 'und'. */
  confidence: number;
}

export type EldSize = 'extrasmall' | 'small' | 'medium' | 'large';

interface EldResult {
  language: string;
  getScores(): Record<string, number>;
  isReliable(): boolean;
}
interface EldDetector {
  detect(text: string): EldResult;
}

export interface LanguageIdentifierOptions {
  /** eld n-gram database (default 'extrasmall': fastest load, see the benchmark). */
  eldSize?: EldSize;
  /** Fewest letters for a non-Arabic-script guess (default 3). */
  minLetters?: number;
  /**
   * Languages accepted (with confidence ≤ 0.3) when eld is not sure, e.g. on short tweets; any other
   * unsure guess is 'und'. Default: the languages this project sees most (en, fr, de, es, tr, ru).
   */
  fallbackLanguages?: readonly string[];
}

const DEFAULT_FALLBACK = ['en', 'fr', 'de', 'es', 'tr', 'ru'];
const UND: LanguageGuess = { lang: 'und', confidence: 0 };
// Letters that Persian, Urdu, Kurdish and Pashto use and standard Arabic does not.
const NON_ARABIC_LETTERS = /[پچژگکیٹڈڑںےۓھہۀۃەێۆۇۈۋې]/gu;
const ARABIC_SCRIPT_LANGS = new Set(['ar', 'fa', 'ur', 'ku']);
const TYPED = /⟨[^⟩\s]*⟩/gu;
const NOISE = /(?:https?:\/\/|www\.)\S+|@[A-Za-z0-9_]+|[#_]/giu;
const forEld = (text: string): string => text.normalize('NFKC').replace(NOISE, ' ');

/**
 * eld is ESM-only and its n-gram tables take 0.1-1 s to load, so it is loaded on first use through
 * require(esm) instead of at import time: importing src/text stays cheap for callers that only normalise.
 */
function loadEld(size: EldSize): EldDetector {
  const require = createRequire(import.meta.url);
  const mod = require(resolveEld(size)) as { eld: EldDetector };
  return mod.eld;
}

/** Path of eld's static entry; import.meta.resolve where the loader has it, else the node_modules walk. */
function resolveEld(size: EldSize): string {
  if (typeof import.meta.resolve === 'function') return fileURLToPath(import.meta.resolve(`eld/${size}`));
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const entry = join(dir, 'node_modules', 'eld', 'src', 'entries', `static.${size}.js`);
    if (existsSync(entry)) return entry;
    if (dirname(dir) === dir) throw new Error(`eld/${size} not found from ${fileURLToPath(import.meta.url)}`);
  }
}

/** Builds an identifier; identifyLanguage uses one with the default options. */
export function createLanguageIdentifier(
  options: LanguageIdentifierOptions = {},
): (text: string) => LanguageGuess {
  const size = options.eldSize ?? 'extrasmall';
  const minLetters = options.minLetters ?? 3;
  const fallback = new Set(options.fallbackLanguages ?? DEFAULT_FALLBACK);
  let eld: EldDetector | undefined;
  const detect = (t: string): EldResult => (eld ??= loadEld(size)).detect(t);

  return (text: string): LanguageGuess => {
    // Script counts on the normalised text (homoglyphs, fullwidth and math letters folded; URLs, mentions
    // and emoji out of the way); eld gets the NFKC text without them, accents kept (they carry language).
    const t = normalizeText(text, { keepCase: true, dropEmoji: true }).replace(TYPED, ' ');
    let arabic = 0;
    let other = 0;
    for (let i = 0; i < t.length; i++) {
      const k = CLASS[t.charCodeAt(i)]!;
      if (k === C_ARABIC) arabic++;
      else if (k === C_LATIN || k === C_LETTER) other++;
    }
    const letters = arabic + other;
    if (letters === 0) return UND;
    if (arabic * 2 >= letters) {
      // Arabic-script shortcut: Arabic unless letters only Persian/Urdu/Kurdish use are frequent enough.
      const special = text.match(NON_ARABIC_LETTERS)?.length ?? 0;
      const share = arabic / letters;
      if (special >= 2 && special * 20 >= arabic) {
        const r = detect(forEld(text));
        if (ARABIC_SCRIPT_LANGS.has(r.language)) return { lang: r.language, confidence: confidenceOf(r) };
      }
      return { lang: 'ar', confidence: round(0.5 + share / 2) };
    }
    if (letters < minLetters) return UND;
    const r = detect(forEld(text));
    if (r.language === '') return UND;
    if (!r.isReliable()) {
      return fallback.has(r.language)
        ? { lang: r.language, confidence: Math.min(0.3, confidenceOf(r)) }
        : UND;
    }
    return { lang: r.language, confidence: confidenceOf(r) };
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** eld scores are per-language similarities; the top one, discounted by the runner-up's closeness. */
function confidenceOf(r: EldResult): number {
  const scores = Object.values(r.getScores()).sort((a, b) => b - a);
  const top = scores[0] ?? 0;
  const second = scores[1] ?? 0;
  if (top <= 0) return 0;
  return round(Math.min(1, Math.max(0.05, top * (1 - second / (2 * top)) * (r.isReliable() ? 1.2 : 0.6))));
}

let defaultIdentifier: ((text: string) => LanguageGuess) | undefined;

/**
 * Guesses the language of a post (ISO 639-1, 'und' when unsure).
 *
 * @example identifyLanguage('السلام عليكم ورحمة الله') // { lang: 'ar', confidence: 1 }
 */
export function identifyLanguage(text: string): LanguageGuess {
  return (defaultIdentifier ??= createLanguageIdentifier())(text);
}
