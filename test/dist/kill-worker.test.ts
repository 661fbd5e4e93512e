import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, createReviewServices } from '../../src/review/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import {
  SIM_CLASSIFIER_FILE,
  decisionRows,
  distEnv,
  dropStreams,
  postLines,
  processedSeq,
  referenceRows,
  servicesAvailable,
  simulatedHead,
  startCli,
  testSettings,
  until,
  type Proc,
} from './harness.js';

const run = await servicesAvailable();

// serve --mode distributed and two `marsad worker` processes; worker 0 (which runs the ordered
// stage) is killed with SIGKILL mid-stream, after a state snapshot, and restarted: every event is
// processed and the decision rows equal those of `marsad detect` (no lost, no duplicate decision).
describe.runIf(run)('kill -9 of a worker mid-stream', () => {
  const settings = testSettings();
  const procs: Proc[] = [];
  let tdb: TestDatabase | undefined;
  afterAll(async () => {
    for (const p of procs) p.child.kill('SIGKILL');
    await dropStreams(settings);
    await tdb?.drop();
  });

  it('processes every event once after a restart', async () => {
    const { lines, file } = await simulatedHead(6000);
    const reference = await referenceRows(file);
    tdb = await createTestDatabase('postgres');
    if (tdb.config.dialect !== 'postgres') throw new Error('unreachable');
    const dbUrl = tdb.config.url;
    const { key } = await createReviewServices(tdb.database).keys.create(SYSTEM_ACTOR, { name: 'feed', role: 'analyst' });
    const serve = await startCli(
      ['serve', '--mode', 'distributed', '--port', '0'],
      distEnv(settings, dbUrl, 'marsad-serve'),
      /listening on (http:\/\/[^\s)]+)/,
    );
    procs.push(serve);
    const url = serve.match[1] as string;
    const worker = (index: number) =>
      startCli(
        ['worker', '--index', String(index), '--count', '2', '--classifier-module', SIM_CLASSIFIER_FILE, '--snapshot-events', '1500'],
        distEnv(settings, dbUrl, `marsad-worker-${index}`),
        /worker \d+\/2/,
      );
    let w0 = await worker(0);
    const w1 = await worker(1);
    procs.push(w0, w1);

    const half = 3000;
    for (let i = 0; i < half; i += 500) expect((await postLines(url, key, lines.slice(i, i + 500))).status).toBe(200);
    // Kill after a snapshot covers part of the stream, so that the restart restores it and replays.
    await until('a state snapshot', async () => {
      const row = await tdb!.database.db.selectFrom('dist_state').select('snapshot_seq').executeTakeFirst();
      return Number(row?.snapshot_seq ?? 0) > 0;
    });
    w0.child.kill('SIGKILL');
    expect((await w0.exited).signal).toBe('SIGKILL');
    for (let i = half; i < lines.length; i += 500)
      expect((await postLines(url, key, lines.slice(i, i + 500))).status).toBe(200);
    w0 = await worker(0);
    procs.push(w0);
    await until('every event through the ordered stage', async () => (await processedSeq(tdb!.database, settings)) >= lines.length);
    // A clean stop ends the stream as `marsad detect` does at the end of its input (detectors' finish).
    for (const p of [w0, w1]) p.child.kill('SIGTERM');
    for (const p of [w0, w1]) expect((await p.exited).code).toBe(0);
    const rows = await decisionRows(tdb.database);
    expect(reference['decisions_posts']?.length).toBeGreaterThan(500);
    for (const table of Object.keys(reference)) expect(rows[table], table).toEqual(reference[table]);
  }, 400_000);
});
