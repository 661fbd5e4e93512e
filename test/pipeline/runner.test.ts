import { describe, expect, it } from 'vitest';
import {
  PipelineRunner,
  createHashtagDetector,
  createPostDecisionDetector,
  inlinePool,
  moduleSpec,
  workerPool,
  type ClassifierPool,
  type Detector,
} from '../../src/pipeline/index.js';
import { createBatchClassifier } from './fixtures/keyword-classifier.js';
import { MemorySink, itemsOf } from './fixtures/memory-sink.js';
import { KEYWORD_CLASSIFIER, MIN, T0, account, generatedStream, post } from './fixtures/streams.js';
import { flakyDetector, shareRiskDetector, viewProbeDetector } from './fixtures/test-detectors.js';

const detectors = (): Detector[] => [
  createPostDecisionDetector(),
  shareRiskDetector(),
  createHashtagDetector(),
];

const run = async (
  events: object[],
  pool: ClassifierPool | undefined,
  extra: Partial<ConstructorParameters<typeof PipelineRunner>[0]> = {},
) => {
  const sink = new MemorySink();
  const runner = new PipelineRunner({ detectors: detectors(), pool, sink, batchSize: 50, ...extra });
  const stats = await runner.run(itemsOf(events, 37));
  return { sink, stats };
};

