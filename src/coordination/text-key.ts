// Near-duplicate signatures for copypasta. Same scheme as src/match/text-hash.ts (character
// 5-gram shingles of the normalised body + one feature per hashtag, MinHash, LSH bands) but with a
// light normaliser and 32 slots: on the pipeline's hot path src/match's full normaliser + 128-slot
// MinHash cost ~330 µs per post on this machine versus ~10 µs here (bench/coordination-text.ts).
// Robust to emojis, punctuation, tatweel, diacritics, alef/ya/ta-marbuta spelling and reordered hashtags.
import { fmix32, fnv1a32 } from '../hash.js';

export const SIG_SLOTS = 32;
export const SIG_BANDS = 16;
const ROWS = SIG_SLOTS / SIG_BANDS;
const SHINGLE = 5;

const MARKS =
  /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069]/gu;
const HASHTAG = /#([\p{L}\p{M}\p{N}_]+)/gu;
const URL_RE = /https?:\/\/\S+/giu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

const fold = (s: string): string =>
  s
    .toLowerCase()
    .replace(MARKS, '')
    .replace(/[أإآٱ]/gu, 'ا')
    .replace(/ى/gu, 'ي')
    .replace(/ة/gu, 'ه')
    .replace(/[ک]/gu, 'ك')
    .replace(/[ی]/gu, 'ي');

const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIG_SLOTS);
  let s = 0x2545f491;
  for (let i = 0; i < SIG_SLOTS; i++) {
    s = fmix32(s + 0x6d2b79f5);
    seeds[i] = s;
  }
  return seeds;
})();

/** The feature hashes of a text: body 5-gram shingles and hashtags (order-free). */
export const copyFeatures = (text: string): Set<number> => {
  const feats = new Set<number>();
  const body = fold(text)
    .replace(URL_RE, ' ')
    .replace(HASHTAG, (_m, tag: string) => {
      feats.add(fnv1a32(`#${tag}`));
      return ' ';
    })
    .replace(NOT_WORD, ' ')
    .trim();
  for (let i = 0; i + SHINGLE <= body.length; i++) feats.add(fnv1a32(body.slice(i, i + SHINGLE)));
  if (body.length > 0 && body.length < SHINGLE) feats.add(fnv1a32(body));
  return feats;
};

export interface CopySignature {
  sig: Uint32Array;
  features: number;
}

export const copySignature = (text: string): CopySignature => {
  const feats = copyFeatures(text);
  const sig = new Uint32Array(SIG_SLOTS).fill(0xffffffff);
  for (const h of feats) {
    for (let i = 0; i < SIG_SLOTS; i++) {
      const v = fmix32(h ^ SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return { sig, features: feats.size };
};

/** Estimated Jaccard similarity of two signatures (share of equal slots). */
export const similarity = (a: Uint32Array, b: Uint32Array): number => {
  let eq = 0;
  for (let i = 0; i < SIG_SLOTS; i++) if (a[i] === b[i]) eq++;
  return eq / SIG_SLOTS;
};

/** LSH band keys (band index + its slots) as strings for a Map index. */
export const bandKeys = (sig: Uint32Array): string[] => {
  const keys: string[] = [];
  for (let b = 0; b < SIG_BANDS; b++) {
    let k = `${b}`;
    for (let r = 0; r < ROWS; r++) k += `:${sig[b * ROWS + r]!.toString(36)}`;
    keys.push(k);
  }
  return keys;
};
