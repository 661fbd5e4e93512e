// Account risk as a log-odds sum of capped evidence terms. Pure functions over the counters that
// the risk detector keeps per account; weights and caps are documented in docs/accounts.md.

export interface RiskCounters {
  /** Posts (incl. quotes and replies) with a classification. */
  classified: number;
  /** Classified posts the text model flagged (at its operating threshold). */
  flaggedPosts: number;
  /** Classified posts scoring extremist ≥ 0.9 (for evidence texts). */
  ext90: number;
  newsPosts: number;
  /** All posts, and those that are reposts. */
  posts: number;
  reposts: number;
  /** Reposts of a post whose verdict is known, and of those the ones the model flagged. */
  repostsJudged: number;
  repostsOfFlaggedPosts: number;
  matches: number;
  repostsOfFlagged: number;
  quotesOfFlagged: number;
  repliesToFlagged: number;
  followsFlagged: number;
  followedByFlagged: number;
  shoutouts: number;
  /** Extremist score of the name + bio, when classified. */
  profileExt: number | undefined;
  suspended: boolean;
  suspendReason: string | undefined;
  /** The suspended account the evasion detector judged this one a re-creation of. */
  recreationOf: string | undefined;
  /** Inter-post gaps (ms): count, mean and M2 (Welford) for burstiness. */
  gapN: number;
  gapMean: number;
  gapM2: number;
  nightPosts: number;
}

export const emptyCounters = (): RiskCounters => ({
  classified: 0,
  flaggedPosts: 0,
  ext90: 0,
  newsPosts: 0,
  posts: 0,
  reposts: 0,
  repostsJudged: 0,
  repostsOfFlaggedPosts: 0,
  matches: 0,
  repostsOfFlagged: 0,
  quotesOfFlagged: 0,
  repliesToFlagged: 0,
  followsFlagged: 0,
  followedByFlagged: 0,
  shoutouts: 0,
  profileExt: undefined,
  suspended: false,
  suspendReason: undefined,
  recreationOf: undefined,
  gapN: 0,
  gapMean: 0,
  gapM2: 0,
  nightPosts: 0,
});

/** Operating threshold: an account is flagged when its risk first reaches it (with corroboration). */
export const RISK_THRESHOLD = 0.5;

/**
 * Weights (log-odds). The prior of -4 (≈ 2%) reflects that most accounts are ordinary.
 *
 * Own content is the main evidence, as *shares with a lower confidence bound* (Wilson, z = 1.645):
 * the share of the account's posts the text model flagged, and the share of its reposts that
 * amplify flagged posts. A bound, not the raw share, so that one or two noisy post scores on a
 * young account count for little, and many posts with a few false positives stay low.
 *
 * Reporting: accounts that write *about* extremists mix flagged-looking text with posts the model
 * reads as news, which propaganda accounts almost never do. The lower bound of the news share
 * scales the text term down (to nothing at `reportingFull`); amplification (reposting flagged
 * posts) is not discounted — reporters quote, they do not repost propaganda.
 *
 * Network terms (interactions with, follows of and by flagged accounts, shout-outs) are capped
 * together below the prior, so neighbours alone never flag an account; a profile scored extremist
 * counts little (name/bio scores are noisy: news bios name the group too).
 */
export const RISK_WEIGHTS = {
  intercept: -4,
  /** z of the one-sided lower confidence bound of shares. */
  boundZ: 1.645,
  textPerShare: 20,
  textOffset: 0.15,
  textCap: 7,
  textFloor: -2,
  ampPerShare: 12,
  ampOffset: 0.15,
  ampCap: 5,
  ampFloor: -1,
  contentCap: 8,
  /** News share (lower bound) at which the text term is gone, and the news posts needed to apply it. */
  reportingFull: 0.1,
  reportingMinPosts: 2,
  matchEach: 2,
  matchCap: 4,
  interactionLog: 1.6,
  interactionCap: 3,
  followsLog: 1.3,
  followsCap: 3,
  followedByLog: 0.8,
  followedByCap: 2,
  shoutoutEach: 1,
  shoutoutCap: 2,
  networkCap: 3,
  profileSlope: 3,
  profileCap: 1.5,
  behaviourCap: 1,
  suspended: 2.5,
  /** Judged a re-creation of a suspended account (evasion decision): own evidence, like a suspension. */
  recreation: 3,
  newsMajority: -1.5,
  /** Extremist items (flagged posts, reposts of flagged posts, hash matches) a flag needs. */
  corroboration: 3,
  /** A repost of a flagged post counts as this much of an item (one click, often a popular post). */
  repostItem: 0.5,
} as const;

