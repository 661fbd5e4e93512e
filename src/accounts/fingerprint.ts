import { charNgramHashes, handleStem, nameTokens, normalizeName, parseNameStructure } from './names.js';
import { pdqFromHex, type PdqWords } from './pdq.js';

// The profile part of an account's fingerprint (what is known at creation): normalised handle and
// display name, their character 3-grams, the kunya/nisba structure, bio 4-grams and avatar PDQ.
// Sets are kept as sorted Uint32Arrays: a registry of 1,000,000 accounts cannot afford Set objects.

export interface ProfileInput {
  handle?: string | undefined;
  name?: string | undefined;
  bio?: string | undefined;
  avatar_pdq?: string | undefined;
}

export interface ProfileFingerprint {
  handle: string;
  stem: string;
  name: string;
  handleGrams: Uint32Array;
  nameGrams: Uint32Array;
  bioGrams: Uint32Array;
  /** The normalised bio (truncated), to count how many accounts share it. */
  bioKey: string;
  kunya: string | undefined;
  nisbas: string[];
  given: string[];
  avatar: PdqWords | undefined;
}

export const sortedHashes = (s: Iterable<number>): Uint32Array => Uint32Array.from(s).sort();

/** Size of the intersection of two sorted arrays. */
export const intersectSorted = (a: Uint32Array, b: Uint32Array): number => {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
};

export const diceSorted = (a: Uint32Array, b: Uint32Array): number =>
  a.length === 0 || b.length === 0 ? 0 : (2 * intersectSorted(a, b)) / (a.length + b.length);

export const profileFingerprint = (p: ProfileInput): ProfileFingerprint => {
  const handle = normalizeName(p.handle ?? '');
  const stem = handleStem(handle);
  const name = normalizeName(p.name ?? '');
  const structure = parseNameStructure(name);
  const bio = normalizeName(p.bio ?? '');
  return {
    handle,
    stem,
    name,
    // Handles are matched without their spaces (abu_yaman and abuyaman are the same handle).
    handleGrams: sortedHashes(charNgramHashes(stem.replace(/ /g, ''))),
    nameGrams: sortedHashes(charNgramHashes(name)),
    bioGrams: sortedHashes(charNgramHashes(bio, 4)),
    bioKey: bio.slice(0, 200),
    kunya: structure.kunya,
    nisbas: structure.nisbas,
    given: structure.given,
    avatar:
      p.avatar_pdq !== undefined && /^[0-9a-fA-F]{64}$/.test(p.avatar_pdq)
        ? pdqFromHex(p.avatar_pdq)
        : undefined,
  };
};

/** Merges a profile update into the current profile input (absent fields keep their value). */
export const mergeProfile = (current: ProfileInput, update: ProfileInput): ProfileInput => ({
  handle: update.handle ?? current.handle,
  name: update.name ?? current.name,
  bio: update.bio ?? current.bio,
  avatar_pdq: update.avatar_pdq ?? current.avatar_pdq,
});

/** The strings counted in NameStats for a profile: words, kunya, nisbas, full name and handle stem. */
export const nameFeatures = (f: ProfileFingerprint): string[] => {
  const out = nameTokens(f.name).map((t) => `w:${t}`);
  if (f.kunya !== undefined) out.push(`k:${f.kunya}`);
  for (const n of f.nisbas) out.push(`s:${n}`);
  if (f.name !== '') out.push(`n:${f.name}`);
  if (f.stem !== '') out.push(`h:${f.stem.replace(/ /g, '')}`);
  if (f.bioKey !== '') out.push(`b:${f.bioKey}`);
  return out;
};
