import { describe, expect, it } from 'vitest';
import { withEntities, parseEvent, type PostEvent } from '../../src/events/index.js';
import {
  DistinctCounter,
  HOUR_MS,
  PipelineFacts,
  createHashtagDetector,
  hashtagKey,
  type Decision,
  type HashtagBucketRecord,
  type PipelineEvent,
} from '../../src/pipeline/index.js';
import { MIN, T0, post } from './fixtures/streams.js';

/** Drives the detector directly: onTime then onEvent for each post, finish at the end. */
const drive = (
  posts: Array<{ p: object; flagged?: boolean }>,
  caps?: Parameters<typeof createHashtagDetector>[0],
) => {
  const detector = createHashtagDetector(caps);
  const state = detector.createState();
  const view = new PipelineFacts();
  const out: Array<{ record: HashtagBucketRecord; at: number | 'finish' }> = [];
  let now = 0;
  const emit = (d: Decision) => {
    if (d.kind === 'hashtag') out.push({ record: d.record, at: now });
  };
  posts.forEach(({ p, flagged }, seq) => {
    const event = parseEvent(p) as PostEvent;
    const time = Date.parse(event.created_at);
    now = time;
    const pe: PipelineEvent = {
      seq,
      time,
      event,
      post: withEntities(event),
      ...(flagged !== undefined
        ? { classification: { label: flagged ? 'extremist' : 'other', scores: {}, flagged } }
        : {}),
    };
    view.observe(pe);
    detector.onTime?.(state, time, view, emit);
    detector.onEvent(state, pe, view, emit);
  });
  const before = out.length;
  detector.finish?.(state, view, emit);
  for (let i = before; i < out.length; i++) (out[i] as { at: number | 'finish' }).at = 'finish';
  return { out, state };
};

describe('hashtag dominance', () => {
  it('counts posts, distinct accounts, flagged posts and their share per hashtag and hour', () => {
    const { out } = drive([
      { p: post('1', 'a', T0, 'x #Raid'), flagged: true },
      { p: post('2', 'a', T0 + MIN, 'y #raid'), flagged: true },
      { p: post('3', 'b', T0 + 2 * MIN, 'z #RAID #other'), flagged: false },
      { p: post('4', 'c', T0 + 3 * MIN, 'no tags'), flagged: true },
    ]);
    expect(out.map((o) => o.record)).toEqual([
      {
        hashtag: 'Raid',
        bucket_start: '2026-01-05T10:00:00.000Z',
        posts: 3,
        accounts: 2,
        flagged_posts: 2,
        flagged_share: 0.666667,
      },
      {
        hashtag: 'other',
        bucket_start: '2026-01-05T10:00:00.000Z',
        posts: 1,
        accounts: 1,
        flagged_posts: 0,
        flagged_share: 0,
      },
    ]);
  });

  it('closes an hour when stream time reaches the next hour, not at the end', () => {
    const { out } = drive([
      { p: post('1', 'a', T0 + 59 * MIN, '#early') },
      { p: post('2', 'b', T0 + HOUR_MS + 1, '#late') },
      { p: post('3', 'b', T0 + 3 * HOUR_MS, '#later') },
    ]);
    expect(out.map((o) => [o.record.hashtag, o.record.bucket_start, o.at])).toEqual([
      ['early', '2026-01-05T10:00:00.000Z', T0 + HOUR_MS + 1],
      ['late', '2026-01-05T11:00:00.000Z', T0 + 3 * HOUR_MS],
      ['later', '2026-01-05T13:00:00.000Z', 'finish'],
    ]);
  });

  it('groups Arabic spellings under one key and keeps the first spelling seen in the hour', () => {
    expect(hashtagKey('الدولة_الإسلامية')).toBe(hashtagKey('الدوله_الاسلاميه'));
    expect(hashtagKey('مـرصـد')).toBe(hashtagKey('مرصد'));
    expect(hashtagKey('غزة٢٠٢٤')).toBe('غزه2024');
    const { out } = drive([
      { p: post('1', 'a', T0, '#الدولة_الإسلامية') },
      { p: post('2', 'b', T0 + 1, '#الدوله_الاسلاميه') },
    ]);
    expect(out.map((o) => [o.record.hashtag, o.record.posts, o.record.accounts])).toEqual([
      ['الدولة_الإسلامية', 2, 2],
    ]);
  });

  it('counts a repost without text as flagged when the reposted post was flagged', () => {
    const { out } = drive([
      { p: post('orig', 'a', T0, 'original #tag'), flagged: true },
      { p: post('rp', 'b', T0 + 1, '', { repost_of: 'orig', hashtags: ['tag'] }) },
    ]);
    expect(out[0]?.record).toMatchObject({ posts: 2, flagged_posts: 2, accounts: 2 });
  });

  it('stays bounded: hashtags beyond the per-bucket cap are dropped and counted', () => {
    const posts = Array.from({ length: 50 }, (_, i) => ({ p: post(`p${i}`, 'a', T0 + i, `#tag${i}`) }));
    const { out, state } = drive(posts, { hashtagsPerBucket: 10, exactAccounts: 4 });
    expect(out).toHaveLength(10);
    expect(state.dropped).toBe(40);
  });

  it('estimates many distinct accounts within 5% once past the exact cap', () => {
    const counter = new DistinctCounter(128);
    for (let i = 0; i < 100; i++) counter.add(`acct${i}`);
    expect(counter.count()).toBe(100);
    expect(counter.isExact).toBe(true);
    for (let i = 0; i < 200_000; i++) counter.add(`acct${i}`);
    expect(counter.isExact).toBe(false);
    expect(Math.abs(counter.count() - 200_000) / 200_000).toBeLessThan(0.05);
  });
});
