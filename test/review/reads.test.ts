import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/db.js';
import { startServer, type TestServer } from '../server/helpers.js';
import { seedDecisions } from './fixtures.js';

const bucket = (key: string, at: string, posts: number, flagged: number) => ({
  hashtag_key: key,
  bucket_start: at,
  hashtag: key,
  posts,
  accounts: 1,
  flagged_posts: flagged,
  flagged_share: flagged / posts,
});

for (const engine of await engines()) {
  describe(`read routes on ${engine}`, () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startServer(engine);
      await seedDecisions(s.tdb.database);
      await s.tdb.database.db
        .insertInto('hashtag_buckets')
        .values([
          bucket('tag_one', '2026-02-28T09:00:00.000Z', 10, 8),
          bucket('tag_one', '2026-02-28T10:00:00.000Z', 20, 10),
          bucket('tag_two', '2026-02-28T10:00:00.000Z', 50, 1),
        ])
        .execute();
    });
    afterAll(async () => {
      await s.close();
    });
    const get = async (url: string) => {
      const res = await s.app.inject({ method: 'GET', url, headers: s.auth('viewer') });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Record<string, unknown>;
    };

    it('shows an account with its latest risk and its re-creation lineage both ways', async () => {
      expect(await get('/v1/accounts/twitter/new')).toMatchObject({
        profile: { handle: 'h_new', followers: 5 },
        risk: { risk: 0.7, version: 1 },
        lineage: { recreationOf: [{ accountId: 'old', score: 0.85 }], recreatedAs: [] },
      });
      expect(await get('/v1/accounts/twitter/old')).toMatchObject({
        risk: null,
        lineage: { recreatedAs: [{ accountId: 'new' }] },
      });
      const missing = await s.app.inject({
        method: 'GET',
        url: '/v1/accounts/twitter/ghost',
        headers: s.auth('viewer'),
      });
      expect(missing.statusCode).toBe(404);
    });

    it('searches posts by account and flag, newest first, with a cursor', async () => {
      const flagged = (await get('/v1/posts?platform=twitter&flagged=true&limit=2')) as {
        items: Array<{ id: string }>;
        nextCursor: string;
      };
      expect(flagged.items.map((p) => p.id)).toEqual(['p1', 'p2']);
      const rest = (await get(
        `/v1/posts?platform=twitter&flagged=true&limit=2&cursor=${flagged.nextCursor}`,
      )) as {
        items: Array<{ id: string }>;
        nextCursor: string | null;
      };
      expect(rest.items.map((p) => p.id)).toEqual(['p3']);
      expect(rest.nextCursor).toBeNull();
      const byAccount = (await get('/v1/posts?account=a1')) as {
        items: Array<{ id: string; decision: { flagged: boolean } }>;
      };
      expect(byAccount.items.map((p) => [p.id, p.decision.flagged])).toEqual([
        ['p4', false],
        ['p1', true],
      ]);
    });

    it('ranks hashtags by flagged posts and gives the hourly series of one', async () => {
      const tags = (await get('/v1/hashtags')) as {
        items: Array<{ key: string; posts: number; flaggedPosts: number }>;
      };
      expect(tags.items.map((t) => [t.key, t.posts, t.flaggedPosts])).toEqual([
        ['tag_one', 30, 18],
        ['tag_two', 50, 1],
      ]);
      const series = (await get('/v1/hashtags/tag_one/series?from=2026-02-28T10:00:00Z')) as {
        items: Array<{ posts: number }>;
      };
      expect(series.items.map((b) => b.posts)).toEqual([20]);
      const campaigns = (await get('/v1/campaigns')) as { items: Array<{ id: string; accounts: string[] }> };
      expect(campaigns.items).toEqual([expect.objectContaining({ id: 'c1', accounts: ['a1', 'a3'] })]);
    });
  });
}
