import type { Rng } from './rng.js';
import type { World } from './state.js';
import { fillTemplate, styled, type Lang } from './texts.js';
import * as B from './texts-builtin.js';
import { isAlive, type Role, type SimAccount } from './world.js';
import type { Identity } from './names.js';

// Building blocks shared by planning and generation: accounts, follows, army texts.

const TZ_AR = [3, 3, 3, 2, 2, 4, 1];
const TZ_EN = [0, 0, -5, 1, -8, 4];

export const makeAccount = (
  w: World,
  rng: Rng,
  role: Role,
  id: Identity,
  lang: Lang,
  createdAt: number,
  extra: Partial<SimAccount> = {},
): SimAccount => {
  const platform = role === 'tg' ? 'telegram' : 'sim';
  const a: SimAccount = {
    id: w.em.accountId(platform),
    platform,
    handle: w.handles.claim(id.handle, rng),
    name: id.name,
    bio: '',
    lang,
    role,
    createdAt,
    suspendedAt: Infinity,
    postFrom: createdAt + 1000,
    tz: lang === 'en' ? rng.pick(TZ_EN) : rng.pick(TZ_AR),
    rate: 0,
    cell: -1,
    earlyFollows: [],
    isNew: createdAt >= w.start,
    kunya: false,
    ...extra,
  };
  w.all.push(a);
  w.byId.set(a.id, a);
  return a;
};

export const bio = (rng: Rng, pool: readonly string[], lang: Lang): string =>
  fillTemplate(rng.pick(pool), rng, lang);

/** Follow at time `t` (or in the prelude), recording early follows and preferential attachment. */
export const follow = (w: World, t: number, src: SimAccount, dst: SimAccount): void => {
  if (src === dst || !isAlive(dst, t) || !isAlive(src, t)) return;
  if (w.em.follow(t, src, dst)) {
    if (src.earlyFollows.length < 64) src.earlyFollows.push({ id: dst.id, t });
    // Army accounts are not offered to ordinary users by preferential attachment (see runLifecycle).
    if (dst.cell < 0) w.paTargets.push(dst);
  }
};

export const paFollows = (
  w: World,
  rng: Rng,
  a: SimAccount,
  k: number,
  from: number,
  until: number,
): void => {
  const chosen = new Set<SimAccount>();
  for (let tries = 0; chosen.size < k && tries < k * 4 && w.paTargets.length > 0; tries++) {
    const dst = rng.pick(w.paTargets);
    if (dst !== a && dst.createdAt < from && !chosen.has(dst)) chosen.add(dst);
  }
  for (const dst of chosen) follow(w, from + rng.int(Math.max(1, until - from)), a, dst);
};

export const armyText = (w: World, a: SimAccount, rng: Rng, extra: readonly string[]): string =>
  styled(w.texts.text('army', a.lang, rng), a.style, [
    ...extra,
    ...rng.sample(B.ARMY_HASHTAGS, rng.range(1, 2)),
  ]);
