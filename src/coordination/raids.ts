import type { CoordinationOptions } from './options.js';

// Hashtag raids: per-hashtag burst against the hashtag's own baseline (EWMA mean and variance of
// posts per bin, z-score of the sliding window) together with concentration (accounts posting the
// hashtag repeatedly in the window). A raid whose accounts mostly belong to a raid already running
// on another hashtag joins it (one army pushing several hashtags is one campaign). A raid on a
// hashtag that other accounts had used in the day before is a hijack.
// Memory: at most `maxTags` hashtags (idle ones evicted), `maxWindowPosts` posts per window, 256
// prior users per hashtag.

export interface RaidAccount {
  posts: number;
  extremist: number;
  first: number;
}

export interface Raid {
  id: string;
  /** `hashtag_raid`, `hashtag_hijack` or `copypasta`. */
  kind: string;
  hashtags: Set<string>;
  startedAt: number;
  detectedAt: number;
  last: number;
  accounts: Map<string, RaidAccount>;
  posts: number;
  extremist: number;
  hijack: boolean;
  priorAccounts: number;
  z: number;
  baselinePerHour: number;
  /** Lowest similarity that joined a copy to its family (copypasta only). */
  minSimilarity: number;
  closed: boolean;
  /** Set when this raid was merged into an older one (its accounts are then the merged ones). */
  mergedInto?: string;
  /** Keys (hashtags / text families) whose posts feed this raid. */
  keys: Set<string>;
  /** Raids merged into this one: their records follow this one's. */
  absorbed: Raid[];
}

interface WindowPost {
  time: number;
  account: string;
  extremist: boolean;
}

interface TagState {
  display: string;
  mean: number;
  variance: number;
  binStart: number;
  binCount: number;
  bins: number;
  window: WindowPost[];
  perAccount: Map<string, number>;
  /** Accounts in the window with at least minPostsPerAccount posts. */
  repeaters: number;
  /** Accounts that used the hashtag, with their last use (at most 256, least recent dropped). */
  prior: Map<string, number>;
  last: number;
  raid?: Raid;
}

const DAY_MS = 24 * 3_600_000;

export class RaidTracker {
  private readonly tags = new Map<string, TagState>();
  readonly active = new Set<Raid>();
  private readonly merged: Raid[] = [];
  /** Whether two raids are by the same network of the account graph (set by the detector). */
  sameNetwork?: (a: Raid, b: Raid) => boolean;
  /** Posts of the whole stream per bin (last day) and in the sliding window: the baseline is a share of it. */
  private readonly globalBins = new Map<number, number>();
  private readonly globalTimes: number[] = [];
  private globalHead = 0;
  private streamStart = Number.NaN;
  constructor(
    private readonly opts: CoordinationOptions['raids'],
    /** `hashtag` (raids and hijacks) or `copypasta` (bursts of one text family). */
    private readonly subject: 'hashtag' | 'copypasta' = 'hashtag',
  ) {}

  get size(): number {
    return this.tags.size;
  }

  private state(key: string, display: string, now: number): TagState {
    let s = this.tags.get(key);
    if (s) {
      this.tags.delete(key);
      this.tags.set(key, s);
      return s;
    }
    if (this.tags.size >= this.opts.maxTags) {
      const oldest = this.tags.keys().next();
      if (!oldest.done) this.tags.delete(oldest.value);
    }
    s = {
      display,
      mean: 0,
      variance: 0,
      binStart: Math.floor(now / this.opts.binMs) * this.opts.binMs,
      binCount: 0,
      bins: 0,
      window: [],
      perAccount: new Map(),
      repeaters: 0,
      prior: new Map(),
      last: now,
    };
    this.tags.set(key, s);
    return s;
  }

  /**
   * Every post of the stream (hashtagged or not) passes here first: baselines are shares of the
   * stream's volume, so that the daily rhythm of the whole platform is not taken for a burst.
   */
  observe(now: number): void {
    if (Number.isNaN(this.streamStart)) this.streamStart = now;
    const bin = Math.floor(now / this.opts.binMs);
    this.globalBins.set(bin, (this.globalBins.get(bin) ?? 0) + 1);
    if (this.globalBins.size > 160) {
      for (const k of this.globalBins.keys()) {
        if (k >= bin - 150) break;
        this.globalBins.delete(k);
      }
    }
    this.globalTimes.push(now);
    while (
      this.globalHead < this.globalTimes.length &&
      now - this.globalTimes[this.globalHead]! > this.opts.windowMs
    )
      this.globalHead++;
    if (this.globalHead > 8192) {
      this.globalTimes.splice(0, this.globalHead);
      this.globalHead = 0;
    }
  }

