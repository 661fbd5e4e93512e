import { TRACE_KINDS, type TraceKind } from './options.js';

// Weighted account-pair evidence with exponential decay in stream time. An edge's weight at time t
// is w·2^(−(t−t0)/halfLife); it is brought up to date lazily when touched and at each prune.
// Memory: at most `maxEdges` edges (the prune floor rises until that holds).

export interface Edge {
  a: string;
  b: string;
  w: number;
  t: number;
  /** Weight by trace kind (decayed with w), in TRACE_KINDS order. */
  byKind: Float64Array;
}

const KIND_INDEX = new Map(TRACE_KINDS.map((k, i) => [k, i]));

export class PairGraph {
  readonly edges = new Map<string, Edge>();
  floorRaised = 0;

  constructor(
    private readonly halfLifeMs: number,
    private readonly maxEdges: number,
  ) {}

  private decay(e: Edge, now: number): void {
    if (now <= e.t) return;
    const f = 2 ** (-(now - e.t) / this.halfLifeMs);
    e.w *= f;
    for (let i = 0; i < e.byKind.length; i++) e.byKind[i]! *= f;
    e.t = now;
  }

  add(x: string, y: string, kind: TraceKind, weight: number, now: number): void {
    if (x === y) return;
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}\u0000${b}`;
    let e = this.edges.get(key);
    if (!e) {
      e = { a, b, w: 0, t: now, byKind: new Float64Array(TRACE_KINDS.length) };
      this.edges.set(key, e);
    } else this.decay(e, now);
    e.w += weight;
    e.byKind[KIND_INDEX.get(kind)!]! += weight;
  }

  /** Decays every edge to `now` and drops those below `floor` (raised while over the cap). */
  prune(now: number, floor: number): void {
    for (const [key, e] of this.edges) {
      this.decay(e, now);
      if (e.w < floor) this.edges.delete(key);
    }
    let f = floor;
    while (this.edges.size > this.maxEdges) {
      f *= 2;
      this.floorRaised++;
      for (const [key, e] of this.edges) if (e.w < f) this.edges.delete(key);
    }
  }
}
