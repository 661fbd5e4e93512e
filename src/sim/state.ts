import type { ScenarioConfig } from './config.js';
import { HandleRegistry } from './names.js';
import { Rng } from './rng.js';
import type { TextSource } from './texts.js';
import type { TruthCampaign, TruthCampaignKind } from './truth.js';
import { DAY, Emitter, HOUR, canPost, iso, type PostFields, type SimAccount } from './world.js';

// Mutable state of one simulation run, shared by the planning and the per-day generators.

export interface RecentPost {
  id: string;
  author: SimAccount;
  t: number;
  hashtags?: string[];
}

/** Fixed-capacity ring buffer of recent posts (bounded memory at any scale). */
export class Ring<T> {
  private readonly items: T[] = [];
  private next = 0;
  constructor(private readonly cap: number) {}
  push(item: T): void {
    if (this.items.length < this.cap) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.cap;
  }
  get size(): number {
    return this.items.length;
  }
  pick(rng: Rng): T | undefined {
    return this.items.length === 0 ? undefined : this.items[rng.int(this.items.length)];
  }
}

export class CampaignBuilder {
  readonly accounts = new Set<string>();
  readonly hashtags = new Set<string>();
  start = Infinity;
  end = -Infinity;
  posts = 0;
  hijackedSince?: number;
  organicUsesBefore?: number;
  constructor(
    readonly id: string,
    readonly kind: TruthCampaignKind,
    readonly extremist: boolean,
  ) {}
  add(a: SimAccount, t: number, tags: readonly string[] = []): void {
    this.accounts.add(a.id);
    for (const h of tags) this.hashtags.add(h);
    if (t < this.start) this.start = t;
    if (t > this.end) this.end = t;
    this.posts++;
  }
  toTruth(): TruthCampaign {
    const c: TruthCampaign = {
      id: this.id,
      kind: this.kind,
      extremist: this.extremist,
      accounts: [...this.accounts].sort(),
      hashtags: [...this.hashtags].sort(),
      start: iso(this.start),
      end: iso(this.end),
      post_count: this.posts,
    };
    if (this.hijackedSince !== undefined) c.hijacked_since = iso(this.hijackedSince);
    if (this.organicUsesBefore !== undefined) c.organic_uses_before = this.organicUsesBefore;
    return c;
  }
}

export type LifecycleItem = { t: number; kind: 'create' | 'suspend'; acc: SimAccount };

const DIURNAL = [
  1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 1.6, 2, 2.2, 2.2, 2.3, 2.4, 2.3, 2.2, 2.3, 2.5, 2.8, 3.2, 3.6, 3.8, 3.6, 3,
  2,
];

export class World {
  readonly start: number;
  readonly end: number;
  readonly em: Emitter;
  readonly handles = new HandleRegistry();
  readonly root: Rng;
  readonly organic: SimAccount[] = [];
  readonly news: SimAccount[] = [];
  readonly counter: SimAccount[] = [];
  readonly core: SimAccount[] = [];
  readonly cells: SimAccount[][] = [];
  readonly telegram: SimAccount[] = [];
  readonly all: SimAccount[] = [];
  readonly byId = new Map<string, SimAccount>();
  /** Preferential attachment: an account appears once per follower (plus once on creation). */
  readonly paTargets: SimAccount[] = [];
  readonly recentOrganic = new Ring<RecentPost>(4000);
  readonly recentNews = new Ring<RecentPost>(500);
  readonly recentArmy = new Ring<RecentPost>(500);
  readonly recentTelegram = new Ring<RecentPost>(200);
  lifecycle: LifecycleItem[] = [];
  readonly extremistPosts: string[] = [];
  readonly neutralPosts: string[] = [];
  readonly campaigns: CampaignBuilder[] = [];
  readonly coRepost: CampaignBuilder[] = [];
  readonly suspensions: Array<{ account_id: string; at: number }> = [];
  readonly organicBursts: Array<{
    hashtag: string;
    start: number;
    end: number;
    posts: number;
    accounts: number;
  }> = [];
  /** Organic hashtag use: first use, count before today, and today's use times. */
  readonly tagFirstUse = new Map<string, number>();
  readonly tagCountBefore = new Map<string, number>();
  tagTimesToday = new Map<string, number[]>();
  /** Trending organic hashtag of each day. */
  readonly trend: string[] = [];
  private campaignN = 0;
  raidN = 0;
  /** Links to the day's propaganda releases. */
  releaseUrls: string[] = [];

  constructor(
    readonly cfg: ScenarioConfig,
    readonly seed: number,
    readonly texts: TextSource,
  ) {
    this.start = Date.parse(cfg.start);
    this.end = this.start + cfg.days * DAY;
    this.root = new Rng(seed);
    this.em = new Emitter(this.start, this.end, this.root.fork('ids').nextU32());
  }

  dayStart(d: number): number {
    return this.start + d * DAY;
  }

  campaign(kind: TruthCampaignKind, extremist: boolean): CampaignBuilder {
    const c = new CampaignBuilder(`truth-${kind}-${++this.campaignN}`, kind, extremist);
    this.campaigns.push(c);
    return c;
  }

  /** A time in day `d` drawn from the diurnal rhythm of an account in time zone `tz`. */
  diurnal(d: number, tz: number, rng: Rng): number {
    const localHour = rng.weighted(DIURNAL);
    const utcHour = (((localHour - tz) % 24) + 24) % 24;
    return this.dayStart(d) + utcHour * HOUR + rng.int(HOUR);
  }

  /** Emits an army post and records it in truth: with content it is a positive, else neutral. */
  armyPost(t: number, a: SimAccount, f: PostFields, neutral = false): string | undefined {
    if (!canPost(a, t)) return undefined;
    const id = this.em.post(t, a, f);
    if (id) (neutral || !f.text ? this.neutralPosts : this.extremistPosts).push(id);
    return id;
  }

  noteOrganicTag(tag: string, t: number): void {
    if (!this.tagFirstUse.has(tag) || t < (this.tagFirstUse.get(tag) ?? Infinity))
      this.tagFirstUse.set(tag, t);
    let times = this.tagTimesToday.get(tag);
    if (!times) this.tagTimesToday.set(tag, (times = []));
    times.push(t);
  }

  endOfDayTags(): void {
    for (const [tag, times] of this.tagTimesToday)
      this.tagCountBefore.set(tag, (this.tagCountBefore.get(tag) ?? 0) + times.length);
    this.tagTimesToday = new Map();
  }

  organicUsesBefore(tag: string, t: number): number {
    const today = (this.tagTimesToday.get(tag) ?? []).filter((x) => x < t).length;
    return (this.tagCountBefore.get(tag) ?? 0) + today;
  }

  livingArmy(t: number, cell?: number): SimAccount[] {
    const pool = cell === undefined ? [...this.core, ...this.cells.flat()] : (this.cells[cell] ?? []);
    return pool.filter((a) => canPost(a, t));
  }
}
