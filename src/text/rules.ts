// Each normalisation rule on its own, for reuse (e.g. building obfuscated test variants) and for tests.
// These are clear rather than fast; normalizeText applies all of them in two table-driven passes.

import { normalizeText } from './normalize.js';
import { hashtagParts, normalizeWord, rejoinSingles } from './words.js';
import { ASTRAL_FOLD, foldCodePoint } from './tables.js';
import { ARABIC_LETTER_MAP, DIACRITIC_CODES, HOMOGLYPH_MAP, INVISIBLE_CODES, TATWEEL } from './rule-data.js';

const mapCodePoints = (text: string, fn: (c: number, ch: string) => string): string => {
  let out = '';
  for (const ch of text) out += fn(ch.codePointAt(0) ?? 0, ch);
  return out;
};

const DIACRITICS = new Set(DIACRITIC_CODES);
const INVISIBLE = new Set(INVISIBLE_CODES);
const ALEF_HAMZA = new Set(['أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ', 'ٵ', 'ؤ', 'ٶ', 'ٷ', 'ئ', 'ٸ']);
const PERSIAN = new Set(
  Object.keys(ARABIC_LETTER_MAP).filter((k) => !ALEF_HAMZA.has(k) && !['ى', 'ة', '٪', '٫', '٬'].includes(k)),
);

/** Removes harakat, tanween, shadda, sukun, hamza marks, superscript alef and Quranic annotation marks. */
export const stripDiacritics = (text: string): string =>
  mapCodePoints(text, (c, ch) => (DIACRITICS.has(c) ? '' : ch));

/** Removes tatweel (kashida, U+0640) used to stretch words. */
export const removeTatweel = (text: string): string => text.replaceAll(String.fromCharCode(TATWEEL), '');

/** Removes zero-width characters, bidi controls, soft hyphens and variation selectors. */
export const removeInvisible = (text: string): string =>
  mapCodePoints(text, (c, ch) => (INVISIBLE.has(c) ? '' : ch));

/** أ إ آ ٱ → ا, ؤ → و, ئ → ي; the standalone hamza ء is kept. */
export const unifyAlefHamza = (text: string): string =>
  mapCodePoints(text, (_c, ch) => (ALEF_HAMZA.has(ch) ? (ARABIC_LETTER_MAP[ch] ?? ch) : ch));

/** ى → ي */
export const foldAlefMaqsura = (text: string): string => text.replaceAll('ى', 'ي');

/** ة → ه */
export const foldTaMarbuta = (text: string): string => text.replaceAll('ة', 'ه');

/** Persian/Urdu/Kurdish letter forms → the Arabic letter they stand for (ک → ك, ی → ي, ہ → ه, پ → ب …). */
export const foldPersianLetters = (text: string): string =>
  mapCodePoints(text, (_c, ch) => (PERSIAN.has(ch) ? (ARABIC_LETTER_MAP[ch] ?? ch) : ch));

const inRange = (c: number, ranges: ReadonlyArray<readonly [number, number]>): boolean =>
  ranges.some(([a, b]) => c >= a && c <= b);
const PRESENTATION: ReadonlyArray<readonly [number, number]> = [
  [0xfb50, 0xfdff],
  [0xfe70, 0xfefe],
];

/** Arabic presentation forms A/B (U+FB50–U+FDFF, U+FE70–U+FEFF) → base letters, ligatures expanded. */
export const foldPresentationForms = (text: string): string =>
  mapCodePoints(text, (c, ch) => (inRange(c, PRESENTATION) ? foldCodePoint(c) : ch));

/** Decimal digits of every script (Arabic-Indic, Extended Arabic-Indic, fullwidth, math…) → ASCII. */
export const foldDigits = (text: string): string =>
  mapCodePoints(text, (c, ch) => (/\p{Nd}/u.test(ch) ? foldCodePoint(c) : ch));

const COMPAT: ReadonlyArray<readonly [number, number]> = [
  [0x2070, 0x24ff],
  [0xfb00, 0xfb06],
  [0xff00, 0xffef],
];

/**
 * Homoglyphs used to dodge filters: fullwidth, mathematical, enclosed and small-capital Latin → ASCII
 * everywhere; Cyrillic/Greek look-alikes → Latin only in words that contain Latin letters or are made
 * entirely of look-alikes (so Russian or Greek text is left alone). Case is kept.
 */
export const foldHomoglyphs = (text: string): string => {
  const compat = mapCodePoints(text, (c, ch) =>
    inRange(c, COMPAT) || ASTRAL_FOLD.has(c) || /[ᴀ-ᴢʙɢʜɪʟɴʀʏꜱ]/u.test(ch) ? foldCodePoint(c) : ch,
  );
  return compat.replace(/[\p{L}\p{M}]+/gu, (word) => {
    const letters = [...word];
    const hasLatin = letters.some((ch) => /\p{Script=Latin}/u.test(ch));
    const look = letters.filter((ch) => HOMOGLYPH_MAP[ch] !== undefined).length;
    if (
      look === 0 ||
      !(
        hasLatin || look === letters.filter((ch) => /\p{L}/u.test(ch) && !/\p{Script=Latin}/u.test(ch)).length
      )
    )
      return word;
    return letters.map((ch) => HOMOGLYPH_MAP[ch] ?? ch).join('');
  });
};

/** Letter elongation: 3+ identical letters → 1, any script (stateee → state; ههههه → هه as laughter). */
export const collapseElongation = (text: string): string =>
  text.replace(/[\p{L}\p{M}\p{N}]+/gu, (w) => normalizeWord(w, 0, w.length, true));

/**
 * Splits a hashtag into its words on '_', camelCase, script and letter/digit changes.
 * @example splitHashtag('#الدولة_الإسلامية') // ['الدولة', 'الإسلامية']; splitHashtag('#FreeSyria') // ['Free', 'Syria']
 */
export const splitHashtag = (tag: string): string[] => {
  const body = tag.replace(/^[#＃]/u, '');
  return hashtagParts(body, 0, body.length).map(([a, b]) => body.slice(a, b));
};

/** URLs → ⟨url:domain⟩ (or ⟨url⟩), mentions → ⟨mention⟩, leaving everything else as it is. */
export const replaceTypedTokens = (text: string, urlDomains = true): string =>
  text
    .replace(/\b(?:https?:\/\/|www\.)[^\s<>"⟨⟩]+/giu, (url) => {
      const m = normalizeText(url, { keepCase: true, urlDomains });
      return m.split(' ')[0] ?? url;
    })
    .replace(/(^|[^\p{L}\p{N}_])@([A-Za-z0-9_]+)/gu, (_m, pre: string, h: string) =>
      h.toLowerCase() === 'url' ? `${pre}⟨url⟩` : `${pre}⟨mention⟩`,
    );

/**
 * Rejoins words written with their letters spaced out (ا ل د و ل ة → الدولة, I.S.I.S → ISIS): a run of
 * 3+ single letters of one script separated by spaces or by one repeated separator.
 */
export const rejoinSpacedLetters = (text: string): string => {
  const toks = text.split(/\s+/u).filter(Boolean);
  const spread: string[] = [];
  for (const t of toks) {
    // Split "I.S.I.S" into I . S . I . S so the shared heuristic sees the separators.
    if (/^(?:\p{L}[.\-*·+/|•])+\p{L}$/u.test(t)) for (const ch of t) spread.push(ch);
    else spread.push(t);
  }
  rejoinSingles(spread);
  return spread.join(' ');
};
