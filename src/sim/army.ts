import { armyText } from './population.js';
import { flipBits, type Rng } from './rng.js';
import type { CampaignBuilder, World } from './state.js';
import { copypastaEdit } from './texts.js';
import * as B from './texts-builtin.js';
import { HOUR, MINUTE, canPost, type SimAccount } from './world.js';

// One day of the "electronic army": core propaganda with amplifiers reposting within seconds or
// minutes, amplifier posts, copypasta with small edits, hashtag raids (some hijacking an organic
// trend), a surge on some days, and the move of part of the activity to Telegram.

const AR_INDIC = '٠١٢٣٤٥٦٧٨٩';
const ARMY_TZ = 3;

export const armyDay = (w: World, d: number): void => {
  const rng = w.root.fork(`army-${d}`);
  const cfg = w.cfg.army;
  const surge = cfg.surgeDays.includes(d);
  let factor = surge ? cfg.surgeFactor : 1;
  if (d >= w.cfg.telegram.fromDay) factor *= w.cfg.telegram.remainingShare;

  corePosts(w, d, rng, factor);
  amplifierPosts(w, d, rng, factor);
  const copies = Math.round(cfg.copypastaPerDay * (surge ? cfg.surgeFactor : 1));
  for (let k = 0; k < copies; k++) copypasta(w, d, rng);
  const raids = Math.round(cfg.raidsPerDay * (surge ? cfg.surgeFactor : 1));
  for (let k = 0; k < raids; k++) raid(w, d, rng);
  if (d >= w.cfg.telegram.fromDay) telegramDay(w, d, rng);
};

const coRepostCampaign = (w: World, cell: number): CampaignBuilder => {
  let c = w.coRepost[cell];
  if (!c) {
    c = w.campaign('co_repost', true);
    w.coRepost[cell] = c;
  }
  return c;
};

const corePosts = (w: World, d: number, rng: Rng, factor: number): void => {
  const cfg = w.cfg.army;
  const release = rng.hex64();
  // The day's releases: a few links that the army spreads all day (co-link).
  w.releaseUrls = Array.from({ length: 3 }, () => `https://archive.example/r/${rng.hex64().slice(0, 10)}`);
  for (const a of w.core) {
    const n = rng.poisson(a.rate * factor);
    const times: number[] = [];
    for (let i = 0; i < n; i++) times.push(w.diurnal(d, ARMY_TZ, rng));
    // On the day of the move, each core account announces a Telegram channel once.
    const announceAt =
      d === w.cfg.telegram.fromDay && w.telegram.length > 0 ? w.dayStart(d) + rng.range(4, 10) * HOUR : -1;
    if (announceAt >= 0) times.push(announceAt);
    times.sort((x, y) => x - y);
    for (const t of times) {
      if (!canPost(a, t)) continue;
      let text: string;
      const announce = t === announceAt;
      if (announce) {
        text = `${B.TELEGRAM_ANNOUNCE_AR.replace('{url}', `https://t.me/${rng.pick(w.telegram).handle}`)} #${B.ARMY_HASHTAGS[0] ?? ''}`;
      } else {
        text = armyText(w, a, rng, []);
        if (rng.chance(0.15)) text = `${text} ${rng.pick(w.releaseUrls)}`;
      }
      const media = rng.chance(0.2)
        ? [{ kind: 'image' as const, pdq: flipBits(release, rng.range(0, 4), rng) }]
        : undefined;
      const id = w.armyPost(t, a, media && !announce ? { text, media } : { text }, announce);
      if (!id || announce) continue;
      w.recentArmy.push({ id, author: a, t });
      const camp = coRepostCampaign(w, a.cell);
      camp.add(a, t);
      for (const m of w.cells[a.cell] ?? []) {
        if (!rng.chance(cfg.repostProb)) continue;
        const rt = t + Math.max(2000, Math.floor(rng.logNormal(cfg.repostDelayMedianSec * 1000, 1)));
        if (rt >= a.suspendedAt || !canPost(m, rt)) continue;
        if (w.armyPost(rt, m, { text: '', repost_of: id })) camp.add(m, rt);
      }
    }
  }
};

const amplifierPosts = (w: World, d: number, rng: Rng, factor: number): void => {
  for (const cell of w.cells) {
    for (const a of cell) {
      const n = rng.poisson(a.rate * factor * 0.6);
      for (let i = 0; i < n; i++) {
        const t = w.diurnal(d, ARMY_TZ, rng);
        if (!canPost(a, t)) continue;
        const target = w.recentArmy.pick(rng);
        if (target && target.t < t && t < target.author.suspendedAt && rng.chance(0.2)) {
          w.armyPost(t, a, { text: armyText(w, a, rng, []), quote_of: target.id });
        } else {
          const link = w.releaseUrls.length > 0 && rng.chance(0.2) ? ` ${rng.pick(w.releaseUrls)}` : '';
          w.armyPost(t, a, { text: armyText(w, a, rng, []) + link });
        }
      }
    }
  }
};

