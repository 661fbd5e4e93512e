import { accountKey } from './registry.js';

/** One link of a lineage: `accountId` is a re-creation of `parentId`. */
export interface LineageLink {
  platform: string;
  accountId: string;
  parentId: string;
  score: number;
  /** Stream time of the evasion decision (epoch ms). */
  at: number;
}

/**
 * Lineages of re-created accounts (A → B → C): each account links to the suspended account it
 * re-creates. Read by the API and dashboard through `chain`, `children` and `toJSON`. Bounded: at
 * most `capacity` links, the oldest dropped first (a chain then simply starts later).
 */
export class Lineage {
  private readonly links = new Map<string, LineageLink>();
  private readonly kids = new Map<string, Set<string>>();

  constructor(readonly capacity = 1_000_000) {}

  get size(): number {
    return this.links.size;
  }

  /** Records (or replaces) the link of `accountId`. A link that would close a cycle is refused. */
  link(l: LineageLink): boolean {
    if (l.accountId === l.parentId) return false;
    if (this.chain(l.platform, l.parentId).includes(l.accountId)) return false;
    this.unlink(l.platform, l.accountId);
    const key = accountKey(l.platform, l.accountId);
    this.links.set(key, l);
    const pk = accountKey(l.platform, l.parentId);
    let set = this.kids.get(pk);
    if (!set) this.kids.set(pk, (set = new Set()));
    set.add(l.accountId);
    while (this.links.size > this.capacity) {
      const oldest = this.links.values().next().value as LineageLink;
      this.unlink(oldest.platform, oldest.accountId);
    }
    return true;
  }

  unlink(platform: string, accountId: string): void {
    const key = accountKey(platform, accountId);
    const l = this.links.get(key);
    if (!l) return;
    this.links.delete(key);
    const pk = accountKey(platform, l.parentId);
    const set = this.kids.get(pk);
    set?.delete(accountId);
    if (set?.size === 0) this.kids.delete(pk);
  }

  parentOf(platform: string, accountId: string): LineageLink | undefined {
    return this.links.get(accountKey(platform, accountId));
  }

  /** Ancestors of an account, nearest first: chain(C) = [B, A] for A → B → C. */
  chain(platform: string, accountId: string): string[] {
    const out: string[] = [];
    let cur = this.links.get(accountKey(platform, accountId));
    while (cur && out.length < 1000) {
      out.push(cur.parentId);
      cur = this.links.get(accountKey(platform, cur.parentId));
    }
    return out;
  }

  children(platform: string, accountId: string): string[] {
    return [...(this.kids.get(accountKey(platform, accountId)) ?? [])];
  }

  /** The root of an account's lineage and every account descending from it, in breadth-first order. */
  family(platform: string, accountId: string): { root: string; members: string[] } {
    const up = this.chain(platform, accountId);
    const root = up.length > 0 ? (up[up.length - 1] as string) : accountId;
    const members: string[] = [root];
    for (let i = 0; i < members.length && members.length < 10_000; i++)
      members.push(...this.children(platform, members[i] as string));
    return { root, members };
  }

  toJSON(): LineageLink[] {
    return [...this.links.values()];
  }
}
