// Parameters and memory caps of the coordination detectors (documented in docs/coordination.md).

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/** The kinds of account-pair evidence ("traces"), each with its own window and weight. */
export type TraceKind = 'co_repost' | 'copypasta' | 'co_link' | 'co_hashtag' | 'synchronized';
export const TRACE_KINDS: readonly TraceKind[] = [
  'co_repost',
  'copypasta',
  'co_link',
  'co_hashtag',
  'synchronized',
];

export interface TraceOptions {
  /** Weight one co-occurrence adds to the pair's edge. */
  weight: number;
  /** Window Δt before the estimate is ready, and the bounds the estimate is clamped to (ms). */
  defaultWindowMs: number;
  minWindowMs: number;
  maxWindowMs: number;
  /**
   * Fan-out cap: a new share is paired with at most this many of the most recent distinct sharers
   * within Δt. A post reposted by n accounts makes at most n·k pairs instead of n²/2.
   */
  fanOut: number;
}

export interface CoordinationOptions {
  traces: Record<TraceKind, TraceOptions>;
  /** Quantile of the "delay after the first share" distribution used as Δt (CooRnet-style estimate). */
  intervalQuantile: number;
  /** Samples before the Δt estimate replaces the default window. */
  intervalMinSamples: number;
  /** Half-life of pair evidence in stream time. */
  halfLifeMs: number;
  /** An edge takes part in communities when its decayed weight is at least this. */
  edgeThreshold: number;
  /** Edges whose decayed weight falls below this are dropped at each recompute. */
  pruneBelow: number;
  /** Hard cap on stored edges; past it, the prune floor is raised until it holds. */
  maxEdges: number;
  /** Communities are recomputed every this much stream time. */
  recomputeMs: number;
  /** A community becomes a campaign at this many accounts. */
  minCampaignAccounts: number;
  /** A raid is reported per network only for networks at least this share of its largest network. */
  raidSplitMinShare: number;
  /** Accounts kept in one campaign record at most (the earliest members are kept). */
  maxCampaignAccounts: number;
  /** Distinct trace keys held per trace kind (least recently used are evicted past it). */
  maxTraceKeys: number;
  /** Accounts whose evidence counters are kept (LRU). */
  maxAccounts: number;
  copypasta: {
    /** Estimated Jaccard of two texts' shingles at or above which they are near-duplicates. */
    minSimilarity: number;
    /** A text family stays open while a new copy arrives within this time of the previous one. */
    gapMs: number;
    /** Posts held in the near-duplicate index (the most recent; older ones are evicted). */
    maxPosts: number;
    /** Texts with fewer shingles than this are too short to call copies. */
    minShingles: number;
    /** Burst detection on text families (same fields as raids; minPostsPerAccount is 1). */
    burst: BurstOptions;
  };
  raids: BurstOptions;
  /** An account created less than this before the post counts as "new" in evidence. */
  newAccountMs: number;
}

export interface BurstOptions {
  /** No burst is reported in the first part of a stream, while baselines learn. */
  warmupMs: number;
  /** Bin of the per-hashtag baseline. */
  binMs: number;
  /** Smoothing of the baseline EWMA (weight of the newest bin). */
  alpha: number;
  /** Sliding window in which a burst is measured. */
  windowMs: number;
  /** Accounts posting the hashtag at least `minPostsPerAccount` times in the window. */
  minRepeaters: number;
  minPostsPerAccount: number;
  /** z-score of the window's concentrated posts against the hashtag's own baseline. */
  minZ: number;
  /** A raid is over after this long without a post from a repeating account. */
  idleMs: number;
  /** Raids sharing at least this share of the smaller one's accounts are merged. */
  mergeOverlap: number;
  /** A raid on a hashtag used by at least this many distinct accounts in the day before is a hijack. */
  hijackPriorAccounts: number;
  /** Per-hashtag state is dropped after this long idle; at most this many hashtags are kept. */
  tagIdleMs: number;
  maxTags: number;
  /** Posts held per hashtag window, and accounts held per raid. */
  maxWindowPosts: number;
}