const copypasta = (w: World, d: number, rng: Rng): void => {
  const cfg = w.cfg.army;
  const c = rng.int(w.cells.length);
  const t0 = w.dayStart(d) + rng.range(8, 21) * HOUR + rng.int(HOUR);
  const members = w.livingArmy(t0, c);
  const authors = w.core.filter((x) => x.cell === c && canPost(x, t0));
  const author = authors[0] ?? members[0];
  if (!author) return;
  const base = armyText(w, author, rng, []);
  const camp = w.campaign('copypasta', true);
  const seedId = w.armyPost(t0, author, { text: base });
  if (seedId) camp.add(author, t0, hashtagsOf(base));
  for (const m of members) {
    if (m === author || !rng.chance(cfg.copypastaParticipation)) continue;
    const t = t0 + 1000 + rng.int(cfg.copypastaMinutes * MINUTE);
    let text = copypastaEdit(base, rng);
    if (rng.chance(0.5)) text = copypastaEdit(text, rng);
    if (w.armyPost(t, m, { text })) camp.add(m, t, hashtagsOf(text));
  }
};

const hashtagsOf = (text: string): string[] => (text.match(/#[^\s#]+/gu) ?? []).map((h) => h.slice(1));

const toArabicIndic = (n: number): string =>
  String(n)
    .split('')
    .map((x) => AR_INDIC[Number(x)] ?? x)
    .join('');

const raid = (w: World, d: number, rng: Rng): void => {
  const cfg = w.cfg.army;
  const n = w.raidN++;
  const c = n % w.cells.length;
  const t0 = w.dayStart(d) + rng.range(12, 20) * HOUR + rng.int(HOUR);
  let tag: string;
  let hijack = false;
  const trend = w.trend[d];
  if (trend && rng.chance(cfg.hijackShare) && w.organicUsesBefore(trend, t0) >= 3) {
    tag = trend;
    hijack = true;
  } else {
    const base = B.RAID_HASHTAGS[n % B.RAID_HASHTAGS.length] ?? 'غزوة';
    const round = Math.floor(n / B.RAID_HASHTAGS.length);
    tag = round === 0 ? base : `${base}_${toArabicIndic(round + 1)}`;
  }
  const camp = w.campaign(hijack ? 'hijack' : 'hashtag_raid', true);
  const members = w.livingArmy(t0, c).filter(() => rng.chance(cfg.raidParticipation));
  const core = w.core.find((x) => x.cell === c && canPost(x, t0));
  if (core) members.push(core);
  const raidUrl = `https://archive.example/r/${rng.hex64().slice(0, 10)}`;
  const planned: Array<{ t: number; a: SimAccount }> = [];
  for (const m of members) {
    const k = rng.range(cfg.raidPostsPerAccount[0], cfg.raidPostsPerAccount[1]);
    for (let i = 0; i < k; i++) planned.push({ t: t0 + rng.int(cfg.raidMinutes * MINUTE), a: m });
  }
  planned.sort((x, y) => x.t - y.t);
  for (const { t, a } of planned) {
    // Half of a raid's posts carry the raid's release link (a co-link signal).
    const text = armyText(w, a, rng, [tag]) + (rng.chance(0.5) ? ` ${raidUrl}` : '');
    if (w.armyPost(t, a, { text })) camp.add(a, t, [tag]);
  }
  if (hijack) {
    camp.hijackedSince = w.tagFirstUse.get(tag);
    camp.organicUsesBefore = w.organicUsesBefore(tag, camp.start);
  }
  // News accounts report on the raid with the same hashtag, some time later.
  for (const reporter of rng.sample(w.news, rng.range(1, 3))) {
    const t = t0 + rng.range(30, 180) * MINUTE;
    if (!canPost(reporter, t)) continue;
    const text =
      reporter.lang === 'en'
        ? `Pro-ISIS accounts flood the hashtag #${tag} with propaganda, monitors say`
        : `رصد: حسابات تابعة للتنظيم تغرق وسم #${tag} بمنشورات دعائية`;
    const id = w.em.post(t, reporter, { text });
    if (id) w.recentNews.push({ id, author: reporter, t });
  }
};

const telegramDay = (w: World, d: number, rng: Rng): void => {
  for (const ch of w.telegram) {
    const n = rng.poisson(ch.rate);
    const times: number[] = [];
    for (let i = 0; i < n; i++) times.push(w.diurnal(d, ARMY_TZ, rng));
    times.sort((x, y) => x - y);
    for (const t of times) {
      if (!canPost(ch, t)) continue;
      const fwd = w.recentTelegram.pick(rng);
      if (fwd && fwd.author !== ch && fwd.t < t && rng.chance(0.3)) {
        w.armyPost(t, ch, { text: '', repost_of: fwd.id });
        continue;
      }
      const id = w.armyPost(t, ch, { text: armyText(w, ch, rng, []) });
      if (id) w.recentTelegram.push({ id, author: ch, t });
    }
  }
};
