import { describe, expect, it } from 'vitest';
import { extractHashtags } from '../../src/events/index.js';

// extractHashtags now starts matching one character before the first hash sign rather than at the
// start of the text (faster): it must find the same hashtags as the regex over the whole text.
const HASHTAG =
  /(?:^|[^\p{L}\p{M}\p{N}_&/])[#＃]([\p{L}\p{M}\p{N}_\u200c\u200d]*[\p{L}\p{M}][\p{L}\p{M}\p{N}_\u200c\u200d]*)/gu;
const reference = (text: string): string[] => {
  const out: string[] = [];
  for (const m of text.matchAll(HASHTAG)) {
    const tag = m[1]?.replace(/[_\u200c\u200d]+$/u, '');
    if (tag) out.push(tag);
  }
  return [...new Set(out)];
};

// Characters around which the two forms could differ: both hash signs, letters of two scripts,
// a combining mark, digits, the excluded "_", "&" and "/", joiners, spaces, an emoji (surrogates).
const ALPHABET = [
  '#',
  '＃',
  'a',
  'ب',
  'ك',
  '\u064e',
  '7',
  '٣',
  '_',
  '&',
  '/',
  '\u200c',
  '\u200d',
  ' ',
  '.',
  '😀',
  '@',
];

/** A small deterministic PRNG (mulberry32). */
const rng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

describe('extractHashtags', () => {
  it('finds Arabic and Latin hashtags, not anchors or mid-word signs', () => {
    expect(extractHashtags('#قل_موتوا_بغيظكم و #عين_الإسلام ##double a#b &#38; /#x #_ #٣')).toEqual([
      'قل_موتوا_بغيظكم',
      'عين_الإسلام',
      'double',
    ]);
  });

  it('matches the regex over the whole text on 50,000 random strings', () => {
    const next = rng(11);
    let withTags = 0;
    for (let i = 0; i < 50_000; i++) {
      const length = 1 + Math.floor(next() * 14);
      const text = Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
      const expected = reference(text);
      if (expected.length > 0) withTags += 1;
      expect(extractHashtags(text), JSON.stringify(text)).toEqual(expected);
    }
    // The strings must exercise the matching, not only the empty case.
    expect(withTags).toBeGreaterThan(5_000);
  });
});
