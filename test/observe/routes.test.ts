import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/db.js';
import { startServer, type TestServer } from '../server/helpers.js';
import { DAY, seedObservatory } from './fixtures.js';

type Json = Record<string, unknown>;

for (const engine of await engines()) {
  describe(`observatory routes on ${engine}`, () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startServer(engine);
      await seedObservatory(s.tdb.database);
    });
    afterAll(async () => {
      await s.close();
    });
    const get = async <T = Json>(url: string): Promise<T> => {
      const res = await s.app.inject({ method: 'GET', url, headers: s.auth('viewer') });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as T;
    };

    it('serves the overview to a viewer, and refuses without a key or with a bad bucket', async () => {
      const o = await get<{ now: string; totals: { flagged_posts: number }; change_points: unknown[] }>(
        '/v1/observe/overview?bucket=day',
      );
      expect(o.now).toBe(DAY(10, 13));
      expect(o.totals.flagged_posts).toBe(49);
      expect(o.change_points).toHaveLength(2);
      const anon = await s.app.inject({ method: 'GET', url: '/v1/observe/overview' });
      expect(anon.statusCode).toBe(401);
      const bad = await s.app.inject({
        method: 'GET',
        url: '/v1/observe/overview?bucket=month',
        headers: s.auth('viewer'),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.field).toBe('query.bucket');
    });

    it('lists hashtags and shows one with its dominance per bucket and the raid marked', async () => {
      const list = await get<{ items: Array<{ key: string; posts: number; accounts: number }> }>(
        '/v1/observe/hashtags?from=2026-03-01T00:00:00Z&to=2026-03-11T00:00:00Z',
      );
      expect(list.items).toEqual([expect.objectContaining({ key: 'النصر', posts: 48, accounts: 1 })]);
      const one = await get<{
        series: Record<string, Array<[string, number | null]>>;
        markers: Json[];
        totals: Json;
      }>(`/v1/observe/hashtags/${encodeURIComponent('#النصر')}?bucket=day&from=2026-03-01T00:00:00Z`);
      expect(one.series.posts!.map(([, v]) => v)).toEqual([6, 6, 6, 6, 6, 0, 0, 6, 6, 6]);
      expect(one.series.flagged_share![5]![1]).toBeNull(); // no posts that day
      // a1 was flagged at 09:00 on day 2: its 08:00 post that day and day 1 do not count; the
      // telegram channel's post on day 2 (never flagged as an account) does not either.
      const byAccounts = one.series.flagged_account_share!.map(([, v]) => v);
      expect(byAccounts.slice(0, 3)).toEqual([0, 5 / 7, 1]);
      expect(one.markers).toEqual([
        expect.objectContaining({ campaign_id: 'raid-1', kind: 'raid', at: DAY(1, 8), until: DAY(3, 12) }),
      ]);
      const missing = await s.app.inject({
        method: 'GET',
        url: '/v1/observe/hashtags/nothing',
        headers: s.auth('viewer'),
      });
      expect(missing.statusCode).toBe(404);
    });

    it('lists campaigns and shows one with graph, timeline and its queue item after a sync', async () => {
      const list = await get<{ items: Array<{ id: string; versions: number }> }>(
        '/v1/observe/campaigns?from=2026-03-01T00:00:00Z',
      );
      expect(list.items.map((c) => [c.id, c.versions])).toEqual([['raid-1', 2]]);
      const sync = await s.app.inject({
        method: 'POST',
        url: '/v1/queue/sync',
        headers: s.auth('moderator'),
      });
      expect(sync.statusCode).toBe(200);
      const c = await get<{
        platform: string;
        graph: { nodes: Array<{ id: string; risk: number | null; handle: string }> };
        timeline: Array<[string, number]>;
        timeline_bucket: string;
        queue_item: { id: string } | null;
        history: Json[];
        evidence: string[];
      }>('/v1/observe/campaigns/raid-1');
      expect(c.platform).toBe('sim');
      expect(c.graph.nodes).toEqual([
        expect.objectContaining({ id: 'a1', handle: 'abu_muhammad', risk: 0.9 }),
      ]);
      expect(c.timeline_bucket).toBe('hour');
      // a1's posts in #النصر from day 1 08:00 to the hour after the last version (day 3 13:00).
      expect(c.timeline.reduce((a, [, n]) => a + n, 0)).toBe(17);
      expect(c.queue_item?.id).toBe('campaign:raid-1');
      expect(c.history).toHaveLength(2);
      expect(c.evidence).toEqual(['3 accounts posted']);
      const missing = await s.app.inject({
        method: 'GET',
        url: '/v1/observe/campaigns/nope',
        headers: s.auth('viewer'),
      });
      expect(missing.statusCode).toBe(404);
    });

    it('searches accounts across Arabic spellings, handles and ids', async () => {
      const byName = await get<{ items: Array<{ id: string; match: string; risk: number | null }> }>(
        `/v1/observe/accounts?q=${encodeURIComponent('ابو محمد')}`,
      );
      expect(byName.items).toEqual([expect.objectContaining({ id: 'a1', match: 'name', risk: 0.9 })]);
      const byHandle = await get<{ items: Array<{ id: string; match: string }> }>(
        '/v1/observe/accounts?q=LION',
      );
      expect(byHandle.items.map((a) => a.id)).toEqual(['lion1', 'lion2', 'lion3']);
      const exact = await get<{ items: Array<{ id: string; match: string }> }>(
        '/v1/observe/accounts?q=@news_desk',
      );
      expect(exact.items).toEqual([expect.objectContaining({ id: 'a2', match: 'id_or_handle' })]);
      const empty = await s.app.inject({
        method: 'GET',
        url: '/v1/observe/accounts?q=',
        headers: s.auth('viewer'),
      });
      expect(empty.statusCode).toBe(400);
    });

    it('shows an account with risk history, explained posts and campaigns', async () => {
      const a = await get<{
        risk: { risk: number };
        risk_history: Array<[string, number]>;
        posts: Array<{ id: string; decision: { explanations: Json[]; evidence: string[] } | null }>;
        campaigns: Array<{ id: string }>;
      }>('/v1/observe/accounts/sim/a1?posts=3');
      expect(a.risk.risk).toBe(0.9);
      expect(a.risk_history).toEqual([
        [DAY(1, 9), 0.4],
        [DAY(2, 9), 0.9],
      ]);
      expect(a.posts.map((p) => p.id)).toEqual(['f10-5', 'f10-4', 'f10-3']);
      expect(a.posts[0]!.decision).toMatchObject({
        explanations: [
          { ngram: 'نصر', weight: 1.84 },
          { ngram: 'الله', weight: 0.52 },
        ],
        evidence: ['bank match'],
      });
      expect(a.campaigns.map((c) => c.id).sort()).toEqual(['raid-1', 'raid-2']);
    });

    it('walks the whole re-creation chain A → B → C from any account in it', async () => {
      const expected = [
        expect.objectContaining({
          from: { platform: 'sim', id: 'lion1', handle: 'lion_1' },
          to: { platform: 'sim', id: 'lion2', handle: 'lion_2' },
          score: 0.8,
          at: DAY(3, 3),
          linked_by: ['handle edit distance 1 from lion1', 'same avatar'],
        }),
        expect.objectContaining({
          from: expect.objectContaining({ id: 'lion2' }),
          to: expect.objectContaining({ id: 'lion3' }),
        }),
      ];
      for (const id of ['lion1', 'lion2', 'lion3']) {
        const a = await get<{ lineage: Json[]; enforcement: Json[] }>(`/v1/observe/accounts/sim/${id}`);
        expect(a.lineage, id).toEqual(expected);
      }
      const lion1 = await get<{ enforcement: Json[] }>('/v1/observe/accounts/sim/lion1');
      expect(lion1.enforcement).toEqual([{ action: 'suspend', reason: null, at: DAY(2, 5), post_id: null }]);
      const missing = await s.app.inject({
        method: 'GET',
        url: '/v1/observe/accounts/sim/ghost',
        headers: s.auth('viewer'),
      });
      expect(missing.statusCode).toBe(404);
    });
  });
}
