import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEXT_MAX_DISTANCE,
  TEXT_HASH_HEX_LENGTH,
  TextLshIndex,
  hexToSignature,
  minhashSignature,
  signatureDistance,
  textHash,
  textHashDistance,
} from '../../src/match/index.js';

import { BASE, UNRELATED, VARIANTS } from '../fixtures/match/text-variants.js';

describe('text near-duplicate hash (MinHash)', () => {
  const base = minhashSignature(BASE);

  for (const [name, text] of Object.entries(VARIANTS)) {
    it(`matches the original when ${name}`, () => {
      const d = signatureDistance(base, minhashSignature(text));
      expect(d).toBeLessThanOrEqual(DEFAULT_TEXT_MAX_DISTANCE);
    });
  }

  it('gives the same hash for emoji, tatweel, diacritic and hashtag-order variants', () => {
    for (const name of [
      'emojis added',
      'tatweel stretched',
      'diacritics added',
      'hashtags reordered',
      'invisible characters',
    ]) {
      expect(textHash(VARIANTS[name]!), name).toBe(textHash(BASE));
    }
  });

  it('keeps unrelated texts far apart', () => {
    for (const t of UNRELATED) expect(signatureDistance(base, minhashSignature(t))).toBeGreaterThan(110);
  });

  it('serialises as 512 lowercase hex characters and parses back', () => {
    const hex = textHash(BASE);
    expect(hex).toMatch(/^[0-9a-f]{512}$/);
    expect(hex).toHaveLength(TEXT_HASH_HEX_LENGTH);
    expect(Array.from(hexToSignature(hex))).toEqual(Array.from(base));
    expect(textHashDistance(hex, textHash(VARIANTS['three words changed']!))).toBeLessThanOrEqual(
      DEFAULT_TEXT_MAX_DISTANCE,
    );
  });

  it('rejects a text hash of the wrong length with the reason', () => {
    expect(() => hexToSignature('abcd')).toThrow(/512 hex characters, got 4/);
  });

  it('hashes an empty or emoji-only text to zeros, which never matches', () => {
    expect(textHash('')).toBe('0'.repeat(512));
    expect(textHash('🌳🌳 💚')).toBe('0'.repeat(512));
    const index = new TextLshIndex();
    index.add(minhashSignature(''));
    expect(index.search(minhashSignature('🌳'), 128)).toEqual([]);
  });

  it('finds every variant through the LSH index and none of the unrelated texts', () => {
    const index = new TextLshIndex();
    const baseId = index.add(base);
    for (const t of UNRELATED) index.add(minhashSignature(t));
    for (const [name, text] of Object.entries(VARIANTS)) {
      const hits = index.search(minhashSignature(text), DEFAULT_TEXT_MAX_DISTANCE);
      expect(
        hits.map((h) => h.id),
        name,
      ).toEqual([baseId]);
    }
  });
});
