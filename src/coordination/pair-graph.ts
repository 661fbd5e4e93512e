import { TRACE_KINDS, type TraceKind } from './options.js';

// Weighted account-pair evidence with exponential decay in stream time: the weight of an edge at
// time t is Σ wᵢ·2^(−(t−tᵢ)/halfLife). Weights are stored scaled by 2^((tᵢ−origin)/halfLife), so
// adding is O(1) and nothing has to be decayed edge by edge: the current weight is the stored one
// times factor(t). (Past 500 half-lives from the origin, all weights are rebased once.)
// Memory: at most `maxEdges` edges (the prune floor rises until that holds).

export interface Edge {
  a: string;
  b: string;
  /** Scaled weight: multiply by factor(now) for the weight now. */
  w: number;
  /** Scaled weight by trace kind, in TRACE_KINDS order. */
  byKind: Float64Array;
}

const KIND_INDEX = new Map(TRACE_KINDS.map((k, i) => [k, i]));

export class PairGraph {
  readonly edges = new Map<string, Edge>();
  /** Edges that reached the community threshold when last touched (recomputes scan only these). */
  readonly strong = new Set<Edge>();
  floorRaised = 0;
  private origin = Number.NaN;
  private cachedAt = Number.NaN;
  private cachedScale = 1;

  constructor(
    private readonly halfLifeMs: number,
    private readonly maxEdges: number,
    private readonly strongAt = 0,
  ) {}

  private scale(now: number): number {
    // The origin is the first evidence (not the first event: account events carry creation times
    // years back). Far from it, weights are rebased so that the exponent stays small.
    if (Number.isNaN(this.origin)) this.origin = now;
    if (now !== this.cachedAt) {
      let exp = (now - this.origin) / this.halfLifeMs;
      if (exp > 500) {
        const f = 2 ** -exp;
        for (const e of this.edges.values()) {
          e.w *= f;
          for (let i = 0; i < e.byKind.length; i++) e.byKind[i]! *= f;
        }
        this.origin = now;
        exp = 0;
      }
      this.cachedAt = now;
      this.cachedScale = 2 ** Math.max(exp, -500);
    }
    return this.cachedScale;
  }

  /** Multiply a stored weight by this to get its value at `now`. */
  factor(now: number): number {
    return this.edges.size === 0 ? 1 : 1 / this.scale(now);
  }

  /** The decayed weight of an edge at `now`. */
  weight(e: Edge, now: number): number {
    return e.w * this.factor(now);
  }

  add(x: string, y: string, kind: TraceKind, weight: number, now: number): void {
    if (x === y) return;
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}\u0000${b}`;
    let e = this.edges.get(key);
    if (!e) {
      e = { a, b, w: 0, byKind: new Float64Array(TRACE_KINDS.length) };
      this.edges.set(key, e);
    }
    const w = weight * this.scale(now);
    e.w += w;
    e.byKind[KIND_INDEX.get(kind)!]! += w;
    if (e.w >= this.strongAt * this.cachedScale) this.strong.add(e);
  }

  /** Drops edges whose weight at `now` is below `floor` (raised while over the cap). */
  prune(now: number, floor: number): void {
    if (this.edges.size === 0) return;
    let f = floor * this.scale(now);
    for (const [key, e] of this.edges) {
      if (e.w >= f) continue;
      this.edges.delete(key);
      this.strong.delete(e);
    }
    while (this.edges.size > this.maxEdges) {
      f *= 2;
      this.floorRaised++;
      for (const [key, e] of this.edges) {
        if (e.w >= f) continue;
        this.edges.delete(key);
        this.strong.delete(e);
      }
    }
  }
}
