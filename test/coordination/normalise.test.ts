import { describe, expect, it } from 'vitest';
import { copySignature, normalizeUrl, similarity } from '../../src/coordination/index.js';

describe('normalizeUrl', () => {
  it('drops tracking parameters, www and the fragment, lowercases the host and sorts the query', () => {
    expect(normalizeUrl('https://WWW.Example.com/path/?utm_source=tw&b=2&fbclid=XYZ&a=1#top')).toBe(
      'example.com/path?a=1&b=2',
    );
    expect(normalizeUrl('http://example.com/path?igshid=1&si=abc')).toBe('example.com/path');
  });

  it('makes a youtu.be short link the same as its youtube.com form', () => {
    expect(normalizeUrl('https://youtu.be/abc123?si=x')).toBe(
      normalizeUrl('https://www.youtube.com/watch?v=abc123'),
    );
  });

  it('expands a short link only when the event carries its expansion', () => {
    const expansions = new Map([['https://bit.ly/x1', 'https://example.org/report?utm_medium=s']]);
    expect(normalizeUrl('https://bit.ly/x1', expansions)).toBe('example.org/report');
    expect(normalizeUrl('https://bit.ly/x1')).toBe('bit.ly/x1');
  });

  it('rejects what is not a web URL', () => {
    expect(normalizeUrl('mailto:someone@example.com')).toBeUndefined();
    expect(normalizeUrl('http://')).toBeUndefined();
  });
});

describe('copypasta signature', () => {
  const base = 'اجتمعوا اليوم في الساحة الكبرى عند الساعة الخامسة لدعم الحملة #وسم_اول #وسم_ثان';
  it('is unchanged by emojis, tatweel, diacritics and reordered hashtags', () => {
    const variants = [
      `🔥🔥 ${base} 👍`,
      base.replace('اليوم', 'اليـــوم'),
      base.replace('الساحة', 'السَّاحَة'),
      'اجتمعوا اليوم في الساحة الكبرى عند الساعة الخامسة لدعم الحملة #وسم_ثان #وسم_اول',
    ];
    const s0 = copySignature(base).sig;
    for (const v of variants) expect(similarity(s0, copySignature(v).sig)).toBe(1);
  });

  it('stays close after one changed word and far from an unrelated text', () => {
    const s0 = copySignature(base).sig;
    expect(similarity(s0, copySignature(base.replace('الخامسة', 'السادسة')).sig)).toBeGreaterThan(0.6);
    expect(
      similarity(s0, copySignature('the weather is lovely this morning, coffee first then work').sig),
    ).toBeLessThan(0.2);
  });
});
