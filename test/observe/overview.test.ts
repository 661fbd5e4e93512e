import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObserveService } from '../../src/observe/index.js';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db.js';
import { DAY, FLAGGED, NEWS, REPOSTS, seedObservatory } from './fixtures.js';

const values = (series: Array<[string, number]>) => series.map(([, v]) => v);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

for (const engine of await engines()) {
  describe(`observatory overview on ${engine}`, () => {
    let tdb: TestDatabase;
    let svc: ObserveService;
    beforeAll(async () => {
      tdb = await createTestDatabase(engine);
      await seedObservatory(tdb.database);
      svc = new ObserveService(tdb.database, () => new Date('2030-01-01T00:00:00Z'));
    });
    afterAll(async () => {
      await tdb.drop();
    });

    it('takes "now" from the stream and fills every day from the first post, zeros included', async () => {
      const o = await svc.overview({ bucket: 'day' });
      expect(o.now).toBe(DAY(10, 13)); // a1's last flagged post, not the wall clock
      expect(o.from).toBe('2026-03-01T00:00:00.000Z');
      expect(o.to).toBe('2026-03-11T00:00:00.000Z');
      for (const s of Object.values(o.series))
        expect(s.map(([t]) => t)).toEqual(o.series.posts.map(([t]) => t));
      expect(o.series.posts).toHaveLength(10);
      // Flagged: a1's posts plus the telegram post on day 2; days 6–7 silent.
      expect(values(o.series.flagged_posts)).toEqual([6, 7, 6, 6, 6, 0, 0, 6, 6, 6]);
      expect(values(o.series.active_flagged_accounts)).toEqual([1, 2, 1, 1, 1, 0, 0, 1, 1, 1]);
      // Posts: flagged + news + reposts, the reply and the telegram post on day 2.
      const posts = FLAGGED.map((f, i) => f + NEWS[i]! + REPOSTS[i]! + (i === 1 ? 2 : 0));
      expect(values(o.series.posts)).toEqual(posts);
      expect(values(o.series.new_accounts)).toEqual([2, 1, 1, 0, 1, 0, 0, 0, 0, 0]);
      // Suspensions only: the post removal on day 4 is not one.
      expect(values(o.series.suspensions)).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
      expect(values(o.series.recreations)).toEqual([0, 0, 1, 0, 1, 0, 0, 0, 0, 0]);
      // Reposts of flagged posts (3, 2, 1) and the reply on day 2.
      expect(values(o.series.flagged_engagement)).toEqual([3, 3, 1, 0, 0, 0, 0, 0, 0, 0]);
      expect(o.totals).toEqual({
        posts: sum(posts),
        flagged_posts: 49,
        active_flagged_accounts: 2, // distinct over the period, not a sum of days
        new_accounts: 5,
        suspensions: 2,
        recreations: 2,
        flagged_engagement: 7,
      });
    });

    it('breaks totals down by platform and language (the flagged post language for engagement)', async () => {
      const o = await svc.overview({ bucket: 'day' });
      expect(o.by_platform.telegram).toMatchObject({
        posts: 1,
        flagged_posts: 1,
        active_flagged_accounts: 1,
      });
      expect(o.by_platform.sim).toMatchObject({ flagged_posts: 48, suspensions: 2, flagged_engagement: 7 });
      expect(o.by_lang.en).toMatchObject({ posts: sum(NEWS) + sum(REPOSTS) + 1, flagged_posts: 0 });
      expect(o.by_lang.ar).toMatchObject({ flagged_posts: 49, flagged_engagement: 7 });
      const tg = await svc.overview({ bucket: 'day', platform: 'telegram' });
      expect(tg.totals).toMatchObject({ posts: 1, flagged_posts: 1, suspensions: 0 });
      const en = await svc.overview({ bucket: 'day', lang: 'en' });
      expect(en.totals.flagged_posts).toBe(0);
    });

    it('finds the constructed silence and the surge, with sentences in both languages', async () => {
      const o = await svc.overview({ bucket: 'day' });
      expect(o.change_points.map((c) => [c.metric, c.kind, c.at, c.until ?? null])).toEqual([
        ['flagged_posts', 'silence', '2026-03-06T00:00:00.000Z', '2026-03-08T00:00:00.000Z'],
        ['posts', 'surge', '2026-03-09T00:00:00.000Z', '2026-03-10T00:00:00.000Z'],
      ]);
      const [silence, surge] = o.change_points;
      expect(silence!.text_en).toBe('Flagged posts fell silent for two days (6 Mar – 7 Mar)');
      expect(silence!.text_ar).toContain('صمت تام لمدة يومين');
      expect(surge!.text_en).toContain('three times the usual level');
    });

    it('compares with the period of equal length just before', async () => {
      const o = await svc.overview({
        bucket: 'day',
        from: '2026-03-06T00:00:00Z',
        to: '2026-03-11T00:00:00Z',
      });
      expect(o.previous.from).toBe('2026-03-01T00:00:00.000Z');
      expect(o.previous.totals.flagged_posts).toBe(31);
      expect(o.totals.flagged_posts).toBe(18);
      expect(o.change.flagged_posts).toBeCloseTo(18 / 31);
      expect(o.change.flagged_engagement).toBe(0);
      expect(o.comparison_text.en).toContain(
        'Flagged posts: −42% in this period compared with the previous period',
      );
      expect(o.comparison_text.en).toContain('Engagement with flagged posts: −100%');
      expect(o.comparison_text.ar).toContain('مقارنة بالفترة السابقة');
    });

    it('names calendar months and simple ratios ("March is five times February")', async () => {
      const o = await svc.overview({
        bucket: 'day',
        from: '2026-03-01T00:00:00Z',
        to: '2026-04-01T00:00:00Z',
      });
      expect(o.previous.from).toBe('2026-02-01T00:00:00.000Z');
      const c = o.comparisons.find((x) => x.metric === 'new_accounts');
      expect(c?.text_en).toBe('New accounts: March is five times February (5 vs 1)');
      expect(c?.text_ar).toContain('خمسة أضعاف');
      expect(o.change.flagged_posts).toBeNull(); // nothing flagged in February
    });

    it('folds weeks from Monday and zero-fills hours', async () => {
      const w = await svc.overview({
        bucket: 'week',
        from: '2026-03-01T00:00:00Z',
        to: '2026-03-11T00:00:00Z',
      });
      expect(w.series.flagged_posts).toEqual([
        ['2026-02-23T00:00:00.000Z', 6],
        ['2026-03-02T00:00:00.000Z', 31],
        ['2026-03-09T00:00:00.000Z', 12],
      ]);
      const h = await svc.overview({ bucket: 'hour', from: DAY(1, 6), to: DAY(1, 12) });
      expect(values(h.series.flagged_posts)).toEqual([0, 0, 1, 1, 1, 1]);
      expect(h.series.suspensions).toHaveLength(6);
    });

    it('lists the top hashtags and campaigns of the period, leaving out merged campaigns', async () => {
      const o = await svc.overview({ bucket: 'day' });
      expect(o.top_hashtags).toEqual([
        { key: 'النصر', display: 'النصر', posts: 48, flagged_posts: 48, flagged_share: 1 },
      ]);
      expect(o.top_campaigns).toEqual([
        {
          id: 'raid-1',
          kind: 'hashtag_raid',
          accounts: 3,
          posts: 9,
          extremist_share: 0.9,
          first_at: DAY(1, 8),
          last_at: DAY(3, 12),
        },
      ]);
    });

    it('rejects a period of too many buckets and an inverted period', async () => {
      await expect(svc.overview({ bucket: 'hour', from: '2020-01-01T00:00:00Z' })).rejects.toThrow(
        /at most 2000/,
      );
      await expect(
        svc.overview({ bucket: 'day', from: '2026-03-05T00:00:00Z', to: '2026-03-01T00:00:00Z' }),
      ).rejects.toThrow(/before/);
    });
  });
}
