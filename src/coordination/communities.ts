import { LruMap } from '../pipeline/lru.js';
import type { PairGraph } from './pair-graph.js';
import { TRACE_KINDS, type TraceKind } from './options.js';

// Campaigns as communities of the pair graph: connected components of the edges whose decayed
// weight is at least the threshold (union-find). Chosen over Louvain because the edges that survive
// the threshold are repeated co-actions within Δt (strong by construction), components are
// deterministic and cheap to recompute, and ids stay stable: a component keeps the id of the oldest
// campaign among its members; a merge keeps the older id and records the other.

export interface Community {
  id: string;
  /** Creation order: lower is older. */
  order: number;
  /** Every account that has been a member (capped), in order of joining. */
  accounts: Set<string>;
  /** Current members (from the last recompute). */
  current: Set<string>;
  detectedAt: number;
  weightByKind: Float64Array;
  pairs: number;
  merged: string[];
  mergedInto?: string;
  /** Account count when last reported. */
  reported: number;
  alive: boolean;
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x);
    if (p === undefined) {
      this.parent.set(x, x);
      return x;
    }
    let root = x;
    while (p !== root) {
      root = p;
      p = this.parent.get(root)!;
    }
    // Path compression.
    let y = x;
    while (y !== root) {
      const next = this.parent.get(y)!;
      this.parent.set(y, root);
      y = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  keys(): IterableIterator<string> {
    return this.parent.keys();
  }
}

export class CommunityTracker {
  readonly byId = new Map<string, Community>();
  /**
   * Community of each account: its current one, or the last it was in (so that a network whose
   * edges dip below the threshold for a while gets its id back). LRU-capped.
   */
  private readonly accountOf: LruMap<string, string>;
  private next = 1;

  constructor(
    private readonly minAccounts: number,
    private readonly maxAccounts: number,
    private readonly idPrefix = 'net',
    maxRemembered = 1_000_000,
  ) {
    this.accountOf = new LruMap(maxRemembered);
  }

  communityOf(account: string): string | undefined {
    return this.accountOf.peek(account);
  }

  /** Recomputes components over edges ≥ threshold; returns the communities that changed. */
  recompute(graph: PairGraph, threshold: number, now: number): Community[] {
    const uf = new UnionFind();
    const f = graph.factor(now);
    const scaled = threshold / f;
    const strong: Array<{ a: string; b: string; w: number; byKind: Float64Array }> = [];
    for (const e of graph.strong) {
      if (e.w < scaled) {
        graph.strong.delete(e);
        continue;
      }
      uf.union(e.a, e.b);
      strong.push(e);
    }
    const groups = new Map<string, string[]>();
    for (const x of uf.keys()) {
      const r = uf.find(x);
      let g = groups.get(r);
      if (!g) groups.set(r, (g = []));
      g.push(x);
    }
    const comps = [...groups.values()].filter((g) => g.length >= this.minAccounts);
    // Largest first (ties by smallest account id) so that a split leaves the id with the bigger part.
    for (const g of comps) g.sort();
    comps.sort((x, y) => y.length - x.length || (x[0]! < y[0]! ? -1 : 1));
    const changed = new Set<Community>();
    const taken = new Set<string>();
    const rootToId = new Map<string, Community>();
    for (const g of comps) {
      const prior = new Set<string>();
      for (const x of g) {
        const id = this.accountOf.peek(x);
        if (id !== undefined) prior.add(id);
      }
      const candidates = [...prior]
        .map((id) => this.byId.get(id)!)
        .map((c) => this.resolve(c))
        .filter((c, i, all) => !taken.has(c.id) && all.indexOf(c) === i)
        .sort((p, q) => p.order - q.order);
      let c = candidates[0];
      if (!c) {
        const order = this.next++;
        c = {
          id: `${this.idPrefix}-${order}`,
          order,
          accounts: new Set(),
          current: new Set(),
          detectedAt: now,
          weightByKind: new Float64Array(TRACE_KINDS.length),
          pairs: 0,
          merged: [],
          reported: 0,
          alive: true,
        };
        this.byId.set(c.id, c);
      }
      taken.add(c.id);
      for (const other of candidates.slice(1)) {
        if (other.mergedInto !== undefined) continue;
        other.mergedInto = c.id;
        other.alive = false;
        c.merged.push(other.id);
        for (const x of other.accounts) if (c.accounts.size < this.maxAccounts) c.accounts.add(x);
        changed.add(other);
        changed.add(c);
      }
      c.alive = true;
      c.current = new Set(g);
      for (const x of g) {
        this.accountOf.set(x, c.id);
        if (!c.accounts.has(x) && c.accounts.size < this.maxAccounts) c.accounts.add(x);
      }
      c.weightByKind.fill(0);
      c.pairs = 0;
      rootToId.set(uf.find(g[0]!), c);
      if (c.accounts.size !== c.reported) changed.add(c);
    }
    for (const e of strong) {
      const c = rootToId.get(uf.find(e.a));
      if (!c) continue;
      c.pairs++;
      for (let i = 0; i < e.byKind.length; i++) c.weightByKind[i]! += e.byKind[i]! * f;
    }
    for (const c of this.byId.values()) {
      if (c.alive && !taken.has(c.id)) c.alive = false;
    }
    return [...changed].sort((p, q) => p.order - q.order);
  }

  /** The community this one now is part of (itself when not merged). */
  survivor(c: Community): Community {
    return this.resolve(c);
  }

  /** Follows merges to the community that absorbed this one. */
  private resolve(c: Community): Community {
    let x = c;
    while (x.mergedInto !== undefined) x = this.byId.get(x.mergedInto)!;
    return x;
  }

  /** The trace kind with the most weight in a community. */
  static dominantKind(c: Community): TraceKind {
    let best = 0;
    for (let i = 1; i < TRACE_KINDS.length; i++) if (c.weightByKind[i]! > c.weightByKind[best]!) best = i;
    return TRACE_KINDS[best]!;
  }
}
