import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateToString } from './helpers.js';
import type {
  AccountRecord,
  CampaignRecord,
  EvasionRecord,
  PostDecisionRecord,
} from '../../src/pipeline/types.js';
import {
  evaluateDetections,
  evaluateFiles,
  jaccard,
  rocAuc,
  type DetectOutputs,
  type Truth,
} from '../../src/sim/index.js';

const T0 = '2025-01-01T00:00:00.000Z';
const at = (min: number): string => new Date(Date.parse(T0) + min * 60_000).toISOString();

const tinyTruth = (): Truth => ({
  scenario: 'default',
  seed: 1,
  scale: 'small',
  texts: 'builtin',
  start: T0,
  end: at(24 * 60),
  counts: { events: 0, accounts: 0, posts: 0, follows: 0, enforcement: 0, profile_updates: 0 },
  extremist_accounts: ['x1', 'x2', 'r1', 'r2'],
  army_core_accounts: ['x1'],
  telegram_accounts: [],
  news_accounts: ['n1'],
  benign_campaign_accounts: ['b1', 'b2'],
  organic_accounts: ['o1', 'o2', 'o3', 'k1'],
  organic_new_accounts: ['o3', 'k1'],
  organic_new_kunya_accounts: ['k1'],
  recreated_accounts: [
    {
      account_id: 'r1',
      replaces: 'x1',
      chain_root: 'x1',
      generation: 1,
      difficulty: 'easy',
      created_at: at(60),
      first_post_at: at(70),
      first_content_post_at: at(70),
    },
    {
      account_id: 'r2',
      replaces: 'x2',
      chain_root: 'x2',
      generation: 1,
      difficulty: 'style',
      created_at: at(60),
      first_post_at: at(90),
      first_content_post_at: at(90),
    },
  ],
  campaigns: [
    {
      id: 'raid',
      kind: 'hashtag_raid',
      extremist: true,
      accounts: ['x1', 'x2', 'a3', 'a4'],
      hashtags: ['h'],
      start: at(100),
      end: at(140),
      post_count: 40,
    },
    {
      id: 'copy',
      kind: 'copypasta',
      extremist: true,
      accounts: Array.from({ length: 49 }, (_, i) => `c${i + 1}`),
      hashtags: [],
      start: at(200),
      end: at(230),
      post_count: 49,
    },
    {
      id: 'benign',
      kind: 'benign_counter_speech',
      extremist: false,
      accounts: ['b1', 'b2'],
      hashtags: ['c'],
      start: at(300),
      end: at(360),
      post_count: 10,
    },
  ],
  extremist_post_ids: ['p1', 'p2', 'p3', 'p4'],
  neutral_post_ids: ['rt1'],
  suspensions: [],
  organic_bursts: [],
  surge_days: [],
});

const post = (id: string, flagged: boolean): PostDecisionRecord => ({
  id,
  platform: 'sim',
  account_id: 'a',
  label: flagged ? 'extremist' : 'other',
  scores: {},
  flagged,
  decided_at: T0,
  evidence: [],
});
const acct = (id: string, risk: number): AccountRecord => ({
  id,
  platform: 'sim',
  risk,
  label: 'x',
  flagged_at: risk > 0.5 ? T0 : null,
  evidence: [],
});
const evasion = (account_id: string, suspended_account_id: string, min: number): EvasionRecord => ({
  account_id,
  platform: 'sim',
  suspended_account_id,
  score: 0.9,
  flagged_at: at(min),
  evidence: [],
});
const campaign = (id: string, accounts: string[], detectedMin: number, share: number): CampaignRecord => ({
  id,
  kind: 'hashtag_raid',
  hashtags: [],
  accounts,
  post_count: 10,
  started_at: at(0),
  detected_at: at(detectedMin),
  extremist_share: share,
  evidence: [],
});
const empty = (): DetectOutputs => ({ posts: [], accounts: [], evasion: [], campaigns: [] });

