import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DistWorker } from '../../src/dist/worker.js';
import { silentLogger } from '../../src/logger.js';
import { defaultDetectors } from '../../src/pipeline/index.js';
import { SYSTEM_ACTOR, createReviewServices } from '../../src/review/index.js';
import { startServer } from '../../src/server/serve.js';
import { openDatabase, type Database } from '../../src/store/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import {
  SIM_CLASSIFIER,
  decisionRows,
  dropStreams,
  postLines,
  processedSeq,
  referenceRows,
  servicesAvailable,
  simulatedHead,
  sleep,
  testSettings,
  until,
} from './harness.js';

const run = await servicesAvailable();
const NATS_SERVER = '/usr/sbin/nats-server';

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const startNats = async (port: number, dir: string): Promise<ChildProcess> => {
  const child = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: 'ignore' });
  await until('the private nats-server', async () => {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createServer();
      socket.once('error', () => resolve(true)); // port taken: the server is listening
      socket.listen(port, '127.0.0.1', () => socket.close(() => resolve(false)));
    });
    return ok;
  }, 20_000);
  return child;
};

const stopped = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));

describe.runIf(run)('outages', () => {
  const dbs: TestDatabase[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    for (const d of dbs) await d.drop();
  });

  // A private nats-server (the machine's one is shared with other tests) stopped during ingestion.
  it.runIf(existsSync(NATS_SERVER))(
    'NATS down: the API refuses with 503 + Retry-After, and everything accepted is processed afterwards',
    async () => {
      const { lines, file } = await simulatedHead(3000);
      const reference = await referenceRows(file);
      const port = await freePort();
      const dir = mkdtempSync(path.join(tmpdir(), 'marsad-nats-'));
      let nats = await startNats(port, dir);
      cleanups.push(async () => {
        nats.kill('SIGKILL');
      });
      const settings = testSettings({ natsUrl: `nats://127.0.0.1:${port}` });
      const tdb = await createTestDatabase('postgres');
      dbs.push(tdb);
      const logger = silentLogger();
      const { key } = await createReviewServices(tdb.database).keys.create(SYSTEM_ACTOR, { name: 'f', role: 'analyst' });
      const server = await startServer({ database: tdb.database, logger }, { host: '127.0.0.1', port: 0 }, {}, false, settings);
      cleanups.push(() => server.stop());
      const worker = await DistWorker.start({
        settings,
        database: tdb.database,
        logger,
        index: 0,
        count: 1,
        classifier: SIM_CLASSIFIER,
        threads: 0,
        detectors: defaultDetectors(),
      });
      const parts = [lines.slice(0, 1000), lines.slice(1000, 2000), lines.slice(2000)];
      expect((await postLines(server.url, key, parts[0]!)).status).toBe(200);
      const health = async () => (await fetch(`${server.url}/health`)).status;
      expect(await health()).toBe(200);

      nats.kill('SIGTERM');
      await stopped(nats);
      await until('the API to notice', async () => (await health()) === 503, 30_000);
      const refused = await postLines(server.url, key, parts[1]!);
      expect(refused.status).toBe(503);
      expect(refused.body['error']).toMatchObject({ code: 'bus_unavailable' });
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      await sleep(3000);

      nats = await startNats(port, dir);
      await until('the API to reconnect', async () => (await health()) === 200, 60_000);
      // The client sends the refused request again, then the rest.
      for (const part of parts.slice(1)) {
        let res = await postLines(server.url, key, part);
        for (let i = 0; i < 20 && res.status !== 200; i++) {
          await sleep(500);
          res = await postLines(server.url, key, part);
        }
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
      await until('every event through the ordered stage', async () => (await processedSeq(tdb.database, settings)) >= lines.length, 120_000);
      await worker.stop();
      const rows = await decisionRows(tdb.database);
      for (const table of Object.keys(reference)) expect(rows[table], table).toEqual(reference[table]);
    },
    300_000,
  );

  // Restarting the shared PostgreSQL would disturb other suites: this drops the worker's connections
  // instead (pg_terminate_backend on its application_name), repeatedly, while it processes.
  it('PostgreSQL connections dropped: the worker retries and the results are unchanged', async () => {
    const { lines, file } = await simulatedHead(4000);
    const reference = await referenceRows(file);
    const settings = testSettings();
    cleanups.push(() => dropStreams(settings));
    const tdb = await createTestDatabase('postgres');
    dbs.push(tdb);
    if (tdb.config.dialect !== 'postgres') throw new Error('unreachable');
    const app = `marsad-worker-${settings.prefix}`;
    const url = new URL(tdb.config.url);
    url.searchParams.set('application_name', app);
    const workerDb: Database = await openDatabase({ dialect: 'postgres', url: url.toString() });
    cleanups.push(() => workerDb.close());
    const logger = silentLogger();
    const { key } = await createReviewServices(tdb.database).keys.create(SYSTEM_ACTOR, { name: 'f', role: 'analyst' });
    const server = await startServer({ database: tdb.database, logger }, { host: '127.0.0.1', port: 0 }, {}, false, settings);
    cleanups.push(() => server.stop());
    const worker = await DistWorker.start({
      settings,
      database: workerDb,
      logger,
      index: 0,
      count: 1,
      classifier: SIM_CLASSIFIER,
      threads: 0,
      detectors: defaultDetectors(),
      tuning: { flushEvents: 200, snapshotEvents: 1000 },
    });
    const admin = new pg.Client({ connectionString: tdb.config.url });
    await admin.connect();
    cleanups.push(() => admin.end());
    let terminated = 0;
    const kill = async () => {
      const r = await admin.query('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1', [app]);
      terminated += r.rowCount ?? 0;
    };
    for (let i = 0; i < lines.length; i += 500) {
      expect((await postLines(server.url, key, lines.slice(i, i + 500))).status).toBe(200);
      await kill();
    }
    let polls = 0;
    await until('every event through the ordered stage', async () => {
      // A few more drops while it catches up, then let it finish.
      if (++polls % 10 === 0 && polls <= 50) await kill();
      return (await processedSeq(tdb.database, settings)) >= lines.length;
    }, 120_000);
    expect(terminated).toBeGreaterThan(0);
    await worker.stop();
    const rows = await decisionRows(tdb.database);
    for (const table of Object.keys(reference)) expect(rows[table], table).toEqual(reference[table]);
  }, 300_000);
});
