import { hashString } from './hash.js';

// Name handling for fingerprints: normalisation of handles and display names, character n-grams,
// and the kunya/nisba structure of Arabic names. src/text may later offer a shared normalizeName;
// this one is kept local so that the accounts domain has no dependency on work in progress.

/** Zero code points of the decimal digit blocks that NFKC does not fold to ASCII. */
const DIGIT_ZEROS = [
  0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6,
  0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0,
  0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xaa50, 0xabf0, 0xff10,
];

const digitValue = (cp: number): number => {
  for (const zero of DIGIT_ZEROS) if (cp >= zero && cp < zero + 10) return cp - zero;
  return -1;
};

const ARABIC_MAP: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ی: 'ي',
  ې: 'ي',
  ة: 'ه',
  ہ: 'ه',
  ۀ: 'ه',
  ک: 'ك',
  ڪ: 'ك',
  ؤ: 'و',
  ئ: 'ي',
  گ: 'ك',
};

// Diacritics (harakat, Quranic marks), superscript alef and tatweel carry no identity.
const ARABIC_NOISE = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
// Combining marks left after NFKC decomposition (e.g. accents, enclosing circles).
const COMBINING = /\p{M}/gu;
// Anything that is not a letter or a digit is decoration: emoji, flags, symbols, punctuation, "_" and ".".
const DECORATION = /[^\p{L}\p{Nd}]+/gu;

/**
 * Normalise a handle or display name for matching: NFKC (folds styled letters like 𝒜 or Ａ), lower
 * case, digits of every script to ASCII, Arabic letter variants unified, diacritics and tatweel
 * removed, decorations (emoji, symbols, punctuation, "_") turned into single spaces.
 */
export const normalizeName = (raw: string): string => {
  let s = raw.normalize('NFKC').toLowerCase();
  s = s.normalize('NFD').replace(COMBINING, '').normalize('NFC');
  s = s.replace(ARABIC_NOISE, '');
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const d = cp >= 0x80 ? digitValue(cp) : -1;
    if (d >= 0) out += String(d);
    else out += ARABIC_MAP[ch] ?? ch;
  }
  return out.replace(DECORATION, ' ').trim();
};

/** The handle without its digits: re-created accounts often only change a number (abu_x_3 → abu_x_4). */
export const handleStem = (normalisedHandle: string): string =>
  normalisedHandle
    .replace(/[0-9]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Words of a normalised name. */
export const nameTokens = (normalised: string): string[] => (normalised === '' ? [] : normalised.split(' '));

/**
 * Character n-grams of a normalised string, padded with spaces at both ends, as 32-bit hashes
 * (a set: duplicates removed). Spaces inside are kept so that word boundaries count.
 */
export const charNgramHashes = (normalised: string, n = 3): Set<number> => {
  const out = new Set<number>();
  if (normalised === '') return out;
  const chars = Array.from(` ${normalised} `);
  if (chars.length < n) {
    out.add(hashString(chars.join('')));
    return out;
  }
  for (let i = 0; i + n <= chars.length; i++) out.add(hashString(chars.slice(i, i + n).join('')));
  return out;
};

/** Dice coefficient of two sets. */
export const dice = (a: ReadonlySet<number>, b: ReadonlySet<number>): number => {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
};

// ---- Kunya and nisba -----------------------------------------------------------------------

const KUNYA_MARKERS = new Set(['ابو', 'ابي', 'ام', 'abu', 'abou', 'abo', 'aboo', 'umm', 'um', 'oum', 'omm']);
const ARTICLE_LATIN = new Set(['al', 'el', 'ad', 'ar', 'as', 'at', 'an', 'az', 'ash', 'adh']);

/** Tokens that carry no identity on their own (kunya markers and articles). */
export const isStructuralToken = (token: string): boolean =>
  KUNYA_MARKERS.has(token) || ARTICLE_LATIN.has(token);

export interface NameStructure {
  /** "ابو اليمان" → "اليمان": the name after the kunya marker (with its article when written joined). */
  kunya?: string;
  /** Nisba adjectives: Arabic "ال…ي" words after the first token ("الجنوبي", "المهاجر" is not a nisba). */
  nisbas: string[];
  /** Other meaningful words (not markers, not the kunya, not nisbas). */
  given: string[];
}

const isArabicNisba = (t: string): boolean => t.length >= 4 && t.startsWith('ال') && t.endsWith('ي');
// Latin transliterations: "al-janubi" normalises to "al janubi"; a nisba ends in -i/-y/-ee after an article.
const isLatinNisbaWord = (t: string): boolean => /^[a-z]{3,}(i|y|ee)$/.test(t);

/** Parse the kunya ("أبو/أم + name") and nisbas ("ال…ي") of a normalised name. */
export const parseNameStructure = (normalised: string): NameStructure => {
  const tokens = nameTokens(normalised).filter((t) => !/^[0-9]+$/.test(t));
  const result: NameStructure = { nisbas: [], given: [] };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const next = tokens[i + 1];
    if (KUNYA_MARKERS.has(t) && next !== undefined && result.kunya === undefined) {
      // Latin "abu al yaman": join the article so that it equals the Arabic "ابو اليمان" structure.
      if (ARTICLE_LATIN.has(next) && tokens[i + 2] !== undefined) {
        result.kunya = `al${tokens[i + 2] as string}`;
        i += 2;
      } else {
        result.kunya = next;
        i += 1;
      }
      continue;
    }
    if (i > 0 && isArabicNisba(t)) {
      result.nisbas.push(t);
      continue;
    }
    if (i > 0 && ARTICLE_LATIN.has(t) && next !== undefined && isLatinNisbaWord(next)) {
      result.nisbas.push(`al${next}`);
      i += 1;
      continue;
    }
    if (isStructuralToken(t)) continue;
    result.given.push(t);
  }
  return result;
};
