import type { Rng } from './rng.js';
import type { RecentPost, World } from './state.js';
import * as B from './texts-builtin.js';
import { DAY, HOUR, MINUTE, canPost, isAlive, type SimAccount } from './world.js';

// One day of ordinary activity: organic users, news/research accounts, follows, profile updates,
// and the benign counter-speech burst.

const URLS = ['https://news.example.com/a/', 'https://video.example.org/v/', 'https://blog.example.net/p/'];

/** Zipf-like pick: early items of the list are much more popular. */
const skewed = <T>(items: readonly T[], rng: Rng): T =>
  items[Math.floor(items.length * rng.next() ** 2)] as T;

export const organicDay = (w: World, d: number): void => {
  const rng = w.root.fork(`organic-${d}`);
  const cfg = w.cfg.organic;
  const ds = w.dayStart(d);
  const de = ds + DAY;
  const trend = rng.pick(B.ORGANIC_HASHTAGS);
  w.trend[d] = trend;

  const slots: Array<{ t: number; a: SimAccount }> = [];
  for (const group of [w.news, w.organic, w.counter]) {
    for (const a of group) {
      if (a.createdAt >= de || a.suspendedAt <= ds) continue;
      const n = rng.poisson(a.rate);
      for (let i = 0; i < n; i++) {
        const t = w.diurnal(d, a.tz, rng);
        if (canPost(a, t)) slots.push({ t, a });
      }
    }
  }
  slots.sort((x, y) => x.t - y.t);
  for (const { t, a } of slots) {
    if (a.role === 'news') newsPost(w, t, a, rng);
    else organicPost(w, t, a, rng, trend);
  }

  // New follows with preferential attachment.
  for (const a of w.organic) {
    if (a.createdAt >= de || a.suspendedAt <= ds) continue;
    const n = rng.poisson(cfg.followsPerDay);
    for (let i = 0; i < n; i++) {
      const t = ds + rng.int(DAY);
      const dst = rng.pick(w.paTargets);
      if (
        dst !== a &&
        isAlive(a, t) &&
        isAlive(dst, t) &&
        dst.createdAt < t &&
        dst.role !== 'core' &&
        dst.role !== 'amp'
      ) {
        if (w.em.follow(t, a, dst)) w.paTargets.push(dst);
      }
    }
  }
  // Profile updates (bio changes) of ordinary users.
  const updates = rng.poisson((w.organic.length * cfg.profileUpdatesPerMille) / 1000);
  for (let i = 0; i < updates; i++) {
    const a = rng.pick(w.organic);
    const t = ds + rng.int(DAY);
    if (isAlive(a, t))
      w.em.profileUpdate(t, a, { bio: rng.pick(B.BIOS_ORGANIC).replace('{city}', rng.pick(B.CITIES)) });
  }

  for (let k = 0; k < cfg.burstsPerDay; k++) organicBurst(w, d, rng);
  if (w.cfg.counter.burstDays.includes(d)) counterBurst(w, d, rng);
};

/** Many unrelated users post once with a breaking-event hashtag: bursty but not coordinated. */
const organicBurst = (w: World, d: number, rng: Rng): void => {
  const cfg = w.cfg.organic;
  const t0 = w.dayStart(d) + rng.range(6, 20) * HOUR + rng.int(HOUR);
  const tag = rng.pick(B.BURST_HASHTAGS);
  const people = w.organic.filter((a) => canPost(a, t0) && rng.chance(cfg.burstShare));
  let first = Infinity;
  let last = -Infinity;
  let n = 0;
  const times = people.map((a) => ({ a, t: t0 + Math.floor(rng.exp((cfg.burstMinutes * MINUTE) / 3)) }));
  times.sort((x, y) => x.t - y.t);
  for (const { a, t } of times) {
    if (t >= t0 + cfg.burstMinutes * MINUTE || !canPost(a, t)) continue;
    const id = w.em.post(t, a, { text: `${w.texts.text('organic', a.lang, rng)} #${tag}` });
    if (!id) continue;
    w.noteOrganicTag(tag, t);
    first = Math.min(first, t);
    last = Math.max(last, t);
    n++;
  }
  if (n > 0) w.organicBursts.push({ hashtag: tag, start: first, end: last, posts: n, accounts: n });
};

