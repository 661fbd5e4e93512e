import { describe, expect, it } from 'vitest';
import { accounts, byKind, MIN, post, run, SMALL, T0, type Item } from './stream.js';

const HOUR = 60 * MIN;
const TOPICS = [
  'lunch was great',
  'the bus is late again',
  'who watched the match',
  'rain all day here',
  'exams next week',
  'coffee or tea',
];

/** Background chatter: one post a minute from many accounts, hashtag-free, for `hours`. */
const chatter = (hours: number) =>
  Array.from({ length: hours * 60 }, (_, i) =>
    post({ at: T0 + i * MIN + 7, account: `bg${i % 500}`, text: `${TOPICS[i % TOPICS.length]} ${i}` }),
  );

/** `group` accounts each post `per` times on #tag within `minutes`, starting at `start`. */
const burst = (
  group: string[],
  tag: string,
  start: number,
  minutes: number,
  per: number,
  flagged: boolean,
) => {
  const out: Item[] = [];
  let k = 0;
  for (let r = 0; r < per; r++)
    for (const a of group) {
      const at = start + Math.floor(((k++ * 7919) % (minutes * 60)) * 1000);
      out.push(
        post({
          at,
          account: a,
          text: `${flagged ? 'join the ranks' : 'stand together'} message ${r} from ${a} #${tag}`,
          flagged,
        }),
      );
    }
  return out;
};

describe('hashtag raids', () => {
  it('reports a raid: a few accounts flooding a new hashtag, with a high extremist_share', () => {
    const raiders = accounts('r', 12);
    const r = run([...chatter(8), ...burst(raiders, 'new_tag', T0 + 5 * HOUR, 30, 3, true)], SMALL);
    const raids = byKind(r, 'hashtag_raid');
    expect(raids).toHaveLength(1);
    expect(raids[0]!.accounts).toEqual([...raiders].sort());
    expect(raids[0]!.hashtags).toEqual(['new_tag']);
    expect(raids[0]!.extremist_share).toBeGreaterThan(0.9);
    expect(Date.parse(raids[0]!.detected_at) - Date.parse(raids[0]!.started_at)).toBeLessThanOrEqual(
      15 * MIN,
    );
    expect(raids[0]!.evidence.join(' ')).toMatch(/12 accounts posted 36 times in #new_tag/);
  });

  it('does not report an organic trend: many distinct accounts at normal rates', () => {
    const items = chatter(8);
    for (let i = 0; i < 300; i++)
      items.push(
        post({
          at: T0 + 5 * HOUR + i * 6000,
          account: `fan${i}`,
          text: `${TOPICS[i % TOPICS.length]} so good #trend_today`,
        }),
      );
    const r = run(items, SMALL);
    expect([...r.latest.values()].filter((c) => c.kind.startsWith('hashtag'))).toHaveLength(0);
  });

  it('reports a benign coordinated burst as coordinated, with a low extremist_share', () => {
    const group = accounts('c', 12);
    const r = run([...chatter(8), ...burst(group, 'together_now', T0 + 5 * HOUR, 30, 3, false)], SMALL);
    const raids = byKind(r, 'hashtag_raid');
    expect(raids).toHaveLength(1);
    expect(raids[0]!.extremist_share).toBe(0);
  });

  it('reports a hijack when the raided hashtag was already used by other accounts', () => {
    const items = chatter(8);
    for (let i = 0; i < 40; i++)
      items.push(
        post({ at: T0 + i * 7 * MIN, account: `user${i}`, text: `${TOPICS[i % TOPICS.length]} #football` }),
      );
    const raiders = accounts('r', 12);
    const r = run([...items, ...burst(raiders, 'football', T0 + 6 * HOUR, 30, 3, true)], SMALL);
    const hijacks = byKind(r, 'hashtag_hijack');
    expect(hijacks).toHaveLength(1);
    expect(hijacks[0]!.accounts).toEqual([...raiders].sort());
    expect(hijacks[0]!.evidence.join(' ')).toMatch(/hijack: \d+ other accounts/);
  });
});

describe('raids and networks', () => {
  /** `amps` repost each of `k` posts of `core` within seconds: a co-repost network. */
  const network = (core: string, amps: string[], start: number, k: number): Item[] => {
    const out: Item[] = [];
    for (let j = 0; j < k; j++) {
      const id = `${core}-s${j}`;
      out.push(post({ at: start + j * 10 * MIN, account: core, id, text: `post ${j} of ${core}` }));
      amps.forEach((a, i) =>
        out.push(post({ at: start + j * 10 * MIN + (i + 1) * 2000, account: a, repostOf: id })),
      );
    }
    return out;
  };

  it('keeps a raid whole when only a few raiders sit in another network', () => {
    const cellA = accounts('a', 16);
    const cellB = accounts('b', 3);
    const items = [
      ...chatter(8),
      ...network('coreA', cellA, T0 + HOUR, 6),
      ...network('coreB', cellB, T0 + HOUR + 3 * MIN, 6),
      ...burst([...cellA, ...cellB], 'new_tag', T0 + 5 * HOUR, 30, 3, true),
    ];
    // Only the co-repost networks link accounts here (the raid's own co-hashtag pairs would merge them).
    const opts = { ...SMALL, traces: { co_hashtag: { weight: 0 }, synchronized: { weight: 0 } } };
    const r = run(items, opts);
    const raids = [...r.latest.values()].filter((c) => c.kind === 'hashtag_raid');
    // B's three amplifiers are a network of their own (≥ 3 accounts with SMALL), a fifth of A's:
    // every record (a part reported while the raid was small included) ends as the whole raid.
    expect(raids.length).toBeGreaterThanOrEqual(1);
    for (const raid of raids) expect(raid.accounts).toEqual([...cellA, ...cellB].sort());
    // Two networks of comparable size raiding together are one campaign each.
    const cellC = accounts('c', 12);
    const r2 = run(
      [
        ...chatter(8),
        ...network('coreA', cellA, T0 + HOUR, 6),
        ...network('coreC', cellC, T0 + HOUR + 3 * MIN, 6),
        ...burst([...cellA, ...cellC], 'new_tag', T0 + 5 * HOUR, 30, 3, true),
      ],
      opts,
    );
    const sizes = [...r2.latest.values()]
      .filter((c) => c.kind === 'hashtag_raid')
      .map((c) => c.accounts.length)
      .sort((a, b) => a - b);
    expect(sizes).toEqual([12, 16]);
  });
});

describe('ordering', () => {
  it('a stream and its prefix give the same decisions up to the cut', () => {
    const raiders = accounts('r', 12);
    const amps = accounts('amp', 5);
    const items = [...chatter(10), ...burst(raiders, 'new_tag', T0 + 5 * HOUR, 30, 3, true)];
    for (let k = 0; k < 20; k++) {
      items.push(post({ at: T0 + k * 25 * MIN + 11, account: 'core', id: `s${k}`, text: `core post ${k}` }));
      amps.forEach((a, i) =>
        items.push(post({ at: T0 + k * 25 * MIN + (i + 1) * 4000, account: a, repostOf: `s${k}` })),
      );
    }
    const full = run(items, SMALL, false);
    const cut = T0 + 5 * HOUR + 20 * MIN;
    const prefix = run(
      items.filter((x) => Date.parse(x.event.created_at) <= cut),
      SMALL,
      false,
    );
    const upTo = (ds: typeof full.decisions) =>
      ds.filter((d) => d.time <= cut).map((d) => JSON.stringify(d.record));
    expect(upTo(full.decisions).length).toBeGreaterThan(0);
    expect(upTo(prefix.decisions)).toEqual(upTo(full.decisions));
  });
});
