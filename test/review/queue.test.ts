import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../src/review/index.js';
import { engines } from '../helpers/db.js';
import { startServer, type TestServer } from '../server/helpers.js';
import { FIXTURE_ITEMS, seedDecisions } from './fixtures.js';

interface Item {
  id: string;
  kind: string;
  status: string;
  priority: number;
  claimedBy: string | null;
  reach: number;
  risk: number;
}

for (const engine of await engines()) {
  describe(`review queue on ${engine}`, () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startServer(engine);
      await seedDecisions(s.tdb.database);
    });
    afterAll(async () => {
      await s.close();
    });

    const get = async (url: string) => {
      const res = await s.app.inject({ method: 'GET', url, headers: s.auth('analyst') });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: Item[]; nextCursor: string | null };
    };
    const post = (
      url: string,
      payload: unknown,
      role: 'moderator' | 'admin' = 'moderator',
      headers = s.auth(role),
    ) => s.app.inject({ method: 'POST', url, headers, payload: payload as object });
    const auditCount = async () => (await readAudit(s.tdb.database.db, { limit: 100_000 })).length;

    it('creates one item per flagged post, flagged account, re-creation and campaign, idempotently', async () => {
      const first = await post('/v1/queue/sync', {});
      expect(first.json()).toEqual({ created: FIXTURE_ITEMS, rescored: 0, unchanged: 0 });
      const audits = await auditCount();
      const again = await post('/v1/queue/sync', {});
      expect(again.json()).toEqual({ created: 0, rescored: 0, unchanged: FIXTURE_ITEMS });
      expect(await auditCount()).toBe(audits);
      const all = await get('/v1/queue?limit=100');
      expect(all.items.map((i) => i.id).sort()).toEqual(
        [
          'account:twitter:a1',
          'account:twitter:a3',
          'account:twitter:new',
          'campaign:c1',
          'evasion:twitter:new',
          'post:telegram:tp1',
          'post:twitter:p1',
          'post:twitter:p2',
          'post:twitter:p3',
        ].sort(),
      );
      // Reach of p1 counts its two reposts on top of the author's followers.
      expect(all.items.find((i) => i.id === 'post:twitter:p1')?.reach).toBe(12);
    });

    it('orders by risk × reach × recency: wide reach first, a week-old post last among equal risk', async () => {
      const posts = (await get('/v1/queue?kind=post&platform=twitter')).items.map((i) => i.id);
      expect(posts).toEqual(['post:twitter:p2', 'post:twitter:p1', 'post:twitter:p3']);
      const items = (await get('/v1/queue?limit=100')).items;
      for (let i = 1; i < items.length; i++)
        expect(items[i - 1]!.priority).toBeGreaterThanOrEqual(items[i]!.priority);
    });

    it('filters by kind, platform, language, label, risk and time, and pages with a cursor', async () => {
      expect((await get('/v1/queue?platform=telegram')).items.map((i) => i.id)).toEqual([
        'post:telegram:tp1',
      ]);
      expect((await get('/v1/queue?lang=en')).items.map((i) => i.id)).toEqual(['post:telegram:tp1']);
      expect((await get('/v1/queue?label=hashtag_raid')).items.map((i) => i.id)).toEqual(['campaign:c1']);
      expect((await get('/v1/queue?riskMin=0.84&riskMax=0.86')).items.map((i) => i.id)).toEqual([
        'evasion:twitter:new',
      ]);
      expect((await get('/v1/queue?kind=post&to=2026-02-21T00:00:00Z')).items.map((i) => i.id)).toEqual([
        'post:twitter:p3',
      ]);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Item[]; nextCursor: string | null } = await get(
          `/v1/queue?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual((await get('/v1/queue?limit=100')).items.map((i) => i.id));
      const bad = await s.app.inject({
        method: 'GET',
        url: '/v1/queue?cursor=zzz',
        headers: s.auth('analyst'),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.field).toBe('cursor');
    });

    it('lets one moderator claim an item, refuses a second, and frees the claim after its timeout', async () => {
      const id = 'post:twitter:p2';
      const claimed = await post(`/v1/queue/${id}/claim`, { ttlSeconds: 60 });
      expect(claimed.statusCode).toBe(200);
      expect(claimed.json()).toMatchObject({ status: 'claimed', claimedBy: s.keyIds.moderator });
      const other = await post(`/v1/queue/${id}/claim`, {}, 'admin');
      expect(other.statusCode).toBe(409);
      const otherDecides = await post(
        `/v1/queue/${id}/decision`,
        { decision: 'confirm', reasonCode: 'propaganda' },
        'admin',
      );
      expect(otherDecides.statusCode).toBe(409);
      s.clock.now = new Date(s.clock.now.getTime() + 61_000);
      expect(
        (await get(`/v1/queue?status=open&kind=post&platform=twitter`)).items.map((i) => i.id),
      ).toContain(id);
      const expired = await s.app.inject({
        method: 'GET',
        url: `/v1/queue/${id}`,
        headers: s.auth('analyst'),
      });
      expect(expired.json()).toMatchObject({ status: 'open', claimedBy: null });
      const taken = await post(`/v1/queue/${id}/claim`, {}, 'admin');
      expect(taken.statusCode).toBe(200);
      const released = await post(`/v1/queue/${id}/release`, {}, 'admin');
      expect(released.json()).toMatchObject({ status: 'open' });
    });

    it('records the expiry of an abandoned claim in the audit log', async () => {
      const id = 'post:twitter:p3';
      await post(`/v1/queue/${id}/claim`, { ttlSeconds: 30 });
      s.clock.now = new Date(s.clock.now.getTime() + 31_000);
      const { createReviewServices, SYSTEM_ACTOR } = await import('../../src/review/index.js');
      const svc = createReviewServices(s.tdb.database, { now: () => s.clock.now });
      expect(await svc.queue.expireClaims(SYSTEM_ACTOR)).toBe(1);
      const log = await readAudit(s.tdb.database.db, {
        subjectKind: 'queue_item',
        subjectId: id,
        limit: 100,
      });
      expect(log.map((e) => e.type)).toEqual(['item_created', 'item_claimed', 'claim_expired']);
    });

    it('decides with a reason code and note, and refuses to decide a decided item again', async () => {
      const id = 'post:telegram:tp1';
      const res = await post(`/v1/queue/${id}/decision`, {
        decision: 'confirm',
        reasonCode: 'propaganda',
        note: 'clear',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'confirmed',
        decision: 'confirm',
        reasonCode: 'propaganda',
        note: 'clear',
      });
      const again = await post(`/v1/queue/${id}/decision`, {
        decision: 'dismiss',
        reasonCode: 'not_violating',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('conflict');
      const esc = await post('/v1/queue/post:twitter:p3/decision', {
        decision: 'escalate',
        reasonCode: 'other',
      });
      expect(esc.json()).toMatchObject({ status: 'escalated' });
      const resolved = await post(
        '/v1/queue/post:twitter:p3/decision',
        { decision: 'dismiss', reasonCode: 'news_or_counter_speech' },
        'admin',
      );
      expect(resolved.json()).toMatchObject({ status: 'dismissed' });
      expect((await get('/v1/queue?status=confirmed')).items.map((i) => i.id)).toEqual([id]);
    });

    it('decides a whole campaign and a whole re-creation lineage in bulk', async () => {
      const campaign = await post('/v1/queue/bulk-decision', {
        target: { campaignId: 'c1' },
        decision: 'confirm',
        reasonCode: 'coordinated_campaign',
      });
      expect(campaign.statusCode, campaign.body).toBe(200);
      expect(campaign.json().decided.sort()).toEqual([
        'account:twitter:a1',
        'account:twitter:a3',
        'campaign:c1',
      ]);
      const lineage = await post('/v1/queue/bulk-decision', {
        target: { platform: 'twitter', suspendedAccountId: 'old' },
        decision: 'confirm',
        reasonCode: 'ban_evasion',
      });
      expect(lineage.json().decided.sort()).toEqual(['account:twitter:new', 'evasion:twitter:new']);
      const none = await post('/v1/queue/bulk-decision', {
        target: { campaignId: 'nope' },
        decision: 'confirm',
        reasonCode: 'other',
      });
      expect(none.statusCode).toBe(404);
      const log = await readAudit(s.tdb.database.db, { subjectId: 'campaign:c1', limit: 10 });
      expect(log.at(-1)).toMatchObject({
        type: 'item_decided',
        actorName: 'moderator-key',
        after: { bulk: 'campaign:c1' },
      });
    });

    it('does not reopen decided items on a later sync', async () => {
      const res = await post('/v1/queue/sync', {});
      expect(res.json().created).toBe(0);
      expect((await get('/v1/queue?status=confirmed&limit=100')).items.length).toBe(6);
    });
  });
}

describe('labelled data from decisions', () => {
  it('exports confirmed posts with their label and dismissed ones as the negative class', async () => {
    const { exportDecisions } = await import('../../src/review/index.js');
    const s = await startServer('sqlite');
    try {
      await seedDecisions(s.tdb.database);
      const post = (url: string, payload: object) =>
        s.app.inject({ method: 'POST', url, headers: s.auth('moderator'), payload });
      await post('/v1/queue/sync', {});
      await post('/v1/queue/post:twitter:p1/decision', { decision: 'confirm', reasonCode: 'propaganda' });
      await post('/v1/queue/post:twitter:p2/decision', { decision: 'dismiss', reasonCode: 'not_violating' });
      await post('/v1/queue/post:twitter:p3/decision', { decision: 'escalate', reasonCode: 'other' });
      await post('/v1/queue/account:twitter:a1/decision', { decision: 'confirm', reasonCode: 'propaganda' });
      const rows = [];
      for await (const r of exportDecisions(s.tdb.database)) rows.push(r);
      expect(rows.map((r) => [r.id, r.label, r.text])).toEqual([
        ['twitter:p1', 'extremist', 'placeholder text p1'],
        ['twitter:p2', 'neutral', 'placeholder text p2'],
      ]);
    } finally {
      await s.close();
    }
  });
});
