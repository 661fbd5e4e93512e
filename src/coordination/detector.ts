import { hashtagKey } from '../pipeline/hashtags.js';
import { LruMap } from '../pipeline/lru.js';
import type { Detector, Emit, PipelineEvent, PipelineView } from '../pipeline/types.js';
import { CommunityTracker } from './communities.js';
import { CopypastaIndex } from './copypasta.js';
import { burstRecords, communityRecord, type AccountStats } from './records.js';
import {
  coordinationOptions,
  TRACE_KINDS,
  type CoordinationOptions,
  type DeepPartial,
  type TraceKind,
} from './options.js';
import { PairGraph } from './pair-graph.js';
import { RaidTracker, type Raid } from './raids.js';
import { TraceWindow } from './trace-window.js';
import { normalizeUrl } from './url.js';

/** State of the coordination detector (all bounded; see options.ts and docs/coordination.md). */
export interface CoordinationState {
  opts: CoordinationOptions;
  windows: Record<TraceKind, TraceWindow>;
  graph: PairGraph;
  communities: CommunityTracker;
  copypasta: CopypastaIndex;
  raids: RaidTracker;
  /** Bursts of text families (copypasta). */
  copyBursts: RaidTracker;
  accounts: LruMap<string, AccountStats>;
  nextRecompute: number;
  now: number;
}

