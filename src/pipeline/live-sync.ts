import type { Logger } from '../logger.js';

export interface SyncCounts {
  created: number;
  rescored: number;
}

/**
 * Runs the review sync (decisions → queue items) after decisions that may create items were
 * written, coalesced: at most one at a time, and not sooner than `minIntervalMs` after the last one
 * nor sooner than 10× its duration, so that the sync (a scan of the flagged decisions) takes at
 * most ~10% of the time however large the database grows.
 */
export class SyncScheduler {
  private dirty = false;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastEnd = 0;
  private lastMs = 0;
  private stopped = false;
  readonly totals = { syncs: 0, created: 0, rescored: 0, failures: 0, lastMs: 0 };

  constructor(
    private readonly sync: () => Promise<SyncCounts>,
    private readonly logger: Logger,
    private readonly minIntervalMs = 1000,
  ) {}

  markDirty(): void {
    this.dirty = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.running || this.timer || !this.dirty) return;
    const gap = Math.max(this.minIntervalMs, 10 * this.lastMs);
    const wait = Math.max(0, this.lastEnd + gap - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.runOnce().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, wait);
  }

  private async runOnce(): Promise<void> {
    this.dirty = false;
    const t0 = performance.now();
    try {
      const s = await this.sync();
      this.totals.syncs++;
      this.totals.created += s.created;
      this.totals.rescored += s.rescored;
    } catch (err) {
      this.totals.failures++;
      this.dirty = true;
      this.logger.warn({ err }, 'live: review sync failed; it will be retried');
    }
    this.lastEnd = performance.now();
    this.lastMs = this.lastEnd - t0;
    this.totals.lastMs = Math.round(this.lastMs);
  }

  /** Stops scheduling and runs a last sync if anything is pending (shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    if (this.dirty) await this.runOnce();
  }
}
