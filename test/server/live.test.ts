import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { moduleSpec } from '../../src/pipeline/index.js';
import { LivePipeline, type LiveOptions } from '../../src/pipeline/live.js';
import { buildServer } from '../../src/server/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { KEYWORD_CLASSIFIER } from '../pipeline/fixtures/streams.js';
import { startServer, type TestServer } from './helpers.js';

// The server's live pipeline: POST /v1/events → detectors → decisions → review queue, with a
// bounded queue (503 + Retry-After), idempotent re-posts, status and SSE, drain on stop.

const T0 = Date.parse('2026-02-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const account = (id: string, t = T0) =>
  JSON.stringify({ type: 'account', platform: 'sim', id, handle: id, name: `N ${id}`, created_at: iso(t) });
const post = (id: string, by: string, t: number, text: string) =>
  JSON.stringify({ type: 'post', platform: 'sim', id, account_id: by, text, lang: 'ar', created_at: iso(t) });
const ndjson = (lines: string[]) => `${lines.join('\n')}\n`;

const liveOpts = (over: Partial<LiveOptions> = {}): LiveOptions => ({
  classifier: moduleSpec(KEYWORD_CLASSIFIER, { slowMs: 1500 }),
  workers: 0,
  warmup: false,
  syncIntervalMs: 20,
  tickMs: 50,
  ...over,
});

const until = async (what: string, check: () => Promise<boolean> | boolean): Promise<void> => {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
};

const count = async (database: Database, table: 'decisions_posts' | 'queue_items' | 'posts') =>
  Number(
    (
      await database.db
        .selectFrom(table)
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(await engines())('live pipeline in the server (%s)', (engine) => {
  let s: TestServer | undefined;
  let live: LivePipeline | undefined;
  let database: Database;

  const start = async (over: Partial<LiveOptions> = {}) => {
    s = await startServer(engine);
    database = s.tdb.database;
    live = await LivePipeline.start(database, liveOpts(over));
    // A second app on the same database with the pipeline (the helper's app has none).
    const app = await buildServer(database, { live });
    return { app, auth: s.auth.bind(s) };
  };

  afterEach(async () => {
    await live?.stop();
    live = undefined;
    await s?.close();
    s = undefined;
  });

  it('classifies what arrives, writes decisions, fills the review queue, and ignores re-posts', async () => {
    const { app, auth } = await start();
    const body = ndjson([
      account('u1'),
      account('u2'),
      post('p1', 'u1', T0 + 1000, 'a marker text #tag'),
      post('p2', 'u2', T0 + 2000, 'an ordinary text #tag'),
      post('p3', 'u1', T0 + 3000, 'marker again'),
    ]);
    const first = await app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...auth('analyst'), 'content-type': 'application/x-ndjson' },
      payload: body,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ read: 5, stored: 5, queued: 5 });
    await until('decisions of the 3 posts', async () => (await count(database, 'decisions_posts')) === 3);
    await until('queue items of the flagged posts', async () => {
      const q = await app.inject({ method: 'GET', url: '/v1/queue?kind=post', headers: auth('analyst') });
      return (q.json() as { items: unknown[] }).items.length === 2;
    });
    const q = await app.inject({ method: 'GET', url: '/v1/queue?kind=post', headers: auth('analyst') });
    expect(
      (q.json() as { items: Array<{ subjectId: string }> }).items.map((i) => i.subjectId).sort(),
    ).toEqual(['p1', 'p3']);
    const itemsBefore = await count(database, 'queue_items');

    const again = await app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...auth('analyst'), 'content-type': 'application/x-ndjson' },
      payload: body,
    });
    expect(again.json()).toMatchObject({ read: 5, stored: 0, duplicates: 5, queued: 0 });
    const status = await app.inject({ method: 'GET', url: '/v1/live/status', headers: auth('viewer') });
    expect(status.statusCode).toBe(200);
    const st = status.json() as {
      events: { processed: number };
      queue: { enqueued: number; depth: number };
      decisions: { post: number };
      flaggedPosts: number;
      streamTime: string;
    };
    expect(st.queue.enqueued).toBe(5);
    expect(st.events.processed).toBe(5);
    expect(st.decisions.post).toBe(3);
    expect(st.flaggedPosts).toBe(2);
    expect(st.streamTime).toBe(iso(T0 + 3000));
    expect(await count(database, 'decisions_posts')).toBe(3);
    expect(await count(database, 'queue_items')).toBe(itemsBefore);
    await app.close();
  });

  it('answers 503 with Retry-After when the queue is full, stores nothing of that request, and loses nothing accepted', async () => {
    const { app, auth } = await start({ capacity: 3 });
    const send = (lines: string[]) =>
      app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { ...auth('analyst'), 'content-type': 'application/x-ndjson' },
        payload: ndjson(lines),
      });
    expect((await send([account('u1')])).statusCode).toBe(200);
    // The pipeline takes this batch and stays busy on it (the test classifier sleeps on "slow").
    const slow = await send([post('s1', 'u1', T0 + 1, 'slow marker'), post('s2', 'u1', T0 + 2, 'x')]);
    expect(slow.json()).toMatchObject({ queued: 2 });
    await until('the slow batch to be taken', () => live!.status().queue.depth === 0);
    const fills = await send([
      post('f1', 'u1', T0 + 3, 'a'),
      post('f2', 'u1', T0 + 4, 'b'),
      post('f3', 'u1', T0 + 5, 'c'),
    ]);
    expect(fills.json()).toMatchObject({ stored: 3, queued: 3 });
    const refused = await send([post('r1', 'u1', T0 + 6, 'refused marker')]);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json().error.code).toBe('queue_full');
    expect(
      await database.db.selectFrom('posts').select('id').where('id', '=', 'r1').executeTakeFirst(),
    ).toBeUndefined();
    expect(live!.status().queue.refused).toBe(1);

    await until('the queue to drain', () => live!.status().events.processed === 6);
    const retried = await send([post('r1', 'u1', T0 + 6, 'refused marker')]);
    expect(retried.json()).toMatchObject({ stored: 1, queued: 1 });
    await until('every post decided', async () => (await count(database, 'decisions_posts')) === 6);
    await app.close();
  });

  it('drains the queue on stop: events accepted just before are decided, later ones refused', async () => {
    const { app, auth } = await start();
    const lines = [
      account('u1'),
      ...Array.from({ length: 50 }, (_, i) => post(`d${i}`, 'u1', T0 + i, `text ${i}`)),
    ];
    const res = await app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...auth('analyst'), 'content-type': 'application/x-ndjson' },
      payload: ndjson(lines),
    });
    expect(res.json()).toMatchObject({ queued: 51 });
    await live!.stop();
    expect(await count(database, 'decisions_posts')).toBe(50);
    const late = await app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...auth('analyst'), 'content-type': 'application/x-ndjson' },
      payload: ndjson([post('late', 'u1', T0 + 99, 'late')]),
    });
    expect(late.statusCode).toBe(503);
    await app.close();
  });

  it('streams status over Server-Sent Events to a viewer', async () => {
    const { app, auth } = await start();
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const abort = new AbortController();
    const res = await fetch(`${url}/v1/live`, { headers: auth('viewer'), signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    while ((text.match(/event: status/g) ?? []).length < 2) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const data = /data: (.+)\n/.exec(text)?.[1];
    expect(JSON.parse(data ?? '{}')).toMatchObject({
      running: true,
      queue: { capacity: 50_000 },
      newQueueItems: 0,
    });
    abort.abort();
    await app.close();
  });
});

describe('live routes without a pipeline', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer('sqlite');
    return () => s.close();
  });

  it('reports a stopped pipeline and ends the event stream after one status', async () => {
    const st = await s.app.inject({ method: 'GET', url: '/v1/live/status', headers: s.auth('viewer') });
    expect(st.json()).toMatchObject({ running: false, queue: { depth: 0 } });
    const sse = await s.app.inject({ method: 'GET', url: '/v1/live', headers: s.auth('viewer') });
    expect(sse.statusCode).toBe(200);
    expect(sse.body).toContain('event: status');
    const post = await s.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...s.auth('analyst'), 'content-type': 'application/x-ndjson' },
      payload: ndjson([account('z1')]),
    });
    expect(post.json()).toMatchObject({ stored: 1, queued: 0 });
  });
});
