import { CanonicalEventSchema, type CanonicalEvent } from '../../src/events/index.js';
import { addDecisionRow, createDecisionStore, emptyRows } from '../../src/pipeline/decision-store.js';
import type { Decision } from '../../src/pipeline/types.js';
import { createBulkWriter, type Database } from '../../src/store/index.js';

// A small observatory written by hand through the stores (bulk writer for events, decision store for
// decisions), ten days of March 2026 on platform `sim` plus one telegram account. Placeholder texts.
//
// - a1 (أبو محمد) posts FLAGGED[d] flagged posts on day d: 6 a day, none on days 6–7 (a silence of
//   two days), 6 again on days 8–10;
// - a2 (news desk, English) posts NEWS[d] ordinary posts: 10 a day, 42 on day 9 (a surge: three times the usual 16 posts);
// - a2 reposts a1's first flagged post of days 1–3 (REPOSTS[d]) and replies once on day 2;
// - lion_1 → lion_2 → lion_3: each suspended, the next judged its re-creation (evasion decisions);
// - t1 on telegram: one flagged post on day 2;
// - one hashtag raid (a1, lion_1, lion_2) on #النصر, one merged copy of it.

export const DAY = (d: number, hour = 10, minute = 0): string =>
  new Date(Date.UTC(2026, 2, d, hour, minute)).toISOString();

export const FLAGGED = [6, 6, 6, 6, 6, 0, 0, 6, 6, 6]; // days 1..10
export const NEWS = [10, 10, 10, 10, 10, 10, 10, 10, 42, 10];
export const REPOSTS = [3, 2, 1, 0, 0, 0, 0, 0, 0, 0];

const event = (e: Record<string, unknown>): CanonicalEvent => CanonicalEventSchema.parse(e);

const account = (platform: string, id: string, handle: string, name: string, at: string, lang: string) =>
  event({ type: 'account', platform, id, handle, name, created_at: at, lang, followers_count: 10 });

const scores = (flagged: boolean) =>
  flagged ? { extremist: 0.9, other: 0.1 } : { extremist: 0.05, other: 0.95 };

