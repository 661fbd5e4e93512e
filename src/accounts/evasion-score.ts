import { diceSorted, type ProfileFingerprint } from './fingerprint.js';
import type { NameStats } from './name-stats.js';
import { pdqDistance } from './pdq.js';
import type { RegistryEntry } from './registry.js';
import { centredCosine, cosine } from './style.js';

/** What is known about a new account when it is scored against a candidate predecessor. */
export interface NewAccountView {
  profile: ProfileFingerprint;
  createdAt: number;
  follows: Uint32Array;
  followers: Uint32Array;
  reposted: Uint32Array;
  style: Float32Array | undefined;
  hours: Uint16Array;
  posts: number;
  /** Posts with text of their own (style and affix profiles); `posts` when not given. */
  stylePosts?: number;
  /** Shout-out posts naming this account by flagged accounts (or with shout-out wording). */
  shoutouts: number;
  /** Suspended accounts named (by old handle or name) in shout-outs for this account, with strength in [0, 1]. */
  shoutoutRefs: ReadonlyMap<string, number>;
  affixes: Float32Array | undefined;
}

export interface MatchFeatures {
  name: number;
  handle: number;
  bio: number;
  avatar: number;
  follows: number;
  followers: number;
  reposts: number;
  style: number;
  affix: number;
  hours: number;
  shoutout: number;
  shoutoutRef: number;
  recency: number;
}

/**
 * Weights of the logistic match score (log-odds per unit of each feature in [0, 1]). Set by hand
 * from what each signal means, then checked on simulated streams (docs/accounts.md):
 * - the intercept keeps any single weak signal far below the threshold;
 * - a name counts only as much as it is rare (IDF in bits), so "أبو محمد" contributes little even
 *   when identical, while "أبو اليمان الجنوبي" with the same handle stem is strong profile evidence;
 * - the same avatar (PDQ ≤ 31) and the same rare early follows are the strongest single signals;
 * - style and active hours are weak (many accounts of one language and region share them);
 * - a shout-out that names the old handle is near-proof; an anonymous shout-out only says "army".
 */
export const MATCH_WEIGHTS: MatchFeatures & { intercept: number } = {
  intercept: -11,
  name: 2,
  handle: 6,
  bio: 5,
  avatar: 9,
  follows: 10,
  followers: 5,
  reposts: 4,
  style: 1.5,
  affix: 3,
  hours: 0.5,
  shoutout: 4,
  shoutoutRef: 9,
  recency: 8,
};

/** Default threshold of the match score for an `evasion` decision. */
export const EVASION_THRESHOLD = 0.7;

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export interface MatchScore {
  /** σ(logit): the pairwise match probability. */
  score: number;
  logit: number;
  features: MatchFeatures;
  evidence: string[];
}

export interface ScoreContext {
  stats: NameStats;
  /**
   * The same counts over the suspended accounts' profiles only. Members of one movement share
   * name parts (kunyas, nisbas, handle patterns), so a name rare in the whole stream can be common
   * among suspended accounts: a match on it cannot single out one of them.
   */
  registryStats?: NameStats;
  meanStyle: ArrayLike<number>;
  meanAffix: ArrayLike<number>;
  /** Weight in [0, 1] of a shared followed account / follower / reposted author (rare → 1). */
  followWeight: (hashedId: number) => number;
  followerWeight: (hashedId: number) => number;
  repostWeight: (hashedId: number) => number;
}

const meaningful = (f: ProfileFingerprint): Set<string> =>
  new Set([...f.given, ...f.nisbas, ...(f.kunya !== undefined ? [f.kunya] : [])]);

/** Suspended accounts counted before a name's frequency among them is trusted (smoothing floor). */
const REGISTRY_FLOOR = 64;

