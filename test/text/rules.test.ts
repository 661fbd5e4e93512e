import { describe, expect, it } from 'vitest';
import {
  collapseElongation,
  foldAlefMaqsura,
  foldDigits,
  foldHomoglyphs,
  foldPersianLetters,
  foldPresentationForms,
  foldTaMarbuta,
  normalizeText,
  rejoinSpacedLetters,
  removeInvisible,
  removeTatweel,
  replaceTypedTokens,
  splitHashtag,
  stripDiacritics,
  unifyAlefHamza,
} from '../../src/text/index.js';

// Every text here is written for the tests (ordinary sentences), never taken from a corpus.

describe('Arabic diacritics and Quranic marks', () => {
  it('removes harakat, tanween, shadda, sukun and superscript alef', () => {
    expect(stripDiacritics('ذَهَبَ الطَّالِبُ مُبَكِّرًا')).toBe('ذهب الطالب مبكرا');
    expect(stripDiacritics('هٰذا')).toBe('هذا');
    expect(normalizeText('ذَهَبَ الطَّالِبُ مُبَكِّرًا')).toBe('ذهب الطالب مبكرا');
  });

  it('removes Quranic annotation marks (U+0610–U+061A, U+06D6–U+06ED)', () => {
    expect(stripDiacritics('قال\u0610 الكتاب\u06D6 هنا\u06DA')).toBe('قال الكتاب هنا');
    expect(normalizeText('قال\u0610 الكتاب\u06D6 هنا\u06ED')).toBe('قال الكتاب هنا');
  });
});

describe('tatweel', () => {
  it('removes kashida stretching', () => {
    expect(removeTatweel('جـــمـيـل')).toBe('جميل');
    expect(normalizeText('المـــدرسة')).toBe('المدرسه');
  });
});

describe('alef and hamza variants', () => {
  it('folds أ إ آ ٱ to ا, ؤ to و and ئ to ي, keeping the standalone hamza', () => {
    expect(unifyAlefHamza('أحمد إلى آخر ٱلكتاب')).toBe('احمد الى اخر الكتاب');
    expect(unifyAlefHamza('سؤال قائم')).toBe('سوال قايم');
    expect(normalizeText('سماء جزء')).toBe('سماء جزء');
    expect(normalizeText('أحمد إلى آخر')).toBe('احمد الي اخر');
  });
});

describe('alef maqsura and ta marbuta', () => {
  it('folds ى to ي', () => {
    expect(foldAlefMaqsura('على مستوى')).toBe('علي مستوي');
    expect(normalizeText('على')).toBe('علي');
  });

  it('folds ة to ه', () => {
    expect(foldTaMarbuta('مدرسة جميلة')).toBe('مدرسه جميله');
    expect(normalizeText('مدرسة')).toBe('مدرسه');
  });
});

describe('Persian and Urdu letter forms', () => {
  it('maps ک ی ہ ە ھ گ پ چ ژ ڤ to the Arabic letters they stand for', () => {
    expect(foldPersianLetters('کتاب')).toBe('كتاب');
    expect(foldPersianLetters('علی')).toBe('علي');
    expect(foldPersianLetters('ہ ە ھ')).toBe('ه ه ه');
    expect(foldPersianLetters('گ پ چ ژ ڤ')).toBe('ك ب ج ز ف');
    expect(normalizeText('ڤيديو')).toBe(normalizeText('فيديو'));
    expect(normalizeText('کتابی')).toBe('كتابي');
  });
});

describe('Arabic presentation forms', () => {
  it('decomposes presentation forms A and B to base letters, ligatures included', () => {
    expect(foldPresentationForms('ﺍﻟﺴﻼﻡ')).toBe('السلام');
    expect(foldPresentationForms('ﻻ')).toBe('لا');
    expect(normalizeText('ﺍﻟﻤﺪﺭﺳﺔ')).toBe('المدرسه');
    expect(normalizeText('ﷲ')).toBe('الله');
  });

  it('drops isolated presentation forms of harakat instead of leaving spaces', () => {
    expect(normalizeText('كتب\uFE76')).toBe('كتب');
  });
});

