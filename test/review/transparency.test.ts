import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/db.js';
import { startServer, type TestServer } from '../server/helpers.js';
import { seedDecisions } from './fixtures.js';

for (const engine of await engines()) {
  describe(`transparency report on ${engine}`, () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startServer(engine);
      await seedDecisions(s.tdb.database);
      const mod = s.auth('moderator');
      const post = async (
        url: string,
        payload: object,
        headers: Record<string, string> = mod,
        status = 200,
      ) => {
        const res = await s.app.inject({ method: 'POST', url, headers, payload });
        expect(res.statusCode, res.body).toBe(status);
        return res.json() as Record<string, unknown>;
      };
      await post('/v1/queue/sync', {});
      await post(
        '/v1/reports',
        { platform: 'twitter', kind: 'post', id: 'p4', reason: 'threat', reporter: 'u1' },
        {},
        202,
      );
      await post('/v1/queue/post:twitter:p2/decision', { decision: 'confirm', reasonCode: 'propaganda' });
      await post('/v1/queue/post:twitter:p4/decision', { decision: 'confirm', reasonCode: 'propaganda' });
      await post('/v1/queue/bulk-decision', {
        target: { platform: 'twitter', suspendedAccountId: 'old' },
        decision: 'confirm',
        reasonCode: 'ban_evasion',
      });
      const a1 = await post(
        '/v1/actions',
        { itemId: 'post:twitter:p2', type: 'remove', reasonCode: 'propaganda' },
        mod,
        201,
      );
      await post(
        '/v1/actions',
        { itemId: 'post:twitter:p4', type: 'remove', reasonCode: 'propaganda' },
        mod,
        201,
      );
      await post(
        '/v1/actions',
        { type: 'suspend', platform: 'twitter', accountId: 'new', reasonCode: 'ban_evasion' },
        mod,
        201,
      );
      const appeal = await post(
        '/v1/appeals',
        { token: a1['appealToken'] as string, statement: 'satire' },
        {},
        201,
      );
      await post(`/v1/appeals/${appeal['id'] as string}/decision`, { decision: 'overturn' }, s.auth('admin'));
    });
    afterAll(async () => {
      await s.close();
    });

    const get = (format?: string) =>
      s.app.inject({
        method: 'GET',
        url: `/v1/transparency?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z${format ? `&format=${format}` : ''}`,
        headers: s.auth('viewer'),
      });

    it('counts actions by type, reason and platform, how they were found, timing, appeals and re-creations', async () => {
      const res = await get();
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        period: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' },
        actions: {
          total: 3,
          byType: { remove: 2, suspend: 1 },
          byReason: { propaganda: 2, ban_evasion: 1 },
          byPlatform: { twitter: 3 },
        },
        foundBy: { proactive: 1, report: 1, direct: 1 },
        proactiveShare: 0.5,
        // p2 was posted 26 h and p4 25 h before the actions; the suspended account has no posts.
        medianHoursFirstPostToAction: 25.5,
        appeals: { filed: 1, decided: 1, overturned: 1, overturnRate: 1 },
        recreationsCaught: 1,
      });
    });

    it('gives the same numbers as CSV and as a printable HTML page', async () => {
      const csv = await get('csv');
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body.split('\n')).toEqual(
        expect.arrayContaining([
          'actions,total,3',
          'appeals,overturn_rate,1',
          'found_by,proactive_share,0.5',
        ]),
      );
      const html = await get('html');
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.body).toContain('Transparency report');
      expect(html.body).toContain('50.0 %');
      expect(html.body).not.toContain('<script');
    });

    it('reports an empty period as zeros', async () => {
      const res = await s.app.inject({
        method: 'GET',
        url: '/v1/transparency?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z',
        headers: s.auth('viewer'),
      });
      expect(res.json()).toMatchObject({
        actions: { total: 0 },
        medianHoursFirstPostToAction: null,
        recreationsCaught: 0,
      });
    });
  });
}
