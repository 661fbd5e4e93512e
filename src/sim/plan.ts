import { armyIdentity, kunyaIdentity, newsIdentity, organicIdentity } from './names.js';
import { bio, follow, makeAccount, paFollows } from './population.js';
import type { Rng } from './rng.js';
import type { World } from './state.js';
import { randomStyle, type Lang } from './texts.js';
import * as B from './texts-builtin.js';
import { planTakedowns } from './takedowns.js';
import { DAY, HOUR, MINUTE, type SimAccount } from './world.js';

// Planning: who exists and when accounts are created. Everything before the stream start (initial
// accounts and their follows) is emitted here; suspensions and re-creations are in takedowns.ts.

export const planWorld = (w: World): void => {
  const cfg = w.cfg;
  const rng = w.root.fork('plan');
  const { start, end } = w;

  // News and research accounts: old, popular.
  for (let i = 0; i < cfg.news.accounts; i++) {
    const lang: Lang = i % 3 === 2 ? 'en' : 'ar';
    const a = makeAccount(
      w,
      rng,
      'news',
      newsIdentity(i),
      lang,
      start - rng.range(400, 3000) * DAY - rng.int(DAY),
      { rate: cfg.news.postsPerDay },
    );
    a.bio = bio(rng, B.BIOS_NEWS, lang);
    a.avatar = rng.hex64();
    w.news.push(a);
  }
  // Initial organic accounts and the counter-speech group (ordinary accounts otherwise).
  const initial: SimAccount[] = [];
  for (let i = 0; i < cfg.organic.initial + cfg.counter.accounts; i++) {
    const counter = i >= cfg.organic.initial;
    const en = rng.chance(cfg.organic.englishShare);
    const lang: Lang = en ? 'en' : 'ar';
    const id = rng.chance(0.08) ? kunyaIdentity(rng) : organicIdentity(rng, en);
    const a = makeAccount(
      w,
      rng,
      counter ? 'counter' : 'organic',
      id,
      lang,
      start - rng.range(30 * 24, 900 * 24) * HOUR - rng.int(HOUR),
      {
        rate: rng.logNormal(cfg.organic.postsPerDay, 0.9),
      },
    );
    a.bio = bio(rng, counter ? B.BIOS_COUNTER : B.BIOS_ORGANIC, lang);
    if (rng.chance(0.7)) a.avatar = rng.hex64();
    (counter ? w.counter : w.organic).push(a);
    initial.push(a);
  }
  // The army: core media accounts and cells of amplifiers (younger accounts).
  for (let i = 0; i < cfg.army.core; i++) {
    const a = makeAccount(
      w,
      rng,
      'core',
      armyIdentity(rng),
      'ar',
      start - rng.range(3 * 24, 120 * 24) * HOUR,
      {
        rate: cfg.army.corePostsPerDay,
        cell: i % cfg.army.cells,
        style: randomStyle(rng),
      },
    );
    a.bio = bio(rng, B.BIOS_ARMY, 'ar');
    a.avatar = rng.hex64();
    w.core.push(a);
  }
  for (let c = 0; c < cfg.army.cells; c++) {
    const cell: SimAccount[] = [];
    for (let i = 0; i < cfg.army.cellSize; i++) {
      const lang: Lang = rng.chance(0.15) ? 'en' : 'ar';
      const a = makeAccount(
        w,
        rng,
        'amp',
        armyIdentity(rng),
        lang,
        start - rng.range(2 * 24, 90 * 24) * HOUR,
        {
          rate: cfg.army.amplifierPostsPerDay,
          cell: c,
          style: randomStyle(rng),
        },
      );
      a.bio = bio(rng, B.BIOS_ARMY, 'ar');
      a.avatar = rng.hex64();
      cell.push(a);
    }
    w.cells.push(cell);
  }

  // Prelude: initial accounts, then follows between creation and the stream start.
  const prelude = [...w.news, ...initial, ...w.core, ...w.cells.flat()].sort(
    (x, y) => x.createdAt - y.createdAt,
  );
  for (const a of prelude) w.em.account(a);
  for (const n of w.news) for (let i = 0; i < 30; i++) w.paTargets.push(n);
  for (const a of initial) {
    paFollows(w, rng, a, cfg.organic.initialFollows, Math.max(a.createdAt, start - 20 * DAY), start - 1000);
    w.paTargets.push(a);
  }
  armyPreludeFollows(w, rng);

  // New organic accounts all along, many with common kunya names (hard negatives).
  for (let d = 0; d < cfg.days; d++) {
    const n = rng.poisson(cfg.organic.newPerDay);
    for (let i = 0; i < n; i++) {
      const kunya = rng.chance(cfg.organic.kunyaShare);
      const en = !kunya && rng.chance(cfg.organic.englishShare);
      const lang: Lang = en ? 'en' : 'ar';
      const t = w.dayStart(d) + rng.int(DAY);
      const a = makeAccount(
        w,
        rng,
        'organic',
        kunya ? kunyaIdentity(rng) : organicIdentity(rng, en),
        lang,
        t,
        {
          rate: rng.logNormal(cfg.organic.postsPerDay, 0.9),
          kunya,
        },
      );
      a.postFrom = t + rng.range(5, 600) * MINUTE;
      a.bio = bio(rng, B.BIOS_ORGANIC, lang);
      if (rng.chance(0.6)) a.avatar = rng.hex64();
      w.organic.push(a);
      w.lifecycle.push({ t, kind: 'create', acc: a });
    }
  }

  // Telegram channels of the army (the move to a second platform).
  const tgStart = w.dayStart(cfg.telegram.fromDay);
  for (let i = 0; i < cfg.telegram.channels; i++) {
    const id = armyIdentity(rng);
    const t = tgStart + rng.range(10, 180) * MINUTE;
    const a = makeAccount(w, rng, 'tg', { name: id.name, handle: `${id.handle}_channel` }, 'ar', t, {
      rate: cfg.telegram.postsPerDay,
      style: randomStyle(rng),
    });
    a.bio = 'قناة الإصدارات';
    w.telegram.push(a);
    w.lifecycle.push({ t, kind: 'create', acc: a });
  }

  planTakedowns(w, rng, end);
  w.lifecycle.sort((x, y) => x.t - y.t || (x.kind === y.kind ? 0 : x.kind === 'create' ? -1 : 1));
};

const armyPreludeFollows = (w: World, rng: Rng): void => {
  const { start } = w;
  const between = (a: SimAccount, b: SimAccount): number => {
    const from = Math.max(a.createdAt, b.createdAt) + 1000;
    return from + rng.int(Math.max(1, start - 1000 - from));
  };
  for (const a of w.core) for (const b of w.core) if (a !== b) follow(w, between(a, b), a, b);
  for (const cell of w.cells) {
    for (const a of cell) {
      for (const c of w.core) follow(w, between(a, c), a, c);
      if (rng.chance(0.5)) follow(w, between(a, w.news[0] ?? a), a, rng.pick(w.news));
    }
    // Dense mutual follows inside a cell.
    for (let i = 0; i < cell.length; i++) {
      for (let j = i + 1; j < cell.length; j++) {
        const a = cell[i];
        const b = cell[j];
        if (!a || !b || !rng.chance(w.cfg.army.cellFollowProb)) continue;
        follow(w, between(a, b), a, b);
        follow(w, between(a, b), b, a);
      }
    }
  }
};

/** Suspensions of army accounts and their re-creations (chains A → B → C). */
