import type { RunStats } from './runner.js';
import type { DecisionKind } from './types.js';

/** What GET /v1/live/status returns and GET /v1/live pushes every second. */
export interface LiveStatus {
  running: boolean;
  error: string | null;
  queue: { depth: number; capacity: number; enqueued: number; refused: number };
  /** Events the detectors processed since start (replayed ones included), and of those replayed. */
  events: { processed: number; replayed: number; posts: number; classified: number; late: number };
  /** Decisions emitted by the detectors since start, by kind (replayed events included). */
  decisions: Record<DecisionKind, number>;
  /** Flagged post decisions written since start (posts decided again at a restart's replay excluded). */
  flaggedPosts: number;
  /** Stream time reached by the detectors (ISO), null before the first event. */
  streamTime: string | null;
  /** Events processed per second over the last ~5 s. */
  eventsPerSecond: number;
  /** From the arrival of a POST to its events' decisions being stored, over the last 10,000 events. */
  latencyMs: { p50: number | null; p99: number | null; samples: number };
  /** Review queue items created or rescored by the live sync since start. */
  queueItems: { created: number; rescored: number; syncs: number; lastSyncMs: number };
  warmup: { state: 'none' | 'replaying' | 'done'; events: number; from: string | null; ms: number };
  /** Milliseconds per stage since start (RunStats.ms): where the pipeline spends its time. */
  stageMs: { classify: number; classifyWait: number; detectors: number; write: number };
  at: string;
}

const ZERO_DECISIONS: Record<DecisionKind, number> = {
  post: 0,
  account: 0,
  evasion: 0,
  campaign: 0,
  hashtag: 0,
  match: 0,
};

/** The status of a server that runs no live pipeline (`marsad serve --no-live`, tests). */
export const emptyStatus = (): LiveStatus => ({
  running: false,
  error: null,
  queue: { depth: 0, capacity: 0, enqueued: 0, refused: 0 },
  events: { processed: 0, replayed: 0, posts: 0, classified: 0, late: 0 },
  decisions: { ...ZERO_DECISIONS },
  flaggedPosts: 0,
  streamTime: null,
  eventsPerSecond: 0,
  latencyMs: { p50: null, p99: null, samples: 0 },
  queueItems: { created: 0, rescored: 0, syncs: 0, lastSyncMs: 0 },
  warmup: { state: 'none', events: 0, from: null, ms: 0 },
  stageMs: { classify: 0, classifyWait: 0, detectors: 0, write: 0 },
  at: new Date().toISOString(),
});

const LATENCY_SAMPLES = 10_000;
const RATE_WINDOW = 5;

const quantile = (sorted: number[], q: number): number | null =>
  sorted.length === 0 ? null : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null);

/** Counters of the live pipeline, updated by the runner's progress and the sink. */
export class LiveMeter {
  private stats: RunStats | undefined;
  private stream = Number.NEGATIVE_INFINITY;
  private readonly ring = new Float64Array(LATENCY_SAMPLES);
  private ringSize = 0;
  private ringNext = 0;
  private readonly rate: Array<{ t: number; events: number }> = [];
  replayed = 0;
  flaggedPosts = 0;
  warmup: LiveStatus['warmup'] = { state: 'none', events: 0, from: null, ms: 0 };

  progress(stats: RunStats, streamTime: number): void {
    this.stats = stats;
    this.stream = streamTime;
  }

  latencies(ms: number[]): void {
    for (const v of ms) {
      this.ring[this.ringNext] = v;
      this.ringNext = (this.ringNext + 1) % LATENCY_SAMPLES;
      if (this.ringSize < LATENCY_SAMPLES) this.ringSize++;
    }
  }

  /** Called every tick: one point of the events/s window. */
  sample(): void {
    this.rate.push({ t: performance.now(), events: this.stats?.events ?? 0 });
    if (this.rate.length > RATE_WINDOW + 1) this.rate.shift();
  }

  status(extra: {
    running: boolean;
    error: string | null;
    depth: number;
    capacity: number;
    enqueued: number;
    refused: number;
    sync: { created: number; rescored: number; syncs: number; lastMs: number };
  }): LiveStatus {
    const s = this.stats;
    const first = this.rate[0];
    const last = this.rate.at(-1);
    const rate =
      first && last && last.t > first.t ? ((last.events - first.events) * 1000) / (last.t - first.t) : 0;
    const lat = Array.from(this.ring.subarray(0, this.ringSize)).sort((a, b) => a - b);
    const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    return {
      running: extra.running,
      error: extra.error,
      queue: {
        depth: extra.depth,
        capacity: extra.capacity,
        enqueued: extra.enqueued,
        refused: extra.refused,
      },
      events: {
        processed: s?.events ?? 0,
        replayed: this.replayed,
        posts: s?.posts ?? 0,
        classified: s?.classified ?? 0,
        late: s?.late ?? 0,
      },
      decisions: { ...ZERO_DECISIONS, ...s?.decisions },
      flaggedPosts: this.flaggedPosts,
      streamTime: Number.isFinite(this.stream) ? new Date(this.stream).toISOString() : null,
      eventsPerSecond: Math.round(rate),
      latencyMs: { p50: round(quantile(lat, 0.5)), p99: round(quantile(lat, 0.99)), samples: lat.length },
      queueItems: {
        created: extra.sync.created,
        rescored: extra.sync.rescored,
        syncs: extra.sync.syncs,
        lastSyncMs: extra.sync.lastMs,
      },
      warmup: { ...this.warmup },
      stageMs: {
        classify: Math.round(s?.ms.classify ?? 0),
        classifyWait: Math.round(s?.ms.classifyWait ?? 0),
        detectors: Math.round(s?.ms.detectors ?? 0),
        write: Math.round(s?.ms.write ?? 0),
      },
      at: new Date().toISOString(),
    };
  }
}
