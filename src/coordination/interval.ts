// Streaming estimate of the coordination interval Δt of a trace kind (CooRnet estimates it from the
// data as a quantile of share delays). Delays after the first share of a trace go into a fixed
// log-scale histogram (quarter-octave bins from 1 s to ~36 h: 64 counters, constant memory); Δt is
// the configured quantile, clamped. It only ever depends on delays seen so far (stream order).

const BINS = 64;
const BIN_MS = (i: number): number => 1000 * 2 ** (i / 4);

export class IntervalEstimator {
  private readonly counts = new Float64Array(BINS);
  private total = 0;
  private cached: number;
  private dirty = 0;

  constructor(
    private readonly quantile: number,
    private readonly minSamples: number,
    private readonly defaultMs: number,
    private readonly minMs: number,
    private readonly maxMs: number,
  ) {
    this.cached = defaultMs;
  }

  /** Records the delay (ms) of a share after the first share of the same trace. */
  add(delayMs: number): void {
    const i = delayMs <= 1000 ? 0 : Math.min(BINS - 1, Math.ceil(4 * Math.log2(delayMs / 1000)));
    this.counts[i]!++;
    this.total++;
    if (++this.dirty >= 64) this.refresh();
  }

  get samples(): number {
    return this.total;
  }

  /** The current Δt in ms. */
  get windowMs(): number {
    return this.cached;
  }

  private refresh(): void {
    this.dirty = 0;
    if (this.total < this.minSamples) return;
    const target = this.quantile * this.total;
    let acc = 0;
    let ms = BIN_MS(BINS - 1);
    for (let i = 0; i < BINS; i++) {
      acc += this.counts[i]!;
      if (acc >= target) {
        ms = BIN_MS(i);
        break;
      }
    }
    this.cached = Math.min(this.maxMs, Math.max(this.minMs, ms));
  }
}
