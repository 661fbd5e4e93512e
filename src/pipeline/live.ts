import type { CanonicalEvent } from '../events/index.js';
import type { IngestItem } from '../ingest/types.js';
import { silentLogger, type Logger } from '../logger.js';
import { syncQueueFromDecisions } from '../review/index.js';
import type { Database } from '../store/index.js';
import type { ClassifierSpec } from './classifier.js';
import { createDecisionStore } from './decision-store.js';
import { defaultDetectors } from './detectors.js';
import { LiveQueue, type Admission } from './live-queue.js';
import { DEFAULT_WARMUP, loadRecentEvents, type WarmupOptions } from './live-replay.js';
import { LiveSink } from './live-sink.js';
import { SyncScheduler } from './live-sync.js';
import { emptyStatus, LiveMeter, type LiveStatus } from './live-status.js';
import { createPool, type ClassifierPool } from './pool.js';
import { PipelineRunner, type PostMatcher, type RunStats } from './runner.js';
import type { Detector } from './types.js';

export type { LiveStatus } from './live-status.js';
export type { Admission } from './live-queue.js';

export interface LiveOptions {
  logger?: Logger;
  /** Without a classifier nothing is classified (no post decisions, nothing flagged by text). */
  classifier?: ClassifierSpec | undefined;
  /** Classification worker threads (0: in the main thread). */
  workers: number;
  matcher?: PostMatcher | undefined;
  /** Default: defaultDetectors(). */
  detectors?: Detector[];
  /** Events the queue holds before POST /v1/events answers 503 (default 50,000). */
  capacity?: number;
  /** Replay of stored events at start to warm the detectors (default DEFAULT_WARMUP); false: none. */
  warmup?: WarmupOptions | false;
  /** Shortest gap between two review syncs (default 1 s). */
  syncIntervalMs?: number;
  /** Counters pushed to subscribers this often (default 1 s). */
  tickMs?: number;
  /** Wall clock for review sync timestamps (tests). */
  now?: () => Date;
}

export const DEFAULT_LIVE_CAPACITY = 50_000;

/**
 * The server's own pipeline. One long-lived PipelineRunner (classifier pool, hash-bank matcher,
 * the default detectors) reads a bounded queue into which HTTP ingestion pushes the events that
 * were new in the database; its sink writes decisions (LiveSink) and a coalesced review sync turns
 * them into queue items while events arrive.
 *
 * The stream never ends, so detectors' `finish` runs only at shutdown: until then what a detector
 * emits on window close appears when stream time passes the window (see docs/pipeline.md, "Live mode").
 */
