import { afterAll, describe, expect, it } from 'vitest';
import { connectBus, type Bus } from '../../src/dist/bus.js';
import { ClassifyStage } from '../../src/dist/classify-stage.js';
import { encodeJson, type EnrichedEvent } from '../../src/dist/codec.js';
import { DistMetrics } from '../../src/dist/metrics.js';
import { OrderedStage } from '../../src/dist/ordered-stage.js';
import { setupDistributed } from '../../src/dist/setup.js';
import { silentLogger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { dropStreams, processedSeq, servicesAvailable, sleep, testSettings, until } from './harness.js';

const run = await servicesAvailable();

// The tail of a burst — the last messages, after which nothing more arrives — must go through both
// stages without waiting for a redelivery. nats.js's getPending() over-counts by one after the
// iterator ran a queued pull request, so batching on `getPending() > 0` held the tail of a partition
// until ack_wait (30 s) redelivered it, and the ordered stage's idle commit never came: the
// distributed bench never finished. The bound below is well under ack_wait (a liveness bound, not a
// speed one).
const NO_REDELIVERY_MS = 15_000;

describe.skipIf(!run)('distributed stages: the tail of a burst', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f();
  });

  const setup = async (): Promise<{ bus: Bus; tdb: TestDatabase }> => {
    const settings = testSettings({ partitions: 1 });
    const tdb = await createTestDatabase('postgres');
    const bus = await connectBus(settings, 'test-tail');
    cleanup.push(async () => {
      await bus.close();
      await dropStreams(settings);
      await tdb.drop();
    });
    await setupDistributed(bus, tdb.database);
    return { bus, tdb };
  };

  it('classifies every message of several bursts, the last one included', async () => {
    const { bus } = await setup();
    const stage = new ClassifyStage({
      bus,
      partitions: [0],
      logger: silentLogger(),
      metrics: new DistMetrics('worker'),
      batchSize: 64,
    });
    await stage.start();
    cleanup.push(() => stage.stop());
    let sent = 0;
    // Bursts of varied sizes with pauses: re-pulls land between messages of one delivery.
    for (const n of [1, 300, 7, 1000, 33]) {
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          bus.js.publish(bus.names.ingestSubject(0), encodeJson({ n: sent + i }), { msgID: `m${sent + i}` }),
        ),
      );
      sent += n;
      await sleep(300);
    }
    await until(
      `${sent} enriched messages`,
      async () => (await bus.jsm.streams.info(bus.names.enrichedStream)).state.messages >= sent,
      NO_REDELIVERY_MS,
    );
    const info = await bus.jsm.streams.info(bus.names.enrichedStream);
    expect(info.state.messages).toBe(sent);
  });

  it('commits the ordered stage up to the last event once the stream is idle', async () => {
    const { bus, tdb } = await setup();
    const stage = new OrderedStage({
      bus,
      database: tdb.database,
      detectors: [],
      logger: silentLogger(),
      metrics: new DistMetrics('worker'),
      flushEvents: 100_000,
    });
    await stage.start();
    cleanup.push(() => stage.stop({ finish: false }));
    let seq = 0;
    for (const n of [1, 500, 3, 2000, 17]) {
      // Skip markers are enough: the stage counts them as processed in sequence order.
      const batch: EnrichedEvent[] = Array.from({ length: n }, (_, i) => ({ s: seq + i + 1, x: 'test' }));
      await Promise.all(
        batch.map((en) => bus.js.publish(bus.names.enrichedSubject(0), encodeJson(en), { msgID: `e${en.s}` })),
      );
      seq += n;
      await until(`ordered stage committed ${seq}`, async () => (await processedSeq(tdb.database, bus.settings)) >= seq, NO_REDELIVERY_MS);
    }
    expect(await processedSeq(tdb.database, bus.settings)).toBe(seq);
  });
});
