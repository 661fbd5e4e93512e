import { beforeAll, describe, expect, it } from 'vitest';
import { extractHashtags, extractMentions } from '../../src/events/index.js';
import { hammingHex, jaccard, type Truth } from '../../src/sim/index.js';
import { normaliseForDup, parseLines, shingles, simulateToString, type Ev } from './helpers.js';

let truth: Truth;
let events: Ev[];
let posts: Ev[];
let accounts: Map<string, Ev>;
const MIN = 60_000;

beforeAll(async () => {
  const out = await simulateToString({ seed: 5 });
  truth = out.truth;
  events = parseLines(out.text);
  posts = events.filter((e) => e.type === 'post');
  accounts = new Map(events.filter((e) => e.type === 'account').map((e) => [e['id'] as string, e]));
  // The current profile of each account: profile updates applied.
  for (const e of events) {
    if (e.type !== 'profile_update') continue;
    const a = accounts.get(e['account_id'] as string);
    if (!a) continue;
    const updated: Ev = { ...a };
    for (const k of ['handle', 'name', 'bio', 'avatar_pdq']) if (e[k] !== undefined) updated[k] = e[k];
    accounts.set(a['id'] as string, updated);
  }
});

const text = (e: Ev): string => e['text'] as string;
const author = (e: Ev): string => e['account_id'] as string;
const ms = (iso: string): number => Date.parse(iso);

