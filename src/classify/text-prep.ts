import { normalizeText, tokenizeWords } from '../text/index.js';
import { fmix32, fnv1a } from './hash.js';

/**
 * Longest text the model reads, in UTF-16 code units. Posts are short; a 1 MB "post" is an attack or an
 * error, and reading a bounded prefix keeps time and memory per text bounded.
 */
export const MAX_TEXT_CHARS = 20_000;

/**
 * The words the model sees: normalised (src/text) and tokenised. Every URL becomes the same `⟨url⟩`
 * token, without its domain: several training corpora replaced links by a bare `URL` placeholder
 * while the extremist ones keep real links, so the domain token taught the model "has a real link"
 * = extremist (an app-release announcement with a link scored 0.96).
 */
const MENTION = '⟨mention⟩';

export const prepareWords = (text: string): string[] => {
  const words = tokenizeWords(
    normalizeText(text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text, { urlDomains: false }),
  );
  // A leading retweet marker ("RT @someone:") says nothing about the content, but it is a corpus
  // artefact: the extremist tweets keep it while most negative corpora dropped retweets, so
  // "rt ⟨mention⟩" alone scored 0.9996 extremist.
  if (words[0] === 'rt' && words[1] === MENTION) words.splice(0, 2);
  return words;
};

/** Words other than link/mention/typed tokens: the evidence a text carries. */
export const contentWordCount = (words: readonly string[]): number => {
  let n = 0;
  for (const w of words) if (!w.startsWith('⟨')) n++;
  return n;
};

// Texts exercising the normalisation rules; their normalised form fingerprints the normaliser, so a
// model trained under one normaliser warns when served under a different one.
const PROBE = [
  'أَلْسَّلامُ عَلَيْكُمْ ـــ إإآٱ ى ة ک ی ۀ ﻻ ٣٤٥ ۴۵',
  'Hello @someone https://example.com/x #الدولة_الإسلامية هههههههه',
  'Pаypal ‮test‬ zero​width ﷲ',
  'ﺍﻟﺴﻼﻡ ﻋﻠﻴﻜﻢ ج ن و د s t a t e gooooal WWW.Example.ORG/path?q=1 @User_1 #CamelCaseTag #tag_with_123',
  'مـــرحــبـــا يااااا شبااااب ۱۲۳ ٠٠٧ ٪ ، ؛ ؟ « » “quotes” — – … ‏‎ \u200d\u2066x\u2069',
  'ΑΒΓ Привет мир Ｆｕｌｌｗｉｄｔｈ ＡＢＣ ①② ﬁ ß İstanbul ÇA',
  'RT @a: text http://t.co/abc pic.twitter.com/xyz 😀🔥 #هاشتاق_عربي_طويل_جدا',
];

export const normalizerFingerprint = (): string => {
  let h = 0;
  for (const p of PROBE) h = fnv1a(prepareWords(p).join('\u0001'), h ^ 0x811c9dc5);
  return fmix32(h).toString(16).padStart(8, '0');
};
