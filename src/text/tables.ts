// Code-point tables for normalisation, built once at module load (~0.5 MB of typed arrays, a few ms).
// The hot path only does array look-ups; the rules' data is in rule-data.ts and documented in
// docs/text-normalisation.md.

import {
  ARABIC_LETTER_MAP,
  ASTRAL_NFKC_RANGES,
  DIACRITIC_CODES,
  HOMOGLYPH_MAP,
  INVISIBLE_CODES,
  LATIN_EXTRA,
  NFKC_RANGES,
  TATWEEL,
  cp,
  isEmojiCodePoint,
  range,
} from './rule-data.js';

/** FOLD value: drop the code unit. */
export const DROP = -1;
/** FOLD value: a high surrogate whose astral code points may fold (look in ASTRAL_FOLD). */
export const ASTRAL_CHECK = -2;
/** FOLD values <= MULTI_BASE index MULTI (MULTI_BASE - v). */
export const MULTI_BASE = -3;

/** Character classes of folded code units, used by the word pass. */
export const C_OTHER = 0;
export const C_SPACE = 1;
export const C_ARABIC = 2;
export const C_LATIN = 3;
export const C_LETTER = 4;
export const C_DIGIT = 5;
export const C_HASH = 6;
export const C_AT = 7;
export const C_UNDERSCORE = 8;
export const C_EMOJI = 9;
export const C_HIGH = 10;
export const C_TYPED_OPEN = 11;
export const C_APOSTROPHE = 12;
export const C_MARK = 13;

// ---- Build ----

/** Per BMP code unit: itself (unchanged), DROP, ASTRAL_CHECK, or a MULTI index. Built below. */
export const FOLD = new Int32Array(0x10000);
export const MULTI: string[] = [];
/** Astral code point → replacement ('' = drop). */
export const ASTRAL_FOLD = new Map<number, string>();
/** Folded code unit → class. */
export const CLASS = new Uint8Array(0x10000);
/** BMP code unit → lowercase code unit (identity if none or not single-unit). */
export const LOWER = new Uint16Array(0x10000);
/** BMP code unit → Latin look-alike (0 when none). */
export const HOMOGLYPH = new Uint16Array(0x10000);

const base = new Map<number, string>();
for (const c of DIACRITIC_CODES) base.set(c, '');
base.set(TATWEEL, '');
for (const c of INVISIBLE_CODES) base.set(c, '');
for (const c of range(0x0300, 0x036f)) base.set(c, ''); // combining accents (Latin diacritics)
for (const [from, to] of Object.entries(ARABIC_LETTER_MAP)) base.set(cp(from), to);
for (const [from, to] of Object.entries(LATIN_EXTRA)) base.set(cp(from), to);
// Control characters other than tab/newline become spaces; tabs/newlines are spaces in the word pass.
for (const c of range(0x0000, 0x001f)) base.set(c, ' ');
for (const c of range(0x007f, 0x009f)) base.set(c, ' ');

// Unicode properties of every BMP code unit, found with one global regex scan each over a string of all
// BMP characters (much faster at import than a regex test per code point).
const ALL_BMP = (() => {
  const codes = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) codes[c] = c >= 0xd800 && c <= 0xdfff ? 0x20 : c;
  let s = '';
  for (let p = 0; p < 0x10000; p += 8192) {
    s += String.fromCharCode.apply(null, codes.subarray(p, p + 8192) as unknown as number[]);
  }
  return s;
})();
const propertyTable = (re: RegExp): Uint8Array => {
  const t = new Uint8Array(0x10000);
  for (const m of ALL_BMP.matchAll(re)) t[m.index] = 1;
  return t;
};
const IS_ND = propertyTable(/\p{Nd}/gu);
const IS_CASED = propertyTable(/\p{Changes_When_Lowercased}/gu);

// Decimal digits of every script → ASCII (Unicode puts each script's 0-9 in one contiguous run).
for (let c = 0x80; c < 0x10000; c++) {
  if (IS_ND[c] === 0) continue;
  let start = c;
  while (IS_ND[start - 1] === 1) start--;
  base.set(c, String((c - start) % 10));
}

/** Applies the base table to each code point of a string (used to resolve NFKC results). */
const resolve = (s: string): string => {
  let out = '';
  for (const ch of s) {
    const m = base.get(cp(ch));
    out += m === undefined ? ch : m;
  }
  return out;
};

// Latin letters with diacritics → base letter (é → e), case kept.
for (const c of [...range(0x00c0, 0x024f), ...range(0x1e00, 0x1eff)]) {
  if (base.has(c)) continue;
  const d = String.fromCharCode(c).normalize('NFD');
  if (d.length > 1 && /^[A-Za-z][\u0300-\u036f]+$/u.test(d)) base.set(c, d[0] ?? '');
}

const nfkcFold = (c: number): string | undefined => {
  const ch = String.fromCodePoint(c);
  const k = ch.normalize('NFKC');
  if (k === ch) return undefined;
  const r = resolve(k);
  // Isolated/medial presentation forms of harakat decompose to space/tatweel + mark: drop them entirely.
  return r.trim() === '' && !/\s/u.test(ch) ? '' : r;
};

