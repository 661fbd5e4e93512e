import {
  CLASS,
  C_ARABIC,
  C_DIGIT,
  C_EMOJI,
  C_HIGH,
  C_LATIN,
  C_LETTER,
  C_MARK,
  C_TYPED_OPEN,
} from './tables.js';

const isTokenStart = (c: number): boolean => {
  const k = CLASS[c]!;
  return (
    k === C_ARABIC ||
    k === C_LATIN ||
    k === C_LETTER ||
    k === C_DIGIT ||
    k === C_MARK ||
    k === C_EMOJI ||
    k === C_HIGH ||
    k === C_TYPED_OPEN ||
    c === 0x23 // '#tag' kept whole when hashtags were not split
  );
};

/**
 * Word tokens of an already normalised text: Arabic and Latin words, numbers, typed tokens (⟨url:t.me⟩,
 * ⟨mention⟩) and emoji; punctuation tokens are left out.
 *
 * @example tokenizeWords('قال الرجل : هه ⟨url:t.me⟩') // ['قال', 'الرجل', 'هه', '⟨url:t.me⟩']
 */
export function tokenizeWords(normalized: string): string[] {
  const out: string[] = [];
  for (const t of normalized.split(/\s+/u)) if (t.length > 0 && isTokenStart(t.charCodeAt(0))) out.push(t);
  return out;
}
