import { foldCharacters } from './fold.js';
import { normalizeWord } from './words.js';
import { CLASS, C_ARABIC, C_DIGIT, C_HIGH, C_LATIN, C_LETTER, C_MARK, C_SPACE, HOMOGLYPH } from './tables.js';
import { isEmojiCodePoint } from './rule-data.js';

const ASTRAL_LETTER = /^[\p{L}\p{M}\p{N}]$/u;
// CJK/Thai letters used as decorations in handles (★彡, 乂, 亗, ツ, ꧁); dropped like symbols.
const DECORATIONS = new Set([...'彡乂亗ツシ〆々ꕥ卐卍ᥫ᭡ϟ'].map((ch) => ch.charCodeAt(0)));

/**
 * Normalises a handle or display name for fingerprints: characters folded as in normalizeText
 * (diacritics, tatweel, presentation forms, fullwidth/math letters, digits of all scripts → ASCII),
 * Cyrillic/Greek look-alikes → Latin everywhere, lowercased, '.', '-' and '_' → '_', decorations,
 * punctuation and emoji dropped, elongation collapsed, separators squeezed and trimmed.
 *
 * @example normalizeName('ＡＢＵ_𝓜𝓾𝓱𝓪𝓶𝓶𝓪𝓭_٣٣') // 'abu_muhammad_33'
 */
export function normalizeName(name: string): string {
  const s = foldCharacters(name);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const k = CLASS[c]!;
    if (DECORATIONS.has(c)) continue;
    if (k === C_ARABIC || k === C_LATIN || k === C_LETTER || k === C_DIGIT || k === C_MARK) {
      const h = HOMOGLYPH[c]!;
      out += String.fromCharCode(h !== 0 ? h : c);
    } else if (c === 0x5f || c === 0x2e || c === 0x2d) out += '_';
    else if (k === C_SPACE) out += ' ';
    else if (k === C_HIGH && i + 1 < s.length) {
      const ch = String.fromCodePoint(s.codePointAt(i) ?? 0);
      if (!isEmojiCodePoint(ch.codePointAt(0) ?? 0) && ASTRAL_LETTER.test(ch)) out += ch;
      i++;
    }
  }
  return out
    .toLowerCase()
    .replace(/[\p{L}\p{M}\p{N}]+/gu, (w) => normalizeWord(w, 0, w.length, true))
    .replace(/ *_[ _]*/gu, '_')
    .replace(/ {2,}/gu, ' ')
    .replace(/^[ _]+|[ _]+$/gu, '');
}
