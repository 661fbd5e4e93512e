import { describe, expect, it } from 'vitest';
import { accounts, byKind, MIN, post, run, SMALL, T0, type Item } from './stream.js';

const HOUR = 60 * MIN;
const WORDS = [
  'lunch was great',
  'the bus is late again',
  'who watched the match',
  'rain all day here',
  'new phone who dis',
  'exams next week',
  'coffee or tea',
  'my cat sleeps all day',
  'traffic is crazy',
];

describe('co-repost', () => {
  it('reports accounts that repeatedly repost the same posts within seconds as a co_repost campaign', () => {
    const amps = accounts('amp', 6);
    const items: Item[] = [];
    for (let k = 0; k < 5; k++) {
      const at = T0 + k * 20 * MIN;
      items.push(post({ at, account: 'core', id: `src${k}`, text: `release number ${k} of the day` }));
      amps.forEach((a, i) => items.push(post({ at: at + (i + 1) * 5000, account: a, repostOf: `src${k}` })));
    }
    const r = run(items, SMALL);
    const nets = byKind(r, 'co_repost');
    expect(nets).toHaveLength(1);
    expect(nets[0]!.accounts).toEqual([...amps].sort());
    expect(nets[0]!.evidence.join(' ')).toMatch(/co_repost/);
  });

  it('does not link accounts that reposted the same post hours apart', () => {
    const items = [post({ at: T0, account: 'core', id: 'src', text: 'an ordinary post with some words' })];
    accounts('late', 6).forEach((a, i) =>
      items.push(post({ at: T0 + (i + 1) * HOUR, account: a, repostOf: 'src' })),
    );
    expect(run(items, SMALL).latest.size).toBe(0);
  });
});

describe('fan-out cap', () => {
  it('a post reposted by 10,000 accounts creates at most fanOut pairs per repost', () => {
    const items = [post({ at: T0, account: 'star', id: 'viral', text: 'a very popular post' })];
    for (let i = 0; i < 10_000; i++)
      items.push(post({ at: T0 + 1000 + i * 5, account: `fan${i}`, repostOf: 'viral' }));
    const r = run(items, { ...SMALL, traces: { co_repost: { fanOut: 8 } } }, false);
    expect(r.state.windows.co_repost.pairs).toBeLessThanOrEqual(10_000 * 8);
    expect(r.state.graph.edges.size).toBeLessThanOrEqual(10_000 * 8);
    expect(r.state.graph.edges.size).toBeGreaterThan(0);
  });
});

describe('copypasta', () => {
  it('reports a burst of obfuscated copies from many accounts with all of them', () => {
    const base = 'اجتمعوا اليوم في الساحة الكبرى عند الساعة الخامسة لدعم الحملة الجديدة #وسم_اول #وسم_ثان';
    const edits = [
      (t: string) => `🔥 ${t}`,
      (t: string) => t.replace('اليوم', 'اليـــوم'),
      (t: string) => t.replace('الساحة', 'السَّاحَة'),
      (t: string) => t.replace('#وسم_اول #وسم_ثان', '#وسم_ثان #وسم_اول'),
      (t: string) => `${t} 👍👍`,
    ];
    const copiers = accounts('cp', 10);
    const items = [
      // Unrelated chatter before and around it.
      ...accounts('org', 30).map((a, i) =>
        post({
          at: T0 + i * MIN,
          account: a,
          text: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${i} ${WORDS[(i * 3 + 1) % WORDS.length]}`,
        }),
      ),
      ...copiers.map((a, i) =>
        post({
          at: T0 + 2 * HOUR + i * 30_000,
          account: a,
          text: edits[i % edits.length]!(base),
          flagged: true,
        }),
      ),
    ];
    const r = run(items, SMALL);
    const cps = byKind(r, 'copypasta');
    expect(cps).toHaveLength(1);
    expect(cps[0]!.accounts).toEqual([...copiers].sort());
    expect(cps[0]!.extremist_share).toBe(1);
  });

  it('does not report a common phrase that many accounts use at a steady rate', () => {
    const items = accounts('u', 400).map((a, i) =>
      post({
        at: T0 + i * 90_000,
        account: a,
        text: 'good morning everyone, coffee first then everything else',
      }),
    );
    // Background volume so that the phrase is a steady share of the stream.
    for (let i = 0; i < 400; i++)
      items.push(post({ at: T0 + i * 90_000 + 1, account: `b${i}`, text: `background chatter number ${i}` }));
    const r = run(items, { ...SMALL, copypasta: { burst: { warmupMs: 3 * HOUR } } });
    expect(byKind(r, 'copypasta')).toHaveLength(0);
  });
});

describe('co-link', () => {
  it('links accounts sharing the same URL behind different tracking parameters', () => {
    const sharers = accounts('ln', 5);
    const items: Item[] = [];
    for (let k = 0; k < 8; k++) {
      sharers.forEach((a, i) =>
        items.push(
          post({
            at: T0 + k * 30 * MIN + i * 10_000,
            account: a,
            text: `look https://WWW.example.org/story/${k}?utm_source=s${i}&fbclid=${a}${k}`,
          }),
        ),
      );
    }
    const r = run(items, SMALL);
    const links = byKind(r, 'co_link');
    expect(links).toHaveLength(1);
    expect(links[0]!.accounts).toEqual([...sharers].sort());
  });
});

describe('co-hashtag', () => {
  it('links accounts that repeatedly post the same uncommon hashtag set within minutes', () => {
    const group = accounts('tg', 5);
    const items: Item[] = [];
    for (let k = 0; k < 10; k++) {
      group.forEach((a, i) =>
        items.push(
          post({
            at: T0 + k * 40 * MIN + i * 20_000,
            account: a,
            text: `message ${k}-${i} #rare_one #rare_two`,
          }),
        ),
      );
    }
    const r = run(items, { ...SMALL, raids: { minRepeaters: 1000 } });
    expect(byKind(r, 'co_hashtag').map((c) => c.accounts)).toEqual([[...group].sort()]);
  });
});

describe('synchronized activity', () => {
  it('links accounts whose posts fall in the same minutes again and again', () => {
    const group = accounts('sy', 4);
    const items: Item[] = [];
    for (let k = 0; k < 120; k++) {
      group.forEach((a, i) =>
        items.push(
          post({
            at: T0 + k * 5 * MIN + i * 2000,
            account: a,
            text: `${WORDS[(k + i) % WORDS.length]} ${k * 10 + i}`,
          }),
        ),
      );
    }
    const r = run(items, SMALL);
    const sync = byKind(r, 'synchronized');
    expect(sync).toHaveLength(1);
    expect(sync[0]!.accounts).toEqual([...group].sort());
  });
});