/** Bits of a name feature: the lower of its rarity in the stream and among suspended accounts. */
const featureBits = (ctx: ScoreContext, feature: string): number => {
  const all = ctx.stats.bits(feature);
  return ctx.registryStats ? Math.min(all, ctx.registryStats.bits(feature, REGISTRY_FLOOR)) : all;
};

/** Bits of information in the name words two profiles share (kunya markers and articles excluded). */
const sharedNameInfo = (a: ProfileFingerprint, b: ProfileFingerprint, ctx: ScoreContext): number => {
  let bits = 0;
  const bTokens = meaningful(b);
  for (const t of meaningful(a)) if (bTokens.has(t)) bits += featureBits(ctx, `w:${t}`);
  // An identical full name is at least as rare as the name itself.
  if (a.name !== '' && a.name === b.name) bits = Math.max(bits, featureBits(ctx, `n:${a.name}`));
  return bits;
};

/**
 * Evidence from shared accounts (followed, followers, reposted): the sum of the weights of the
 * shared ones (rare ones weigh most) against `full` (the sum at which the feature saturates), damped
 * when the shared part is only a small share of the new account's list.
 */
const sharedEvidence = (
  mine: Uint32Array,
  theirs: Uint32Array,
  weight: (x: number) => number,
  full: number,
  power: number,
): [number, number] => {
  if (mine.length === 0 || theirs.length === 0) return [0, 0];
  let shared = 0;
  let wShared = 0;
  let wAll = 0;
  let j = 0;
  for (const x of mine) {
    const w = weight(x);
    wAll += w;
    while (j < theirs.length && (theirs[j] as number) < x) j++;
    if (theirs[j] === x) {
      shared++;
      wShared += w;
    }
  }
  if (shared === 0 || wAll === 0) return [0, 0];
  // A power of the containment: a re-creation repeating its predecessor's follows shares nearly
  // all of them, while any account of the same community shares a good part.
  const c = wShared / wAll;
  return [clamp01(wShared / full) * c ** power, shared];
};

