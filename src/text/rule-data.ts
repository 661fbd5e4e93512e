// The data of the normalisation rules: which code points each rule touches and what they become.
// tables.ts compiles it into look-up tables; rules.ts uses it directly. Decisions: docs/text-normalisation.md.

export const cp = (s: string): number => s.codePointAt(0) ?? 0;
export const range = (from: number, to: number): number[] => {
  const out: number[] = [];
  for (let c = from; c <= to; c++) out.push(c);
  return out;
};

// ---- Rule tables (single source for the fast path and the per-rule functions) ----

/** Arabic diacritics (harakat, tanween, shadda, sukun, hamza marks, superscript alef) and Quranic marks. */
export const DIACRITIC_CODES: readonly number[] = [
  ...range(0x0610, 0x061a),
  ...range(0x064b, 0x065f),
  0x0670,
  ...range(0x06d6, 0x06ed),
  ...range(0x08d3, 0x08e1),
  ...range(0x08e3, 0x08ff),
];

export const TATWEEL = 0x0640;

/** Zero-width, bidi controls, soft hyphen, variation selectors, word joiners. */
export const INVISIBLE_CODES: readonly number[] = [
  ...range(0x200b, 0x200f),
  ...range(0x202a, 0x202e),
  ...range(0x2060, 0x2064),
  ...range(0x2066, 0x2069),
  0xfeff,
  0x061c,
  0x00ad,
  0x034f,
  0x180e,
  ...range(0xfe00, 0xfe0f),
];

/** Arabic letter variants folded to one base letter (alef/hamza, maqsura, ta marbuta, Persian/Urdu forms). */
export const ARABIC_LETTER_MAP: Readonly<Record<string, string>> = {
  // alef with hamza above/below, madda, wasla, wavy hamza
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ٲ: 'ا',
  ٳ: 'ا',
  ٵ: 'ا',
  ؤ: 'و',
  ٶ: 'و',
  ٷ: 'و',
  ئ: 'ي',
  ٸ: 'ي',
  ى: 'ي',
  ة: 'ه',
  // Persian / Urdu / Kurdish / Pashto forms
  ک: 'ك',
  ڪ: 'ك',
  گ: 'ك',
  ی: 'ي',
  ې: 'ي',
  ۍ: 'ي',
  ێ: 'ي',
  ے: 'ي',
  ۓ: 'ي',
  ہ: 'ه',
  ۂ: 'ه',
  ۃ: 'ه',
  ە: 'ه',
  ھ: 'ه',
  ۀ: 'ه',
  پ: 'ب',
  چ: 'ج',
  ژ: 'ز',
  ڤ: 'ف',
  ڥ: 'ف',
  ڨ: 'ق',
  ٹ: 'ت',
  ڈ: 'د',
  ڑ: 'ر',
  ں: 'ن',
  ۆ: 'و',
  ۇ: 'و',
  ۈ: 'و',
  ۉ: 'و',
  ۋ: 'و',
  ۅ: 'و',
  // Arabic percent, decimal and thousands separators
  '٪': '%',
  '٫': '.',
  '٬': ',',
};

/** Latin letters without a canonical decomposition and small capitals, folded to ASCII. */
export const LATIN_EXTRA: Readonly<Record<string, string>> = {
  ı: 'i',
  ȷ: 'j',
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  ɑ: 'a',
  ɡ: 'g',
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ʟ: 'l',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ʀ: 'r',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ʏ: 'y',
  ᴢ: 'z',
  '‘': "'",
  '’': "'",
  ʼ: "'",
  '`': "'",
  '´': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '⟦': '[',
  '⟧': ']',
};

/** Cyrillic and Greek letters that look like Latin ones; folded only in words judged to be Latin. */
export const HOMOGLYPH_MAP: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  е: 'e',
  ё: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  у: 'y',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  к: 'k',
  А: 'A',
  В: 'B',
  Е: 'E',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  Ү: 'Y',
  Ԛ: 'Q',
  Ԝ: 'W',
  Һ: 'H',
  // Greek
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  ο: 'o',
  α: 'a',
  ν: 'v',
  ρ: 'p',
  ι: 'i',
  κ: 'k',
  υ: 'u',
  χ: 'x',
  ε: 'e',
  γ: 'y',
  ω: 'w',
  ϲ: 'c',
  ϳ: 'j',
};

/** Code-point ranges whose compatibility (NFKC) forms are the plain letters/digits. */
export const NFKC_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x2070, 0x209f], // super/subscripts
  [0x2100, 0x214f], // letterlike symbols (ℍ, ℓ, ℯ)
  [0x2150, 0x218f], // number forms (Ⅳ)
  [0x2460, 0x24ff], // enclosed alphanumerics (①, ⓐ)
  [0x3000, 0x3000], // ideographic space
  [0xfb00, 0xfb06], // Latin ligatures (ﬁ)
  [0xfb50, 0xfdff], // Arabic presentation forms A
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility and small forms
  [0xfe70, 0xfeff], // Arabic presentation forms B
  [0xff00, 0xffef], // half/fullwidth forms
];
export const ASTRAL_NFKC_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1d400, 0x1d7ff], // mathematical alphanumerics
  [0x1f100, 0x1f14f], // enclosed alphanumeric supplement (🄰)
];

/** Pictographic ranges treated as emoji tokens. */
export const isEmojiCodePoint = (c: number): boolean =>
  (c >= 0x1f000 && c <= 0x1faff) ||
  (c >= 0x2600 && c <= 0x27bf) ||
  (c >= 0x2b00 && c <= 0x2bff) ||
  (c >= 0x2300 && c <= 0x23ff) ||
  (c >= 0x2190 && c <= 0x21ff) ||
  (c >= 0x25a0 && c <= 0x25ff) ||
  c === 0x00a9 ||
  c === 0x00ae ||
  c === 0x203c ||
  c === 0x2049 ||
  c === 0x2122 ||
  c === 0x3030 ||
  c === 0x303d;