const earlier = (
  ring: { pick(rng: Rng): RecentPost | undefined },
  t: number,
  rng: Rng,
): RecentPost | undefined => {
  const p = ring.pick(rng);
  return p && p.t < t && canPost(p.author, t) ? p : undefined;
};

const organicPost = (w: World, t: number, a: SimAccount, rng: Rng, trend: string): void => {
  const cfg = w.cfg.organic;
  const r = rng.next();
  const en = a.lang === 'en';
  const target = earlier(rng.chance(0.3) ? w.recentNews : w.recentOrganic, t, rng);
  if (target && r < cfg.replyShare) {
    w.em.post(t, a, {
      text: `@${target.author.handle} ${w.texts.text('organic', a.lang, rng)}`,
      reply_to: target.id,
    });
    return;
  }
  if (target && r < cfg.replyShare + cfg.repostShare) {
    w.em.post(t, a, { text: '', repost_of: target.id });
    return;
  }
  if (target && r < cfg.replyShare + cfg.repostShare + cfg.quoteShare) {
    w.em.post(t, a, { text: w.texts.text('organic', a.lang, rng), quote_of: target.id });
    return;
  }
  let text = w.texts.text('organic', a.lang, rng);
  const tags: string[] = [];
  if (rng.chance(0.45)) {
    const tag = rng.chance(0.4) ? trend : skewed(en ? B.ORGANIC_HASHTAGS_EN : B.ORGANIC_HASHTAGS, rng);
    tags.push(tag);
    text = `${text} #${tag}`;
  }
  if (rng.chance(0.05)) text = `${text} ${rng.pick(URLS)}${rng.range(1000, 99999)}`;
  const id = w.em.post(t, a, { text });
  if (!id) return;
  for (const tag of tags) w.noteOrganicTag(tag, t);
  w.recentOrganic.push({ id, author: a, t, hashtags: tags });
};

const newsPost = (w: World, t: number, a: SimAccount, rng: Rng): void => {
  const cfg = w.cfg.news;
  const army = earlier(w.recentArmy, t, rng);
  let text = w.texts.text('news', a.lang, rng);
  // The same hashtags the army uses, in a reporting frame.
  const tag = rng.chance(cfg.armyHashtagShare)
    ? rng.pick(B.ARMY_HASHTAGS.slice(0, 3))
    : rng.pick(B.NEWS_HASHTAGS);
  text = `${text} #${tag}`;
  if (army && rng.chance(cfg.quoteArmyShare)) {
    w.em.post(t, a, { text, quote_of: army.id });
    return;
  }
  if (rng.chance(0.3)) text = `${text} https://news.example.com/${a.handle}/${rng.range(10000, 99999)}`;
  const id = w.em.post(t, a, { text });
  if (id) w.recentNews.push({ id, author: a, t });
};

/** A counter-speech hashtag pushed in a burst by a group: coordinated, not extremist. */
const counterBurst = (w: World, d: number, rng: Rng): void => {
  const cfg = w.cfg.counter;
  const t0 = w.dayStart(d) + rng.range(14, 18) * HOUR;
  const camp = w.campaign('benign_counter_speech', false);
  const planned: Array<{ t: number; a: SimAccount }> = [];
  for (const a of w.counter) {
    const k = rng.range(cfg.postsPerAccount[0], cfg.postsPerAccount[1]);
    for (let i = 0; i < k; i++) planned.push({ t: t0 + rng.int(cfg.burstMinutes * MINUTE), a });
  }
  planned.sort((x, y) => x.t - y.t);
  const posted: RecentPost[] = [];
  for (const { t, a } of planned) {
    if (!canPost(a, t)) continue;
    const prior = posted.filter((p) => p.author !== a);
    if (prior.length > 0 && rng.chance(0.25)) {
      const target = rng.pick(prior);
      if (w.em.post(t, a, { text: '', repost_of: target.id })) camp.add(a, t);
      continue;
    }
    const tags = [a.lang === 'en' ? 'TogetherAgainstExtremism' : 'معا_ضد_التطرف'];
    if (rng.chance(0.3)) tags.push('داعش');
    const text = `${w.texts.text('counter', a.lang, rng)} ${tags.map((h) => `#${h}`).join(' ')}`;
    const id = w.em.post(t, a, { text });
    if (id) {
      camp.add(a, t, tags);
      posted.push({ id, author: a, t });
    }
  }
};
