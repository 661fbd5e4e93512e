import { DistinctCounter } from './hll.js';
import type { Detector, Emit, HashtagBucketRecord, PipelineEvent, PipelineView } from './types.js';

export const HOUR_MS = 3_600_000;

/** Caps of the hashtag detector; see docs/pipeline.md. */
export interface HashtagCaps {
  /** Distinct hashtags counted in one hour bucket; further new hashtags are dropped and counted. */
  hashtagsPerBucket: number;
  /** Distinct accounts counted exactly per hashtag and bucket before switching to HyperLogLog. */
  exactAccounts: number;
}

export const DEFAULT_HASHTAG_CAPS: HashtagCaps = { hashtagsPerBucket: 100_000, exactAccounts: 128 };

const DIACRITICS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d]/g;

/**
 * The grouping key of a hashtag: NFKC, lowercased, Arabic diacritics and tatweel removed, alef
 * forms, alef maqsura and ta marbuta unified, Arabic-Indic digits as ASCII. "#الدولة_الإسلامية" and
 * "#الدوله_الاسلاميه" are one hashtag.
 */
export const hashtagKey = (tag: string): string =>
  tag
    .normalize('NFKC')
    .toLowerCase()
    .replace(DIACRITICS, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));

interface TagCounts {
  display: string;
  posts: number;
  flagged: number;
  accounts: DistinctCounter;
}

export interface HashtagState {
  bucketStart: number;
  tags: Map<string, TagCounts>;
  /** Hashtag occurrences dropped because a bucket reached `hashtagsPerBucket`. */
  dropped: number;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

const closeBucket = (state: HashtagState, emit: Emit): void => {
  if (state.tags.size === 0) return;
  const bucketStart = new Date(state.bucketStart).toISOString();
  // Biggest hashtags first, ties by key, so the file reads as "who dominates this hour".
  const entries = [...state.tags.entries()].sort((a, b) => b[1].posts - a[1].posts || (a[0] < b[0] ? -1 : 1));
  for (const [, t] of entries) {
    const record: HashtagBucketRecord = {
      hashtag: t.display,
      bucket_start: bucketStart,
      posts: t.posts,
      accounts: t.accounts.count(),
      flagged_posts: t.flagged,
      flagged_share: round6(t.flagged / t.posts),
    };
    emit({ kind: 'hashtag', record });
  }
  state.tags = new Map();
};

/**
 * Hashtag dominance per hour of stream time: posts, distinct accounts, flagged posts and their share.
 * A post counts as flagged when the classifier flagged it, or, for a repost without text of its own,
 * when the reposted post was flagged. A bucket is emitted when stream time reaches the next hour,
 * and the open one at the end of the stream. Only one bucket is open at a time (time never goes
 * back: late events are processed at the current stream time).
 */
export const createHashtagDetector = (caps: HashtagCaps = DEFAULT_HASHTAG_CAPS): Detector<HashtagState> => ({
  name: 'hashtags',
  createState: () => ({ bucketStart: Number.NEGATIVE_INFINITY, tags: new Map(), dropped: 0 }),
  onTime(state: HashtagState, now: number, _view: PipelineView, emit: Emit) {
    if (now >= state.bucketStart + HOUR_MS) {
      closeBucket(state, emit);
      state.bucketStart = Math.floor(now / HOUR_MS) * HOUR_MS;
    }
  },
  onEvent(state: HashtagState, ev: PipelineEvent, view: PipelineView) {
    const post = ev.post;
    if (!post || post.hashtags.length === 0) return;
    const flagged =
      ev.classification?.flagged ??
      (post.repost_of !== undefined ? (view.postClassification(post.repost_of)?.flagged ?? false) : false);
    const seen = new Set<string>();
    for (const tag of post.hashtags) {
      const key = hashtagKey(tag);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      let t = state.tags.get(key);
      if (!t) {
        if (state.tags.size >= caps.hashtagsPerBucket) {
          state.dropped++;
          continue;
        }
        t = { display: tag, posts: 0, flagged: 0, accounts: new DistinctCounter(caps.exactAccounts) };
        state.tags.set(key, t);
      }
      t.posts++;
      if (flagged) t.flagged++;
      t.accounts.add(post.account_id);
    }
  },
  finish(state: HashtagState, _view: PipelineView, emit: Emit) {
    closeBucket(state, emit);
  },
});
