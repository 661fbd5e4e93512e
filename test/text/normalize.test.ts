import { describe, expect, it } from 'vitest';
import { normalizeText, tokenizeWords } from '../../src/text/index.js';

// Sentences written for the tests; the obfuscations are the ones the rules target.
const CLEAN = 'ذهب الطلاب إلى المدرسة الجديدة في الصباح';
const PRESENTATION: Record<string, string> = {
  ا: 'ﺍ',
  ل: 'ﻟ',
  م: 'ﻣ',
  د: 'ﺪ',
  ر: 'ﺭ',
  س: 'ﺳ',
  ة: 'ﺔ',
  ج: 'ﺟ',
  ي: 'ﻳ',
  ص: 'ﺻ',
  ب: 'ﺒ',
  ح: 'ﺣ',
};
const toPresentation = (s: string): string => [...s].map((ch) => PRESENTATION[ch] ?? ch).join('');

const OBFUSCATED = [
  'ذَهَبَ الطُّلَّابُ إِلَى المَدْرَسَةِ الجَدِيدَةِ فِي الصَّبَاحِ', // diacritics
  'ذهـــب الطـلاب إلـى المـدرسـة الجـديـدة فـي الصـبـاح', // tatweel
  toPresentation('ذهب الطلاب إلى المدرسة الجديدة في الصباح'), // presentation forms
  'ذ\u200Bهب الطلا\u200Cب إلى\u200F المدر\u200Dسة الجديدة\u2066 في\u2069 الصباح\uFEFF', // zero-width and bidi
  'ذهب الطلاااااب إلى المدرسة الجدييييدة في الصباح', // elongation
  'ذهب   الطلاب\tإلى\nالمدرسة الجديدة في الصباح', // whitespace
  'ذهب الطلاب إلى ا ل م د ر س ة الجديدة في الصباح', // spaces inside a word
  'ذهب الطلاب الى المدرسه الجديده في الصباح', // alef and ta marbuta already folded
  'ذهب الطلاب إلی المدرسہ الجدیدة في الصباح', // Persian letter forms
];

describe('normalizeText', () => {
  it('maps each obfuscated variant of a sentence to the clean normal form', () => {
    const target = normalizeText(CLEAN);
    expect(target).toBe('ذهب الطلاب الي المدرسه الجديده في الصباح');
    for (const variant of OBFUSCATED) expect(normalizeText(variant)).toBe(target);
  });

  it('maps all obfuscations combined to the clean normal form', () => {
    const combined =
      toPresentation('ذَهَـــبَ') +
      ' \u200Bالطُّلاااااب ' +
      toPresentation('إِلَى') +
      ' ا ل م د ر س ة\u200F الجـديـدة فی الصَّبَاح';
    expect(normalizeText(combined)).toBe(normalizeText(CLEAN));
  });

  it('maps an English sentence with homoglyphs, fullwidth, math letters and spacing to the clean one', () => {
    const clean = normalizeText('The students went to the new school');
    expect(normalizeText('Тһе ѕtudеnts went to the ＮＥＷ 𝐬𝐜𝐡𝐨𝐨𝐥')).toBe(clean);
    expect(normalizeText('The students went to the n.e.w school!!!').replace(' !', '')).toBe(clean);
    expect(normalizeText('The stu\u200Bdents went to the N E W school')).toBe(clean);
  });

  it('is idempotent', () => {
    const texts = [
      CLEAN,
      ...OBFUSCATED,
      '#الدولة_الإسلامية_في_حارتكم https://t.me/x @someone ههههه 🔥🔥 ٢٠١٥',
      "#FreeSyriaNow I.S.I.S ＡＢＣ Ηеllο 3.5 don't URL @USER ⟨url:t.me⟩ ⟨fake token",
      'ل ل ل ا ا ا x x x --- ... ??? # @ _ ⟨ ⟩ ﷺ ﷽',
      '',
      '   ',
    ];
    for (const t of texts) {
      const once = normalizeText(t);
      expect(normalizeText(once)).toBe(once);
    }
  });

  it('is idempotent on upper-case letters whose lower case folds (Ħ, Γ)', () => {
    for (const t of ['ĦÐ test', 'Σ Λ Γ', 'ЁЖ', 'ΓΡΑΜΜΑ']) {
      const once = normalizeText(t);
      expect(normalizeText(once)).toBe(once);
    }
  });

  it('is idempotent on random mixtures of the characters the rules touch', () => {
    const pool = [
      ...'ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآٱؤئىةکیہەھگپچژڤ',
      ...'\u064B\u064E\u0651\u0652\u0670\u0610\u06D6\u0640ﺍﻟﻼﷲﷺ٠١٩۰۹',
      ...'abcXYZІаеорсхΑΟογĦðéＡｂ１２ﬁ',
      ...'\u200B\u200C\u200D\u200F\u202E\u2066\uFEFF\u00AD',
      ...' \t\n.,:;!?-_*·/|#@⟨⟩\'"()٪٫،؟',
      '🔥',
      '👍🏽',
      '☝️',
      '𝓜',
      '🅰',
      'http://',
      'www.',
      't.me/',
      'URL',
      '@USER',
      'هههه',
      'coool',
    ];
    let seed = 42;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let k = 0; k < 3000; k++) {
      let t = '';
      const len = 1 + rand(40);
      for (let i = 0; i < len; i++) t += pool[rand(pool.length)];
      const once = normalizeText(t);
      expect(normalizeText(once), JSON.stringify(t)).toBe(once);
    }
  });

  it('returns an empty string for blank or invisible-only text', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText(' \u200B\u200F\uFEFF ')).toBe('');
  });

  it('normalises a 1 MB text in one pass without error', () => {
    const big = 'ذَهَبَ الطُّلاااب إلى المدرسة #يوم_جديد https://t.me/x '.repeat(20000);
    const out = normalizeText(big);
    expect(out.length).toBeGreaterThan(100000);
    expect(out.startsWith('ذهب الطلاب الي المدرسه يوم جديد ⟨url:t.me⟩')).toBe(true);
  });
});

describe('tokenizeWords', () => {
  it('returns words, numbers, typed tokens and emoji without punctuation', () => {
    const n = normalizeText('قال: "ههههه" https://t.me/x 🔥🔥 #Free_Syria, 3.5! @abc');
    expect(tokenizeWords(n)).toEqual(['قال', 'هه', '⟨url:t.me⟩', '🔥', 'free', 'syria', '3.5', '⟨mention⟩']);
  });

  it('keeps unsplit hashtags whole', () => {
    expect(tokenizeWords(normalizeText('#Free_Syria now', { splitHashtags: false }))).toEqual([
      '#free_syria',
      'now',
    ]);
  });

  it('returns nothing for an empty text', () => {
    expect(tokenizeWords('')).toEqual([]);
  });
});
