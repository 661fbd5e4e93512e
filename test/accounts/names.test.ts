import { describe, expect, it } from 'vitest';
import {
  charNgramHashes,
  dice,
  handleStem,
  normalizeName,
  parseNameStructure,
} from '../../src/accounts/names.js';
import { NameStats } from '../../src/accounts/name-stats.js';
import { nameFeatures, profileFingerprint } from '../../src/accounts/fingerprint.js';

const sim = (a: string, b: string): number =>
  dice(charNgramHashes(normalizeName(a)), charNgramHashes(normalizeName(b)));

describe('name normalisation', () => {
  it('strips decorations, emoji and tatweel and unifies Arabic letter forms', () => {
    expect(normalizeName('⚔️ أبـــو اليَمان 🏴 الجنوبيّ ⚔️')).toBe('ابو اليمان الجنوبي');
    expect(normalizeName('إسلامة')).toBe('اسلامه');
  });

  it('maps digits of every script to ASCII', () => {
    expect(normalizeName('abu_yaman_٣٤')).toBe('abu yaman 34');
    expect(normalizeName('abu_yaman_۳۴')).toBe('abu yaman 34');
    expect(normalizeName('abu_yaman_३४')).toBe('abu yaman 34');
  });

  it('folds styled Unicode letters to plain ones', () => {
    expect(normalizeName('𝐀𝐛𝐮 𝐘𝐚𝐦𝐚𝐧')).toBe('abu yaman');
    expect(normalizeName('Ａｂｕ＿Ｙａｍａｎ')).toBe('abu yaman');
  });

  it('takes the digits out of a handle stem', () => {
    expect(handleStem(normalizeName('abu_yaman_34'))).toBe('abu yaman');
  });
});

describe('name n-gram similarity', () => {
  it('is high for a decorated variant with digits of another script and low for another name', () => {
    expect(sim('أبو اليمان الجنوبي ٢', '⚔ ابو اليمان الجنوبي 3 ⚔')).toBeGreaterThan(0.85);
    expect(sim('أبو اليمان الجنوبي', 'أبو خالد الشامي')).toBeLessThan(0.4);
  });
});

describe('kunya and nisba parsing', () => {
  it('parses an Arabic kunya and nisba', () => {
    const s = parseNameStructure(normalizeName('أبو اليمان الجنوبي'));
    expect(s.kunya).toBe('اليمان');
    expect(s.nisbas).toEqual(['الجنوبي']);
  });

  it('parses Umm kunyas and Latin transliterations with articles', () => {
    expect(parseNameStructure(normalizeName('أم عبدالله')).kunya).toBe('عبدالله');
    const latin = parseNameStructure(normalizeName('Abu al-Yaman al-Janubi'));
    expect(latin.kunya).toBe('alyaman');
    expect(latin.nisbas).toEqual(['aljanubi']);
  });

  it('keeps given names that are neither kunya nor nisba', () => {
    const s = parseNameStructure(normalizeName('خالد بن الوليد'));
    expect(s.kunya).toBeUndefined();
    expect(s.given).toContain('خالد');
  });
});

describe('name IDF over the stream', () => {
  it('gives a common kunya few bits and a rare combination many', () => {
    const stats = new NameStats();
    for (let i = 0; i < 3000; i++) {
      const name = i % 10 === 0 ? 'أبو محمد' : `person ${i}`;
      stats.addProfile(nameFeatures(profileFingerprint({ handle: `h${i}`, name })));
    }
    stats.addProfile(nameFeatures(profileFingerprint({ handle: 'x', name: 'أبو اليمان الجنوبي' })));
    expect(stats.bits('k:محمد')).toBeLessThan(4);
    expect(stats.bits('k:اليمان')).toBeGreaterThan(10);
    expect(stats.bits('s:الجنوبي')).toBeGreaterThan(10);
  });
});