export const seedObservatory = async (database: Database): Promise<void> => {
  const events: CanonicalEvent[] = [
    account('sim', 'a1', 'abu_muhammad', 'أبـــو مُحمّد', DAY(1, 0), 'ar'),
    account('sim', 'a2', 'news_desk', 'News Desk', '2026-02-01T00:00:00.000Z', 'en'),
    account('sim', 'lion1', 'lion_1', 'Lion', DAY(1, 1), 'ar'),
    account('telegram', 't1', 'channel_t1', 'Channel', DAY(2, 1), 'ar'),
    account('sim', 'lion2', 'lion_2', 'Lion', DAY(3, 1), 'ar'),
    account('sim', 'lion3', 'lion_3', 'Lion', DAY(5, 1), 'ar'),
  ];
  const decisions: Array<{ d: Decision; at: string; version?: number }> = [];
  const post = (
    platform: string,
    id: string,
    accountId: string,
    at: string,
    flagged: boolean,
    extra = {},
  ) => {
    events.push(
      event({
        type: 'post',
        platform,
        id,
        account_id: accountId,
        created_at: at,
        text: `placeholder ${id}`,
        lang: accountId === 'a2' ? 'en' : 'ar',
        hashtags: flagged ? ['النصر'] : [],
        ...extra,
      }),
    );
    decisions.push({
      d: {
        kind: 'post',
        record: {
          id,
          platform,
          account_id: accountId,
          label: flagged ? 'extremist' : 'other',
          scores: scores(flagged),
          flagged,
          decided_at: at,
          ...(flagged ? { evidence: ['«نصر» +1.84', '«الله» +0.52', 'bank match'] } : {}),
        },
      },
      at,
    });
  };
  for (let d = 1; d <= 10; d++) {
    for (let i = 0; i < FLAGGED[d - 1]!; i++) post('sim', `f${d}-${i}`, 'a1', DAY(d, 8 + i), true);
    for (let i = 0; i < NEWS[d - 1]!; i++) post('sim', `n${d}-${i}`, 'a2', DAY(d, 9, i), false);
    for (let i = 0; i < REPOSTS[d - 1]!; i++)
      post('sim', `r${d}-${i}`, 'a2', DAY(d, 20, i), false, { repost_of: `f${d}-0` });
  }
  post('sim', 'reply1', 'a2', DAY(2, 21), false, { reply_to: 'f2-1' });
  post('telegram', 'tg1', 't1', DAY(2, 12), true);
  events.push(
    event({
      type: 'enforcement',
      platform: 'sim',
      account_id: 'lion1',
      action: 'suspend',
      created_at: DAY(2, 5),
    }),
    event({
      type: 'enforcement',
      platform: 'sim',
      account_id: 'lion2',
      action: 'suspend',
      created_at: DAY(4, 5),
    }),
    event({ type: 'enforcement', platform: 'sim', post_id: 'f1-1', action: 'remove', created_at: DAY(4, 6) }),
  );
  events.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
  await createBulkWriter(database).write({ events, quarantine: [] });

  const evasion = (accountId: string, suspended: string, at: string, score: number): Decision => ({
    kind: 'evasion',
    record: {
      account_id: accountId,
      platform: 'sim',
      suspended_account_id: suspended,
      score,
      flagged_at: at,
      evidence: [`handle edit distance 1 from ${suspended}`, 'same avatar'],
    },
  });
  decisions.push(
    { d: evasion('lion2', 'lion1', DAY(3, 3), 0.8), at: DAY(3, 3) },
    { d: evasion('lion3', 'lion2', DAY(5, 3), 0.9), at: DAY(5, 3) },
  );
  const risk = (r: number, at: string, flaggedAt: string | null): Decision => ({
    kind: 'account',
    record: {
      id: 'a1',
      platform: 'sim',
      risk: r,
      label: 'extremist',
      flagged_at: flaggedAt,
      evidence: [`risk ${r}`],
    },
  });
  decisions.push(
    { d: risk(0.4, DAY(1, 9), null), at: DAY(1, 9), version: 1 },
    { d: risk(0.9, DAY(2, 9), DAY(2, 9)), at: DAY(2, 9), version: 2 },
  );
  const raid = (
    id: string,
    version: number,
    at: string,
    accounts: string[],
    evidence: string[],
  ): Decision => ({
    kind: 'campaign',
    record: {
      id,
      kind: 'hashtag_raid',
      hashtags: ['النصر'],
      accounts,
      post_count: accounts.length * 3,
      started_at: DAY(1, 8),
      detected_at: DAY(1, 12),
      extremist_share: 0.9,
      evidence,
    },
  });
  decisions.push(
    { d: raid('raid-1', 1, DAY(1, 12), ['a1', 'lion1'], ['2 accounts posted']), at: DAY(1, 12), version: 1 },
    {
      d: raid('raid-1', 2, DAY(3, 12), ['a1', 'lion1', 'lion2'], ['3 accounts posted']),
      at: DAY(3, 12),
      version: 2,
    },
    { d: raid('raid-2', 1, DAY(3, 12), ['a1'], ['merged into campaign raid-1']), at: DAY(3, 12), version: 1 },
  );

  const rows = emptyRows();
  for (const { d, at, version } of decisions) addDecisionRow(rows, d, at, version ?? 1);
  // Hourly hashtag buckets as the pipeline writes them (here: one per flagged-post day).
  for (let d = 1; d <= 10; d++) {
    const n = FLAGGED[d - 1]!;
    if (n === 0) continue;
    addDecisionRow(
      rows,
      {
        kind: 'hashtag',
        record: {
          hashtag: 'النصر',
          bucket_start: DAY(d, 8),
          posts: n,
          accounts: 1,
          flagged_posts: n,
          flagged_share: 1,
        },
      },
      DAY(d, 9),
    );
  }
  await createDecisionStore(database).write(rows);
};