describe('pipeline runner', () => {
  it('has worker threads that answer batches out of order (what the ordering test relies on)', async () => {
    const pool = workerPool(moduleSpec(KEYWORD_CLASSIFIER, { slowMs: 1000 }), 2);
    try {
      // Both workers loaded first (on a loaded machine one may start much later than the other).
      await Promise.all([
        pool.classify([{ text: 'warm', explain: false }]),
        pool.classify([{ text: 'up', explain: false }]),
      ]);
      const done: string[] = [];
      await Promise.all([
        pool.classify([{ text: 'slow one', explain: false }]).then(() => done.push('slow')),
        pool.classify([{ text: 'fast one', explain: false }]).then(() => done.push('fast')),
      ]);
      expect(done).toEqual(['fast', 'slow']);
    } finally {
      await pool.close();
    }
  });

  it('keeps stream order across two worker threads when batches finish out of order', async () => {
    // Every 150th post marks its batch slow, so later batches come back first.
    const events = generatedStream(1200, { slowEvery: 150 });
    const pool = workerPool(moduleSpec(KEYWORD_CLASSIFIER, { slowMs: 150 }), 2);
    try {
      const { sink, stats } = await run(events, pool);
      const ids = sink.of('post').map((r) => r.id);
      expect(ids).toEqual(Array.from({ length: 1200 }, (_, i) => `p${i}`));
      expect(sink.events.map((e) => e.seq)).toEqual(Array.from({ length: 1205 }, (_, i) => i));
      expect(stats.classified).toBe(1205); // 1200 posts + 5 account profiles
      // Same decisions as classifying inline, one batch at a time.
      const inline = await run(events, inlinePool(createBatchClassifier({})));
      expect(sink.captured).toEqual(inline.sink.captured);
    } finally {
      await pool.close();
    }
  });

  it('gives account profiles (name + bio) a classification for detectors', async () => {
    const events = [
      account('x', T0, { name: 'plain', bio: 'has the marker word' }),
      account('y', T0 + 1, { name: 'ordinary', bio: '' }),
      {
        type: 'profile_update',
        platform: 'sim',
        created_at: new Date(T0 + 2).toISOString(),
        account_id: 'y',
        bio: 'marker now',
      },
    ];
    const { sink } = await run(events, inlinePool(createBatchClassifier({})));
    expect(sink.events.map((e) => e.classification?.flagged)).toEqual([true, false, true]);
    expect(sink.of('post')).toEqual([]);
  });

  it('makes decisions up to a cut independent of what comes after it (prefix consistency)', async () => {
    const events = generatedStream(900);
    const cut = 700; // events[cut] is the first event left out; times are strictly increasing
    const cutTime = Date.parse((events[cut - 1] as { created_at: string }).created_at);
    const full = await run(events, inlinePool(createBatchClassifier({})));
    const prefix = await run(events.slice(0, cut), inlinePool(createBatchClassifier({})));
    const upToCut = full.sink.captured.filter((c) => !c.atFinish && c.time <= cutTime);
    const prefixBeforeFinish = prefix.sink.captured.filter((c) => !c.atFinish);
    expect(prefixBeforeFinish.length).toBeGreaterThan(500);
    expect(prefixBeforeFinish).toEqual(upToCut);
    // Snapshot kinds: the account versions emitted up to the cut are the same.
    const versions = (cs: typeof upToCut) =>
      cs.filter((c) => c.decision.kind === 'account').map((c) => c.decision.record);
    expect(versions(prefixBeforeFinish)).toEqual(versions(upToCut));
    // And nothing emitted while processing is stamped with a time beyond its event.
    for (const c of full.sink.captured) if (!c.atFinish) expect(Number.isFinite(c.time)).toBe(true);
  });

  it('lets later detectors see account decisions through the view as they are emitted', async () => {
    const seen: Array<{ id: string; flagged: boolean; risk: number }> = [];
    const events = [
      account('a', T0),
      post('p1', 'a', T0 + MIN, 'marker one'),
      post('p2', 'a', T0 + 2 * MIN, 'plain'),
    ];
    await run(events, inlinePool(createBatchClassifier({})), {
      detectors: [createPostDecisionDetector(), shareRiskDetector(), viewProbeDetector(seen)],
    });
    expect(seen).toEqual([
      { id: 'p1', flagged: true, risk: 1 },
      { id: 'p2', flagged: true, risk: 0.5 },
    ]);
  });

  it('processes a late event at the current stream time and counts it', async () => {
    const events = [
      account('a', T0),
      post('p1', 'a', T0 + 10 * MIN, 'first'),
      post('late', 'a', T0 + 5 * MIN, 'arrives late'),
      post('p3', 'a', T0 + 11 * MIN, 'third'),
    ];
    const { sink, stats } = await run(events, inlinePool(createBatchClassifier({})));
    expect(stats.late).toBe(1);
    const late = sink.of('post').find((r) => r.id === 'late');
    expect(late?.decided_at).toBe(new Date(T0 + 10 * MIN).toISOString());
    expect(sink.events.map((e) => e.time)).toEqual([T0, T0 + 10 * MIN, T0 + 10 * MIN, T0 + 11 * MIN]);
  });

  it('keeps running the other detectors when one throws, and counts its errors', async () => {
    const events = generatedStream(30);
    const { sink, stats } = await run(events, inlinePool(createBatchClassifier({})), {
      detectors: [flakyDetector(), createPostDecisionDetector()],
    });
    expect(stats.detectorErrors['flaky']).toBe(11); // 35 events, every third throws
    expect(sink.of('post')).toHaveLength(30);
  });

  it('refuses a decision that breaks the contract (NaN score) and counts it against its detector', async () => {
    const broken: Detector<null> = {
      name: 'broken',
      createState: () => null,
      onEvent(_s, ev, _v, emit) {
        if (ev.event.type !== 'post') return;
        emit({
          kind: 'evasion',
          record: {
            account_id: ev.event.account_id,
            platform: 'sim',
            suspended_account_id: 'x',
            score: Number.NaN,
            flagged_at: 'now',
            evidence: [],
          },
        });
      },
    };
    const { sink, stats } = await run(generatedStream(10), inlinePool(createBatchClassifier({})), {
      detectors: [broken, createPostDecisionDetector()],
    });
    expect(stats.detectorErrors['broken']).toBe(10);
    expect(sink.of('evasion')).toEqual([]);
    expect(sink.of('post')).toHaveLength(10);
  });

  it('runs without a classifier: no post decisions, hashtags still counted', async () => {
    const { sink, stats } = await run(generatedStream(20), undefined);
    expect(stats.classified).toBe(0);
    expect(sink.of('post')).toEqual([]);
    expect(sink.of('hashtag').length).toBeGreaterThan(0);
    expect(sink.of('hashtag').every((h) => h.flagged_posts === 0)).toBe(true);
  });

  it('fails the run with the reason when the classifier cannot be loaded in a worker', async () => {
    const pool = workerPool({ kind: 'module', url: 'file:///nonexistent/classifier.js' }, 1);
    try {
      await expect(run(generatedStream(10), pool)).rejects.toThrow(/classifier failed to load/);
    } finally {
      await pool.close();
    }
  });
});
