import type { Lang, StyleSignature } from './texts.js';
import type { RecreationDifficulty } from './truth.js';

// The simulated world: accounts, and the emitter that turns generated events into canonical
// events in per-day buckets (so a day can be sorted and written before the next is generated).

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DAY = 24 * HOUR;

export type Role = 'organic' | 'news' | 'counter' | 'core' | 'amp' | 'tg';

export interface SimAccount {
  id: string;
  platform: 'sim' | 'telegram';
  handle: string;
  name: string;
  bio: string;
  lang: Lang;
  avatar?: string;
  role: Role;
  createdAt: number;
  suspendedAt: number;
  /** Earliest time it posts (a re-created account's first post comes some time after creation). */
  postFrom: number;
  /** Time-zone offset in hours (diurnal rhythm). */
  tz: number;
  /** Posts per day. */
  rate: number;
  /** Army cell (-1 outside the army). */
  cell: number;
  style?: StyleSignature;
  /** Its first follows with their times (a `network` re-creation repeats the earliest 30, in order). */
  earlyFollows: Array<{ id: string; t: number }>;
  recreation?: { replaces: SimAccount; difficulty: RecreationDifficulty; generation: number; root: string };
  /** A re-created account that starts with a blank profile (handle `initialHandle`, no name or
   * avatar) and updates it to its real one at `blankUntil`. */
  blankUntil?: number;
  initialHandle?: string;
  isNew: boolean;
  kunya: boolean;
  firstPostAt?: number;
  firstContentAt?: number;
}

export const isAlive = (a: SimAccount, t: number): boolean => t >= a.createdAt && t < a.suspendedAt;
export const canPost = (a: SimAccount, t: number): boolean => t >= a.postFrom && t < a.suspendedAt;

export interface SimEvent {
  t: number;
  seq: number;
  obj: Record<string, unknown>;
}

export interface PostFields {
  text: string;
  lang?: Lang;
  reply_to?: string;
  repost_of?: string;
  quote_of?: string;
  media?: Array<{ kind: 'image'; pdq: string }>;
}

const iso = (t: number): string => new Date(t).toISOString();

/** Collects events in day buckets; ids come from counters, so they are deterministic. */
export class Emitter {
  private readonly buckets = new Map<number, SimEvent[]>();
  private seq = 0;
  private postN = 0;
  private accountN = 0;
  private otherN = 0;
  readonly counts = { events: 0, accounts: 0, posts: 0, follows: 0, enforcement: 0, profile_updates: 0 };

  constructor(
    readonly start: number,
    readonly end: number,
    private readonly idKey: number,
  ) {}

  /** Counter → id through a bijection of 32-bit integers: unique, and nothing leaks about roles. */
  private scramble(n: number, salt: number): string {
    let x = (n ^ this.idKey ^ salt) >>> 0;
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
    return String((x ^ (x >>> 16)) >>> 0).padStart(10, '0');
  }

  private day(t: number): number {
    return t < this.start ? -1 : Math.floor((t - this.start) / DAY);
  }

  private push(t: number, obj: Record<string, unknown>): boolean {
    if (t >= this.end) return false;
    const d = this.day(t);
    let b = this.buckets.get(d);
    if (!b) this.buckets.set(d, (b = []));
    b.push({ t, seq: this.seq++, obj });
    this.counts.events++;
    return true;
  }

  /** Takes the events of a day, sorted by time (ties in generation order). */
  take(day: number): SimEvent[] {
    const b = this.buckets.get(day) ?? [];
    this.buckets.delete(day);
    b.sort((x, y) => x.t - y.t || x.seq - y.seq);
    return b;
  }

  accountId(platform: 'sim' | 'telegram'): string {
    this.accountN++;
    const id = this.scramble(this.accountN, 0x5bd1e995);
    return platform === 'telegram' ? `tg-c${id}` : `u${id}`;
  }

  account(a: SimAccount): void {
    const obj: Record<string, unknown> = {
      type: 'account',
      platform: a.platform,
      created_at: iso(a.createdAt),
      id: a.id,
      handle: a.initialHandle ?? a.handle,
      name: a.initialHandle ? '' : a.name,
    };
    if (a.bio && !a.initialHandle) obj['bio'] = a.bio;
    obj['lang'] = a.lang;
    if (a.avatar && !a.initialHandle) obj['avatar_pdq'] = a.avatar;
    if (this.push(a.createdAt, obj)) this.counts.accounts++;
  }

  /** A post by `a` at `t`; returns its id, or undefined when it falls outside the stream. */
  post(t: number, a: SimAccount, f: PostFields): string | undefined {
    const n = this.scramble(++this.postN, 0x27d4eb2f);
    const id = a.platform === 'telegram' ? `tg-p${n}` : `p${n}`;
    const obj: Record<string, unknown> = {
      type: 'post',
      platform: a.platform,
      created_at: iso(t),
      id,
      account_id: a.id,
      text: f.text,
      lang: f.lang ?? a.lang,
    };
    if (f.reply_to) obj['reply_to'] = f.reply_to;
    if (f.repost_of) obj['repost_of'] = f.repost_of;
    if (f.quote_of) obj['quote_of'] = f.quote_of;
    if (f.media) obj['media'] = f.media;
    if (!this.push(t, obj)) return undefined;
    this.counts.posts++;
    if (a.firstPostAt === undefined || t < a.firstPostAt) a.firstPostAt = t;
    if (f.text && (a.firstContentAt === undefined || t < a.firstContentAt)) a.firstContentAt = t;
    return id;
  }

  follow(t: number, src: SimAccount, dst: SimAccount): boolean {
    const ok = this.push(t, {
      type: 'follow',
      platform: src.platform,
      created_at: iso(t),
      src: src.id,
      dst: dst.id,
    });
    if (ok) this.counts.follows++;
    return ok;
  }

  suspend(t: number, a: SimAccount): boolean {
    const ok = this.push(t, {
      type: 'enforcement',
      platform: a.platform,
      created_at: iso(t),
      id: `e${this.scramble(++this.otherN, 0x165667b1)}`,
      account_id: a.id,
      action: 'suspend',
      reason: 'terrorism',
    });
    if (ok) this.counts.enforcement++;
    return ok;
  }

  profileUpdate(
    t: number,
    a: SimAccount,
    fields: { handle?: string; name?: string; bio?: string; avatar_pdq?: string },
  ): boolean {
    const ok = this.push(t, {
      type: 'profile_update',
      platform: a.platform,
      created_at: iso(t),
      id: `pu${this.scramble(++this.otherN, 0x165667b1)}`,
      account_id: a.id,
      ...fields,
    });
    if (ok) this.counts.profile_updates++;
    return ok;
  }
}

export { iso };
