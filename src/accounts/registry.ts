import type { ProfileFingerprint } from './fingerprint.js';
import { hashString } from './hash.js';
import { MinHasher } from './minhash.js';
import { PostingMultimap } from './multimap.js';
import { PDQ_MATCH_DISTANCE, pdqChunkKeys, pdqDistance } from './pdq.js';

/** What an account looked like and did while it was alive (captured when it is suspended). */
export interface BehaviourFingerprint {
  /** Hashed ids of accounts it followed (sorted, at most MAX_FOLLOWS). */
  follows: Uint32Array;
  /** Hashed ids of its first followers (sorted, at most MAX_FOLLOWS): armies follow their own back. */
  followers: Uint32Array;
  /** Hashed ids of authors it reposted/quoted most (sorted, at most MAX_REPOSTED). */
  reposted: Uint32Array;
  /** Quantised character n-gram profile of its posts (undefined when it never posted text). */
  style: Uint8Array | undefined;
  /** Quantised affix profile (how posts begin and end), undefined without text posts. */
  affixes: Uint8Array | undefined;
  /** Posts per UTC hour. */
  hours: Uint16Array;
  posts: number;
}

export interface RegistryEntry {
  slot: number;
  platform: string;
  accountId: string;
  /** Handle as written (for evidence and shout-out lookups). */
  handleRaw: string;
  profile: ProfileFingerprint;
  behaviour: BehaviourFingerprint;
  createdAt: number | undefined;
  suspendedAt: number;
  /** The suspended account this one was itself a re-creation of (lineage), when known. */
  parent: string | undefined;
}

export type RegistryEntryInput = Omit<RegistryEntry, 'slot'>;

export interface CandidateQuery {
  platform: string;
  profile: ProfileFingerprint;
  follows: Uint32Array;
  followers: Uint32Array;
  reposted: Uint32Array;
}

export interface Candidate {
  entry: RegistryEntry;
  /** Retrieval score (band hits, avatar match, weighted shared follows/reposts): only for ranking. */
  hits: number;
}

export interface RegistryOptions {
  /** Entries kept; the oldest suspension is evicted first. */
  capacity?: number;
  /** Entries older than this (ms since suspension) are evicted. */
  maxAgeMs?: number;
}

export const MAX_FOLLOWS = 128;
export const MAX_REPOSTED = 32;
/** Posting lists longer than this are uninformative (a common name gram band, a default avatar, a hub account). */
const POSTING_CAP = 256;

const EMPTY32 = new Uint32Array(0);

/**
 * Copies an entry's small arrays into one buffer per element type (views into it): at 1,000,000
 * entries the per-array allocations of separate typed arrays would cost more than the data.
 */
const compact = (e: RegistryEntryInput): RegistryEntryInput => {
  const p = e.profile;
  const b = e.behaviour;
  const u32 = [
    p.handleGrams,
    p.nameGrams,
    p.bioGrams,
    p.avatar ?? EMPTY32,
    b.follows,
    b.followers,
    b.reposted,
  ];
  const buf = new Uint32Array(u32.reduce((n, a) => n + a.length, 0));
  const views: Uint32Array[] = [];
  let off = 0;
  for (const a of u32) {
    buf.set(a, off);
    views.push(a.length === 0 ? EMPTY32 : buf.subarray(off, off + a.length));
    off += a.length;
  }
  const [handleGrams, nameGrams, bioGrams, avatar, follows, followers, reposted] = views as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ];
  const bytes = new Uint8Array((b.style?.length ?? 0) + (b.affixes?.length ?? 0));
  if (b.style) bytes.set(b.style, 0);
  if (b.affixes) bytes.set(b.affixes, b.style?.length ?? 0);
  const sl = b.style?.length ?? 0;
  return {
    ...e,
    profile: { ...p, handleGrams, nameGrams, bioGrams, avatar: p.avatar ? avatar : undefined },
    behaviour: {
      ...b,
      follows,
      followers,
      reposted,
      style: b.style ? bytes.subarray(0, sl) : undefined,
      affixes: b.affixes ? bytes.subarray(sl, sl + b.affixes.length) : undefined,
    },
  };
};

