import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src/events/index.js';
import { fastParseEvent } from '../../../src/ingest/canonical-fast.js';

const base = {
  post: {
    type: 'post',
    platform: 'sim',
    id: 'p1',
    account_id: 'a1',
    text: 'نص عن الطقس #عين_الإسلام',
    created_at: '2024-01-02T10:05:00+03:00',
    lang: 'ar',
    hashtags: ['عين_الإسلام'],
    mentions: [],
    urls: ['https://example.org'],
    reply_to: 'p0',
    repost_of: 'p00',
    quote_of: 'p000',
  },
  account: {
    type: 'account',
    platform: 'twitter',
    id: 'a1',
    handle: 'h',
    name: 'اسم',
    bio: 'سيرة',
    lang: 'ar',
    followers_count: 3,
    following_count: 0,
    url: 'https://x.com/h',
    created_at: '2024-01-01T00:00:00Z',
  },
  follow: {
    type: 'follow',
    platform: 'bluesky',
    id: 'f1',
    src: 'a',
    dst: 'b',
    created_at: '2024-01-01 00:00:00.5Z',
  },
} as const;

// Values that are wrong or unusual for some field: the fast path must agree with zod on each.
const VARIANTS: unknown[] = [
  undefined,
  null,
  '',
  'x',
  'X',
  'a'.repeat(513),
  'a'.repeat(17),
  7,
  -1,
  1.5,
  2 ** 53,
  true,
  [],
  ['a'],
  [1],
  ['a'.repeat(513)],
  {},
  '2024-02-30T00:00:00Z',
  '2024-13-01T00:00:00Z',
  '2024-01-01T00:00:00',
  '2024-01-01T24:00:00Z',
  '2024-01-01t01:02:03.123456789+0530',
  '2024-02-29T23:59:59.999Z',
  '2023-02-29T00:00:00.000Z',
  '2000-02-29T00:00:00Z',
  '1900-02-29T00:00:00Z',
  '2024-04-31T00:00:00.000Z',
  '2024-12-31T23:59:60.000Z',
  '2024-12-31T23:60:00Z',
  '2024-00-10T00:00:00Z',
  '2024-01-00T00:00:00Z',
  '0000-01-01T00:00:00.000Z',
  'Bad Platform',
  'sim.v2',
];

const parseOrUndefined = (v: unknown): string | undefined => {
  try {
    return JSON.stringify(parseEvent(v));
  } catch {
    return undefined;
  }
};

describe('fast canonical validation', () => {
  it('returns exactly what parseEvent returns, or defers to it', () => {
    let fast = 0;
    let cases = 0;
    for (const [type, event] of Object.entries(base)) {
      const keys = [...Object.keys(event), 'extra_field', 'media', 'avatar_pdq'];
      const inputs: unknown[] = [event];
      for (const key of keys) for (const v of VARIANTS) inputs.push({ ...event, [key]: v });
      for (const key of Object.keys(event)) {
        const rest: Record<string, unknown> = { ...event };
        delete rest[key];
        inputs.push(rest);
      }
      for (const input of inputs) {
        cases++;
        const got = fastParseEvent(structuredClone(input));
        const want = parseOrUndefined(structuredClone(input));
        if (got !== undefined) {
          fast++;
          expect(JSON.stringify(got), `${type} ${JSON.stringify(input)}`).toBe(want);
        } else if (want !== undefined) {
          // Only unusual valid inputs may go to zod: extra keys, nulls, media, avatar hashes.
          const o = input as Record<string, unknown>;
          const unusual =
            ['extra_field', 'media', 'avatar_pdq'].some((k) => k in o) || Object.values(o).includes(null);
          expect(unusual, `fast path refused ${JSON.stringify(input)}`).toBe(true);
        }
      }
    }
    expect(fast).toBeGreaterThan(100);
    expect(cases).toBeGreaterThan(500);
  });

  it('takes the common shapes and leaves the rest to zod', () => {
    expect(fastParseEvent(base.post)).toBeDefined();
    expect(fastParseEvent(base.account)).toBeDefined();
    expect(fastParseEvent(base.follow)).toBeDefined();
    expect(fastParseEvent({ ...base.post, media: [{ kind: 'image' }] })).toBeUndefined();
    expect(
      fastParseEvent({
        type: 'enforcement',
        platform: 'x',
        account_id: 'a',
        action: 'suspend',
        created_at: '2024-01-01T00:00:00Z',
      }),
    ).toBeUndefined();
  });
});
