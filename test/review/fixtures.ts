import type { Database } from '../../src/store/index.js';

// A small world written by hand: two platforms, flagged posts with different reach, a flagged
// account, a re-creation of a suspended account, and a campaign of two accounts. No real content.

const acct = (platform: string, id: string, followers: number) => ({
  platform,
  id,
  handle: `h_${id}`,
  name: `Name ${id}`,
  bio: null,
  lang: 'ar',
  avatar_pdq: null,
  followers_count: followers,
  following_count: 1,
  url: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});

export const post = (
  platform: string,
  id: string,
  account: string,
  at: string,
  repostOf: string | null = null,
) => ({
  platform,
  id,
  account_id: account,
  created_at: at,
  text: `placeholder text ${id}`,
  lang: platform === 'telegram' ? 'en' : 'ar',
  hashtags: '[]',
  mentions: '[]',
  urls: '[]',
  media: null,
  reply_to: null,
  repost_of: repostOf,
  quote_of: null,
});

export const decision = (
  platform: string,
  postId: string,
  account: string,
  risk: number,
  at: string,
  flagged = 1,
  review = 0,
) => ({
  platform,
  post_id: postId,
  account_id: account,
  label: flagged ? 'extremist' : 'neutral',
  scores: JSON.stringify(
    flagged ? { extremist: risk, neutral: 1 - risk } : { extremist: risk, neutral: 1 - risk },
  ),
  flagged,
  review,
  decided_at: at,
  evidence: flagged ? JSON.stringify(['fixture rule matched']) : null,
});

export const seedDecisions = async (database: Database): Promise<void> => {
  const db = database.db;
  await db
    .insertInto('accounts')
    .values([
      acct('twitter', 'a1', 10),
      acct('twitter', 'a2', 100_000),
      acct('twitter', 'a3', 50),
      acct('twitter', 'old', 500),
      acct('twitter', 'new', 5),
      acct('telegram', 't1', 20),
    ])
    .execute();
  await db
    .insertInto('posts')
    .values([
      post('twitter', 'p1', 'a1', '2026-02-28T10:00:00.000Z'),
      post('twitter', 'p2', 'a2', '2026-02-28T10:00:00.000Z'),
      post('twitter', 'p3', 'a3', '2026-02-20T10:00:00.000Z'),
      post('twitter', 'p4', 'a1', '2026-02-28T11:00:00.000Z'),
      post('twitter', 'r1', 'a3', '2026-02-28T12:00:00.000Z', 'p1'),
      post('twitter', 'r2', 'a2', '2026-02-28T12:00:00.000Z', 'p1'),
      post('telegram', 'tp1', 't1', '2026-02-28T09:00:00.000Z'),
    ])
    .execute();
  await db
    .insertInto('decisions_posts')
    .values([
      decision('twitter', 'p1', 'a1', 0.9, '2026-02-28T10:00:00.000Z'),
      decision('twitter', 'p2', 'a2', 0.9, '2026-02-28T10:00:00.000Z'),
      decision('twitter', 'p3', 'a3', 0.9, '2026-02-20T10:00:00.000Z'),
      decision('twitter', 'p4', 'a1', 0.1, '2026-02-28T11:00:00.000Z', 0),
      decision('telegram', 'tp1', 't1', 0.7, '2026-02-28T09:00:00.000Z'),
    ])
    .execute();
  await db
    .insertInto('decisions_accounts')
    .values([
      {
        platform: 'twitter',
        account_id: 'a1',
        version: 1,
        risk: 0.5,
        label: 'extremist',
        flagged_at: null,
        evidence: '[]',
        decided_at: '2026-02-28T10:00:00.000Z',
      },
      {
        platform: 'twitter',
        account_id: 'a1',
        version: 2,
        risk: 0.8,
        label: 'extremist',
        flagged_at: '2026-02-28T11:00:00.000Z',
        evidence: '["many flagged posts"]',
        decided_at: '2026-02-28T11:00:00.000Z',
      },
      {
        platform: 'twitter',
        account_id: 'a3',
        version: 1,
        risk: 0.6,
        label: 'extremist',
        flagged_at: '2026-02-28T11:00:00.000Z',
        evidence: '[]',
        decided_at: '2026-02-28T11:00:00.000Z',
      },
      {
        platform: 'twitter',
        account_id: 'new',
        version: 1,
        risk: 0.7,
        label: 'extremist',
        flagged_at: '2026-02-28T11:30:00.000Z',
        evidence: '[]',
        decided_at: '2026-02-28T11:30:00.000Z',
      },
    ])
    .execute();
  await db
    .insertInto('decisions_evasion')
    .values({
      platform: 'twitter',
      account_id: 'new',
      version: 1,
      suspended_account_id: 'old',
      score: 0.85,
      flagged_at: '2026-02-28T11:30:00.000Z',
      evidence: '["same avatar"]',
      decided_at: '2026-02-28T11:30:00.000Z',
    })
    .execute();
  await db
    .insertInto('campaigns')
    .values({
      id: 'c1',
      version: 1,
      kind: 'hashtag_raid',
      hashtags: '["tag_one"]',
      accounts: '["a1","a3"]',
      post_count: 40,
      started_at: '2026-02-28T09:00:00.000Z',
      detected_at: '2026-02-28T10:30:00.000Z',
      extremist_share: 0.75,
      evidence: '["burst"]',
      decided_at: '2026-02-28T10:30:00.000Z',
    })
    .execute();
};

/** Items the fixture yields: 4 flagged posts, 3 flagged accounts, 1 evasion, 1 campaign. */
export const FIXTURE_ITEMS = 9;
