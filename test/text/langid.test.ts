import { describe, expect, it } from 'vitest';
import { createLanguageIdentifier, identifyLanguage } from '../../src/text/index.js';

describe('identifyLanguage', () => {
  it('identifies Arabic through the Arabic-script shortcut', () => {
    const g = identifyLanguage('ذهب الطلاب إلى المدرسة الجديدة في الصباح');
    expect(g.lang).toBe('ar');
    expect(g.confidence).toBeGreaterThan(0.9);
  });

  it('identifies Arabic in presentation forms and with an English hashtag', () => {
    expect(identifyLanguage('ﺍﻟﻤﺪﺭﺳﺔ ﺍﻟﺠﺪﻳﺪﺓ ﺟﻤﻴﻠﺔ').lang).toBe('ar');
    expect(identifyLanguage('الطلاب في المدرسة اليوم #school').lang).toBe('ar');
  });

  it('identifies English, French, Turkish and Russian sentences', () => {
    expect(identifyLanguage('The students went to the new school this morning').lang).toBe('en');
    expect(identifyLanguage("Les élèves sont allés à l'école ce matin").lang).toBe('fr');
    expect(identifyLanguage('Öğrenciler bu sabah yeni okula gittiler').lang).toBe('tr');
    expect(identifyLanguage('Студенты пошли сегодня утром в новую школу').lang).toBe('ru');
  });

  it('identifies German and Spanish, and English written with look-alike letters', () => {
    expect(identifyLanguage('Die Schüler gingen heute Morgen in die neue Schule').lang).toBe('de');
    expect(identifyLanguage('Los estudiantes fueron a la nueva escuela esta mañana').lang).toBe('es');
    expect(identifyLanguage('Тһе ѕtudеnts went to the new school').lang).toBe('en');
  });

  it('tells Urdu from Arabic in the same script', () => {
    expect(identifyLanguage('طلبہ آج صبح نئے اسکول گئے اور انہوں نے کتابیں لیں').lang).toBe('ur');
  });

  it('tells Persian from Arabic in the same script', () => {
    expect(identifyLanguage('دانش‌آموزان امروز صبح به مدرسه جدید رفتند و کتاب‌ها را گرفتند').lang).toBe('fa');
  });

  it('answers und with zero confidence when there is nothing to go on', () => {
    for (const t of ['', '🔥🔥', 'https://t.me/x @someone', '12345', 'ok']) {
      expect(identifyLanguage(t)).toEqual({ lang: 'und', confidence: 0 });
    }
  });

  it('ignores URLs and mentions when guessing', () => {
    expect(identifyLanguage('@someone https://example.com/path Les élèves sont allés à l’école').lang).toBe(
      'fr',
    );
  });

  it('gives und instead of an unsure guess when no fallback languages are allowed', () => {
    const strict = createLanguageIdentifier({ fallbackLanguages: [] });
    const lenient = createLanguageIdentifier();
    const short = 'good one';
    expect(['und', 'en']).toContain(lenient(short).lang);
    expect(lenient(short).confidence).toBeLessThanOrEqual(0.3);
    expect(strict(short).lang).toBe('und');
  });
});