export interface RiskTerm {
  value: number;
  /** The reason in words and numbers (built only when a record is emitted). */
  text: () => string;
}

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** Wilson lower confidence bound of a share k/n (0 when n = 0). */
export const shareLowerBound = (k: number, n: number, z: number = RISK_WEIGHTS.boundZ): number => {
  if (n <= 0) return 0;
  const p = k / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - spread) / (1 + z2 / n));
};

/** How much an account's posts look like reporting, in [0, 1] (1: the text term is discounted away). */
export const reportingFactor = (c: RiskCounters): number =>
  c.newsPosts < RISK_WEIGHTS.reportingMinPosts
    ? 0
    : clamp(shareLowerBound(c.newsPosts, c.classified) / RISK_WEIGHTS.reportingFull, 0, 1);

/**
 * Extremist items of the account's own, after the reporting discount: flagged posts, reposts of
 * flagged posts and hash-bank matches. A flag needs `corroboration` of them (repeated evidence),
 * or a platform suspension, or an evasion decision naming a suspended predecessor.
 */
export const ownItems = (c: RiskCounters): number =>
  c.flaggedPosts * (1 - reportingFactor(c)) + RISK_WEIGHTS.repostItem * c.repostsOfFlaggedPosts + c.matches;

export const corroborated = (c: RiskCounters): boolean =>
  c.suspended || c.recreationOf !== undefined || ownItems(c) >= RISK_WEIGHTS.corroboration;