describe('simulated behaviours (small scale)', () => {
  it('creates organic new accounts with common kunya names and digit handles (hard negatives)', () => {
    expect(truth.organic_new_accounts.length).toBeGreaterThan(30);
    expect(truth.organic_new_kunya_accounts.length).toBeGreaterThan(10);
    for (const id of truth.organic_new_kunya_accounts) {
      const a = accounts.get(id);
      expect(a?.['name']).toMatch(/^(أبو|أم|Abu|Umm) /u);
      expect(a?.['handle']).toMatch(/\d/);
      expect(ms(a?.created_at ?? '')).toBeGreaterThanOrEqual(ms(truth.start));
    }
  });

  it('has news accounts using the same hashtags as the army, and their posts are not extremist', () => {
    const army = new Set(truth.extremist_accounts);
    const news = new Set(truth.news_accounts);
    const armyTags = new Set(
      posts.filter((p) => army.has(author(p))).flatMap((p) => extractHashtags(text(p))),
    );
    const newsPosts = posts.filter((p) => news.has(author(p)));
    const shared = new Set(newsPosts.flatMap((p) => extractHashtags(text(p))).filter((h) => armyTags.has(h)));
    expect(shared.size).toBeGreaterThanOrEqual(2);
    const extremist = new Set(truth.extremist_post_ids);
    expect(newsPosts.some((p) => extremist.has(p['id'] as string))).toBe(false);
  });

  it('pushes the benign counter-speech hashtag in a dense burst by a group of accounts', () => {
    const benign = truth.campaigns.filter((c) => c.kind === 'benign_counter_speech');
    expect(benign.length).toBeGreaterThan(0);
    for (const c of benign) {
      expect(c.extremist).toBe(false);
      expect(c.accounts.length).toBeGreaterThanOrEqual(10);
      expect(ms(c.end) - ms(c.start)).toBeLessThanOrEqual(60 * MIN);
      expect(c.post_count).toBeGreaterThanOrEqual(2 * c.accounts.length);
      const inStream = posts.filter(
        (p) =>
          extractHashtags(text(p)).includes('معا_ضد_التطرف') &&
          p.created_at >= c.start &&
          p.created_at <= c.end,
      );
      expect(new Set(inStream.map(author)).size).toBeGreaterThanOrEqual(8);
      for (const id of c.accounts) expect(truth.benign_campaign_accounts).toContain(id);
    }
  });

  it('floods a hashtag with many army accounts within an hour during a raid', () => {
    const raids = truth.campaigns.filter((c) => c.kind === 'hashtag_raid' || c.kind === 'hijack');
    expect(raids.length).toBeGreaterThanOrEqual(2);
    const army = new Set(truth.extremist_accounts);
    for (const c of raids) {
      const tag = c.hashtags[0] ?? '';
      const window = posts.filter(
        (p) =>
          army.has(author(p)) &&
          p.created_at >= c.start &&
          ms(p.created_at) <= ms(c.start) + 60 * MIN &&
          extractHashtags(text(p)).includes(tag),
      );
      expect(new Set(window.map(author)).size).toBeGreaterThanOrEqual(12);
      expect(window.length).toBeGreaterThanOrEqual(30);
    }
  });

  it('spreads the same release links from many army accounts (co-link)', () => {
    const army = new Set(truth.extremist_accounts);
    const byUrl = new Map<string, Set<string>>();
    for (const p of posts) {
      if (!army.has(author(p))) continue;
      for (const u of text(p).match(/https:\/\/archive\.example\/r\/\w+/gu) ?? []) {
        let s = byUrl.get(u);
        if (!s) byUrl.set(u, (s = new Set()));
        s.add(author(p));
      }
    }
    expect(Math.max(...[...byUrl.values()].map((s) => s.size))).toBeGreaterThanOrEqual(8);
    const organicUrls = posts.filter((p) => !army.has(author(p)) && text(p).includes('archive.example'));
    expect(organicUrls.length).toBe(0);
  });

  it('has uncoordinated organic bursts: many ordinary users posting once on a breaking hashtag', () => {
    expect(truth.organic_bursts.length).toBeGreaterThan(0);
    const army = new Set(truth.extremist_accounts);
    for (const b of truth.organic_bursts) {
      expect(ms(b.end) - ms(b.start)).toBeLessThanOrEqual(90 * MIN);
      const ps = posts.filter(
        (p) =>
          p.created_at >= b.start && p.created_at <= b.end && extractHashtags(text(p)).includes(b.hashtag),
      );
      expect(ps.length).toBeGreaterThanOrEqual(b.posts);
      expect(ps.some((p) => army.has(author(p)))).toBe(false);
      expect(new Set(ps.map(author)).size).toBe(ps.length); // once each
      expect(ps.length).toBeGreaterThanOrEqual(10);
    }
  });

  it('hijacks a hashtag that organic users were already using before the raid', () => {
    const hijacks = truth.campaigns.filter((c) => c.kind === 'hijack');
    expect(hijacks.length).toBeGreaterThan(0);
    const army = new Set(truth.extremist_accounts);
    for (const c of hijacks) {
      const tag = c.hashtags[0] ?? '';
      const before = posts.filter(
        (p) => !army.has(author(p)) && p.created_at < c.start && extractHashtags(text(p)).includes(tag),
      );
      expect(before.length).toBeGreaterThanOrEqual(3);
      expect(c.organic_uses_before).toBe(
        before.filter((p) => !truth.news_accounts.includes(author(p))).length,
      );
    }
  });

  it('posts copypasta as near-duplicates with small edits from distinct accounts', () => {
    const copies = truth.campaigns.filter((c) => c.kind === 'copypasta');
    expect(copies.length).toBeGreaterThan(0);
    for (const c of copies) {
      const members = new Set(c.accounts);
      const ps = posts.filter(
        (p) => members.has(author(p)) && p.created_at >= c.start && p.created_at <= c.end && text(p),
      );
      const first = ps[0];
      expect(first).toBeDefined();
      const base = shingles(normaliseForDup(text(first as Ev)));
      const near = ps.filter((p) => jaccard(base, shingles(normaliseForDup(text(p)))) >= 0.6);
      expect(near.length).toBeGreaterThanOrEqual(Math.min(c.post_count, 8));
      expect(new Set(near.map(author)).size).toBeGreaterThanOrEqual(8);
      // The variants are edited, not identical.
      expect(new Set(near.map(text)).size).toBeGreaterThan(near.length / 2);
    }
  });

  it('co-reposts core posts within seconds to minutes', () => {
    const army = new Set(truth.extremist_accounts);
    const byId = new Map(posts.map((p) => [p['id'] as string, p]));
    const delays = posts
      .filter((p) => army.has(author(p)) && p['repost_of'])
      .map((p) => ms(p.created_at) - ms(byId.get(p['repost_of'] as string)?.created_at ?? p.created_at));
    expect(delays.length).toBeGreaterThan(300);
    delays.sort((a, b) => a - b);
    expect(delays[Math.floor(delays.length / 2)]).toBeLessThan(5 * MIN);
  });

  it('re-creates suspended accounts after the suspension, in chains, labelled by difficulty', () => {
    const suspended = new Map(truth.suspensions.map((s) => [s.account_id, s.at]));
    const rec = truth.recreated_accounts;
    expect(new Set(rec.map((r) => r.difficulty))).toEqual(new Set(['easy', 'shoutout', 'network', 'style']));
    for (const r of rec) {
      const at = suspended.get(r.replaces);
      expect(at, `${r.account_id} replaces an account that was not suspended`).toBeDefined();
      expect(r.created_at > (at ?? '')).toBe(true);
      expect(ms(r.created_at) - ms(at ?? '')).toBeLessThanOrEqual(12 * 60 * MIN);
      if (r.first_post_at) expect(r.first_post_at > r.created_at).toBe(true);
    }
    const ids = new Set(rec.map((r) => r.account_id));
    const chained = rec.filter((r) => ids.has(r.replaces));
    expect(chained.length).toBeGreaterThan(0);
    for (const r of chained) expect(r.generation).toBeGreaterThanOrEqual(2);
  });

  it('gives easy re-creations a handle variant and the same avatar within a few bits', () => {
    const easy = truth.recreated_accounts.filter((r) => r.difficulty === 'easy');
    expect(easy.length).toBeGreaterThan(0);
    for (const r of easy) {
      const a = accounts.get(r.account_id);
      const prev = accounts.get(r.replaces);
      expect(hammingHex(a?.['avatar_pdq'] as string, prev?.['avatar_pdq'] as string)).toBeLessThanOrEqual(8);
      const bare = (h: unknown): string => String(h).replace(/[\d_]/gu, '');
      expect(bare(a?.['handle'])).toContain(bare(prev?.['handle']).slice(0, 8));
      expect(a?.['handle']).not.toBe(prev?.['handle']);
    }
  });

  it('starts some easy re-creations with a blank profile that a profile_update later fills in', () => {
    const blank = truth.recreated_accounts.filter((r) => r.profile_update_at !== undefined);
    expect(blank.length).toBeGreaterThan(0);
    for (const r of blank) {
      expect(r.difficulty).toBe('easy');
      const created = events.find((e) => e.type === 'account' && e['id'] === r.account_id);
      expect(created?.['avatar_pdq']).toBeUndefined();
      expect(created?.['name']).toBe('');
      const upd = events.find((e) => e.type === 'profile_update' && e['account_id'] === r.account_id);
      expect(upd?.created_at).toBe(r.profile_update_at);
      expect(upd?.['handle']).toBe(accounts.get(r.account_id)?.['handle']);
    }
  });

  it('announces shout-out re-creations with posts by other army accounts naming the new handle', () => {
    const army = new Set(truth.extremist_accounts);
    const shout = truth.recreated_accounts.filter((r) => r.difficulty === 'shoutout');
    expect(shout.length).toBeGreaterThan(0);
    for (const r of shout) {
      const handle = accounts.get(r.account_id)?.['handle'] as string;
      const s = posts.filter(
        (p) => army.has(author(p)) && author(p) !== r.account_id && extractMentions(text(p)).includes(handle),
      );
      expect(s.length).toBeGreaterThanOrEqual(1);
      for (const p of s) expect(p.created_at > r.created_at).toBe(true);
      // Shout-outs are neither hits nor false alarms for post metrics.
      for (const p of s) expect(truth.neutral_post_ids).toContain(p['id']);
    }
  });

  it('makes network re-creations follow the same accounts as their predecessor first', () => {
    const follows = events.filter((e) => e.type === 'follow');
    const firstFollows = (id: string, n: number): string[] =>
      follows
        .filter((f) => f['src'] === id)
        .slice(0, n)
        .map((f) => f['dst'] as string);
    const net = truth.recreated_accounts.filter((r) => r.difficulty === 'network');
    expect(net.length).toBeGreaterThan(0);
    for (const r of net) {
      const mine = firstFollows(r.account_id, 10);
      const theirs = new Set(firstFollows(r.replaces, 30));
      expect(mine.length).toBeGreaterThan(3);
      expect(mine.filter((x) => theirs.has(x)).length / mine.length).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('moves part of the army to Telegram channels in the same stream', () => {
    const tg = posts.filter((p) => p.platform === 'telegram');
    expect(tg.length).toBeGreaterThan(20);
    for (const p of tg) expect(truth.telegram_accounts).toContain(author(p));
    expect(posts.some((p) => p.platform === 'sim' && text(p).includes('https://t.me/'))).toBe(true);
  });

  it('surges army posting volume on surge days', () => {
    const army = new Set(truth.extremist_accounts);
    const perDay = new Map<string, number>();
    for (const p of posts)
      if (army.has(author(p)) && p.platform === 'sim')
        perDay.set(p.created_at.slice(0, 10), (perDay.get(p.created_at.slice(0, 10)) ?? 0) + 1);
    const surge = truth.surge_days.map((d) => perDay.get(d) ?? 0);
    const other = [...perDay.entries()].filter(([d]) => !truth.surge_days.includes(d)).map(([, n]) => n);
    expect(Math.min(...surge)).toBeGreaterThan(1.2 * Math.max(...other));
  });

  it('lists extremist post ids only for army posts with text', () => {
    const army = new Set(truth.extremist_accounts);
    const byId = new Map(posts.map((p) => [p['id'] as string, p]));
    for (const id of truth.extremist_post_ids) {
      const p = byId.get(id);
      expect(p && army.has(author(p)) && text(p).length > 0).toBe(true);
    }
    const armyContent = posts.filter((p) => army.has(author(p)) && text(p).length > 0).length;
    expect(
      truth.extremist_post_ids.length +
        truth.neutral_post_ids.filter((id) => text(byId.get(id) as Ev)).length,
    ).toBe(armyContent);
  });
});
