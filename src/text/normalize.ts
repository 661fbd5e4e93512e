// The hot path: normalizeText runs on every post. Two linear passes over code units with table look-ups:
// 1. foldCharacters: per-code-unit folding (diacritics, tatweel, invisibles, letter variants, presentation
//    forms, digits, fullwidth/math letters) — case is kept so hashtags can still be split on camelCase;
// 2. the word pass: typed tokens, hashtag splitting, homoglyphs, lowercase, elongation, punctuation and
//    emoji tokens, whitespace; then spaced-out letters are rejoined.
// The rule order is documented in docs/text-normalisation.md.

import {
  CLASS,
  C_APOSTROPHE,
  C_ARABIC,
  C_AT,
  C_DIGIT,
  C_EMOJI,
  C_HASH,
  C_HIGH,
  C_LATIN,
  C_LETTER,
  C_MARK,
  C_SPACE,
  C_TYPED_OPEN,
  C_UNDERSCORE,
} from './tables.js';
import { isEmojiCodePoint } from './rule-data.js';
import { foldCharacters } from './fold.js';
import { TYPED_TOKEN, isHandleChar, startsWithCI, urlAt, urlDomain } from './links.js';
import { Output } from './output.js';
import { hashtagParts, isLetterClass, isWordClass, normalizeWord } from './words.js';

export interface NormalizeOptions {
  /** Keep Latin/Cyrillic/Greek letter case (default false: lowercased). Typed tokens are always lowercase. */
  keepCase?: boolean;
  /** Split hashtags into their words, dropping '#' (default true). When false a hashtag stays one '#tag' token. */
  splitHashtags?: boolean;
  /** Replace URLs by ⟨url:domain⟩ and mentions by ⟨mention⟩ (default true). */
  typedTokens?: boolean;
  /** Keep the domain in URL tokens (default true); false gives a bare ⟨url⟩ for every link. */
  urlDomains?: boolean;
  /** Drop emoji (default false: each emoji is kept once as its own token, repeats collapsed). */
  dropEmoji?: boolean;
}

/** Pass 2 over folded text; returns the normalised string. */
function wordPass(s: string, o: NormalizeOptions): string {
  const typed = o.typedTokens !== false;
  const st = new Output(o.keepCase === true);
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    const k = CLASS[c]!;
    if (k === C_SPACE) {
      i++;
      continue;
    }
    if (isWordClass(k)) {
      if (typed && c < 0x80) {
        const url = urlAt(s, i);
        if (url) {
          const domain = o.urlDomains === false ? '' : urlDomain(s, url.hostStart, url.end);
          st.push(domain ? `⟨url:${domain}⟩` : '⟨url⟩');
          i = url.end;
          continue;
        }
      }
      i = scanWord(st, s, i, typed);
      continue;
    }
    if (k === C_HASH && i + 1 < n) {
      const end = hashtagEnd(s, i);
      if (end > 0) {
        if (o.splitHashtags === false) st.push('#' + normalizeWord(s, i + 1, end, st.keepCase));
        else for (const [a, b] of hashtagParts(s, i + 1, end)) wordOrPlaceholder(st, s, a, b, typed);
        i = end;
        continue;
      }
    }
    if (
      k === C_AT &&
      i + 1 < n &&
      isHandleChar(s.charCodeAt(i + 1)) &&
      (i === 0 || !isWordClass(CLASS[s.charCodeAt(i - 1)]!))
    ) {
      let j = i + 1;
      while (j < n && (isHandleChar(s.charCodeAt(j)) || s.charCodeAt(j) === 0x2e || s.charCodeAt(j) === 0x2d))
        j++;
      while (s.charCodeAt(j - 1) === 0x2e || s.charCodeAt(j - 1) === 0x2d) j--;
      if (typed) st.push(j - i === 4 && startsWithCI(s, i + 1, 'url') ? '⟨url⟩' : '⟨mention⟩');
      else st.push('@' + s.slice(i + 1, j).toLowerCase());
      i = j;
      continue;
    }
    if (k === C_UNDERSCORE) {
      i++;
      continue;
    }
    if (k === C_TYPED_OPEN) {
      const close = s.indexOf('⟩', i + 1);
      if (close > 0 && close - i < 80) {
        const tok = s.slice(i, close + 1);
        if (TYPED_TOKEN.test(tok)) {
          st.push(tok);
          i = close + 1;
          continue;
        }
      }
    }
    if (k === C_HIGH) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        const code = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        const ch = s.slice(i, i + 2);
        if (!isEmojiCodePoint(code) || (!o.dropEmoji && !st.lastIs(ch))) st.push(ch);
        i += 2;
        continue;
      }
    }
    if (k === C_EMOJI) {
      if (!o.dropEmoji && !st.lastIs(s[i]!)) st.push(s[i]!);
      i++;
      continue;
    }
    // Punctuation and other symbols: one token per run of the same character.
    let j = i + 1;
    while (j < n && s.charCodeAt(j) === c) j++;
    st.push(s[i]!);
    i = j;
  }
  return st.result();
}

