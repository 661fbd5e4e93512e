import type { CanonicalEvent } from '../events/index.js';
import { QueueFullError, UnavailableError } from '../errors.js';
import type { IngestItem } from '../ingest/types.js';

/** A place in the queue held by a request between admission and the end of its ingestion. */
export interface Admission {
  /** Gives the place back (always call it, also when ingestion failed). */
  release(): void;
}

interface Entry {
  event: CanonicalEvent;
  /** performance.now() when the request carrying it arrived: for POST → decision latency. */
  arrivedAt: number;
}

/**
 * The bounded queue between HTTP ingestion and the live pipeline, counted in events.
 *
 * A request is admitted (`admit`) before anything of it is stored, with an estimate of its events;
 * it is refused whole with QueueFullError when the queue plus the places held by requests still
 * ingesting would pass `capacity`. An admitted request's new events are then always queued (never
 * dropped), so depth can pass `capacity` only by what estimates missed (formats with several events
 * per line); an idle queue admits any single request, however large.
 */
export class LiveQueue implements AsyncIterable<IngestItem[]> {
  private entries: Entry[] = [];
  private head = 0;
  private reserved = 0;
  private closed = false;
  private waiting: (() => void) | undefined;
  private readonly arrival = new WeakMap<CanonicalEvent, number>();
  enqueued = 0;
  refused = 0;

  constructor(
    readonly capacity: number,
    /** Largest batch handed to the pipeline at once (default 4,096 events). */
    private readonly maxPull = 4096,
    /** Retry-After of a refusal, seconds. */
    private readonly retryAfterSeconds = 1,
  ) {
    if (!(capacity >= 1)) throw new RangeError(`live queue capacity must be >= 1, got ${capacity}`);
  }

  get depth(): number {
    return this.entries.length - this.head;
  }

  /** Admits a request of about `estimate` events, or throws (503) without side effects. */
  admit(estimate: number): Admission {
    if (this.closed) throw new UnavailableError('the server is shutting down: not accepting events');
    const n = Math.max(1, Math.ceil(estimate));
    const busy = this.depth + this.reserved;
    if (busy > 0 && busy + n > this.capacity) {
      this.refused++;
      throw new QueueFullError(
        `live pipeline queue is full (${this.depth} queued, ${this.reserved} being ingested, capacity ${this.capacity}): retry later`,
        this.retryAfterSeconds,
        { depth: this.depth, capacity: this.capacity },
      );
    }
    this.reserved += n;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.reserved -= n;
        // A closing queue waits for admitted requests before it ends: this may be the last one.
        if (this.closed) this.wake();
      },
    };
  }

  /** Queues events that were just stored (admitted requests only: this never refuses). */
  push(events: CanonicalEvent[], arrivedAt: number): void {
    if (events.length === 0) return;
    for (const event of events) this.entries.push({ event, arrivedAt });
    this.enqueued += events.length;
    this.wake();
  }

  private wake(): void {
    const wake = this.waiting;
    this.waiting = undefined;
    wake?.();
  }

  /** When the request carrying `event` arrived (performance.now()), if it came through this queue. */
  arrivedAt(event: CanonicalEvent): number | undefined {
    return this.arrival.get(event);
  }

  /**
   * No more admissions; the iterator ends once requests admitted before have finished and what is
   * queued has been taken, so that nothing accepted is left behind.
   */
  close(): void {
    this.closed = true;
    this.wake();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private take(): IngestItem[] {
    const end = Math.min(this.entries.length, this.head + this.maxPull);
    const out: IngestItem[] = [];
    for (let i = this.head; i < end; i++) {
      const entry = this.entries[i] as Entry;
      this.arrival.set(entry.event, entry.arrivedAt);
      out.push({ ok: true, event: entry.event, loc: { file: 'live', line: 0, offset: 0 } });
    }
    this.head = end;
    // Compact once the consumed prefix dominates, so that memory follows depth, not history.
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    return out;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<IngestItem[]> {
    for (;;) {
      if (this.depth > 0) {
        yield this.take();
        continue;
      }
      if (this.closed && this.reserved === 0) return;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }
}
