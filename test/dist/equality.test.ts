import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DistWorker } from '../../src/dist/worker.js';
import { silentLogger } from '../../src/logger.js';
import { defaultDetectors, moduleSpec, runDetect } from '../../src/pipeline/index.js';
import { SYSTEM_ACTOR, createReviewServices } from '../../src/review/index.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { runCli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { KEYWORD_CLASSIFIER } from '../pipeline/fixtures/streams.js';
import { decisionRows, dropStreams, processedSeq, servicesAvailable, testSettings, until } from './harness.js';

const run = await servicesAvailable();
const CLASSIFIER = moduleSpec(KEYWORD_CLASSIFIER, { markers: ['دولة', 'khilafa', 'مجاهد'] });

// One simulated stream (accounts, posts, follows, suspensions, re-creations, campaigns) through
// `marsad detect` and through serve --mode distributed + 2 workers: the decision rows must be equal.
describe.runIf(run)('distributed mode gives the results of marsad detect', () => {
  let lines: string[] = [];
  let file = '';
  const dbs: TestDatabase[] = [];
  const settings = testSettings();

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marsad-dist-'));
    const res = await runCli(['simulate', '--scale', 'small', '--seed', '3', '--out', dir]);
    expect(res.code).toBe(0);
    // The first 8,000 events: every kind of event and decision, in a bounded time.
    lines = readFileSync(path.join(dir, 'stream.ndjson'), 'utf8').trim().split('\n').slice(0, 8000);
    file = path.join(dir, 'head.ndjson');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, `${lines.join('\n')}\n`);
  }, 120_000);

  afterAll(async () => {
    await dropStreams(settings);
    for (const d of dbs) await d.drop();
  });

  it('writes the same decision rows', async () => {
    const single = await createTestDatabase('postgres');
    dbs.push(single);
    const summary = await runDetect({
      input: file,
      outDir: mkdtempSync(path.join(tmpdir(), 'marsad-dist-out-')),
      workers: 0,
      classifier: CLASSIFIER,
      detectors: defaultDetectors(),
      database: single.database,
    });
    expect(summary.stats.quarantined).toBe(0);

    const dist = await createTestDatabase('postgres');
    dbs.push(dist);
    const logger = silentLogger();
    const { key } = await createReviewServices(dist.database).keys.create(SYSTEM_ACTOR, {
      name: 'feed',
      role: 'analyst',
    });
    const server: RunningServer = await startServer(
      { database: dist.database, logger },
      { host: '127.0.0.1', port: 0 },
      {},
      false,
      settings,
    );
    const workers = await Promise.all(
      [0, 1].map((index) =>
        DistWorker.start({
          settings,
          database: dist.database,
          logger,
          index,
          count: 2,
          classifier: CLASSIFIER,
          threads: 0,
          detectors: defaultDetectors(),
          tuning: { snapshotEvents: 3000 },
        }),
      ),
    );
    try {
      let queued = 0;
      for (let i = 0; i < lines.length; i += 1000) {
        const res = await fetch(`${server.url}/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
          body: `${lines.slice(i, i + 1000).join('\n')}\n`,
        });
        expect(res.status, await res.clone().text()).toBe(200);
        const body = (await res.json()) as { queued: number; quarantined: number };
        expect(body.quarantined).toBe(0);
        queued += body.queued;
      }
      expect(queued).toBe(lines.length);
      await until('every event through the ordered stage', async () => (await processedSeq(dist.database, settings)) >= lines.length, 100_000);
      // Metrics: the server's (published, consumer lag) and the ordered worker's (processed, decisions).
      const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(new RegExp(`marsad_events_published_total\\{role="serve"\\} ${lines.length}\\b`));
      expect(text).toMatch(/marsad_consumer_lag\{[^}]*consumer="t[0-9a-f]+_classify_0"[^}]*\} 0\b/);
      const health = (await (await fetch(`${server.url}/health`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ ok: true, nats: true, database: true });
      const ordered = await (workers[0] as DistWorker).metrics.text();
      expect(ordered).toMatch(new RegExp(`marsad_events_processed_total\\{role="worker"\\} ${lines.length}\\b`));
      expect(ordered).toMatch(/marsad_decisions_total\{[^}]*kind="post"[^}]*\} [1-9]/);
    } finally {
      for (const w of workers) await w.stop();
      await server.stop();
    }
    const [a, b] = [await decisionRows(single.database), await decisionRows(dist.database)];
    expect(a['decisions_posts']?.length).toBeGreaterThan(1000);
    expect(a['decisions_accounts']?.length).toBeGreaterThan(0);
    expect(a['hashtag_buckets']?.length).toBeGreaterThan(0);
    for (const table of Object.keys(a)) expect(b[table], table).toEqual(a[table]);
  }, 300_000);
});