describe('digits', () => {
  it('folds Arabic-Indic and Extended Arabic-Indic digits to ASCII', () => {
    expect(foldDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(foldDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(normalizeText('عام ٢٠١٥ و ۱۴۳۶')).toBe('عام 2015 و 1436');
  });

  it('folds fullwidth and mathematical digits too', () => {
    expect(normalizeText('２０１５ 𝟐𝟎𝟏𝟓')).toBe('2015 2015');
  });

  it('keeps number separators inside numbers', () => {
    expect(normalizeText('3.5 و 10,000 و 12:30')).toBe('3.5 و 10,000 و 12:30');
  });
});

describe('zero-width and bidi controls', () => {
  it('removes zero-width, bidi, ALM, BOM and soft hyphen characters', () => {
    const hidden = 'م\u200Bد\u200Cر\u200Dس\u200E\u200Fة\u202A\u202E\u2066\u2069\uFEFF\u061C\u00AD';
    expect(removeInvisible(hidden)).toBe('مدرسة');
    expect(normalizeText(hidden)).toBe('مدرسه');
    expect(normalizeText('sch\u200Bo\u00ADol')).toBe('school');
  });
});

describe('letter elongation', () => {
  it('collapses 3+ repeated letters to one, in every script', () => {
    expect(collapseElongation('جمييييل')).toBe('جميل');
    expect(collapseElongation('stateeee')).toBe('state');
    expect(collapseElongation('Joooin')).toBe('Join');
    expect(collapseElongation('даааа')).toBe('да');
    expect(normalizeText('جمييييييل جدااااا')).toBe('جميل جدا');
    expect(normalizeText('The STATEEEE remainsss')).toBe('the state remains');
    // A run of exactly two is never touched (real doubles), so an elongated double loses one.
    expect(normalizeText('good goooood')).toBe('good god');
  });

  it('keeps legitimate double letters and digits', () => {
    expect(normalizeText('ممكن good 1000')).toBe('ممكن good 1000');
  });

  it('turns laughter (a word of 3+ heh) into هه', () => {
    expect(collapseElongation('ههههههه')).toBe('هه');
    expect(normalizeText('ههههه حلو')).toBe('هه حلو');
    expect(normalizeText('هه')).toBe('هه');
  });

  it('collapses repeated punctuation to one mark', () => {
    expect(normalizeText('رائع!!!!!')).toBe('رايع !');
  });
});

describe('homoglyphs', () => {
  it('folds Cyrillic and Greek look-alikes inside Latin words', () => {
    expect(foldHomoglyphs('pаyment')).toBe('payment'); // Cyrillic а
    expect(normalizeText('Ηеllο wоrld')).toBe('hello world'); // Greek Η ο, Cyrillic е о
  });

  it('folds a word made only of look-alikes', () => {
    expect(normalizeText('СОР')).toBe('cop');
  });

  it('leaves real Russian and Greek words alone', () => {
    expect(normalizeText('Привет мир')).toBe('привет мир');
    expect(foldHomoglyphs('Привет')).toBe('Привет');
  });

  it('folds fullwidth, mathematical, enclosed and small-capital Latin letters', () => {
    expect(normalizeText('ＦＲＥＥ 𝐝𝐨𝐦 ⓝⓔⓦⓢ ᴀʙᴄ')).toBe('free dom news abc');
    expect(foldHomoglyphs('ＡＢＣ')).toBe('ABC');
  });

  it('strips accents used to dodge filters', () => {
    expect(normalizeText('ïšïš Café')).toBe('isis cafe');
  });
});

describe('Latin case', () => {
  it('lowercases unless keepCase is set', () => {
    expect(normalizeText('Breaking NEWS')).toBe('breaking news');
    expect(normalizeText('Breaking NEWS', { keepCase: true })).toBe('Breaking NEWS');
  });
});

describe('hashtags', () => {
  it('splits an Arabic hashtag on underscores into normalised words', () => {
    expect(normalizeText('#الدولة_الإسلامية_في_حارتكم')).toBe('الدوله الاسلاميه في حارتكم');
    expect(splitHashtag('#الدولة_الإسلامية')).toEqual(['الدولة', 'الإسلامية']);
  });

  it('splits camelCase, acronyms and digits in English hashtags', () => {
    expect(splitHashtag('#FreeSyriaNow')).toEqual(['Free', 'Syria', 'Now']);
    expect(splitHashtag('#BBCNews2015')).toEqual(['BBC', 'News', '2015']);
    expect(normalizeText('read #BreakingNews today')).toBe('read breaking news today');
  });

  it('keeps the hashtag whole when splitting is off', () => {
    expect(normalizeText('#Free_Syria', { splitHashtags: false })).toBe('#free_syria');
  });

  it('leaves a # that does not start a hashtag as punctuation', () => {
    expect(normalizeText('C# # 5')).toBe('c # # 5');
  });
});

describe('typed tokens', () => {
  it('replaces URLs by a token carrying the domain', () => {
    expect(normalizeText('شاهد https://www.Example.com/a/b?x=1.')).toBe('شاهد ⟨url:example.com⟩ .');
    expect(normalizeText('join t.me/somechannel or http://t.me/x')).toBe('join ⟨url:t.me⟩ or ⟨url:t.me⟩');
    expect(normalizeText('bit.ly/abc, end.Next')).toBe('⟨url:bit.ly⟩ , end . next');
    expect(replaceTypedTokens('see www.example.org/x now')).toBe('see ⟨url:example.org⟩ now');
  });

  it('recognises links written with fullwidth and look-alike letters', () => {
    expect(normalizeText('ｈｔｔｐｓ：／／t.mе/x')).toBe('⟨url:t.me⟩'); // fullwidth scheme, Cyrillic е
    expect(normalizeText('https://t.\u200Bme/x')).toBe('⟨url:t.me⟩');
  });

  it('can drop the domain from URL tokens', () => {
    expect(normalizeText('see https://t.me/x', { urlDomains: false })).toBe('see ⟨url⟩');
  });

  it('replaces mentions but not e-mail addresses', () => {
    expect(normalizeText('@some_user مرحبا @Other')).toBe('⟨mention⟩ مرحبا ⟨mention⟩');
    expect(normalizeText('mail a@b.com')).toBe('mail a @ b . com');
  });

  it('maps corpus placeholders URL, @url and @USER to the same tokens', () => {
    expect(normalizeText('@USER look URL @url')).toBe('⟨mention⟩ look ⟨url⟩ ⟨url⟩');
  });

  it('keeps URLs and mentions as text when typed tokens are off', () => {
    expect(normalizeText('@Abc hi', { typedTokens: false })).toBe('@abc hi');
  });
});

describe('emoji', () => {
  it('keeps each emoji once as its own token, without skin tones or variation selectors', () => {
    expect(normalizeText('رائع🔥🔥🔥 👍🏽 ☝️')).toBe('رايع 🔥 👍 ☝');
  });

  it('drops emoji on request', () => {
    expect(normalizeText('رائع 🔥 جدا', { dropEmoji: true })).toBe('رايع جدا');
  });
});

describe('whitespace', () => {
  it('collapses whitespace of every kind and trims', () => {
    expect(normalizeText('  مرحبا\t\n\u00A0\u3000بكم  ')).toBe('مرحبا بكم');
  });
});

describe('spaces inside words', () => {
  it('rejoins a run of 3+ single Arabic letters', () => {
    expect(rejoinSpacedLetters('ا ل م د ر س ة')).toBe('المدرسة');
    expect(normalizeText('في ا ل م د ر س ة اليوم')).toBe('في المدرسه اليوم');
  });

  it('rejoins letters separated by one repeated separator', () => {
    expect(normalizeText('ا-ل-م-د-ر-س-ة')).toBe('المدرسه');
    expect(normalizeText('I.S.I.S')).toBe('isis');
    expect(rejoinSpacedLetters('N.E.W.S')).toBe('NEWS');
  });

  it('leaves one or two single letters alone', () => {
    expect(normalizeText('و ب كتاب')).toBe('و ب كتاب');
    expect(normalizeText('U.S. news')).toBe('u . s . news');
  });
});
