import {
  mergeProfile,
  profileFingerprint,
  sortedHashes,
  type ProfileFingerprint,
  type ProfileInput,
} from './fingerprint.js';
import { hashString } from './hash.js';
import { MAX_FOLLOWS, MAX_REPOSTED, type BehaviourFingerprint } from './registry.js';
import { addAffixes, addStyle, AFFIX_DIMS, hourOf, quantise, STYLE_DIMS } from './style.js';

/**
 * What the evasion detector remembers of a live account, so that a fingerprint exists when it is
 * suspended and so that a new account can be compared with its candidates. Sizes are capped:
 * MAX_FOLLOWS follows and followers (the first ones: early follows are what re-creations repeat),
 * 128 reposted authors, a 128-bin style profile and 24 hour bins.
 */
export interface Trace {
  platform: string;
  id: string;
  handleRaw: string;
  input: ProfileInput;
  profile: ProfileFingerprint;
  createdAt: number | undefined;
  follows: number[];
  followers: number[];
  reposted: Map<number, number>;
  style: Float32Array | undefined;
  affixes: Float32Array | undefined;
  hours: Uint16Array;
  posts: number;
  /** Posts with text of their own (not reposts): what the style and affix profiles are made of. */
  textPosts: number;
}

const MAX_REPOSTED_TRACKED = 128;
/** Posts per account that feed its style and affix profiles. */
export const STYLE_POSTS = 40;

export const newTrace = (platform: string, id: string, input: ProfileInput, createdAt?: number): Trace => ({
  platform,
  id,
  handleRaw: input.handle ?? '',
  input,
  profile: profileFingerprint(input),
  createdAt,
  follows: [],
  followers: [],
  reposted: new Map(),
  style: undefined,
  affixes: undefined,
  hours: new Uint16Array(24),
  posts: 0,
  textPosts: 0,
});

export const updateProfile = (t: Trace, update: ProfileInput): void => {
  t.input = mergeProfile(t.input, update);
  t.handleRaw = t.input.handle ?? '';
  t.profile = profileFingerprint(t.input);
};

/** Records a follow edge; returns true when it was kept (false past the cap or when repeated). */
export const addFollow = (list: number[], id: string): boolean => {
  if (list.length >= MAX_FOLLOWS) return false;
  const h = hashString(id);
  if (list.includes(h)) return false;
  list.push(h);
  return true;
};

export const addPost = (t: Trace, time: number, text: string, repostedAuthor: string | undefined): void => {
  t.posts++;
  const hour = hourOf(time);
  t.hours[hour] = Math.min(65535, (t.hours[hour] as number) + 1);
  if (text !== '') t.textPosts++;
  if (text !== '' && t.posts <= STYLE_POSTS) {
    // Style from the first STYLE_POSTS posts: enough for a profile, bounded work per account.
    t.style ??= new Float32Array(STYLE_DIMS);
    addStyle(t.style, text);
    t.affixes ??= new Float32Array(AFFIX_DIMS);
    addAffixes(t.affixes, text);
  }
  if (repostedAuthor !== undefined) {
    const h = hashString(repostedAuthor);
    const c = t.reposted.get(h);
    if (c !== undefined) t.reposted.set(h, c + 1);
    else if (t.reposted.size < MAX_REPOSTED_TRACKED) t.reposted.set(h, 1);
  }
};

export const topReposted = (t: Trace, k = MAX_REPOSTED): Uint32Array =>
  sortedHashes(
    [...t.reposted.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k)
      .map(([h]) => h),
  );

export const behaviourOf = (t: Trace): BehaviourFingerprint => ({
  follows: sortedHashes(t.follows),
  followers: sortedHashes(t.followers),
  reposted: topReposted(t),
  style: t.style ? quantise(t.style) : undefined,
  affixes: t.affixes ? quantise(t.affixes) : undefined,
  hours: t.hours.slice(),
  posts: t.posts,
});