export class LivePipeline {
  private readonly meter = new LiveMeter();
  private readonly listeners = new Map<(s: LiveStatus) => void, () => void>();
  private ticker: NodeJS.Timeout | undefined;
  private done: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  private writeChain: Promise<unknown> = Promise.resolve();
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly database: Database,
    private readonly queue: LiveQueue,
    private readonly sync: SyncScheduler,
    private readonly pool: ClassifierPool | undefined,
    private readonly logger: Logger,
  ) {}

  /** Starts the pool and the runner, then replays the recent window in the background. */
  static async start(database: Database, opts: LiveOptions): Promise<LivePipeline> {
    const logger = opts.logger ?? silentLogger();
    const queue = new LiveQueue(opts.capacity ?? DEFAULT_LIVE_CAPACITY);
    const now = opts.now ?? (() => new Date());
    const holder: { live?: LivePipeline } = {};
    const sync = new SyncScheduler(
      () => holder.live!.exclusive(() => syncQueueFromDecisions(database, now())),
      logger,
      opts.syncIntervalMs,
    );
    const pool = opts.classifier ? await createPool(opts.classifier, opts.workers) : undefined;
    const live = (holder.live = new LivePipeline(database, queue, sync, pool, logger));
    live.run(opts);
    live.ticker = setInterval(() => live.tick(), opts.tickMs ?? 1000);
    live.ticker.unref();
    return live;
  }

  private run(opts: LiveOptions): void {
    const sink = new LiveSink({
      database: this.database,
      store: createDecisionStore(this.database),
      exclusive: (fn) => this.exclusive(fn),
      arrivedAt: (e) => this.queue.arrivedAt(e),
      onWritten: (reviewable, flagged, latencies) => {
        this.meter.latencies(latencies);
        this.meter.flaggedPosts += flagged;
        if (reviewable > 0) this.sync.markDirty();
      },
    });
    const runner = new PipelineRunner({
      detectors: opts.detectors ?? defaultDetectors(),
      pool: this.pool,
      matcher: opts.matcher,
      sink,
      logger: this.logger,
      drainOnRead: true,
      onProgress: (stats: RunStats) => this.meter.progress(stats, runner.streamTime()),
    });
    const warmup = opts.warmup ?? DEFAULT_WARMUP;
    const queue = this.queue;
    const meter = this.meter;
    const database = this.database;
    const logger = this.logger;
    // Replayed events first (decisions mostly discarded, see LiveSink), then the queue: the sink
    // leaves replay mode when the runner asks for the first batch after the replay, by which time
    // (drainOnRead) every replayed decision has been written.
    async function* source(): AsyncGenerator<IngestItem[]> {
      if (warmup !== false) {
        const t0 = performance.now();
        const recent = await loadRecentEvents(database, warmup);
        meter.warmup = { state: 'replaying', events: recent.events.length, from: recent.from ?? null, ms: 0 };
        sink.replaying = true;
        for (let i = 0; i < recent.events.length; i += 4096) {
          yield recent.events
            .slice(i, i + 4096)
            .map((event): IngestItem => ({ ok: true, event, loc: { file: 'replay', line: 0, offset: 0 } }));
        }
        sink.replaying = false;
        meter.warmup = { ...meter.warmup, state: 'done', ms: Math.round(performance.now() - t0) };
        meter.replayed = recent.events.length;
        logger.info({ events: recent.events.length, from: recent.from }, 'live: detectors warmed up');
      }
      yield* queue;
      // Shutdown: `finish` runs next. With no new event since a restart, what it would emit comes
      // from replayed (partial) history only: keep it out, as the replay's own decisions are.
      if (sink.liveEvents === 0) sink.replaying = true;
    }
    this.done = runner
      .run(source())
      .then((stats) => this.meter.progress(stats, runner.streamTime()))
      .catch((err: unknown) => {
        this.failure = err instanceof Error ? err : new Error(String(err));
        this.logger.error(
          { err },
          'live pipeline stopped on an error; stored events are replayed at restart',
        );
        this.queue.close();
      });
  }

  /**
   * Runs `fn` alone among the pipeline's database writers and HTTP ingestion. On SQLite all of them
   * share one connection: a write made while a Kysely transaction (the review sync) is open would
   * join that transaction, and be lost if it rolled back. PostgreSQL gives each its own connection.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.database.dialect !== 'sqlite') return fn();
    const next = this.writeChain.then(fn, fn);
    this.writeChain = next.catch(() => undefined);
    return next;
  }

  /** Holds a place for a request of about `estimate` events, or throws a 503 error. */
  admit(estimate: number): Admission {
    if (this.failure) this.queue.close();
    return this.queue.admit(estimate);
  }

  /** Queues events that were new in the database (from an admitted request). */
  push(events: CanonicalEvent[], arrivedAt: number): void {
    this.queue.push(events, arrivedAt);
  }

  status(): LiveStatus {
    return this.meter.status({
      running: this.stopping === undefined && this.failure === undefined,
      error: this.failure?.message ?? null,
      depth: this.queue.depth,
      capacity: this.queue.capacity,
      enqueued: this.queue.enqueued,
      refused: this.queue.refused,
      sync: this.sync.totals,
    });
  }

  /**
   * Calls `fn` with the status about every second until the returned function is called; `onEnd`
   * when the pipeline stops (after a last status).
   */
  subscribe(fn: (s: LiveStatus) => void, onEnd: () => void): () => void {
    if (this.stopping) {
      onEnd();
      return () => undefined;
    }
    this.listeners.set(fn, onEnd);
    return () => void this.listeners.delete(fn);
  }

  private tick(): void {
    this.meter.sample();
    if (this.listeners.size === 0) return;
    const s = this.status();
    for (const fn of this.listeners.keys()) fn(s);
  }

  /** Stops admitting events (POST /v1/events answers 503 from now on) and ends the subscriptions. */
  close(): void {
    this.queue.close();
    this.endSubscriptions();
  }

  private endSubscriptions(): void {
    const last = { ...this.status(), running: false };
    for (const [fn, onEnd] of this.listeners) {
      fn(last);
      onEnd();
    }
    this.listeners.clear();
  }

  /** Stops admitting, drains the queue (requests admitted before still count), runs `finish`, syncs, closes the pool. */
  stop(): Promise<void> {
    return (this.stopping ??= (async () => {
      this.close();
      await this.done;
      await this.sync.stop();
      await this.pool?.close();
      if (this.ticker) clearInterval(this.ticker);
      this.endSubscriptions();
    })());
  }
}

export { emptyStatus };