  private get globalWindow(): number {
    return this.globalTimes.length - this.globalHead;
  }

  /** Closes bins up to `now` into the EWMA baseline of the share (empty bins count as zeros). */
  private roll(s: TagState, now: number): void {
    const { binMs, alpha } = this.opts;
    let guard = 0;
    while (now >= s.binStart + binMs) {
      const total = this.globalBins.get(Math.floor(s.binStart / binMs)) ?? 0;
      const x = total > 0 ? s.binCount / total : 0;
      // A new key's baseline starts at zero: its first bins are what a burst is measured on.
      const d = x - s.mean;
      s.mean += alpha * d;
      s.variance = (1 - alpha) * (s.variance + alpha * d * d);
      s.bins++;
      s.binCount = 0;
      s.binStart += binMs;
      // After a long idle gap the remaining empty bins are applied in closed form.
      if (++guard > 200) {
        const k = Math.floor((now - s.binStart) / binMs);
        s.mean *= (1 - alpha) ** k;
        s.variance *= (1 - alpha) ** k;
        s.bins += k;
        s.binStart += k * binMs;
        break;
      }
    }
  }

  /**
   * A post carrying hashtag `key`. Returns the raid it belongs to when the post is part of one (new
   * or running), else undefined.
   */
  onPost(
    key: string,
    display: string | undefined,
    account: string,
    extremist: boolean,
    now: number,
    counted: Set<Raid>,
  ): Raid | undefined {
    const o = this.opts;
    const s = this.state(key, display ?? key, now);
    this.roll(s, now);
    s.last = now;
    // Slide the window.
    let drop = 0;
    while (
      drop < s.window.length &&
      (now - s.window[drop]!.time > o.windowMs || s.window.length - drop >= o.maxWindowPosts)
    ) {
      const p = s.window[drop]!;
      const n = (s.perAccount.get(p.account) ?? 1) - 1;
      if (n === o.minPostsPerAccount - 1) s.repeaters--;
      if (n <= 0) s.perAccount.delete(p.account);
      else s.perAccount.set(p.account, n);
      drop++;
    }
    if (drop > 0) s.window.splice(0, drop);
    s.window.push({ time: now, account, extremist });
    const mine = (s.perAccount.get(account) ?? 0) + 1;
    s.perAccount.set(account, mine);
    if (mine === o.minPostsPerAccount) s.repeaters++;
    s.binCount++;
    s.prior.delete(account);
    s.prior.set(account, now);
    if (s.prior.size > 256) s.prior.delete(s.prior.keys().next().value!);

    let raid = s.raid && !s.raid.closed ? s.raid : undefined;
    if (!raid) {
      // Baselines learn during the warm-up: everything is "new" at the start of a stream.
      if (now - this.streamStart < o.warmupMs) return undefined;
      if (s.repeaters < o.minRepeaters) return undefined;
      const z = this.zScore(s);
      if (z < o.minZ) return undefined;
      const members = new Set<string>();
      for (const [a, n] of s.perAccount) if (n >= o.minPostsPerAccount) members.add(a);
      if (!raid) {
        let prior = 0;
        for (const [a, t] of s.prior)
          if (!members.has(a) && t < s.window[0]!.time && now - t < DAY_MS) prior++;
        const hijack = this.subject === 'hashtag' && prior >= o.hijackPriorAccounts;
        raid = {
          id: `${this.subject === 'hashtag' ? 'raid' : 'copypasta'}-${key}-${new Date(s.window[0]!.time).toISOString()}`,
          kind: this.subject === 'copypasta' ? 'copypasta' : hijack ? 'hashtag_hijack' : 'hashtag_raid',
          hashtags: new Set(),
          startedAt: s.window[0]!.time,
          detectedAt: now,
          last: now,
          accounts: new Map(),
          posts: 0,
          extremist: 0,
          hijack,
          priorAccounts: prior,
          z,
          baselinePerHour: (s.mean * this.globalWindow * 3_600_000) / o.windowMs,
          minSimilarity: 1,
          closed: false,
          keys: new Set(),
          absorbed: [],
        };
        this.active.add(raid);
      }
      if (display !== undefined) raid.hashtags.add(display);
      raid.keys.add(key);
      s.raid = raid;
      // The window's posts by the repeating accounts are the raid's first evidence.
      for (const p of s.window) {
        if (!members.has(p.account) || (p.time === now && p.account === account && counted.has(raid)))
          continue;
        raid.startedAt = Math.min(raid.startedAt, p.time);
        addPost(raid, p.account, p.extremist, p.time);
      }
      raid.last = now;
      return this.absorb(raid, now);
    }
    // A running raid: repeating accounts join while the burst lasts; accounts already in it add posts.
    let joined = false;
    if (!raid.accounts.has(account)) {
      if (mine < o.minPostsPerAccount || this.zScore(s) < o.minZ / 2) return undefined;
      for (const p of s.window)
        if (p.account === account && p !== s.window[s.window.length - 1])
          addPost(raid, account, p.extremist, p.time);
      joined = true;
    }
    if (!counted.has(raid)) addPost(raid, account, extremist, now);
    raid.last = now;
    return joined ? this.absorb(raid, now) : raid;
  }