export const accountKey = (platform: string, id: string): string => `${platform}\u0000${id}`;

/**
 * The registry of suspended accounts with their fingerprints, and the indexes that find candidate
 * predecessors without a scan: MinHash-LSH over handle and name 3-grams (10 bands × 3 rows each),
 * a 16 × 16-bit chunk multi-index over avatar PDQ, and inverted indexes over followed and reposted
 * accounts. Memory is bounded by `capacity` (FIFO by suspension time) and `maxAgeMs`.
 */
export class SuspendedRegistry {
  readonly capacity: number;
  readonly maxAgeMs: number;
  private readonly slots: Array<RegistryEntry | undefined> = [];
  private readonly freeSlots: number[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly queue: RegistryEntry[] = [];
  private queueHead = 0;
  private readonly hasher = new MinHasher(10, 3);
  private readonly nameIndex = new PostingMultimap(POSTING_CAP, 1 << 16);
  private readonly handleIndex = new PostingMultimap(POSTING_CAP, 1 << 16);
  private readonly exactHandle = new PostingMultimap(POSTING_CAP, 1 << 14);
  private readonly exactName = new PostingMultimap(POSTING_CAP, 1 << 14);
  private readonly avatarIndex = new PostingMultimap(POSTING_CAP, 1 << 16);
  private readonly followIndex = new PostingMultimap(POSTING_CAP, 1 << 16);
  private readonly repostIndex = new PostingMultimap(POSTING_CAP, 1 << 14);
  private readonly followerIndex = new PostingMultimap(POSTING_CAP, 1 << 16);
  private live = 0;
  /** Distinct entries touched by the last `candidates` call (shows that a lookup does not scan). */
  lastProbes = 0;
  private acc = new Float64Array(1024);

  constructor(opts: RegistryOptions = {}) {
    this.capacity = opts.capacity ?? 1_000_000;
    this.maxAgeMs = opts.maxAgeMs ?? 365 * 86_400_000;
  }

  get size(): number {
    return this.live;
  }

  get(platform: string, accountId: string): RegistryEntry | undefined {
    const slot = this.byKey.get(accountKey(platform, accountId));
    return slot === undefined ? undefined : this.slots[slot];
  }

  private keysOf(e: RegistryEntryInput): { name: Uint32Array; handle: Uint32Array } {
    const n = this.hasher.signature(e.profile.nameGrams);
    const h = this.hasher.signature(e.profile.handleGrams);
    return {
      name: n ? this.hasher.bandKeys(n) : new Uint32Array(0),
      handle: h ? this.hasher.bandKeys(h) : new Uint32Array(0),
    };
  }

  private index(e: RegistryEntry, add: boolean): void {
    const op = (m: PostingMultimap, key: number): void => {
      if (add) m.add(key, e.slot);
      else m.remove(key, e.slot);
    };
    const keys = this.keysOf(e);
    for (const k of keys.name) op(this.nameIndex, k);
    for (const k of keys.handle) op(this.handleIndex, k);
    if (e.handleRaw !== '') op(this.exactHandle, hashString(e.handleRaw.toLowerCase()));
    if (e.profile.name !== '') op(this.exactName, hashString(e.profile.name));
    if (e.profile.avatar) for (const k of pdqChunkKeys(e.profile.avatar)) op(this.avatarIndex, k);
    for (const f of e.behaviour.follows) op(this.followIndex, f);
    for (const r of e.behaviour.reposted) op(this.repostIndex, r);
    for (const f of e.behaviour.followers) op(this.followerIndex, f);
  }

  /** Adds (or replaces) the entry of a suspended account; evicts the oldest when full. */
  add(input: RegistryEntryInput): RegistryEntry {
    this.remove(input.platform, input.accountId);
    while (this.live >= this.capacity) this.evictOldest();
    const slot = this.freeSlots.pop() ?? this.slots.length;
    const entry: RegistryEntry = { ...compact(input), slot };
    this.slots[slot] = entry;
    this.byKey.set(accountKey(input.platform, input.accountId), slot);
    this.index(entry, true);
    this.queue.push(entry);
    this.live++;
    return entry;
  }

  /** Removes an entry (a `restore`, or eviction). */
  remove(platform: string, accountId: string): RegistryEntry | undefined {
    const key = accountKey(platform, accountId);
    const slot = this.byKey.get(key);
    if (slot === undefined) return undefined;
    const entry = this.slots[slot];
    if (!entry) return undefined;
    this.index(entry, false);
    this.slots[slot] = undefined;
    this.freeSlots.push(slot);
    this.byKey.delete(key);
    this.live--;
    return entry;
  }

  private evictOldest(): void {
    while (this.queueHead < this.queue.length) {
      const e = this.queue[this.queueHead++] as RegistryEntry;
      if (this.slots[e.slot] === e) {
        this.remove(e.platform, e.accountId);
        break;
      }
    }
    this.compactQueue();
  }

  private compactQueue(): void {
    if (this.queueHead > 4096 && this.queueHead * 2 > this.queue.length) {
      this.queue.splice(0, this.queueHead);
      this.queueHead = 0;
    }
  }

  /** Evicts entries suspended more than maxAgeMs before `now`. */
  expire(now: number): void {
    while (this.queueHead < this.queue.length) {
      const e = this.queue[this.queueHead] as RegistryEntry;
      if (this.slots[e.slot] === e && now - e.suspendedAt <= this.maxAgeMs) break;
      this.queueHead++;
      if (this.slots[e.slot] === e) this.remove(e.platform, e.accountId);
    }
    this.compactQueue();
  }

  /** Suspended accounts whose handle was exactly `handle` (case-insensitive). */
  findByHandle(platform: string, handle: string): RegistryEntry[] {
    const out: RegistryEntry[] = [];
    const h = handle.toLowerCase();
    this.exactHandle.forEach(hashString(h), (slot) => {
      const e = this.slots[slot];
      if (e && e.platform === platform && e.handleRaw.toLowerCase() === h) out.push(e);
    });
    return out;
  }

  /**
   * Suspended accounts whose normalised display name appears as a run of words in a normalised
   * text (a shout-out: "the brother <old name> is back, his new account is @…").
   */
  findNamesIn(platform: string, normalisedText: string): RegistryEntry[] {
    const words = normalisedText.split(' ').slice(0, 60);
    const out: RegistryEntry[] = [];
    for (let i = 0; i < words.length; i++) {
      let span = '';
      for (let n = 0; n < 5 && i + n < words.length; n++) {
        span = n === 0 ? (words[i] as string) : `${span} ${words[i + n] as string}`;
        this.exactName.forEach(hashString(span), (slot) => {
          const e = this.slots[slot];
          if (e && e.platform === platform && e.profile.name === span && !out.includes(e)) out.push(e);
        });
      }
    }
    return out;
  }

  /**
   * How informative a shared follow (or follower, or reposted author) is, in [0, 1]: an IDF over the
   * registry, 1 for an account no other suspended account followed, falling towards 0 for a hub
   * that every suspended account followed (it says little about which one came back).
   */
  private idf(count: number): number {
    const n = Math.max(this.live, 1000);
    return Math.max(0, Math.log2((n + 1) / (count + 1)) / Math.log2(n + 1));
  }

  followWeight(f: number): number {
    return this.idf(this.followIndex.count(f));
  }

  followerWeight(f: number): number {
    return this.idf(this.followerIndex.count(f));
  }

  repostWeight(r: number): number {
    return this.idf(this.repostIndex.count(r));
  }

  /** Candidate predecessors for a (new) account, best retrieval score first. Never scans the registry. */
  candidates(q: CandidateQuery, limit = 16): Candidate[] {
    // Scores accumulate in a dense array indexed by slot, with the list of touched slots (a sparse
    // set): no Map and no closure per posting on this hot path.
    if (this.acc.length < this.slots.length)
      this.acc = new Float64Array(Math.max(1024, this.slots.length * 2));
    const acc = this.acc;
    const touched: number[] = [];
    const add = (m: PostingMultimap, key: number, w: number): void => {
      m.forEachUpTo(key, POSTING_CAP, (slot) => {
        if (acc[slot] === 0) touched.push(slot);
        acc[slot] = (acc[slot] as number) + w;
      });
    };
    const sigN = this.hasher.signature(q.profile.nameGrams);
    if (sigN) for (const k of this.hasher.bandKeys(sigN)) add(this.nameIndex, k, 1);
    const sigH = this.hasher.signature(q.profile.handleGrams);
    if (sigH) for (const k of this.hasher.bandKeys(sigH)) add(this.handleIndex, k, 1);
    const avatar = q.profile.avatar;
    if (avatar) {
      const seen = new Set<number>();
      for (const k of pdqChunkKeys(avatar)) {
        this.avatarIndex.forEachUpTo(k, POSTING_CAP, (slot) => {
          if (seen.has(slot)) return;
          seen.add(slot);
          const e = this.slots[slot];
          if (e?.profile.avatar && pdqDistance(e.profile.avatar, avatar) <= PDQ_MATCH_DISTANCE) {
            if (acc[slot] === 0) touched.push(slot);
            acc[slot] = (acc[slot] as number) + 10;
          }
        });
      }
    }
    for (const f of q.follows) add(this.followIndex, f, 3 * this.followWeight(f));
    for (const r of q.reposted) add(this.repostIndex, r, 3 * this.repostWeight(r));
    for (const f of q.followers) add(this.followerIndex, f, 3 * this.followerWeight(f));
    this.lastProbes = touched.length;
    // Top `limit` by a bounded insertion (limit is small), then reset the touched cells.
    const top: Candidate[] = [];
    for (const slot of touched) {
      const h = acc[slot] as number;
      acc[slot] = 0;
      const entry = this.slots[slot];
      if (!entry || entry.platform !== q.platform) continue;
      if (top.length === limit && h <= (top[limit - 1] as Candidate).hits) continue;
      let i = top.length === limit ? limit - 1 : top.length;
      top[i] = { entry, hits: h };
      while (i > 0 && (top[i - 1] as Candidate).hits < h) {
        top[i] = top[i - 1] as Candidate;
        top[i - 1] = { entry, hits: h };
        i--;
      }
    }
    return top;
  }

  /** Bytes held by the index arrays (the entries themselves are JS objects, measured by RSS). */
  get indexBytes(): number {
    return [
      this.nameIndex,
      this.handleIndex,
      this.exactHandle,
      this.exactName,
      this.avatarIndex,
      this.followIndex,
      this.repostIndex,
      this.followerIndex,
    ]
      .map((m) => m.bytes)
      .reduce((a, b) => a + b, 0);
  }

  /** The most recently suspended entries (newest first) within `withinMs` of `now`: re-creations come back within hours. */
  recent(now: number, withinMs: number, limit: number): RegistryEntry[] {
    const out: RegistryEntry[] = [];
    for (let i = this.queue.length - 1; i >= this.queueHead && out.length < limit; i--) {
      const e = this.queue[i] as RegistryEntry;
      if (now - e.suspendedAt > withinMs) break;
      if (this.slots[e.slot] === e) out.push(e);
    }
    return out;
  }

  /** Every live entry (for a brute-force reference in benchmarks and tests; never used by the detector). */
  *entries(): IterableIterator<RegistryEntry> {
    for (const e of this.slots) if (e) yield e;
  }
}