describe('evaluation metrics', () => {
  it('gives ROC-AUC 1 for a perfect ranking, 0 for a reversed one and 0.5 for all ties', () => {
    expect(rocAuc([0.9, 0.8], [0.1, 0.2, 0.3])).toBe(1);
    expect(rocAuc([0.1, 0.2], [0.8, 0.9])).toBe(0);
    expect(rocAuc([0.5, 0.5], [0.5, 0.5, 0.5])).toBe(0.5);
    // One positive tied with one of two negatives, above the other: (1 + 0.5) / 2.
    expect(rocAuc([0.5], [0.5, 0.1])).toBe(0.75);
    expect(rocAuc([], [0.1])).toBeNull();
  });

  it('scores account risk against all truth accounts, unscored accounts at risk 0', () => {
    const truth = tinyTruth();
    const perfect = evaluateDetections(truth, {
      ...empty(),
      accounts: ['x1', 'x2', 'r1', 'r2'].map((id) => acct(id, 0.9)),
    });
    expect(perfect.accounts.roc_auc).toBe(1);
    expect(perfect.accounts.negatives).toBe(7);
    const reversed = evaluateDetections(truth, {
      ...empty(),
      accounts: ['o1', 'o2', 'o3', 'k1', 'n1', 'b1', 'b2'].map((id) => acct(id, 0.9)),
    });
    expect(reversed.accounts.roc_auc).toBe(0);
    expect(reversed.accounts.flagged_news).toBe(1);
  });

  it('computes post precision and recall, ignoring flagged reposts of extremist posts', () => {
    const r = evaluateDetections(tinyTruth(), {
      ...empty(),
      posts: [post('p1', true), post('p2', true), post('rt1', true), post('o9', true), post('p3', false)],
    });
    expect(r.posts.true_positives).toBe(2);
    expect(r.posts.flagged_neutral_ignored).toBe(1);
    expect(r.posts.precision).toBeCloseTo(2 / 3);
    expect(r.posts.recall).toBe(0.5);
  });

  it('reports recall of flagged ∪ review and the news-account posts flagged or sent to review', () => {
    const review = (id: string, account = 'a'): PostDecisionRecord => ({
      ...post(id, false),
      account_id: account,
      review: true,
    });
    const r = evaluateDetections(tinyTruth(), {
      ...empty(),
      posts: [
        post('p1', true),
        review('p2'),
        review('nw1', 'n1'),
        review('nw1', 'n1'), // the same post decided twice counts once
        { ...post('nw2', true), account_id: 'n1' },
        { ...post('nw3', false), account_id: 'n1' },
        post('p4', false),
      ],
    });
    expect(r.posts.recall).toBe(0.25);
    expect(r.posts.recall_with_review).toBe(0.5);
    expect(r.posts.review).toBe(2);
    expect(r.posts).toMatchObject({ news_posts: 3, news_posts_flagged: 1, news_posts_review: 1 });
    // Review does not count as flagged: precision is of flagged posts only.
    expect(r.posts.flagged).toBe(2);
  });

  it('counts a campaign with Jaccard 0.49 on accounts as a miss and 0.5 as found', () => {
    const copy = tinyTruth().campaigns[1]?.accounts ?? [];
    // 49 truth accounts, all detected together with 51 others: Jaccard 49 / 100.
    const j49 = [...copy, ...Array.from({ length: 51 }, (_, i) => `z${i}`)];
    expect(jaccard(new Set(copy), new Set(j49))).toBeCloseTo(0.49);
    const miss = evaluateDetections(tinyTruth(), { ...empty(), campaigns: [campaign('d1', j49, 210, 0.9)] });
    expect(miss.campaigns.matches.find((m) => m.truth_id === 'copy')?.found).toBe(false);
    const half = [...copy, ...Array.from({ length: 49 }, (_, i) => `z${i}`)];
    expect(jaccard(new Set(copy), new Set(half))).toBe(0.5);
    const hit = evaluateDetections(tinyTruth(), { ...empty(), campaigns: [campaign('d1', half, 210, 0.9)] });
    const m = hit.campaigns.matches.find((x) => x.truth_id === 'copy');
    expect(m?.found).toBe(true);
    expect(m?.latency_sec).toBe(600);
  });

  it('computes campaign recall, precision, latency and whether benign campaigns stay below every raid', () => {
    const out = {
      ...empty(),
      campaigns: [
        campaign('d-raid', ['x1', 'x2', 'a3'], 105, 0.8),
        campaign('d-benign', ['b1', 'b2'], 320, 0.1),
        campaign('d-noise', ['o1', 'o2'], 50, 0.0),
      ],
    };
    const r = evaluateDetections(tinyTruth(), out).campaigns;
    expect(r.extremist_truth).toBe(2);
    expect(r.found).toBe(1);
    expect(r.recall).toBe(0.5);
    expect(r.detected).toBe(3);
    expect(r.detected_matching).toBe(2);
    expect(r.precision).toBeCloseTo(2 / 3);
    expect(r.median_latency_sec).toBe(300);
    expect(r.benign_below_all_raids).toBe(true);
    const bad = evaluateDetections(tinyTruth(), {
      ...empty(),
      campaigns: [
        campaign('d-raid', ['x1', 'x2', 'a3'], 105, 0.2),
        campaign('d-benign', ['b1', 'b2'], 320, 0.3),
      ],
    });
    expect(bad.campaigns.benign_below_all_raids).toBe(false);
  });

  it('measures re-creation recall, correct predecessor, timing against posts and organic false positives', () => {
    const truth = tinyTruth();
    const times = new Map([
      ['r1', [at(70), at(80), at(81), at(82), at(83)].map(Date.parse)],
      ['r2', [at(90), at(91), at(92), at(93), at(94), at(95)].map(Date.parse)],
    ]);
    const r = evaluateDetections(
      truth,
      {
        ...empty(),
        evasion: [
          evasion('r1', 'x1', 65),
          evasion('r2', 'x9', 91),
          evasion('r2', 'x2', 93),
          evasion('k1', 'x1', 10),
        ],
      },
      times,
    ).recreation;
    expect(r.recall).toBe(1);
    expect(r.correct_predecessor_rate).toBe(1);
    expect(r.at_or_before_first_post).toBe(0.5);
    expect(r.within_first_5_posts).toBe(1);
    expect(r.by_difficulty.easy.at_or_before_first_post).toBe(1);
    expect(r.by_difficulty.style.at_or_before_first_post).toBe(0);
    expect(r.detections).toBe(3);
    expect(r.precision).toBeCloseTo(2 / 3);
    expect(r.organic_new.rate).toBe(0.5);
    expect(r.organic_new_kunya.false_positives).toBe(1);
    expect(r.misses.map((m) => m.account_id)).toEqual(['r2']);
    const late = evaluateDetections(
      truth,
      { ...empty(), evasion: [evasion('r2', 'x2', 95)] },
      times,
    ).recreation;
    expect(late.by_difficulty.style.within_first_5_posts).toBe(0);
  });

  it("gives perfect scores to detections built from a simulation's own truth", async () => {
    const { truth } = await simulateToString({ seed: 9 });
    const out: DetectOutputs = {
      posts: truth.extremist_post_ids.map((id) => post(id, true)),
      accounts: truth.extremist_accounts.map((id) => acct(id, 0.99)),
      evasion: truth.recreated_accounts.map((r) => ({
        ...evasion(r.account_id, r.replaces, 0),
        flagged_at: r.created_at,
      })),
      campaigns: truth.campaigns.map((c) => ({
        ...campaign(c.id, c.accounts, 0, c.extremist ? 0.9 : 0.05),
        detected_at: c.start,
      })),
    };
    const r = evaluateDetections(truth, out);
    expect(r.posts.precision).toBe(1);
    expect(r.posts.recall).toBe(1);
    expect(r.accounts.roc_auc).toBe(1);
    expect(r.recreation.correct_predecessor_rate).toBe(1);
    expect(r.recreation.at_or_before_first_post).toBe(1);
    expect(r.recreation.precision).toBe(1);
    expect(r.recreation.organic_new.rate).toBe(0);
    expect(r.campaigns.recall).toBe(1);
    expect(r.campaigns.precision).toBe(1);
    expect(r.campaigns.median_latency_sec).toBe(0);
    expect(r.campaigns.benign_below_all_raids).toBe(true);
  });

  it('reads the post times of re-created accounts from the stream next to truth.json', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'marsad-eval-stream-'));
    await writeFile(path.join(dir, 'truth.json'), JSON.stringify(tinyTruth()));
    // r1's first post in the stream is at minute 62, earlier than truth's first_post_at (70).
    const p = (id: string, account: string, min: number): string =>
      JSON.stringify({
        type: 'post',
        platform: 'sim',
        created_at: at(min),
        id,
        account_id: account,
        text: '',
      });
    await writeFile(
      path.join(dir, 'stream.ndjson'),
      [p('q1', 'o1', 61), p('q2', 'r1', 62), p('q3', 'r1', 70)].join('\n') + '\n',
    );
    await writeFile(path.join(dir, 'evasion.ndjson'), `${JSON.stringify(evasion('r1', 'x1', 65))}\n`);
    const run = await evaluateFiles({ truthPath: path.join(dir, 'truth.json'), detectDir: dir });
    expect(run.stream).toBe(path.join(dir, 'stream.ndjson'));
    expect(run.report.recreation.by_difficulty.easy.at_or_before_first_post).toBe(0);
    expect(run.report.recreation.by_difficulty.easy.within_first_5_posts).toBe(1);
  });

  it('reads missing detect files as empty outputs instead of failing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'marsad-eval-'));
    await writeFile(path.join(dir, 'truth.json'), JSON.stringify(tinyTruth()));
    await writeFile(path.join(dir, 'posts.ndjson'), '');
    await writeFile(path.join(dir, 'accounts.ndjson'), `${JSON.stringify(acct('x1', 0.9))}\nnot json\n`);
    const run = await evaluateFiles({ truthPath: path.join(dir, 'truth.json'), detectDir: dir });
    expect(run.files['evasion.ndjson']?.missing).toBe(true);
    expect(run.files['accounts.ndjson']?.bad_lines).toBe(1);
    expect(run.report.posts.recall).toBe(0);
    expect(run.report.posts.precision).toBeNull();
    expect(run.report.campaigns.found).toBe(0);
    expect(run.report.recreation.recall).toBe(0);
    expect(run.stream).toBeNull();
  });
});
