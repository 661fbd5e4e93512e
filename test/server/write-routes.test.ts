import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../src/review/index.js';
import { ROUTES } from '../../src/server/index.js';
import { ROOT } from '../helpers/cli.js';
import { engines } from '../helpers/db.js';
import { seedDecisions } from '../review/fixtures.js';
import { startServer, type TestServer } from './helpers.js';

// One bad request per write route: each must answer 400 naming the field and write nothing.
const BAD: Record<string, { url: string; payload?: unknown; field: string; raw?: string }> = {
  'POST /v1/events': { url: '/v1/events?format=klingon', raw: '{"type":"post"}\n', field: 'query.format' },
  'POST /v1/queue/:id/claim': {
    url: '/v1/queue/post:twitter:p1/claim',
    payload: { ttlSeconds: 5 },
    field: 'body.ttlSeconds',
  },
  'POST /v1/queue/:id/assign': { url: '/v1/queue/post:twitter:p1/assign', payload: {}, field: 'body.keyId' },
  'POST /v1/queue/:id/release': {
    url: `/v1/queue/${'x'.repeat(601)}/release`,
    payload: {},
    field: 'params.id',
  },
  'POST /v1/queue/:id/decision': {
    url: '/v1/queue/post:twitter:p1/decision',
    payload: { decision: 'delete', reasonCode: 'propaganda' },
    field: 'body.decision',
  },
  'POST /v1/queue/bulk-decision': {
    url: '/v1/queue/bulk-decision',
    payload: { target: { campaignId: 'c1' }, decision: 'confirm', reasonCode: 'because' },
    field: 'body.reasonCode',
  },
  'POST /v1/keys': { url: '/v1/keys', payload: { name: 'x', role: 'root' }, field: 'body.role' },
  'DELETE /v1/keys/:id': { url: `/v1/keys/${'k'.repeat(65)}`, field: 'params.id' },
  'POST /v1/models/:id/promote': { url: `/v1/models/${'m'.repeat(65)}/promote`, field: 'params.id' },
  'POST /v1/actions': {
    url: '/v1/actions',
    payload: { type: 'suspend', platform: 'twitter', reasonCode: 'propaganda' },
    field: 'body.accountId',
  },
  'POST /v1/webhooks': { url: '/v1/webhooks', payload: { url: 'ftp://example.org/x' }, field: 'body.url' },
  'POST /v1/webhooks/outbox/:id/retry': {
    url: '/v1/webhooks/outbox/zero/retry',
    payload: {},
    field: 'params.id',
  },
  'POST /v1/appeals': {
    url: '/v1/appeals',
    payload: { token: 'apl_12345678', statement: '   ' },
    field: 'body.statement',
  },
  'POST /v1/appeals/:id/decision': {
    url: '/v1/appeals/a1/decision',
    payload: { decision: 'maybe' },
    field: 'body.decision',
  },
  'POST /v1/reports': {
    url: '/v1/reports',
    payload: { platform: 'twitter', kind: 'hashtag', id: 'x', reason: 'r' },
    field: 'body.kind',
  },
};
/** Write routes without input to get wrong. */
const NO_INPUT = new Set(['POST /v1/queue/sync']);

const STATE_TABLES = [
  'queue_items',
  'queue_groups',
  'actions',
  'appeals',
  'api_keys',
  'webhooks',
  'webhook_outbox',
  'reports',
  'moderation_events',
  'posts',
  'accounts',
  'quarantine',
] as const;