export const DEFAULT_COORDINATION_OPTIONS: CoordinationOptions = {
  traces: {
    co_repost: {
      weight: 1,
      defaultWindowMs: 5 * MINUTE_MS,
      minWindowMs: MINUTE_MS,
      maxWindowMs: 10 * MINUTE_MS,
      fanOut: 8,
    },
    copypasta: {
      weight: 1,
      defaultWindowMs: 30 * MINUTE_MS,
      minWindowMs: 30 * MINUTE_MS,
      maxWindowMs: 30 * MINUTE_MS,
      fanOut: 8,
    },
    co_link: {
      weight: 0.5,
      defaultWindowMs: 5 * MINUTE_MS,
      minWindowMs: MINUTE_MS,
      maxWindowMs: 10 * MINUTE_MS,
      fanOut: 4,
    },
    co_hashtag: {
      weight: 0.5,
      defaultWindowMs: 10 * MINUTE_MS,
      minWindowMs: MINUTE_MS,
      maxWindowMs: 10 * MINUTE_MS,
      fanOut: 4,
    },
    synchronized: {
      weight: 0.05,
      defaultWindowMs: MINUTE_MS,
      minWindowMs: MINUTE_MS,
      maxWindowMs: MINUTE_MS,
      fanOut: 4,
    },
  },
  intervalQuantile: 0.5,
  intervalMinSamples: 200,
  halfLifeMs: 12 * HOUR_MS,
  edgeThreshold: 3,
  pruneBelow: 0.04,
  maxEdges: 2_000_000,
  recomputeMs: 5 * MINUTE_MS,
  minCampaignAccounts: 5,
  raidSplitMinShare: 0.25,
  maxCampaignAccounts: 5000,
  maxTraceKeys: 200_000,
  maxAccounts: 1_000_000,
  copypasta: {
    minSimilarity: 0.75,
    gapMs: 6 * HOUR_MS,
    maxPosts: 50_000,
    minShingles: 12,
    burst: {
      warmupMs: 3 * HOUR_MS,
      binMs: 10 * MINUTE_MS,
      alpha: 0.05,
      windowMs: 30 * MINUTE_MS,
      minRepeaters: 8,
      minPostsPerAccount: 1,
      minZ: 5,
      idleMs: 30 * MINUTE_MS,
      hijackPriorAccounts: Number.POSITIVE_INFINITY,
      mergeOverlap: 0.3,
      tagIdleMs: 24 * HOUR_MS,
      maxTags: 100_000,
      maxWindowPosts: 5000,
    },
  },
  raids: {
    warmupMs: 3 * HOUR_MS,
    binMs: 10 * MINUTE_MS,
    alpha: 0.05,
    windowMs: 30 * MINUTE_MS,
    minRepeaters: 6,
    minPostsPerAccount: 2,
    minZ: 3,
    idleMs: 30 * MINUTE_MS,
    hijackPriorAccounts: 10,
    mergeOverlap: 0.3,
    tagIdleMs: 48 * HOUR_MS,
    maxTags: 100_000,
    maxWindowPosts: 5000,
  },
  newAccountMs: 7 * 24 * HOUR_MS,
};

/** Defaults with some fields replaced (one level deep for the nested groups). */
export const coordinationOptions = (over: DeepPartial<CoordinationOptions> = {}): CoordinationOptions => {
  const d = DEFAULT_COORDINATION_OPTIONS;
  const traces = { ...d.traces };
  for (const k of TRACE_KINDS) traces[k] = { ...d.traces[k], ...(over.traces?.[k] ?? {}) };
  return {
    ...d,
    ...(over as Partial<CoordinationOptions>),
    traces,
    copypasta: {
      ...d.copypasta,
      ...(over.copypasta ?? {}),
      burst: { ...d.copypasta.burst, ...(over.copypasta?.burst ?? {}) },
    } as CoordinationOptions['copypasta'],
    raids: { ...d.raids, ...(over.raids ?? {}) },
  };
};

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
