// Word-level rules shared by the word pass, the per-rule helpers and normalizeName: lowercase, look-alikes,
// elongation, hashtag splitting and rejoining spaced-out letters.

import { CLASS, C_ARABIC, C_DIGIT, C_LATIN, C_LETTER, C_MARK, HOMOGLYPH, LOWER } from './tables.js';

export const HEH = 0x647;
export const LAUGH = 'هه';

export const isWordClass = (k: number): boolean =>
  k === C_ARABIC || k === C_LATIN || k === C_LETTER || k === C_DIGIT || k === C_MARK;
export const isLetterClass = (k: number): boolean => k === C_ARABIC || k === C_LATIN || k === C_LETTER;

/**
 * Lowercases, folds homoglyphs (in words that are Latin or made only of look-alikes) and collapses
 * elongation in s[a, b): a run of 3+ identical letters → 1 (any script); digits untouched.
 * A word made only of 3+ heh (laughter) → "هه".
 */
export function normalizeWord(s: string, a: number, b: number, keepCase = false): string {
  let hasLatin = false;
  let hasHomo = false;
  let allLook = true;
  let change = false;
  let onlyHeh = true;
  let p1 = -1;
  let p2 = -2;
  for (let p = a; p < b; p++) {
    const c = s.charCodeAt(p);
    const k = CLASS[c]!;
    if (k === C_LATIN) hasLatin = true;
    if (HOMOGLYPH[c] !== 0) hasHomo = true;
    else if (k === C_ARABIC || k === C_LETTER) allLook = false;
    if (!keepCase && LOWER[c] !== c) change = true;
    if (c === p1 && c === p2 && k !== C_DIGIT) change = true;
    if (c !== HEH) onlyHeh = false;
    p2 = p1;
    p1 = c;
  }
  if (onlyHeh && b - a >= 3) return LAUGH;
  const homo = hasHomo && (hasLatin || allLook);
  if (!change && !homo) return s.slice(a, b);
  const codes: number[] = [];
  for (let p = a; p < b; p++) {
    let c = s.charCodeAt(p);
    if (homo && HOMOGLYPH[c] !== 0) c = HOMOGLYPH[c]!;
    if (!keepCase) c = LOWER[c]!;
    codes.push(c);
  }
  return collapseRuns(codes);
}

/** Elongation: keeps 1 of a run of 3+ identical letters (any script), all digits/marks. */
export function collapseRuns(codes: number[]): string {
  let out = '';
  const n = codes.length;
  let p = 0;
  while (p < n) {
    const c = codes[p]!;
    let q = p + 1;
    while (q < n && codes[q] === c) q++;
    const run = q - p;
    const k = CLASS[c]!;
    const keep = run < 3 || !isLetterClass(k) ? run : 1;
    for (let r = 0; r < keep; r++) out += String.fromCharCode(c);
    p = q;
  }
  return out;
}

/** Splits a hashtag body s[a, b) on '_', camelCase, script changes and letter/digit changes. */
export function hashtagParts(s: string, a: number, b: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let start = a;
  for (let p = a; p < b; p++) {
    const c = s.charCodeAt(p);
    if (c === 0x5f) {
      if (p > start) parts.push([start, p]);
      start = p + 1;
      continue;
    }
    if (p === start) continue;
    const prev = s.charCodeAt(p - 1);
    const k = CLASS[c]!;
    const pk = CLASS[prev]!;
    const upper = LOWER[c] !== c;
    const prevUpper = LOWER[prev] !== prev;
    const nextLower =
      p + 1 < b &&
      isLetterClass(CLASS[s.charCodeAt(p + 1)]!) &&
      LOWER[s.charCodeAt(p + 1)] === s.charCodeAt(p + 1);
    const scriptChange = isLetterClass(k) && isLetterClass(pk) && (k === C_ARABIC) !== (pk === C_ARABIC);
    const digitChange = k !== C_MARK && pk !== C_MARK && (k === C_DIGIT) !== (pk === C_DIGIT);
    const camel = upper && isLetterClass(pk) && (!prevUpper || nextLower);
    const boundary = scriptChange || digitChange || camel;
    if (boundary) {
      parts.push([start, p]);
      start = p;
    }
  }
  if (b > start) parts.push([start, b]);
  return parts;
}

export const SPACED_SEPARATORS = new Set(['.', '-', '*', '·', '+', '/', '|', '•']);
export const singleScript = (t: string): number => {
  if (t.length !== 1) return 0;
  const k = CLASS[t.charCodeAt(0)]!;
  return k === C_ARABIC ? 1 : k === C_LATIN ? 2 : 0;
};

/**
 * "Spaces inside words": a run of 3+ single letters of one script, separated by spaces or by one
 * repeated separator (ا ل د و ل ة, I.S.I.S), is rejoined into one word (then elongation-collapsed).
 */
export function rejoinSingles(toks: string[]): void {
  let w = 0;
  let i = 0;
  while (i < toks.length) {
    const script = singleScript(toks[i]!);
    if (script === 0) {
      toks[w++] = toks[i++]!;
      continue;
    }
    // Try separator-less run, then a run with one separator kind.
    let best = i + 1;
    let letters = 1;
    let j = i + 1;
    while (j < toks.length && singleScript(toks[j]!) === script) j++;
    if (j - i >= 3) {
      best = j;
      letters = j - i;
    } else {
      const sep = toks[i + 1];
      if (sep !== undefined && SPACED_SEPARATORS.has(sep)) {
        let k = i;
        let count = 1;
        while (k + 2 < toks.length && toks[k + 1] === sep && singleScript(toks[k + 2]!) === script) {
          k += 2;
          count++;
        }
        if (count >= 3) {
          best = k + 1;
          letters = count;
        }
      }
    }
    if (letters >= 3) {
      const codes: number[] = [];
      for (let p = i; p < best; p++) {
        const t = toks[p]!;
        if (singleScript(t) === script) codes.push(t.charCodeAt(0));
      }
      toks[w++] = collapseRuns(codes);
      i = best;
    } else toks[w++] = toks[i++]!;
  }
  toks.length = w;
}
