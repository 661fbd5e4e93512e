import { armyIdentity, easyVariant } from './names.js';
import { armyText, bio, follow, makeAccount, paFollows } from './population.js';
import { flipBits, type Rng } from './rng.js';
import type { LifecycleItem, World } from './state.js';
import * as B from './texts-builtin.js';
import type { RecreationDifficulty } from './truth.js';
import { HOUR, MINUTE, canPost, isAlive, type SimAccount } from './world.js';

// Takedowns: suspensions of army accounts, their re-creations (chains A → B → C), and what happens
// when a planned account is created (follows, shout-outs, first post) or suspended.

// Deterministic mix of re-creation difficulties (easy 3, shoutout 3, network 2, style 2 in 10).
const DIFFICULTY_CYCLE: readonly RecreationDifficulty[] = [
  'easy',
  'shoutout',
  'network',
  'style',
  'easy',
  'shoutout',
  'network',
  'easy',
  'style',
  'shoutout',
];
export const planTakedowns = (w: World, rng: Rng, end: number): void => {
  const cfg = w.cfg.takedown;
  const queue: SimAccount[] = [...w.core, ...w.cells.flat()];
  let recreations = 0;
  for (let qi = 0; qi < queue.length; qi++) {
    const a = queue[qi] as SimAccount;
    let at: number;
    if (a.recreation) {
      if (!rng.chance(cfg.suspendRecreated)) continue;
      at = a.postFrom + rng.exp(cfg.recreatedLifetimeHours * HOUR);
    } else {
      if (!rng.chance(a.role === 'core' ? cfg.suspendCore : cfg.suspendAmplifier)) continue;
      at = w.start + 2 * HOUR + rng.int(Math.max(1, end - w.start - 8 * HOUR));
    }
    at = Math.floor(at);
    if (at >= end - HOUR) continue;
    a.suspendedAt = at;
    w.lifecycle.push({ t: at, kind: 'suspend', acc: a });
    if (!rng.chance(cfg.recreateProb)) continue;
    const createdAt = Math.floor(
      at + Math.min(12 * HOUR, rng.logNormal(cfg.recreateDelayMedianHours * HOUR, 0.8)),
    );
    if (createdAt >= end - HOUR) continue;
    const difficulty = DIFFICULTY_CYCLE[recreations++ % DIFFICULTY_CYCLE.length] ?? 'easy';
    const ident =
      difficulty === 'easy' ? easyVariant({ handle: a.handle, name: a.name }, rng) : armyIdentity(rng);
    const b = makeAccount(w, rng, a.role, ident, a.lang, createdAt, {
      rate: a.rate,
      cell: a.cell,
      style: a.style,
      recreation: {
        replaces: a,
        difficulty,
        generation: (a.recreation?.generation ?? 0) + 1,
        root: a.recreation?.root ?? a.id,
      },
    });
    b.postFrom =
      createdAt + Math.max(2 * MINUTE, Math.floor(rng.logNormal(cfg.firstPostDelayMedianMin * MINUTE, 0.9)));
    if (difficulty === 'easy') {
      b.bio = a.bio;
      b.avatar =
        a.avatar && rng.chance(0.5) ? a.avatar : flipBits(a.avatar ?? rng.hex64(), rng.range(1, 8), rng);
      // Some start with a blank profile and take on the look-alike one minutes later (profile_update).
      if (rng.chance(0.3)) {
        b.blankUntil = createdAt + rng.range(3, 30) * MINUTE;
        b.initialHandle = w.handles.claim(`user${rng.range(100000, 9999999)}`, rng);
      }
    } else {
      b.bio = bio(rng, B.BIOS_ARMY, 'ar');
      b.avatar = rng.hex64();
    }
    if (a.role === 'core') w.core.push(b);
    else w.cells[a.cell]?.push(b);
    w.lifecycle.push({ t: createdAt, kind: 'create', acc: b });
    queue.push(b);
  }
};

/** A lifecycle item of the day: account creation (with follows, shout-outs, first post) or suspension. */
export const runLifecycle = (w: World, item: LifecycleItem, rng: Rng): void => {
  const a = item.acc;
  if (item.kind === 'suspend') {
    if (w.em.suspend(item.t, a)) w.suspensions.push({ account_id: a.id, at: item.t });
    return;
  }
  w.em.account(a);
  if (a.blankUntil !== undefined) {
    w.em.profileUpdate(a.blankUntil, a, { handle: a.handle, name: a.name, bio: a.bio, avatar_pdq: a.avatar });
  }
  if (a.role === 'organic') {
    paFollows(
      w,
      rng,
      a,
      rng.range(2, w.cfg.organic.initialFollows),
      a.createdAt + MINUTE,
      a.createdAt + HOUR,
    );
    w.paTargets.push(a);
    // A few curious users (and researchers) follow an army account: hard negatives for network signals.
    const core = w.core.filter((c) => canPost(c, a.createdAt));
    if (core.length > 0 && rng.chance(0.03))
      follow(w, a.createdAt + rng.range(60, 600) * MINUTE, a, rng.pick(core));
    return;
  }
  if (a.role === 'tg' || !a.recreation) return;
  recreatedStart(w, a, rng);
};

const recreatedStart = (w: World, a: SimAccount, rng: Rng): void => {
  const rec = a.recreation;
  if (!rec) return;
  const t0 = a.createdAt;
  const prev = rec.replaces;
  // Early follows: a `network` re-creation repeats its predecessor's first follows, in order.
  let targets: SimAccount[];
  if (rec.difficulty === 'network') {
    targets = [...prev.earlyFollows]
      .sort((x, y) => x.t - y.t)
      .slice(0, 30)
      .map((f) => w.byId.get(f.id))
      .filter((x): x is SimAccount => x !== undefined);
  } else {
    const mates = (w.cells[a.cell] ?? []).filter((x) => x !== a && isAlive(x, t0));
    targets = [...w.core.filter((x) => isAlive(x, t0)), ...rng.sample(mates, Math.ceil(mates.length * 0.3))];
  }
  let t = t0 + rng.range(1, 5) * MINUTE;
  for (const dst of targets) {
    follow(w, t, a, dst);
    t += rng.range(5, 90) * 1000;
  }
  // Cell mates follow back over the next hours.
  for (const m of w.cells[a.cell] ?? w.core) {
    if (m !== a && rng.chance(0.4)) {
      const ft = t0 + Math.floor(rng.exp(3 * HOUR)) + MINUTE;
      if (isAlive(m, ft) && ft >= m.postFrom) follow(w, ft, m, a);
    }
  }
  // Shout-outs right after creation, often before the new account's first post.
  if (rec.difficulty === 'shoutout') {
    const posters = rng.sample(
      w.livingArmy(t0 + MINUTE).filter((x) => x !== a && x.cell === a.cell),
      rng.range(2, 4),
    );
    for (const p of posters) {
      const st = t0 + rng.range(2, 40) * MINUTE;
      const en = p.lang === 'en';
      const tpl = rng.pick(en ? B.SHOUTOUT_EN : B.SHOUTOUT_AR);
      const text = tpl.replace('{handle}', a.handle).replace('{name}', prev.name);
      w.armyPost(st, p, { text }, true);
    }
  }
  // First post: a repost of a core post (no content) or a styled original.
  const ft = a.postFrom;
  const target = w.recentArmy.pick(rng);
  if (target && target.t < ft && rng.chance(0.4)) w.armyPost(ft, a, { text: '', repost_of: target.id });
  else w.armyPost(ft, a, { text: armyText(w, a, rng, []) });
};

/** A styled army text with one or two army hashtags (plus `extra`). */
