import { afterEach, describe, expect, it } from 'vitest';
import { QueueFullError } from '../../src/errors.js';
import { createHashtagDetector, createPostDecisionDetector, moduleSpec } from '../../src/pipeline/index.js';
import { LivePipeline, type LiveOptions } from '../../src/pipeline/live.js';
import { LiveQueue } from '../../src/pipeline/live-queue.js';
import { ingestBody } from '../../src/server/ingest-body.js';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db.js';
import { KEYWORD_CLASSIFIER } from './fixtures/streams.js';
import { shareRiskDetector } from './fixtures/test-detectors.js';

const T0 = Date.parse('2026-02-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const account = (id: string) =>
  JSON.stringify({ type: 'account', platform: 'sim', id, handle: id, name: id, created_at: iso(T0) });
const post = (id: string, by: string, t: number, text: string) =>
  JSON.stringify({ type: 'post', platform: 'sim', id, account_id: by, text, created_at: iso(T0 + t) });

describe('LiveQueue', () => {
  it('admits while there is room, refuses whole requests beyond, and admits anything when idle', () => {
    const q = new LiveQueue(10);
    const big = q.admit(50);
    expect(() => q.admit(1)).toThrow(QueueFullError);
    big.release();
    const a = q.admit(6);
    q.push([{ type: 'follow', platform: 'x', src: 'a', dst: 'b', created_at: iso(T0) }], 0);
    a.release();
    expect(q.depth).toBe(1);
    const b = q.admit(9);
    expect(() => q.admit(1)).toThrow(/queue is full/);
    expect(q.refused).toBe(2);
    b.release();
  });

  it('ends its iterator on close only after admitted requests have pushed their events', async () => {
    const q = new LiveQueue(10);
    const held = q.admit(1);
    q.close();
    const got: number[] = [];
    const reading = (async () => {
      for await (const batch of q) got.push(batch.length);
    })();
    q.push([{ type: 'follow', platform: 'x', src: 'a', dst: 'b', created_at: iso(T0) }], 0);
    held.release();
    await reading;
    expect(got).toEqual([1]);
    expect(() => q.admit(1)).toThrow(/shutting down/);
  });
});

describe.each(await engines())('LivePipeline restart (%s)', (engine) => {
  let tdb: TestDatabase | undefined;
  const pipelines: LivePipeline[] = [];
  afterEach(async () => {
    for (const p of pipelines.splice(0)) await p.stop();
    await tdb?.drop();
  });

  const opts = (over: Partial<LiveOptions> = {}): LiveOptions => ({
    classifier: moduleSpec(KEYWORD_CLASSIFIER),
    workers: 0,
    detectors: [createPostDecisionDetector(), createHashtagDetector(), shareRiskDetector()],
    warmup: false,
    syncIntervalMs: 10,
    ...over,
  });
  const start = async (over: Partial<LiveOptions> = {}) => {
    const p = await LivePipeline.start(tdb!.database, opts(over));
    pipelines.push(p);
    return p;
  };
  const rows = async () => {
    const db = tdb!.database.db;
    return {
      accounts: await db
        .selectFrom('decisions_accounts')
        .select(['account_id', 'version', 'risk', 'evidence'])
        .orderBy('account_id')
        .orderBy('version')
        .execute(),
      posts: (await db.selectFrom('decisions_posts').select('post_id').orderBy('post_id').execute()).map(
        (r) => r.post_id,
      ),
      buckets: await db.selectFrom('hashtag_buckets').selectAll().orderBy('hashtag_key').execute(),
      items: (await db.selectFrom('queue_items').select('id').orderBy('id').execute()).map((r) => r.id),
    };
  };

  it('warms the detectors from stored events without writing duplicates, fills a crash gap, and continues versions', async () => {
    tdb = await createTestDatabase(engine);
    const database = tdb.database;
    const first = await start();
    const body = [
      account('u1'),
      account('u2'),
      post('p1', 'u1', 1000, 'marker one #t'),
      post('p2', 'u1', 2000, 'plain two #t'),
      post('p3', 'u1', 3000, 'marker three #t'),
      post('q1', 'u2', 4000, 'plain #t'),
    ].join('\n');
    expect(await ingestBody(database, body, {}, first)).toMatchObject({ stored: 6, queued: 6 });
    await first.stop();
    const before = await rows();
    expect(before.accounts.filter((a) => a.account_id === 'u1').map((a) => a.version)).toEqual([1, 2, 3]);
    expect(before.posts).toEqual(['p1', 'p2', 'p3', 'q1']);
    expect(before.buckets).toHaveLength(1);
    expect(before.items.length).toBeGreaterThan(0);

    // A crash after storing p2 but before deciding it.
    await database.db.deleteFrom('decisions_posts').where('post_id', '=', 'p2').execute();
    const second = await start({ warmup: { windowMs: 24 * 3600_000, maxEvents: 1000 } });
    for (let i = 0; i < 400 && second.status().warmup.state !== 'done'; i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(second.status()).toMatchObject({ warmup: { state: 'done', events: 6 }, events: { replayed: 6 } });
    const after = await rows();
    expect(after).toEqual(before);

    // The warmed share-risk state knows u1's three posts: a fourth plain one gives 2 of 4, version 4.
    expect(await ingestBody(database, post('p4', 'u1', 5000, 'plain four'), {}, second)).toMatchObject({
      queued: 1,
    });
    await second.stop();
    const u1 = (await rows()).accounts.filter((a) => a.account_id === 'u1');
    expect(u1.map((a) => a.version)).toEqual([1, 2, 3, 4]);
    expect(JSON.parse(u1[3]!.evidence)).toEqual(['2 of 4 posts flagged']);

    // A restart that sees no new event writes nothing, at warm-up or at shutdown (`finish`).
    const settled = await rows();
    const third = await start({ warmup: { windowMs: 24 * 3600_000, maxEvents: 1000 } });
    await third.stop();
    expect(third.status().events.replayed).toBe(7);
    expect(await rows()).toEqual(settled);
  });

  it('writes no new version for a snapshot equal to the stored latest one', async () => {
    tdb = await createTestDatabase(engine);
    const first = await start();
    await ingestBody(tdb.database, [account('u1'), post('p1', 'u1', 1000, 'marker')].join('\n'), {}, first);
    await first.stop();
    // Without warm-up the detector starts empty: a flagged post at the same time gives "1 of 1" again.
    const second = await start();
    await ingestBody(tdb.database, post('p1b', 'u1', 1000, 'marker'), {}, second);
    await second.stop();
    expect((await rows()).accounts.map((a) => a.version)).toEqual([1]);
  });
});
