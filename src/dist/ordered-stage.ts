import { DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import { addDecisionRow, createDecisionStore, emptyRows, type DecisionStore } from '../pipeline/decision-store.js';
import type { Detector } from '../pipeline/types.js';
import type { Database } from '../store/index.js';
import type { Bus } from './bus.js';
import { decodeJson, type EnrichedEvent } from './codec.js';
import { Inbox } from './inbox.js';
import type { DistMetrics } from './metrics.js';
import { OrderedProcessor, type Emitted } from './ordered-processor.js';
import { loadState, saveProgress, saveSnapshot } from './state-store.js';

export interface OrderedStageOptions {
  bus: Bus;
  database: Database;
  detectors: Detector[];
  logger: Logger;
  metrics: DistMetrics;
  /** Commit effects at least every this many events (default 2,000), and whenever the stream is idle. */
  flushEvents?: number;
  /** Snapshot the state after this many events (default 50,000) or this long (default 60 s), whichever first. */
  snapshotEvents?: number;
  snapshotMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The stateful stage: the detectors over the whole stream in ingest order. It reads the enriched
 * stream (published by the classify stage of every partition, so out of order across partitions)
 * and restores the ingest order with a buffer keyed by ingest sequence: the ingest stream's
 * sequences are consecutive, so event n+1 is processed right after n, whatever partition carried
 * it. Effects are keyed upserts committed every `flushEvents` events; the state (detectors, view,
 * version numbers) is snapshotted to PostgreSQL with the sequence it covers, after which the
 * enriched messages before the oldest one still needed are purged. A restart restores the snapshot
 * and replays from there; the replay re-writes the same rows (same keys, same values).
 */
export class OrderedStage {
  private readonly processor: OrderedProcessor;
  private readonly store: DecisionStore;
  private readonly buffer = new Map<number, { en: EnrichedEvent; eseq: number }>();
  private lastSeq = 0;
  private lastEseq = 0;
  private pending: Emitted[] = [];
  private pendingEvents = 0;
  private sinceSnapshot = 0;
  private snapshotAt = performance.now();
  private snapshotSeq = 0;
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> = Promise.resolve();
  private stopping = false;
  private skipped = 0;

  constructor(private readonly opts: OrderedStageOptions) {
    this.processor = new OrderedProcessor(opts.detectors, opts.logger);
    this.store = createDecisionStore(opts.database);
  }

  /** The ingest sequence up to which every event has been run through the detectors. */
  get processedSeq(): number {
    return this.lastSeq;
  }

  async start(): Promise<void> {
    const { bus, database, logger } = this.opts;
    const row = await loadState(database, bus.names.orderedState);
    let startAt = 1;
    if (row) {
      if (row.state) {
        this.processor.restore(row.state);
        logger.info(
          { snapshotSeq: row.snapshot_seq, processedSeq: row.processed_seq, bytes: row.state.length },
          'ordered stage: state restored; replaying from the snapshot',
        );
      }
      this.lastSeq = this.snapshotSeq = Number(row.snapshot_seq);
      startAt = Number(row.resume_seq);
    }
    this.opts.metrics.orderedSeq.set(this.lastSeq);
    const consumer = await bus.js.consumers.get(bus.names.enrichedStream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: Math.max(1, startAt),
    });
    // Short pull expiry: a pull the server ended early is replaced within 2 s (30 s by default).
    this.messages = await consumer.consume({ max_messages: 4096, expires: 2000 });
    void (async () => {
      for await (const n of this.messages!.status())
        if (n.type !== 'heartbeat' && n.type !== 'next' && n.type !== 'debug')
          logger.debug({ notification: n }, 'ordered stage: consumer notification');
    })().catch(() => undefined);
    this.loop = this.run(this.messages).catch((err: unknown) => {
      this.opts.metrics.errors.inc({ stage: 'ordered' });
      logger.error({ err }, 'ordered stage stopped on an error');
    });
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    const flushEvents = this.opts.flushEvents ?? 2000;
    // Receiving is decoupled from processing (see Inbox): effects are committed every `flushEvents`
    // events and whenever nothing more has arrived, which `messages.getPending()` cannot tell
    // reliably (it over-counts after a queued pull request, and the tail then stayed uncommitted).
    const inbox = new Inbox<JsMsg>();
    const receiving = inbox.fill(messages);
    for (;;) {
      const taken = await inbox.take(flushEvents);
      if (taken.length === 0 || this.stopping) break;
      for (const m of taken) this.receive(m);
      this.opts.metrics.reorderBuffer.set(this.buffer.size);
      if (this.pendingEvents >= flushEvents || (inbox.size === 0 && this.pendingEvents > 0)) {
        await this.flush();
        await this.maybeSnapshot(false);
      }
      if (this.stopping) break;
    }
    await receiving;
  }

  /** Buffers one enriched message and runs every event that is now next in ingest order. */
  private receive(m: JsMsg): void {
    const eseq = m.seq;
    this.lastEseq = Math.max(this.lastEseq, eseq);
    let en: EnrichedEvent;
    try {
      en = decodeJson<EnrichedEvent>(m.data);
    } catch (err) {
      // The classify stage publishes only JSON: this is a foreign message on our subject.
      this.opts.metrics.errors.inc({ stage: 'ordered' });
      this.opts.logger.error({ eseq, err: errorMessage(err) }, 'undecodable enriched message ignored');
      return;
    }
    if (en.s > this.lastSeq && !this.buffer.has(en.s)) this.buffer.set(en.s, { en, eseq });
    for (let next = this.buffer.get(this.lastSeq + 1); next; next = this.buffer.get(this.lastSeq + 1)) {
      this.buffer.delete(this.lastSeq + 1);
      this.step(next.en);
    }
  }

  private step(en: EnrichedEvent): void {
    this.lastSeq = en.s;
    this.pendingEvents++;
    if (!en.e) {
      this.skipped++;
      this.opts.metrics.errors.inc({ stage: 'ordered' });
      this.opts.logger.error({ seq: en.s, reason: en.x }, 'event skipped by the classify stage');
      return;
    }
    this.processor.process({ ...en, e: en.e });
    this.pending.push(...this.processor.take());
  }

  /** Commits the pending decisions (retrying until PostgreSQL takes them) and the progress. */
  private async flush(): Promise<void> {
    const rows = emptyRows();
    const kinds: Record<string, number> = {};
    for (const { decision, time, version } of this.pending) {
      kinds[decision.kind] = (kinds[decision.kind] ?? 0) + 1;
      if (version === undefined) continue;
      addDecisionRow(rows, decision, new Date(time).toISOString(), version);
    }
    const events = this.pendingEvents;
    const seq = this.lastSeq;
    await this.retry('write decisions', async () => {
      await this.store.write(rows);
      await saveProgress(this.opts.database, this.opts.bus.names.orderedState, seq);
    });
    this.pending = [];
    this.pendingEvents = 0;
    this.sinceSnapshot += events;
    const { metrics } = this.opts;
    metrics.processed.inc(events);
    for (const [kind, n] of Object.entries(kinds)) metrics.decisions.inc({ kind }, n);
    metrics.orderedSeq.set(seq);
    this.opts.logger.debug({ seq, events, buffered: this.buffer.size }, 'ordered stage: committed');
  }

  private async retry(what: string, fn: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        this.opts.metrics.errors.inc({ stage: 'ordered' });
        this.opts.logger.warn({ err: errorMessage(err), attempt }, `ordered stage: ${what} failed; retrying`);
        await sleep(Math.min(5000, 100 * 2 ** Math.min(attempt, 6)));
      }
    }
  }

  /** Snapshots the state when due (or when forced), then purges what no restart will need. */
  private async maybeSnapshot(force: boolean): Promise<void> {
    const due =
      this.sinceSnapshot >= (this.opts.snapshotEvents ?? 50_000) ||
      (this.sinceSnapshot > 0 && performance.now() - this.snapshotAt >= (this.opts.snapshotMs ?? 60_000));
    if (!force && !due) return;
    if (this.lastSeq === this.snapshotSeq && !force) return;
    let state: Buffer;
    try {
      state = this.processor.snapshot();
    } catch (err) {
      // The stream is not purged, so a restart replays from the last good snapshot: slower, not wrong.
      this.opts.metrics.errors.inc({ stage: 'snapshot' });
      this.opts.logger.error({ err: errorMessage(err) }, 'ordered stage: state snapshot failed');
      this.sinceSnapshot = 0;
      this.snapshotAt = performance.now();
      return;
    }
    // The oldest enriched message still needed: the earliest one buffered, else the next to come.
    let resume = this.lastEseq + 1;
    for (const { eseq } of this.buffer.values()) resume = Math.min(resume, eseq);
    const seq = this.lastSeq;
    this.opts.logger.debug({ seq, resume, bytes: state.length }, 'ordered stage: saving snapshot');
    await this.retry('save snapshot', () =>
      saveSnapshot(this.opts.database, this.opts.bus.names.orderedState, { seq, resume, state }),
    );
    this.opts.logger.debug({ seq }, 'ordered stage: snapshot saved');
    this.snapshotSeq = seq;
    this.sinceSnapshot = 0;
    this.snapshotAt = performance.now();
    const { jsm, names } = this.opts.bus;
    await jsm.streams.purge(names.enrichedStream, { seq: resume }).catch((err: unknown) => {
      this.opts.logger.warn({ err: errorMessage(err) }, 'purging the enriched stream failed (retried at the next snapshot)');
    });
  }

  /**
   * Stops reading, commits what is pending, runs the detectors' `finish` (the open hour bucket,
   * last account records: the stream "ends" here as in `marsad detect`), and snapshots.
   */
  async stop(opts: { finish?: boolean } = {}): Promise<void> {
    this.stopping = true;
    await this.messages?.close().catch(() => undefined);
    await this.loop;
    if (opts.finish !== false) {
      this.processor.finish();
      this.pending.push(...this.processor.take());
    }
    if (this.pending.length > 0 || this.pendingEvents > 0) await this.flush();
    await this.maybeSnapshot(true);
  }

  stats(): { processedSeq: number; buffered: number; skipped: number; detectorErrors: Record<string, number> } {
    return {
      processedSeq: this.lastSeq,
      buffered: this.buffer.size,
      skipped: this.skipped,
      detectorErrors: { ...this.processor.errors },
    };
  }
}