/** The evidence terms of an account (log-odds contributions with their reasons in words). */
export const riskTerms = (c: RiskCounters): RiskTerm[] => {
  const w = RISK_WEIGHTS;
  const terms: RiskTerm[] = [];
  let text = 0;
  let amp = 0;
  const reporting = reportingFactor(c);
  if (c.classified > 0) {
    const lo = shareLowerBound(c.flaggedPosts, c.classified);
    text = clamp(w.textPerShare * (lo - w.textOffset), w.textFloor, w.textCap);
  }
  const discount = text > 0 ? text * reporting : 0;
  if (c.repostsJudged > 0) {
    const lo = shareLowerBound(c.repostsOfFlaggedPosts, c.repostsJudged);
    amp = clamp(w.ampPerShare * (lo - w.ampOffset), w.ampFloor, w.ampCap);
  }
  // Text and amplification together are capped: one kind of own content is enough to be sure.
  const sum = text - discount + amp;
  const scale = sum > w.contentCap ? w.contentCap / sum : 1;
  if (c.classified > 0)
    terms.push({
      value: text * scale,
      text: () =>
        `${c.flaggedPosts} of ${c.classified} posts flagged extremist by the text model` +
        (c.ext90 > 0 ? ` (${c.ext90} scored ≥ 0.9)` : ''),
    });
  if (c.repostsJudged > 0)
    terms.push({
      value: amp * scale,
      text: () => `${c.repostsOfFlaggedPosts} of ${c.repostsJudged} reposts amplified flagged posts`,
    });
  if (discount > 0)
    terms.push({
      value: -discount * scale,
      text: () =>
        `${c.newsPosts} of ${c.classified} posts read as news reporting: text evidence discounted by ${pct(reporting)}`,
    });
  if (c.classified >= 3 && c.newsPosts / c.classified > 0.5)
    terms.push({
      value: w.newsMajority,
      text: () => `${c.newsPosts} of ${c.classified} posts scored news`,
    });
  if (c.matches > 0)
    terms.push({
      value: Math.min(w.matchCap, w.matchEach * c.matches),
      text: () => `${c.matches} posts matched the hash bank`,
    });
  const networkStart = terms.length;
  const inter = c.repostsOfFlagged + 0.6 * c.quotesOfFlagged + 0.3 * c.repliesToFlagged;
  if (inter > 0) {
    const parts = (): string[] =>
      [
        c.repostsOfFlagged > 0 ? `reposted ${c.repostsOfFlagged}` : '',
        c.quotesOfFlagged > 0 ? `quoted ${c.quotesOfFlagged}` : '',
        c.repliesToFlagged > 0 ? `replied to ${c.repliesToFlagged}` : '',
      ].filter((p) => p !== '');
    terms.push({
      value: Math.min(w.interactionCap, w.interactionLog * Math.log2(1 + inter)),
      text: () => `${parts().join(', ')} posts of flagged accounts`,
    });
  }
  if (c.followsFlagged > 0)
    terms.push({
      value: Math.min(w.followsCap, w.followsLog * Math.log2(1 + c.followsFlagged)),
      text: () => `follows ${c.followsFlagged} flagged or suspended accounts`,
    });
  if (c.followedByFlagged > 0)
    terms.push({
      value: Math.min(w.followedByCap, w.followedByLog * Math.log2(1 + c.followedByFlagged)),
      text: () => `followed by ${c.followedByFlagged} flagged or suspended accounts`,
    });
  if (c.shoutouts > 0)
    terms.push({
      value: Math.min(w.shoutoutCap, w.shoutoutEach * c.shoutouts),
      text: () => `promoted in ${c.shoutouts} shout-out posts by flagged accounts`,
    });
  // Network evidence together is capped below the prior: neighbours alone must not flag an account
  // (organic users repost and follow around hijacked hashtags; the army follows and names reporters).
  const network = terms.slice(networkStart);
  const netSum = network.reduce((a, t) => a + Math.max(0, t.value), 0);
  if (netSum > w.networkCap) for (const t of network) t.value = (t.value * w.networkCap) / netSum;
  const profileExt = c.profileExt;
  if (profileExt !== undefined)
    terms.push({
      value: clamp(w.profileSlope * (profileExt - 0.3), -0.5, w.profileCap),
      text: () => `name and bio scored extremist ${profileExt.toFixed(2)}`,
    });
  let behaviour = 0;
  const reasons: Array<() => string> = [];
  if (c.posts >= 10) {
    const ratio = c.reposts / c.posts;
    behaviour += clamp((ratio - 0.5) * 1.2, -0.4, 0.4);
    reasons.push(() => `repost ratio ${pct(ratio)} over ${c.posts} posts`);
    const night = c.nightPosts / c.posts;
    behaviour += clamp((night - 0.3) * 0.6, -0.2, 0.2);
  }
  if (c.gapN >= 10 && c.gapMean > 0) {
    const sd = Math.sqrt(c.gapM2 / c.gapN);
    const b = (sd - c.gapMean) / (sd + c.gapMean);
    behaviour += clamp(b * 0.5, -0.3, 0.4);
    reasons.push(() => `burstiness ${b.toFixed(2)}`);
  }
  if (reasons.length > 0)
    terms.push({
      value: clamp(behaviour, -w.behaviourCap, w.behaviourCap),
      text: () => `behaviour: ${reasons.map((r) => r()).join(', ')}`,
    });
  const pred = c.recreationOf;
  if (pred !== undefined)
    terms.push({
      value: w.recreation,
      text: () => `judged a re-creation of the suspended account ${pred}`,
    });
  if (c.suspended)
    terms.push({
      value: w.suspended,
      text: () => `suspended by the platform${c.suspendReason !== undefined ? ` (${c.suspendReason})` : ''}`,
    });
  return terms;
};

export const riskOf = (terms: readonly RiskTerm[]): number => {
  let logit: number = RISK_WEIGHTS.intercept;
  for (const t of terms) logit += t.value;
  return 1 / (1 + Math.exp(-logit));
};

/** The top reasons, strongest first, as evidence strings (positive evidence before negative). */
export const riskEvidence = (terms: readonly RiskTerm[], k = 5): string[] =>
  [...terms]
    .filter((t) => Math.abs(t.value) >= 0.05)
    .sort((a, b) => b.value - a.value)
    .slice(0, k)
    .map((t) => `${t.text()} (${t.value >= 0 ? '+' : ''}${t.value.toFixed(2)})`);

/** Account label: extremist when flagged, news when most posts scored news or they read as reporting, else other. */
export const riskLabel = (c: RiskCounters, flagged: boolean): string => {
  if (flagged) return 'extremist';
  if (c.classified >= 3 && (c.newsPosts / c.classified > 0.5 || reportingFactor(c) >= 1)) return 'news';
  return 'other';
};
