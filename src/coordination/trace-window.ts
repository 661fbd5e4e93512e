import { IntervalEstimator } from './interval.js';
import type { TraceOptions } from './options.js';

// Recent sharers of each trace (a reposted post, a URL, a hashtag set, a time bin): the pairs a new
// share makes, under a fan-out cap. Memory: at most `maxKeys` traces × `fanOut` sharers.

interface Share {
  account: string;
  time: number;
}

interface TraceEntry {
  /** First share seen (for the Δt estimate). */
  first: number;
  /** Most recent distinct sharers, oldest first, at most fanOut. */
  recent: Share[];
}

export class TraceWindow {
  private readonly traces = new Map<string, TraceEntry>();
  readonly interval: IntervalEstimator;
  /** Pairs made and pairs skipped by the cap (for the benchmark and docs). */
  pairs = 0;
  evicted = 0;

  constructor(
    private readonly opts: TraceOptions,
    private readonly maxKeys: number,
    quantile: number,
    minSamples: number,
  ) {
    this.interval = new IntervalEstimator(
      quantile,
      minSamples,
      opts.defaultWindowMs,
      opts.minWindowMs,
      opts.maxWindowMs,
    );
  }

  get size(): number {
    return this.traces.size;
  }

  /**
   * A share of `key` by `account` at `time`: calls `pair` for each distinct other account that shared
   * it within Δt (at most fanOut, the most recent), then remembers this share.
   */
  share(key: string, account: string, time: number, pair: (other: string, otherTime: number) => void): void {
    const dt = this.interval.windowMs;
    let e = this.traces.get(key);
    if (e) {
      // Move to the end of the Map's order: the least recently shared traces are evicted first.
      this.traces.delete(key);
      this.traces.set(key, e);
      this.interval.add(time - e.first);
      if (time - e.first > this.opts.maxWindowMs * 4) e.first = time;
    } else {
      if (this.traces.size >= this.maxKeys) {
        const oldest = this.traces.keys().next();
        if (!oldest.done) {
          this.traces.delete(oldest.value);
          this.evicted++;
        }
      }
      e = { first: time, recent: [] };
      this.traces.set(key, e);
    }
    const recent = e.recent;
    let keep = 0;
    for (let i = 0; i < recent.length; i++) {
      const s = recent[i]!;
      if (time - s.time > dt || s.account === account) continue;
      recent[keep++] = s;
    }
    recent.length = keep;
    for (let i = recent.length - 1; i >= 0; i--) {
      const s = recent[i]!;
      this.pairs++;
      pair(s.account, s.time);
    }
    recent.push({ account, time });
    if (recent.length > this.opts.fanOut) recent.shift();
  }

  /** Drops traces with no share within their window (called periodically). */
  sweep(now: number): void {
    const horizon = Math.max(this.interval.windowMs, this.opts.maxWindowMs);
    for (const [key, e] of this.traces) {
      const last = e.recent[e.recent.length - 1];
      if (!last || now - last.time > horizon) this.traces.delete(key);
    }
  }
}
