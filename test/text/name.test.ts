import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../src/text/index.js';

describe('normalizeName', () => {
  it('folds a decorated handle with fullwidth, math letters and Arabic-Indic digits', () => {
    expect(normalizeName('ＡＢＵ_𝓜𝓾𝓱𝓪𝓶𝓶𝓪𝓭_٣٣')).toBe('abu_muhammad_33');
  });

  it('normalises kunya-style Arabic display names', () => {
    expect(normalizeName('أبـــو مُحَمَّد الشامي')).toBe('ابو محمد الشامي');
    expect(normalizeName('ابو محمد الشامى')).toBe('ابو محمد الشامي');
    expect(normalizeName('ﺃﺑﻮ ﻣﺤﻤﺪ')).toBe('ابو محمد');
  });

  it('strips decorations, emoji and brackets around names', () => {
    expect(normalizeName('★彡 أبو حمزة 彡★')).toBe('ابو حمزه');
    expect(normalizeName('〘Abu.Hamza-Al.Muhajir〙🏴')).toBe('abu_hamza_al_muhajir');
    expect(normalizeName('꧁ abu_omar ꧂ ✓')).toBe('abu_omar');
  });

  it('folds Cyrillic look-alikes and small capitals in handles', () => {
    expect(normalizeName('АВU_ОМАR')).toBe('abu_omar');
    expect(normalizeName('ᴀʙᴜ ʜᴀᴍᴢᴀ ２０１５')).toBe('abu hamza 2015');
  });

  it('collapses elongation and repeated separators', () => {
    expect(normalizeName('abuuuu__omar..1')).toBe('abu_omar_1');
    expect(normalizeName('محمممممد')).toBe('محمد');
  });

  it('maps digits of all scripts to ASCII', () => {
    expect(normalizeName('user٣۴５𝟔')).toBe('user3456');
  });

  it('returns an empty string for a name made only of decorations', () => {
    expect(normalizeName('★ ✓ 🔥')).toBe('');
  });
});
