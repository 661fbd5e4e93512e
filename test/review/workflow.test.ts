import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewServices, readAudit } from '../../src/review/index.js';
import { engines } from '../helpers/db.js';
import { startServer, type TestServer } from '../server/helpers.js';
import { seedDecisions } from './fixtures.js';
import { startReceiver } from './receiver.js';

const SECRET = 'test-secret-0123456789abcdef';

for (const engine of await engines()) {
  describe(`moderation workflow on ${engine}`, () => {
    let s: TestServer;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    beforeAll(async () => {
      s = await startServer(engine);
      await seedDecisions(s.tdb.database);
      receiver = await startReceiver(SECRET);
    });
    afterAll(async () => {
      await receiver.close();
      await s.close();
    });
    const post = (url: string, payload: unknown, role: 'moderator' | 'admin' = 'moderator') =>
      s.app.inject({ method: 'POST', url, headers: s.auth(role), payload: payload as object });
    const services = () => createReviewServices(s.tdb.database, { now: () => s.clock.now });

    it('goes queue → decision → suspension → signed webhook → enforcement → appeal → overturn → restore', async () => {
      expect((await post('/v1/webhooks', { url: receiver.url, secret: SECRET }, 'admin')).statusCode).toBe(
        201,
      );
      await post('/v1/queue/sync', {});
      const item = 'account:twitter:a1';
      expect((await post(`/v1/queue/${item}/claim`, {})).statusCode).toBe(200);
      const early = await post('/v1/actions', {
        itemId: 'account:twitter:a3',
        type: 'suspend',
        reasonCode: 'propaganda',
      });
      expect(early.statusCode).toBe(409);
      expect(
        (await post(`/v1/queue/${item}/decision`, { decision: 'confirm', reasonCode: 'recruitment' }))
          .statusCode,
      ).toBe(200);

      const acted = await post('/v1/actions', { itemId: item, type: 'suspend', reasonCode: 'recruitment' });
      expect(acted.statusCode, acted.body).toBe(201);
      const { action, appealToken, enforcement } = acted.json() as {
        action: { id: string; accountId: string; platform: string; status: string };
        appealToken: string;
        enforcement: { stored: number };
      };
      expect(action).toMatchObject({ accountId: 'a1', platform: 'twitter', status: 'active' });
      expect(appealToken).toMatch(/^apl_/);
      expect(enforcement.stored).toBe(1);
      const enf = await s.tdb.database.db.selectFrom('enforcement').selectAll().execute();
      expect(enf).toMatchObject([
        { platform: 'twitter', account_id: 'a1', action: 'suspend', reason: 'marsad:recruitment' },
      ]);

      expect(await services().webhooks.deliverDue()).toBe(1);
      expect(receiver.received).toHaveLength(1);
      const first = receiver.received[0]!;
      expect(first.signatureValid).toBe(true);
      expect(first.headers['idempotency-key']).toBe(`action:${action.id}:taken`);
      expect(JSON.parse(first.body)).toMatchObject({
        event: 'action.taken',
        data: { id: action.id, appealToken },
      });
      expect(await services().webhooks.deliverDue()).toBe(0);

      const appeal = await s.app.inject({
        method: 'POST',
        url: '/v1/appeals',
        payload: { token: appealToken, statement: 'I was quoting news' },
      });
      expect(appeal.statusCode, appeal.body).toBe(201);
      const appealId = (appeal.json() as { id: string }).id;
      const twice = await s.app.inject({
        method: 'POST',
        url: '/v1/appeals',
        payload: { token: appealToken, statement: 'again' },
      });
      expect(twice.statusCode).toBe(409);
      const forged = await s.app.inject({
        method: 'POST',
        url: '/v1/appeals',
        payload: { token: 'apl_forged-token', statement: 'x' },
      });
      expect(forged.statusCode).toBe(404);

      const self = await post(`/v1/appeals/${appealId}/decision`, { decision: 'overturn' });
      expect(self.statusCode).toBe(403);
      const other = await post(
        `/v1/appeals/${appealId}/decision`,
        { decision: 'overturn', note: 'news context' },
        'admin',
      );
      expect(other.statusCode, other.body).toBe(200);
      expect(other.json()).toMatchObject({ status: 'overturned', decidedBy: s.keyIds.admin });
      const restored = await s.tdb.database.db
        .selectFrom('enforcement')
        .select(['action'])
        .orderBy('action')
        .execute();
      expect(restored.map((r) => r.action)).toEqual(['restore', 'suspend']);
      const actionNow = await s.app.inject({
        method: 'GET',
        url: `/v1/actions/${action.id}`,
        headers: s.auth('analyst'),
      });
      expect(actionNow.json()).toMatchObject({ status: 'overturned' });

      await services().webhooks.deliverDue();
      expect(receiver.received.map((r) => JSON.parse(r.body).event)).toEqual([
        'action.taken',
        'action.overturned',
      ]);
      expect(receiver.received.every((r) => r.signatureValid)).toBe(true);

      const stats = await s.app.inject({
        method: 'GET',
        url: '/v1/appeals/stats',
        headers: s.auth('viewer'),
      });
      expect(stats.json()).toEqual({ appeals: 1, open: 0, upheld: 0, overturned: 1, overturnRate: 1 });

      const log = await readAudit(s.tdb.database.db, { limit: 10_000 });
      const types = log.map((e) => e.type);
      for (const t of [
        'item_claimed',
        'item_decided',
        'action_taken',
        'appeal_filed',
        'action_overturned',
        'appeal_decided',
      ]) {
        expect(types).toContain(t);
      }
    });

    it('attaches counter-messaging resources to a redirect and labels without an enforcement event', async () => {
      const res = await post('/v1/actions', {
        type: 'redirect',
        platform: 'twitter',
        accountId: 'a3',
        reasonCode: 'propaganda',
        resources: [{ title: 'Leaving violence behind', url: 'https://example.org/help', lang: 'ar' }],
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        action: { type: 'redirect', params: { resources: [{ url: 'https://example.org/help' }] } },
        enforcement: null,
      });
      const noResources = await post('/v1/actions', {
        type: 'redirect',
        platform: 'twitter',
        accountId: 'a3',
        reasonCode: 'propaganda',
      });
      expect(noResources.statusCode).toBe(400);
      expect(noResources.json().error.details.field).toBe('body.resources');
    });

    it('retries a failing receiver with backoff and moves it to the dead-letter list, from where it can be retried', async () => {
      const failing = await startReceiver(SECRET, () => 500);
      const svc = createReviewServices(s.tdb.database, {
        now: () => s.clock.now,
        webhooks: { maxAttempts: 3, baseBackoffMs: 1000 },
      });
      try {
        const db = s.tdb.database.db;
        await svc.webhooks.deliverDue();
        await db.updateTable('webhooks').set({ active: 0 }).execute();
        await post('/v1/webhooks', { url: failing.url, secret: SECRET }, 'admin');
        await post('/v1/actions', {
          type: 'label',
          platform: 'twitter',
          postId: 'p2',
          reasonCode: 'propaganda',
          label: 'violent',
        });
        expect(await svc.webhooks.deliverDue()).toBe(1);
        // Not due again before the backoff has passed.
        expect(await svc.webhooks.deliverDue()).toBe(0);
        s.clock.now = new Date(s.clock.now.getTime() + 1000);
        expect(await svc.webhooks.deliverDue()).toBe(1);
        s.clock.now = new Date(s.clock.now.getTime() + 1999);
        expect(await svc.webhooks.deliverDue()).toBe(0);
        s.clock.now = new Date(s.clock.now.getTime() + 1);
        expect(await svc.webhooks.deliverDue()).toBe(1);
        expect(failing.received).toHaveLength(3);
        expect(new Set(failing.received.map((r) => r.headers['idempotency-key'])).size).toBe(1);
        const dead = await s.app.inject({
          method: 'GET',
          url: '/v1/webhooks/outbox?status=dead',
          headers: s.auth('admin'),
        });
        const letters = dead.json().items as Array<{ id: number; attempts: number; lastError: string }>;
        expect(letters).toHaveLength(1);
        expect(letters[0]).toMatchObject({ attempts: 3, lastError: 'HTTP 500' });
        const retry = await post(`/v1/webhooks/outbox/${letters[0]!.id}/retry`, {}, 'admin');
        expect(retry.json()).toMatchObject({ status: 'pending', attempts: 0 });
        expect(await svc.webhooks.deliverDue()).toBe(1);
        expect(failing.received).toHaveLength(4);
      } finally {
        await failing.close();
      }
    });

    it('deduplicates user reports per reporter and subject and raises the priority with each reporter', async () => {
      const report = (reporter: string, id = 'p4') =>
        s.app.inject({
          method: 'POST',
          url: '/v1/reports',
          payload: { platform: 'twitter', kind: 'post', id, reason: 'glorifies violence', reporter },
        });
      expect((await report('u1')).json()).toEqual({ accepted: true, duplicate: false });
      const item = async () =>
        (
          await s.app.inject({ method: 'GET', url: '/v1/queue/post:twitter:p4', headers: s.auth('analyst') })
        ).json() as {
          reporters: number;
          priority: number;
          origin: string;
        };
      const one = await item();
      expect(one).toMatchObject({ reporters: 1, origin: 'report' });
      expect((await report('u1')).json()).toEqual({ accepted: false, duplicate: true });
      expect((await item()).reporters).toBe(1);
      await report('u2');
      const two = await item();
      expect(two.reporters).toBe(2);
      expect(two.priority).toBeGreaterThan(one.priority);
    });
  });
}