for (const engine of await engines()) {
  describe(`write routes on ${engine}`, () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startServer(engine);
      await seedDecisions(s.tdb.database);
      await s.app.inject({ method: 'POST', url: '/v1/queue/sync', headers: s.auth('moderator') });
    });
    afterAll(async () => {
      await s.close();
    });

    const counts = async () => {
      const out: Record<string, number> = {};
      for (const t of STATE_TABLES) {
        const r = await s.tdb.database.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        out[t] = Number(r.n);
      }
      return out;
    };

    it('has a bad-input case for every write route', () => {
      const writes = ROUTES.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`);
      expect(writes.filter((w) => !NO_INPUT.has(w) && !BAD[w])).toEqual([]);
    });

    for (const [route, bad] of Object.entries(BAD)) {
      it(`${route}: answers 400 naming ${bad.field} and writes nothing`, async () => {
        const before = await counts();
        const [method] = route.split(' ') as ['POST' | 'DELETE'];
        const res = await s.app.inject({
          method,
          url: bad.url,
          headers: {
            ...s.auth('admin'),
            ...(bad.raw !== undefined ? { 'content-type': 'application/x-ndjson' } : {}),
          },
          ...(bad.raw !== undefined
            ? { payload: bad.raw }
            : bad.payload !== undefined
              ? { payload: bad.payload as object }
              : {}),
        });
        expect(res.statusCode, res.body).toBe(400);
        const body = res.json() as { error: { code: string; message: string; details?: { field?: string } } };
        expect(body.error.code).toBe('invalid_input');
        expect(body.error.message).toContain(bad.field);
        expect(await counts()).toEqual(before);
      });
    }

    it('answers malformed JSON with 400 in the error format', async () => {
      const res = await s.app.inject({
        method: 'POST',
        url: '/v1/keys',
        headers: { ...s.auth('admin'), 'content-type': 'application/json' },
        payload: '{"name": ',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
      const missing = await s.app.inject({
        method: 'GET',
        url: '/v1/nothing-here',
        headers: s.auth('admin'),
      });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({
        error: { code: 'not_found', message: 'no route GET /v1/nothing-here' },
      });
    });

    it('ingests NDJSON and JSON arrays over HTTP with per-record errors, quarantining the bad ones', async () => {
      const ndjson = [
        '{"type":"account","platform":"sim","id":"u1","handle":"u1","name":"U One","created_at":"2026-01-01T00:00:00Z"}',
        '{"type":"post","platform":"sim","id":"s1","account_id":"u1","text":"hello","created_at":"2026-01-02T00:00:00Z"}',
        '{"type":"post","platform":"sim","id":"s2","account_id":"u1","created_at":"2026-01-02T00:00:00Z"}',
      ].join('\n');
      const res = await s.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { ...s.auth('analyst'), 'content-type': 'application/x-ndjson' },
        payload: ndjson,
      });
      expect(res.statusCode, res.body).toBe(200);
      const out = res.json() as {
        stored: number;
        quarantined: number;
        errors: Array<{ line: number; field: string }>;
      };
      expect(out).toMatchObject({ format: 'canonical', read: 3, stored: 2, quarantined: 1 });
      expect(out.errors).toEqual([expect.objectContaining({ line: 3, field: 'text' })]);
      const arr = await s.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: s.auth('analyst'),
        payload: [
          {
            type: 'post',
            platform: 'sim',
            id: 's3',
            account_id: 'u1',
            text: 'again',
            created_at: '2026-01-03T00:00:00Z',
          },
        ],
      });
      expect(arr.json()).toMatchObject({ stored: 1, quarantined: 0 });
      const posts = await s.app.inject({
        method: 'GET',
        url: '/v1/posts?platform=sim',
        headers: s.auth('viewer'),
      });
      expect((posts.json() as { items: Array<{ id: string }> }).items.map((p) => p.id)).toEqual(['s3', 's1']);
    });

    it('keeps the audit log append-only: no code path updates or deletes it', () => {
      const files: string[] = [];
      const walk = (dir: string) => {
        for (const f of readdirSync(dir)) {
          const p = path.join(dir, f);
          if (statSync(p).isDirectory()) walk(p);
          else if (p.endsWith('.ts')) files.push(p);
        }
      };
      walk(path.join(ROOT, 'src'));
      for (const f of files) {
        const text = readFileSync(f, 'utf8');
        expect(text, f).not.toMatch(/(updateTable|deleteFrom)\(\s*'moderation_events'/);
        expect(text, f).not.toMatch(/(UPDATE|DELETE FROM)\s+moderation_events/i);
      }
    });

    it('derives the current state of every queue item from its audit records', async () => {
      // A mix of state changes first.
      const mod = s.auth('moderator');
      await s.app.inject({
        method: 'POST',
        url: '/v1/queue/post:twitter:p2/claim',
        headers: mod,
        payload: {},
      });
      await s.app.inject({
        method: 'POST',
        url: '/v1/queue/post:twitter:p1/decision',
        headers: mod,
        payload: { decision: 'dismiss', reasonCode: 'not_violating' },
      });
      await s.app.inject({
        method: 'POST',
        url: '/v1/queue/bulk-decision',
        headers: mod,
        payload: { target: { campaignId: 'c1' }, decision: 'escalate', reasonCode: 'coordinated_campaign' },
      });
      await s.app.inject({
        method: 'POST',
        url: '/v1/reports',
        payload: { platform: 'twitter', kind: 'account', id: 'zz', reason: 'r' },
      });
      const log = await readAudit(s.tdb.database.db, { subjectKind: 'queue_item', limit: 100_000 });
      const derived = new Map<string, Record<string, unknown>>();
      for (const e of log) {
        const after = e.after as Record<string, unknown> | null;
        if (after && 'status' in after) derived.set(e.subjectId, after);
      }
      const rows = await s.tdb.database.db.selectFrom('queue_items').selectAll().execute();
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        const d = derived.get(r.id);
        expect(d, r.id).toBeDefined();
        expect(
          {
            status: d?.['status'],
            claimed_by: d?.['claimed_by'],
            decision: d?.['decision'],
            reason_code: d?.['reason_code'],
          },
          r.id,
        ).toEqual({
          status: r.status,
          claimed_by: r.claimed_by,
          decision: r.decision,
          reason_code: r.reason_code,
        });
      }
      // Every key, action, appeal, webhook and report has its audit record.
      const all = await readAudit(s.tdb.database.db, { limit: 100_000 });
      const keys = await s.tdb.database.db.selectFrom('api_keys').select('id').execute();
      for (const k of keys)
        expect(all.some((e) => e.type === 'key_created' && e.subjectId === k.id)).toBe(true);
      expect(all.filter((e) => e.type === 'report_received')).toHaveLength(1);
    });
  });
}