/** The community holding at least half of a raid's accounts, if any. */
const majorityNetwork = (s: CoordinationState, raid: Raid): string | undefined => {
  const counts = new Map<string, number>();
  for (const a of raid.accounts.keys()) {
    const c = s.communities.communityOf(a);
    if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  for (const [c, n] of counts) if (n * 2 >= raid.accounts.size) return c;
  return undefined;
};

export const createCoordinationState = (opts: CoordinationOptions): CoordinationState => {
  const windows = {} as Record<TraceKind, TraceWindow>;
  for (const k of TRACE_KINDS) {
    windows[k] = new TraceWindow(
      opts.traces[k],
      opts.maxTraceKeys,
      opts.intervalQuantile,
      opts.intervalMinSamples,
    );
  }
  const state: CoordinationState = {
    opts,
    windows,
    graph: new PairGraph(opts.halfLifeMs, opts.maxEdges, opts.edgeThreshold),
    communities: new CommunityTracker(opts.minCampaignAccounts, opts.maxCampaignAccounts),
    copypasta: new CopypastaIndex(opts.copypasta, opts.traces.copypasta.fanOut),
    raids: new RaidTracker(opts.raids, 'hashtag'),
    copyBursts: new RaidTracker(opts.copypasta.burst, 'copypasta'),
    accounts: new LruMap(opts.maxAccounts),
    nextRecompute: Number.NEGATIVE_INFINITY,
    now: Number.NEGATIVE_INFINITY,
  };
  const sameNetwork = (a: Raid, b: Raid): boolean => {
    const n = majorityNetwork(state, a);
    return n !== undefined && n === majorityNetwork(state, b);
  };
  state.raids.sameNetwork = sameNetwork;
  state.copyBursts.sameNetwork = sameNetwork;
  return state;
};

/** Last reports of raids that were merged into older ones. */
const reportMerged = (s: CoordinationState, view: PipelineView, now: number, emit: Emit): void => {
  for (const tracker of [s.raids, s.copyBursts]) {
    for (const r of tracker.drainMerged())
      for (const rec of burstRecords(r, s, view, now, true)) emit({ kind: 'campaign', record: rec });
  }
};

const noteEvidencePost = (s: CoordinationState, account: string, extremist: boolean, now: number): void => {
  let a = s.accounts.get(account);
  if (!a) {
    a = { posts: 0, extremist: 0, first: now, last: now };
    s.accounts.set(account, a);
  }
  a.posts++;
  if (extremist) a.extremist++;
  a.last = now;
};

const recompute = (s: CoordinationState, now: number, view: PipelineView, emit: Emit): void => {
  s.graph.prune(now, s.opts.pruneBelow);
  for (const k of TRACE_KINDS) s.windows[k].sweep(now);
  for (const c of s.communities.recompute(s.graph, s.opts.edgeThreshold, now)) {
    emit({ kind: 'campaign', record: communityRecord(c, s, view, now) });
    c.reported = c.accounts.size;
  }
  for (const tracker of [s.raids, s.copyBursts]) {
    for (const r of tracker.sweep(now))
      for (const rec of burstRecords(r, s, view, now, true)) emit({ kind: 'campaign', record: rec });
  }
};

/**
 * Coordinated campaigns, online: co-repost, copypasta, co-link, co-hashtag and synchronized-activity
 * pair evidence feeds a decaying account graph whose components are reported as campaigns
 * (recomputed every `recomputeMs` of stream time); copypasta clusters and hashtag raids/hijacks are
 * reported as their own campaigns as soon as they cross their thresholds, and updated as they grow.
 */
export const createCoordinationDetector = (
  over: DeepPartial<CoordinationOptions> = {},
): Detector<CoordinationState> => {
  const opts = coordinationOptions(over);
  return {
    name: 'coordination',
    createState: () => createCoordinationState(opts),
    onTime(s, now, view, emit) {
      s.now = now;
      if (now < s.nextRecompute) return;
      if (Number.isFinite(s.nextRecompute)) recompute(s, now, view, emit);
      s.nextRecompute = (Math.floor(now / s.opts.recomputeMs) + 1) * s.opts.recomputeMs;
    },
    onEvent(s, ev, view, emit) {
      const post = ev.post;
      if (!post) return;
      onPost(s, ev, view, emit);
    },
    finish(s, view, emit) {
      if (Number.isFinite(s.now)) recompute(s, s.now, view, emit);
    },
  };
};

const isExtremist = (ev: PipelineEvent, view: PipelineView): boolean => {
  const post = ev.post!;
  if (ev.classification) return ev.classification.flagged;
  const ref = post.repost_of ?? post.quote_of;
  return ref !== undefined ? (view.postClassification(ref)?.flagged ?? false) : false;
};

const onPost = (s: CoordinationState, ev: PipelineEvent, view: PipelineView, emit: Emit): void => {
  const post = ev.post!;
  const now = ev.time;
  const account = post.account_id;
  const o = s.opts;
  const extremist = isExtremist(ev, view);
  s.raids.observe(now);
  s.copyBursts.observe(now);
  let paired = false;
  const pairWith = (kind: TraceKind) => {
    const w = o.traces[kind].weight;
    return (other: string): void => {
      s.graph.add(account, other, kind, w, now);
      if (kind !== 'synchronized') paired = true;
    };
  };
  if (post.repost_of !== undefined)
    s.windows.co_repost.share(`${post.platform}:${post.repost_of}`, account, now, pairWith('co_repost'));

  const tags: Array<{ key: string; display: string }> = [];
  const seen = new Set<string>();
  for (const h of post.hashtags) {
    const key = hashtagKey(h);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    tags.push({ key, display: h });
  }

  if (post.text.trim() !== '' && post.repost_of === undefined) {
    const hit = s.copypasta.add(post.id, account, post.text, now);
    if (hit) {
      const burst = s.copyBursts.onPost(hit.family.id, undefined, account, extremist, now, new Set());
      if (burst) {
        // Only copies inside a burst are pair evidence: common phrases are not coordination.
        const add = pairWith('copypasta');
        for (const other of hit.recent) add(other);
        for (const t of tags) if (burst.hashtags.size < 20) burst.hashtags.add(t.display);
        burst.minSimilarity = Math.min(burst.minSimilarity, hit.similarity);
        for (const rec of burstRecords(burst, s, view, now)) emit({ kind: 'campaign', record: rec });
        reportMerged(s, view, now, emit);
      }
    }
  }

  const urls = new Set<string>();
  for (const u of post.urls) {
    const n = normalizeUrl(u);
    if (n !== undefined) urls.add(n);
  }
  for (const u of urls) s.windows.co_link.share(u, account, now, pairWith('co_link'));
  if (tags.length > 0) {
    const setKey = tags
      .map((t) => t.key)
      .sort()
      .join(' ');
    s.windows.co_hashtag.share(setKey, account, now, pairWith('co_hashtag'));
  }
  s.windows.synchronized.share(
    String(Math.floor(now / o.traces.synchronized.defaultWindowMs)),
    account,
    now,
    pairWith('synchronized'),
  );
  if (paired) noteEvidencePost(s, account, extremist, now);

  if (tags.length > 0) {
    const counted = new Set<Raid>();
    for (const t of tags) {
      const raid = s.raids.onPost(t.key, t.display, account, extremist, now, counted);
      if (!raid || counted.has(raid)) continue;
      counted.add(raid);
      for (const rec of burstRecords(raid, s, view, now)) emit({ kind: 'campaign', record: rec });
    }
    reportMerged(s, view, now, emit);
  }
};
