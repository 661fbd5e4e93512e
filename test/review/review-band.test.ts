import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEEDS_REVIEW_LABEL, REVIEW_RISK_FACTOR } from '../../src/review/priority.js';
import { syncQueueFromDecisions } from '../../src/review/sync.js';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db.js';
import { decision, FIXTURE_ITEMS, post, seedDecisions } from './fixtures.js';

// Posts the model sent to review (its review band), not flagged: queued as "needs review", below
// flagged posts. rv1 is by the fixture's most followed account, so only the review discount can
// put it below the flagged posts of small accounts.
const AT = '2026-02-28T10:00:00.000Z';

for (const engine of await engines()) {
  describe(`review band items on ${engine}`, () => {
    let tdb: TestDatabase;
    beforeAll(async () => {
      tdb = await createTestDatabase(engine);
      await seedDecisions(tdb.database);
      await tdb.database.db
        .insertInto('posts')
        .values([post('twitter', 'rv1', 'a2', AT), post('twitter', 'quiet', 'a2', AT)])
        .execute();
      await tdb.database.db
        .insertInto('decisions_posts')
        .values([
          { ...decision('twitter', 'rv1', 'a2', 0.8, AT, 0, 1), label: 'news' },
          decision('twitter', 'quiet', 'a2', 0.8, AT, 0, 0),
        ])
        .execute();
    });
    afterAll(async () => {
      await tdb.drop();
    });

    const items = () =>
      tdb.database.db.selectFrom('queue_items').selectAll().orderBy('log_priority', 'desc').execute();

    it('queues review posts as needs-review items below every flagged post, and no unflagged post without review', async () => {
      const summary = await syncQueueFromDecisions(tdb.database, new Date('2026-03-01T00:00:00.000Z'));
      expect(summary.created).toBe(FIXTURE_ITEMS + 1);
      const all = await items();
      expect(all.find((i) => i.subject_id === 'quiet')).toBeUndefined();
      const rv = all.find((i) => i.id === 'post:twitter:rv1');
      expect(rv?.label).toBe(NEEDS_REVIEW_LABEL);
      expect(rv?.risk).toBeCloseTo(0.8 * REVIEW_RISK_FACTOR);
      expect(JSON.parse(rv?.evidence ?? 'null')).toMatchObject({
        review: true,
        flagged: false,
        model_label: 'news',
      });
      const flaggedPosts = all.filter((i) => i.kind === 'post' && i.label !== NEEDS_REVIEW_LABEL);
      expect(flaggedPosts.length).toBeGreaterThan(0);
      // Same time as p1/p2 and a much larger reach than p1's account, still below them (older flagged
      // posts may rank lower: recency applies to every item alike).
      const sameTime = flaggedPosts.filter((i) => i.source_at === AT);
      expect(sameTime.map((i) => i.subject_id).sort()).toEqual(['p1', 'p2']);
      for (const f of sameTime) expect(f.log_priority).toBeGreaterThan(rv?.log_priority ?? Infinity);
    });

    it('relabels an open review item when a later decision flags the post', async () => {
      await tdb.database.db
        .updateTable('decisions_posts')
        .set({
          flagged: 1,
          review: 0,
          label: 'extremist',
          scores: JSON.stringify({ extremist: 0.97, news: 0.03 }),
        })
        .where('post_id', '=', 'rv1')
        .execute();
      const summary = await syncQueueFromDecisions(tdb.database, new Date('2026-03-01T00:00:00.000Z'));
      expect(summary.rescored).toBe(1);
      const rv = (await items()).find((i) => i.id === 'post:twitter:rv1');
      expect(rv?.label).toBe('extremist');
      expect(rv?.risk).toBeCloseTo(0.97);
    });

    it('exports a confirmed needs-review item as extremist training data, not as "needs_review"', async () => {
      const { exportDecisions, createReviewServices } = await import('../../src/review/index.js');
      await tdb.database.db
        .insertInto('posts')
        .values(post('twitter', 'rv2', 'a2', AT))
        .execute();
      await tdb.database.db
        .insertInto('decisions_posts')
        .values({ ...decision('twitter', 'rv2', 'a2', 0.7, AT, 0, 1), label: 'other' })
        .execute();
      await syncQueueFromDecisions(tdb.database, new Date('2026-03-01T00:00:00.000Z'));
      const { queue } = createReviewServices(tdb.database);
      const moderator = { id: 'm1', name: 'moderator one', role: 'moderator' as const };
      await queue.decide(moderator, 'post:twitter:rv2', { decision: 'confirm', reasonCode: 'propaganda' });
      const rows = [];
      for await (const r of exportDecisions(tdb.database)) rows.push(r);
      expect(rows.find((r) => r.id === 'twitter:rv2')?.label).toBe('extremist');
    });
  });
}
