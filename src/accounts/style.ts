import { hashString, mix32 } from './hash.js';

// Writing style and rhythm fingerprints: a hashed character 1–3-gram profile of post texts and a
// 24-bin histogram of active hours (UTC: the stream carries no time zone).

export const STYLE_DIMS = 128;

const URL_RE = /https?:\/\/\S+/g;
const MENTION_RE = /@[\p{L}\p{Nd}_]+/gu;
const DIGIT_RE = /\p{Nd}/gu;

/** Characters of a post used for its style profile (bounded work per post). */
const STYLE_MAX_CHARS = 280;

/** Adds the character 1–3-grams of `text` into `profile` (hashed into STYLE_DIMS bins). Hot path: no strings built. */
export const addStyle = (profile: Float32Array, text: string): void => {
  // Keep punctuation, emoji and letter choice (they are style); drop what names a target.
  const s = text
    .slice(0, STYLE_MAX_CHARS * 2)
    .toLowerCase()
    .replace(URL_RE, '↗')
    .replace(MENTION_RE, '@')
    .replace(DIGIT_RE, '0');
  const n = Math.min(s.length, STYLE_MAX_CHARS);
  let p1 = 0;
  let p2 = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const h1 = mix32(c + 0x9e3779b1);
    profile[h1 % STYLE_DIMS] = (profile[h1 % STYLE_DIMS] as number) + 1;
    if (i >= 1) {
      const h2 = mix32((Math.imul(p1, 0x01000193) ^ c) >>> 0);
      profile[h2 % STYLE_DIMS] = (profile[h2 % STYLE_DIMS] as number) + 1;
      if (i >= 2) {
        const h3 = mix32((Math.imul(mix32(p2 ^ 0x5bd1e995), 0x01000193) ^ Math.imul(p1, 31) ^ c) >>> 0);
        profile[h3 % STYLE_DIMS] = (profile[h3 % STYLE_DIMS] as number) + 1;
      }
    }
    p2 = p1;
    p1 = c;
  }
};

/** Cosine similarity of two non-negative vectors of the same length (0 when either is empty). */
export const cosine = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
};

/** Quantises a profile to bytes (scaled by its maximum) for compact storage in the registry. */
export const quantise = (v: ArrayLike<number>): Uint8Array => {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, v[i] as number);
  const out = new Uint8Array(v.length);
  if (max === 0) return out;
  for (let i = 0; i < v.length; i++) out[i] = Math.round(((v[i] as number) / max) * 255);
  return out;
};

/** UTC hour of an epoch-ms time. */
export const hourOf = (time: number): number => Math.floor(time / 3_600_000) % 24;

/**
 * Similarity of the style profiles of two accounts, corrected for the style every account of the
 * stream shares (the same language and script give a high raw cosine): cosine after subtracting
 * the stream's mean profile direction.
 */
export const centredCosine = (
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  mean: ArrayLike<number>,
): number => {
  const norm = (v: ArrayLike<number>): number => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += (v[i] as number) ** 2;
    return Math.sqrt(s);
  };
  const na = norm(a);
  const nb = norm(b);
  const nm = norm(mean);
  if (na === 0 || nb === 0) return 0;
  let dot = 0;
  let ea = 0;
  let eb = 0;
  for (let i = 0; i < a.length; i++) {
    const m = nm === 0 ? 0 : (mean[i] as number) / nm;
    const x = (a[i] as number) / na - m;
    const y = (b[i] as number) / nb - m;
    dot += x * y;
    ea += x * x;
    eb += y * y;
  }
  return ea === 0 || eb === 0 ? 0 : dot / Math.sqrt(ea * eb);
};

/** Bins of the affix profile: how posts begin and end (signature openers/closers, emoji, tags first). */
export const AFFIX_DIMS = 64;

/**
 * Adds the first two and last two whitespace-separated chunks of a post (position-tagged) to an
 * affix profile: people and their re-created accounts keep habits such as an opening formula, a
 * closing emoji or signature, or putting hashtags first. Mentions and links are masked.
 */
export const addAffixes = (profile: Float32Array, text: string): void => {
  const words = text
    .normalize('NFKC')
    .replace(URL_RE, '↗')
    .replace(MENTION_RE, '@')
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => (w.startsWith('#') ? '#' : w));
  if (words.length === 0) return;
  const tagged = [
    `^${words[0] as string}`,
    `^^${words[1] ?? ''}`,
    `$${words[words.length - 1] as string}`,
    `$$${words[words.length - 2] ?? ''}`,
  ];
  for (const t of tagged) {
    const b = hashString(t) % AFFIX_DIMS;
    profile[b] = (profile[b] as number) + 1;
  }
};
