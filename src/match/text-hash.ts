// Near-duplicate hashing of post text: MinHash over the normalised text (src/text), with LSH
// banding for candidate search. Robust to what copypasta does to evade exact matching: emojis and
// tatweel added, diacritics, reordered hashtags, a few words changed.
//
// Features: character 5-gram shingles of the body words (hashtags taken out) + one feature per
// hashtag, so reordering hashtags changes nothing. Each of the 128 "permutations" is a seeded
// 32-bit mixer; a slot keeps the low 16 bits of the minimum (b-bit MinHash: 16 bits make a false
// slot collision 1/65,536, negligible next to the Jaccard estimate's own error).
//
// Serialisation (signal type `text`, HMA name `text_minhash`): 512 lowercase hex characters =
// 128 slots × 4 hex digits, slot 0 first, big-endian. The empty text hashes to all zeros.
import { normalizeText, tokenizeWords } from '../text/index.js';
import { ValidationError } from '../errors.js';
import { fmix32, fnv1a32 } from '../hash.js';

export const MINHASH_SLOTS = 128;
export const TEXT_HASH_HEX_LENGTH = MINHASH_SLOTS * 4;
export const SHINGLE_CHARS = 5;
/**
 * LSH: 42 bands of 3 slots (126 of the 128). Texts with Jaccard J share a band with probability
 * 1 − (1 − J³)^42: 99.6% at the 0.5 threshold, > 99.99% at 0.6, but 0.5% at J = 0.05 (unrelated
 * texts), so a lookup verifies few candidates. Verification uses all 128 slots.
 */
export const LSH_BANDS = 42;
export const LSH_ROWS = 3;
/** Default match rule: at most this many of the 128 slots differ (estimated Jaccard ≥ 0.5). */
export const DEFAULT_TEXT_MAX_DISTANCE = 64;

export type Shingling = 'char5' | 'word3';

const HASHTAG_RE = /#([\p{L}\p{M}\p{N}_]+)/gu;
const WORDISH_RE = /^⟨|[\p{L}\p{N}]/u;

const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(MINHASH_SLOTS);
  let s = 0x9e3779b9;
  for (let i = 0; i < MINHASH_SLOTS; i++) {
    s = fmix32(s + 0x6d2b79f5);
    seeds[i] = s;
  }
  return seeds;
})();

/** The feature strings a text is hashed over (exported for tests and the benchmark). */
export const textFeatures = (text: string, shingling: Shingling = 'char5'): Set<string> => {
  const features = new Set<string>();
  const body = text.replace(HASHTAG_RE, (_m, tag: string) => {
    const norm = normalizeText(tag.replace(/_/gu, ' '), { typedTokens: false }).replace(/ /gu, '_');
    if (norm) features.add(`#${norm}`);
    return ' ';
  });
  // Emojis and symbols are what copypasta sprinkles in: only words, numbers and typed tokens count.
  const words = tokenizeWords(normalizeText(body)).filter((w) => WORDISH_RE.test(w));
  if (shingling === 'word3') {
    if (words.length < 3 && words.length > 0) features.add(words.join(' '));
    for (let i = 0; i + 3 <= words.length; i++) features.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
    return features;
  }
  const joined = words.join(' ');
  if (joined.length > 0 && joined.length < SHINGLE_CHARS) features.add(joined);
  for (let i = 0; i + SHINGLE_CHARS <= joined.length; i++) features.add(joined.slice(i, i + SHINGLE_CHARS));
  return features;
};

/** The 128-slot MinHash signature (16-bit slots). All zeros when the text has no features. */
export const minhashSignature = (text: string, shingling: Shingling = 'char5'): Uint16Array => {
  const features = textFeatures(text, shingling);
  const mins = new Uint32Array(MINHASH_SLOTS).fill(0xffffffff);
  for (const f of features) {
    const h = fnv1a32(f);
    for (let i = 0; i < MINHASH_SLOTS; i++) {
      const v = fmix32(h ^ SEEDS[i]!);
      if (v < mins[i]!) mins[i] = v;
    }
  }
  const sig = new Uint16Array(MINHASH_SLOTS);
  if (features.size === 0) return sig;
  for (let i = 0; i < MINHASH_SLOTS; i++) sig[i] = mins[i]! & 0xffff;
  return sig;
};

export const signatureToHex = (sig: Uint16Array): string => {
  let s = '';
  for (let i = 0; i < sig.length; i++) s += sig[i]!.toString(16).padStart(4, '0');
  return s;
};

/** Why a string is not a text hash, or null. */
export const textHashProblem = (value: string): string | null => {
  if (value.length !== TEXT_HASH_HEX_LENGTH) {
    return `a text hash has ${TEXT_HASH_HEX_LENGTH} hex characters, got ${value.length}`;
  }
  if (!/^[0-9a-fA-F]+$/.test(value)) return 'a text hash has only hex characters 0-9a-f';
  return null;
};

export const hexToSignature = (hex: string, field = 'text'): Uint16Array => {
  const problem = textHashProblem(hex);
  if (problem) throw new ValidationError(`${field}: ${problem}`, { field });
  const sig = new Uint16Array(MINHASH_SLOTS);
  for (let i = 0; i < MINHASH_SLOTS; i++) sig[i] = Number.parseInt(hex.slice(i * 4, i * 4 + 4), 16);
  return sig;
};

/** The text hash (512 hex characters) of a post text. */
export const textHash = (text: string): string => signatureToHex(minhashSignature(text));

/** Number of differing slots (0..128); 128 × (1 − estimated Jaccard). */
export const signatureDistance = (a: Uint16Array, b: Uint16Array): number => {
  let d = 0;
  for (let i = 0; i < MINHASH_SLOTS; i++) if (a[i] !== b[i]) d++;
  return d;
};

export const textHashDistance = (a: string, b: string): number =>
  signatureDistance(hexToSignature(a), hexToSignature(b));

export const isEmptySignature = (sig: Uint16Array): boolean => sig.every((v) => v === 0);

/** The LSH band keys: band index × 2^32 + a 32-bit hash of the band's slots (a collision only adds a candidate). */
export const bandKeys = (sig: Uint16Array): number[] => {
  const keys: number[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < LSH_ROWS; r++) h = fmix32(h ^ (sig[b * LSH_ROWS + r]! + (r << 16)));
    keys.push(b * 0x100000000 + h);
  }
  return keys;
};