/** Scores how likely `n` is a re-creation of the suspended account `e`, with evidence in words. */
export const scoreMatch = (n: NewAccountView, e: RegistryEntry, ctx: ScoreContext): MatchScore => {
  const ev: Array<[number, string]> = [];
  const p = e.profile;
  const nameSim = diceSorted(n.profile.nameGrams, p.nameGrams);
  const nameBits = sharedNameInfo(n.profile, p, ctx);
  const name = nameSim * clamp01(nameBits / 14);
  const handleSim = diceSorted(n.profile.handleGrams, p.handleGrams);
  const stemBits = featureBits(ctx, `h:${p.stem.replace(/ /g, '')}`);
  const handle = handleSim * clamp01(stemBits / 14);
  const bioSim = diceSorted(n.profile.bioGrams, p.bioGrams);
  // A bio counts as much as it is long and rare (many accounts of a movement copy one bio).
  const bioBits = p.bioKey === '' ? 0 : featureBits(ctx, `b:${p.bioKey}`);
  const bio =
    bioSim * clamp01(Math.min(n.profile.bioGrams.length, p.bioGrams.length) / 30) * clamp01(bioBits / 12);
  let avatar = 0;
  let avatarDist = -1;
  if (n.profile.avatar && p.avatar) {
    avatarDist = pdqDistance(n.profile.avatar, p.avatar);
    avatar = avatarDist <= 31 ? 1 - avatarDist / 32 : 0;
  }
  const [follows, followShared] = sharedEvidence(n.follows, e.behaviour.follows, ctx.followWeight, 3, 4);
  const [followers, followerShared] = sharedEvidence(
    n.followers,
    e.behaviour.followers,
    ctx.followerWeight,
    3,
    2,
  );
  const [reposts, repostShared] = sharedEvidence(n.reposted, e.behaviour.reposted, ctx.repostWeight, 2, 2);
  // Confidence in style grows with the posts written (reposts carry no style).
  const stylePosts = n.stylePosts ?? n.posts;
  let style = 0;
  let styleRaw = 0;
  if (n.style && e.behaviour.style) {
    styleRaw = centredCosine(n.style, e.behaviour.style, ctx.meanStyle);
    style = clamp01(styleRaw) * clamp01(stylePosts / 5);
  }
  let affix = 0;
  let affixRaw = 0;
  if (n.affixes && e.behaviour.affixes) {
    affixRaw = centredCosine(n.affixes, e.behaviour.affixes, ctx.meanAffix);
    affix = clamp01(affixRaw) * clamp01(stylePosts / 3);
  }
  const hoursRaw = n.posts > 0 && e.behaviour.posts > 0 ? cosine(n.hours, e.behaviour.hours) : 0;
  const hours = clamp01((hoursRaw - 0.5) * 2) * clamp01(n.posts / 10);
  const shoutout = clamp01(n.shoutouts / 2);
  const shoutoutRef = n.shoutoutRefs.get(e.accountId) ?? 0;
  const gap = n.createdAt - e.suspendedAt;
  // Re-creations come back within hours: the prior falls with the time since the suspension.
  const recency = gap >= 0 ? Math.exp(-gap / (12 * 3_600_000)) : -1;
  const f: MatchFeatures = {
    name,
    handle,
    bio,
    avatar,
    follows,
    followers,
    reposts,
    style,
    affix,
    hours,
    shoutout,
    shoutoutRef,
    recency,
  };
  const w = MATCH_WEIGHTS;
  let logit = w.intercept;
  for (const k of Object.keys(f) as Array<keyof MatchFeatures>) logit += w[k] * f[k];
  const score = sigmoid(logit);

  const pct = (x: number): string => `${Math.round(x * 100)}%`;
  if (nameSim > 0.3)
    ev.push([
      w.name * name,
      `display name ${pct(nameSim)} similar to "${p.name}" (shared part ${nameBits.toFixed(1)} bits rare)`,
    ]);
  if (handleSim > 0.3) ev.push([w.handle * handle, `handle ${pct(handleSim)} similar to @${e.handleRaw}`]);
  if (bio > 0) ev.push([w.bio * bio, `bio ${pct(bioSim)} similar (${bioBits.toFixed(1)} bits rare)`]);
  if (avatarDist >= 0 && avatarDist <= 31)
    ev.push([w.avatar * avatar, `same avatar (PDQ distance ${avatarDist})`]);
  if (followShared > 0)
    ev.push([
      w.follows * follows,
      `${followShared} of its first ${n.follows.length} follows were followed by the suspended account`,
    ]);
  if (followerShared > 0)
    ev.push([
      w.followers * followers,
      `followed by ${followerShared} accounts that followed the suspended account`,
    ]);
  if (repostShared > 0)
    ev.push([w.reposts * reposts, `reposts ${repostShared} of the accounts the suspended account reposted`]);
  if (style > 0)
    ev.push([w.style * style, `writing style similarity ${styleRaw.toFixed(2)} over ${stylePosts} posts`]);
  if (affix > 0)
    ev.push([w.affix * affix, `same way of opening/closing posts (similarity ${affixRaw.toFixed(2)})`]);
  if (hours > 0) ev.push([w.hours * hours, `active hours similarity ${hoursRaw.toFixed(2)}`]);
  if (shoutoutRef > 0)
    ev.push([
      w.shoutoutRef * shoutoutRef,
      `a shout-out named it together with the old account @${e.handleRaw} ("${p.name}")`,
    ]);
  if (n.shoutouts > 0) ev.push([w.shoutout * shoutout, `promoted in ${n.shoutouts} shout-out post(s)`]);
  if (recency > 0)
    ev.push([w.recency * recency, `created ${(gap / 3_600_000).toFixed(1)} h after the suspension`]);
  ev.sort((a, b) => b[0] - a[0]);
  return { score, logit, features: f, evidence: ev.slice(0, 5).map(([, s]) => s) };
};