  /**
   * Raids that share many accounts (≥ mergeOverlap of the smaller one), or that run at the same
   * time by the same network of the account graph, are one campaign: the newer is merged into
   * the older, which keeps its id; the newer one is queued in `merged` for a last report.
   */
  private absorb(raid: Raid, now: number): Raid {
    let survivor = raid;
    for (const other of [...this.active]) {
      if (other === survivor || other.closed) continue;
      let shared = 0;
      for (const a of survivor.accounts.keys()) if (other.accounts.has(a)) shared++;
      const overlap =
        shared >= 3 &&
        shared >= this.opts.mergeOverlap * Math.min(survivor.accounts.size, other.accounts.size);
      const sameNet =
        this.sameNetwork !== undefined &&
        Math.abs(other.startedAt - survivor.startedAt) <= this.opts.windowMs &&
        this.sameNetwork(survivor, other);
      if (!overlap && !sameNet) continue;
      const [older, newer] = other.detectedAt <= survivor.detectedAt ? [other, survivor] : [survivor, other];
      this.mergeInto(older, newer, now);
      survivor = older;
    }
    return survivor;
  }

  private mergeInto(a: Raid, b: Raid, now: number): void {
    for (const [acc, st] of b.accounts) {
      const x = a.accounts.get(acc);
      if (!x) a.accounts.set(acc, { ...st });
      else {
        x.posts += st.posts;
        x.extremist += st.extremist;
        x.first = Math.min(x.first, st.first);
      }
    }
    a.posts += b.posts;
    a.extremist += b.extremist;
    for (const h of b.hashtags) a.hashtags.add(h);
    a.startedAt = Math.min(a.startedAt, b.startedAt);
    a.last = Math.max(a.last, b.last, now);
    a.minSimilarity = Math.min(a.minSimilarity, b.minSimilarity);
    for (const k of b.keys) {
      a.keys.add(k);
      const st = this.tags.get(k);
      if (st) st.raid = a;
    }
    b.closed = true;
    b.mergedInto = a.id;
    a.absorbed.push(b, ...b.absorbed);
    b.absorbed = [];
    b.accounts = a.accounts;
    this.active.delete(b);
    this.merged.push(b);
  }

  /** Raids merged into another since the last call (for their last report). */
  drainMerged(): Raid[] {
    return this.merged.splice(0);
  }

  /** z-score of the window's posts against the expected share of the stream's window volume. */
  private zScore(s: TagState): number {
    const g = this.globalWindow;
    const expected = s.mean * g;
    const sd = Math.sqrt(Math.max(1, expected + (s.variance * g * g * this.opts.binMs) / this.opts.windowMs));
    return (s.window.length - expected) / sd;
  }

  /** Closes raids idle for `idleMs` and forgets hashtags idle for `tagIdleMs`; returns closed raids. */
  sweep(now: number): Raid[] {
    const closed: Raid[] = [];
    for (const r of this.active) {
      if (now - r.last > this.opts.idleMs) {
        r.closed = true;
        this.active.delete(r);
        closed.push(r);
      }
    }
    for (const [key, s] of this.tags) {
      if (now - s.last > this.opts.tagIdleMs) this.tags.delete(key);
      else if (s.raid?.closed) delete s.raid;
    }
    return closed;
  }
}

const addPost = (raid: Raid, account: string, extremist: boolean, time: number): void => {
  let a = raid.accounts.get(account);
  if (!a) raid.accounts.set(account, (a = { posts: 0, extremist: 0, first: time }));
  a.posts++;
  raid.posts++;
  if (extremist) {
    a.extremist++;
    raid.extremist++;
  }
};