/** End of a hashtag body starting at '#' s[i], or -1 when '#' does not start a hashtag. */
function hashtagEnd(s: string, i: number): number {
  if (i > 0 && isWordClass(CLASS[s.charCodeAt(i - 1)]!)) return -1;
  let j = i + 1;
  let letter = false;
  while (j < s.length) {
    const k = CLASS[s.charCodeAt(j)]!;
    if (isLetterClass(k)) letter = true;
    else if (!(k === C_DIGIT || k === C_MARK || k === C_UNDERSCORE)) break;
    j++;
  }
  return letter ? j : -1;
}

/** Scans one word from i (letters, digits, marks; one script), pushes it, returns its end. */
function scanWord(st: Output, s: string, i: number, typed: boolean): number {
  const n = s.length;
  let script = 0; // 0 none yet, 1 Arabic, 2 other letters
  let j = i;
  while (j < n) {
    const c = s.charCodeAt(j);
    const k = CLASS[c]!;
    if (k === C_ARABIC || k === C_LATIN || k === C_LETTER) {
      const sc = k === C_ARABIC ? 1 : 2;
      if (script !== 0 && sc !== script) break;
      script = sc;
    } else if (k === C_DIGIT || k === C_MARK) {
      // digits and combining marks stay with the current word
    } else if (j > i && j + 1 < n) {
      // Apostrophes inside Latin words (don't) and separators inside numbers (3.5, 10,000, 12:30).
      const prev = CLASS[s.charCodeAt(j - 1)]!;
      const next = CLASS[s.charCodeAt(j + 1)]!;
      if (k === C_APOSTROPHE && prev === C_LATIN && next === C_LATIN) {
        j++;
        continue;
      }
      if ((c === 0x2e || c === 0x2c || c === 0x3a || c === 0x2f) && prev === C_DIGIT && next === C_DIGIT) {
        j++;
        continue;
      }
      break;
    } else break;
    j++;
  }
  wordOrPlaceholder(st, s, i, j, typed);
  return j;
}

/** Writes a word, or ⟨url⟩ for the corpus placeholder "URL" (upper case only: "url" is a word). */
function wordOrPlaceholder(st: Output, s: string, a: number, b: number, typed: boolean): void {
  if (typed && b - a === 3 && s.startsWith('URL', a)) st.push('⟨url⟩');
  else st.word(s, a, b);
}

/**
 * Full normalisation for models and matching (rules and order in docs/text-normalisation.md).
 *
 * @example normalizeText('#الدولة_الإسلامية في حارتكم https://t.me/x') // 'الدوله الاسلاميه في حارتكم ⟨url:t.me⟩'
 */
export function normalizeText(text: string, options: NormalizeOptions = {}): string {
  return wordPass(foldCharacters(text), options);
}
