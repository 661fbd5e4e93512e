// Account risk as a log-odds sum of capped evidence terms. Pure functions over the counters that
// the risk detector keeps per account; weights and caps are documented in docs/accounts.md.

export interface RiskCounters {
  /** Posts (incl. reposts) with a classification. */
  classified: number;
  extSum: number;
  ext90: number;
  ext50: number;
  newsPosts: number;
  /** All posts, and those that are reposts. */
  posts: number;
  reposts: number;
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
  /** Inter-post gaps (ms): count, mean and M2 (Welford) for burstiness. */
  gapN: number;
  gapMean: number;
  gapM2: number;
  nightPosts: number;
}

export const emptyCounters = (): RiskCounters => ({
  classified: 0,
  extSum: 0,
  ext90: 0,
  ext50: 0,
  newsPosts: 0,
  posts: 0,
  reposts: 0,
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
  gapN: 0,
  gapMean: 0,
  gapM2: 0,
  nightPosts: 0,
});

/** Operating threshold: an account is flagged when its risk first reaches it. */
export const RISK_THRESHOLD = 0.5;

/**
 * Weights (log-odds). The prior of -4 (≈ 2%) reflects that most accounts are ordinary. Content is
 * the main term and is scaled by a confidence n/(n+2) so that one post cannot flag an account.
 * Network terms grow with log2 of the count and are capped, so that no single kind of evidence can
 * reach certainty alone except a clear majority of extremist posts. Behaviour is weak (±1 in all).
 */
export const RISK_WEIGHTS = {
  intercept: -4,
  contentPerShare: 10,
  contentOffset: 1.5,
  contentCap: 7,
  contentFloor: -2,
  matchEach: 2,
  matchCap: 4,
  interactionLog: 1.6,
  interactionCap: 4.5,
  followsLog: 1.3,
  followsCap: 4,
  followedByLog: 0.8,
  followedByCap: 3,
  shoutoutEach: 1.5,
  shoutoutCap: 3,
  profileSlope: 4,
  profileCap: 3,
  behaviourCap: 1,
  networkCap: 4,
  suspended: 2.5,
  newsMajority: -1.5,
} as const;

export interface RiskTerm {
  value: number;
  /** The reason in words and numbers (built only when a record is emitted). */
  text: () => string;
}

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** The evidence terms of an account (log-odds contributions with their reasons in words). */
export const riskTerms = (c: RiskCounters): RiskTerm[] => {
  const w = RISK_WEIGHTS;
  const terms: RiskTerm[] = [];
  if (c.classified > 0) {
    const share = c.ext50 / c.classified;
    const conf = c.classified / (c.classified + 2);
    const value = clamp(conf * (w.contentPerShare * share - w.contentOffset), w.contentFloor, w.contentCap);
    const text = (): string =>
      c.ext90 > 0
        ? `${c.ext90} of ${c.classified} posts scored extremist ≥ 0.9 (${c.ext50} ≥ 0.5)`
        : `${c.ext50} of ${c.classified} posts scored extremist ≥ 0.5`;
    terms.push({ value, text });
    if (c.classified >= 3 && c.newsPosts / c.classified > 0.5)
      terms.push({
        value: w.newsMajority,
        text: () => `${c.newsPosts} of ${c.classified} posts scored news`,
      });
  }
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
  // Network evidence together is capped: neighbours alone must not flag an account (organic users
  // repost and follow around hijacked hashtags); its own posts, profile or a suspension must add to it.
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

/** Account label: extremist when flagged, news when most classified posts scored news, else other. */
export const riskLabel = (c: RiskCounters, flagged: boolean): string => {
  if (flagged) return 'extremist';
  if (c.classified >= 3 && c.newsPosts / c.classified > 0.5) return 'news';
  return 'other';
};
