import type { CanonicalEvent } from '../../src/events/index.js';
import type { PostClassification } from '../../src/pipeline/types.js';
import { mix32 } from '../../src/accounts/hash.js';

// Event builders for account tests. Texts are placeholders written for the tests: "[EXT]" marks a
// post the fake classifier scores extremist, "[NEWS]" one it scores news. No real content.

export const T0 = Date.parse('2026-01-01T00:00:00.000Z');
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

export const account = (
  id: string,
  handle: string,
  name: string,
  minutes: number,
  extra: { bio?: string; avatar_pdq?: string } = {},
): CanonicalEvent => ({
  type: 'account',
  platform: 'sim',
  created_at: at(minutes),
  id,
  handle,
  name,
  ...extra,
});

let postSeq = 0;
export const post = (
  accountId: string,
  minutes: number,
  text: string,
  extra: { repost_of?: string; reply_to?: string; quote_of?: string; id?: string } = {},
): CanonicalEvent => ({
  type: 'post',
  platform: 'sim',
  created_at: at(minutes),
  id: extra.id ?? `p${++postSeq}`,
  account_id: accountId,
  text,
  ...(extra.repost_of !== undefined ? { repost_of: extra.repost_of } : {}),
  ...(extra.reply_to !== undefined ? { reply_to: extra.reply_to } : {}),
  ...(extra.quote_of !== undefined ? { quote_of: extra.quote_of } : {}),
});

export const follow = (src: string, dst: string, minutes: number): CanonicalEvent => ({
  type: 'follow',
  platform: 'sim',
  created_at: at(minutes),
  src,
  dst,
});

export const suspend = (id: string, minutes: number): CanonicalEvent => ({
  type: 'enforcement',
  platform: 'sim',
  created_at: at(minutes),
  account_id: id,
  action: 'suspend',
});

export const restore = (id: string, minutes: number): CanonicalEvent => ({
  type: 'enforcement',
  platform: 'sim',
  created_at: at(minutes),
  account_id: id,
  action: 'restore',
});

export const profileUpdate = (
  id: string,
  minutes: number,
  fields: { handle?: string; name?: string; bio?: string; avatar_pdq?: string },
): CanonicalEvent => ({
  type: 'profile_update',
  platform: 'sim',
  created_at: at(minutes),
  account_id: id,
  ...fields,
});

/** A deterministic pseudo-random PDQ hash (64 hex chars). */
export const pdq = (seed: number): string => {
  let s = '';
  for (let i = 0; i < 8; i++)
    s += mix32(seed * 8 + i + 1)
      .toString(16)
      .padStart(8, '0');
  return s;
};

/** Flips `k` bits of a PDQ hex (a re-encoded or slightly edited avatar). */
export const flipBits = (hex: string, k: number): string => {
  const nibbles = hex.split('').map((c) => Number.parseInt(c, 16));
  for (let i = 0; i < k; i++) {
    const n = (i * 7) % 64;
    nibbles[n] = (nibbles[n] as number) ^ (1 << (i % 4));
  }
  return nibbles.map((n) => n.toString(16)).join('');
};

export const fakeClassify = (e: CanonicalEvent): PostClassification | undefined => {
  if (e.type !== 'post') return undefined;
  if (e.text.includes('[EXT]'))
    return { label: 'extremist', scores: { extremist: 0.95, news: 0.03, other: 0.02 }, flagged: true };
  if (e.text.includes('[NEWS]'))
    return { label: 'news', scores: { extremist: 0.1, news: 0.85, other: 0.05 }, flagged: false };
  return { label: 'other', scores: { extremist: 0.02, news: 0.08, other: 0.9 }, flagged: false };
};

const COMMON_NAMES = [
  'أبو محمد',
  'ابو احمد',
  'Abu Ahmed',
  'أم محمد',
  'أبو علي',
  'محمد',
  'أحمد علي',
  'Abu Omar',
];

/** A background of ordinary accounts with common names, so that name statistics mean something. */
export const background = (n: number, startMinute: number): CanonicalEvent[] =>
  Array.from({ length: n }, (_, i) =>
    account(
      `bg${i}`,
      `${['abu_mohammed', 'abuahmed', 'ahmed', 'mohammed'][i % 4]}${i}`,
      COMMON_NAMES[i % COMMON_NAMES.length] as string,
      startMinute + i * 0.01,
    ),
  );