for (const [from, to] of NFKC_RANGES) {
  for (let c = from; c <= to; c++) {
    if (base.has(c)) continue;
    const r = nfkcFold(c);
    if (r !== undefined) base.set(c, r);
  }
}
for (const [from, to] of ASTRAL_NFKC_RANGES) {
  for (let c = from; c <= to; c++) {
    const r = nfkcFold(c);
    if (r !== undefined) ASTRAL_FOLD.set(c, r);
  }
}
// Negative circled/squared Latin capitals (🅐, 🅰) have no NFKC form.
for (let i = 0; i < 26; i++) {
  ASTRAL_FOLD.set(0x1f150 + i, String.fromCharCode(65 + i));
  ASTRAL_FOLD.set(0x1f170 + i, String.fromCharCode(65 + i));
}
for (const c of range(0x1f3fb, 0x1f3ff)) ASTRAL_FOLD.set(c, ''); // skin-tone modifiers
for (const c of range(0xe0000, 0xe007f)) ASTRAL_FOLD.set(c, ''); // tag characters
for (const c of range(0xe0100, 0xe01ef)) ASTRAL_FOLD.set(c, ''); // variation selectors supplement

// Idempotence: an upper-case letter whose lower-case form folds (Ħ → ħ → h) folds the same way, or the
// second normalisation would change what lowercasing exposed.
for (let c = 0; c < 0x10000; c++) {
  if (base.has(c) || (c >= 0xd800 && c <= 0xdfff) || IS_CASED[c] === 0) continue;
  const lower = String.fromCharCode(c).toLowerCase();
  const m = lower.length === 1 ? base.get(lower.charCodeAt(0)) : undefined;
  if (m !== undefined && m.length > 0) base.set(c, m.toUpperCase());
}

for (let c = 0; c < 0x10000; c++) {
  const m = base.get(c);
  if (m === undefined) FOLD[c] = c;
  else if (m === '') FOLD[c] = DROP;
  else if (m.length === 1) FOLD[c] = m.charCodeAt(0);
  else {
    FOLD[c] = MULTI_BASE - MULTI.length;
    MULTI.push(m);
  }
}
for (const c of ASTRAL_FOLD.keys()) FOLD[0xd800 + ((c - 0x10000) >> 10)] = ASTRAL_CHECK;

// Classes.
const IS_SPACE = propertyTable(/\s/gu);
const IS_LETTER = propertyTable(/\p{L}/gu);
const IS_MARK = propertyTable(/\p{M}/gu);
const IS_ARABIC = propertyTable(/\p{Script=Arabic}/gu);
const IS_LATIN = propertyTable(/\p{Script=Latin}/gu);
for (let c = 0; c < 0x10000; c++) {
  LOWER[c] = c;
  if (IS_CASED[c] === 1) {
    const lower = String.fromCharCode(c).toLowerCase();
    if (lower.length === 1) LOWER[c] = lower.charCodeAt(0);
  }
  let k = C_OTHER;
  if (c >= 0xd800 && c <= 0xdbff) k = C_HIGH;
  else if (c >= 0xdc00 && c <= 0xdfff) k = C_OTHER;
  else if (c >= 0x30 && c <= 0x39) k = C_DIGIT;
  else if (IS_SPACE[c] === 1) k = C_SPACE;
  else if (IS_LETTER[c] === 1) k = IS_ARABIC[c] === 1 ? C_ARABIC : IS_LATIN[c] === 1 ? C_LATIN : C_LETTER;
  else if (IS_MARK[c] === 1) k = C_MARK;
  else if (isEmojiCodePoint(c)) k = C_EMOJI;
  CLASS[c] = k;
}
CLASS[0x23] = C_HASH;
CLASS[0x40] = C_AT;
CLASS[0x5f] = C_UNDERSCORE;
CLASS[0x27e8] = C_TYPED_OPEN;
CLASS[0x27] = C_APOSTROPHE;

for (const [from, to] of Object.entries(HOMOGLYPH_MAP)) HOMOGLYPH[cp(from)] = cp(to);
// Upper-case forms of lower-case look-alikes (Γ for γ) count too, so lowercasing cannot expose a new one.
for (const [from, to] of Object.entries(HOMOGLYPH_MAP)) {
  const upper = from.toUpperCase();
  if (upper.length === 1 && upper !== from && HOMOGLYPH[cp(upper)] === 0)
    HOMOGLYPH[cp(upper)] = cp(to.toUpperCase());
}

/** Folds one code point with the base table (for the per-rule helpers and tests). */
export const foldCodePoint = (c: number): string => {
  if (c >= 0x10000) return ASTRAL_FOLD.get(c) ?? String.fromCodePoint(c);
  const v = FOLD[c] ?? c;
  if (v >= 0) return String.fromCharCode(v);
  if (v === DROP) return '';
  return v <= MULTI_BASE ? (MULTI[MULTI_BASE - v] ?? '') : String.fromCharCode(c);
};
