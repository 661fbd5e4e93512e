import { describe, expect, it } from 'vitest';
import { scoreMatch, type NewAccountView } from '../../src/accounts/evasion-score.js';
import { nameFeatures, profileFingerprint, sortedHashes } from '../../src/accounts/fingerprint.js';
import { hashString } from '../../src/accounts/hash.js';
import { NameStats } from '../../src/accounts/name-stats.js';
import { pdqDistance, pdqFromHex } from '../../src/accounts/pdq.js';
import type { RegistryEntry } from '../../src/accounts/registry.js';
import { addAffixes, addStyle, AFFIX_DIMS, centredCosine, STYLE_DIMS } from '../../src/accounts/style.js';
import { flipBits, pdq } from './fixtures.js';

const ids = (xs: string[]): Uint32Array => sortedHashes(xs.map(hashString));
const DAY = 86_400_000;

const entry = (over: Partial<RegistryEntry['behaviour']> = {}, profile = {}): RegistryEntry => ({
  slot: 0,
  platform: 'sim',
  accountId: 'old',
  handleRaw: 'old_handle',
  profile: profileFingerprint({ handle: 'old_handle', name: 'Old Name', ...profile }),
  behaviour: {
    follows: new Uint32Array(0),
    followers: new Uint32Array(0),
    reposted: new Uint32Array(0),
    style: undefined,
    affixes: undefined,
    hours: new Uint16Array(24),
    posts: 0,
    ...over,
  },
  createdAt: 0,
  suspendedAt: 0,
  parent: undefined,
});

const account = (over: Partial<NewAccountView> = {}): NewAccountView => ({
  profile: profileFingerprint({ handle: 'someone_else', name: 'Another Person' }),
  createdAt: 30 * DAY,
  follows: new Uint32Array(0),
  followers: new Uint32Array(0),
  reposted: new Uint32Array(0),
  style: undefined,
  affixes: undefined,
  hours: new Uint16Array(24),
  posts: 0,
  shoutouts: 0,
  shoutoutRefs: new Map(),
  ...over,
});

const ctx = {
  stats: new NameStats(),
  meanStyle: new Float32Array(STYLE_DIMS),
  meanAffix: new Float32Array(AFFIX_DIMS),
  followWeight: () => 1,
  followerWeight: () => 1,
  repostWeight: () => 1,
};

describe('fingerprint features', () => {
  it('measures avatar PDQ distance by popcount', () => {
    const a = pdq(1);
    expect(pdqDistance(pdqFromHex(a), pdqFromHex(a))).toBe(0);
    expect(pdqDistance(pdqFromHex(a), pdqFromHex(flipBits(a, 9)))).toBe(9);
    expect(pdqDistance(pdqFromHex(pdq(1)), pdqFromHex(pdq(2)))).toBeGreaterThan(90);
  });

  it('scores a near-identical avatar and ignores one beyond distance 31', () => {
    const e = entry({}, { avatar_pdq: pdq(3) });
    const near = scoreMatch(
      account({ profile: profileFingerprint({ handle: 'x', name: 'y', avatar_pdq: flipBits(pdq(3), 4) }) }),
      e,
      ctx,
    );
    const far = scoreMatch(
      account({ profile: profileFingerprint({ handle: 'x', name: 'y', avatar_pdq: pdq(4) }) }),
      e,
      ctx,
    );
    expect(near.features.avatar).toBeCloseTo(1 - 4 / 32);
    expect(far.features.avatar).toBe(0);
  });

  it('rewards a new account whose follows are contained in the predecessor’s, more than a partial overlap', () => {
    const e = entry({ follows: ids(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) });
    const all = scoreMatch(account({ follows: ids(['a', 'b', 'c', 'd', 'e']) }), e, ctx).features.follows;
    const half = scoreMatch(account({ follows: ids(['a', 'b', 'c', 'x', 'y', 'z']) }), e, ctx).features
      .follows;
    const none = scoreMatch(account({ follows: ids(['x', 'y']) }), e, ctx).features.follows;
    expect(all).toBeCloseTo(1);
    expect(half).toBeLessThan(0.2);
    expect(none).toBe(0);
  });

  it('finds the same writing habits in style and affix profiles', () => {
    const profile = (texts: string[]) => {
      const s = new Float32Array(STYLE_DIMS);
      const a = new Float32Array(AFFIX_DIMS);
      for (const t of texts) {
        addStyle(s, t);
        addAffixes(a, t);
      }
      return { s, a };
    };
    const mean = profile(['نص عادي عن اليوم', 'خبر قصير هنا', 'plain text here', 'another ordinary line']);
    const p1 = profile(['📌 نص أول عن الموضوع — نصير', '📌 نص ثاني مختلف — نصير', '📌 كلام ثالث — نصير']);
    const p2 = profile(['📌 جملة جديدة تماما — نصير', '📌 سطر آخر — نصير']);
    const p3 = profile(['نص أول عن الموضوع', 'نص ثاني مختلف', 'كلام ثالث']);
    expect(centredCosine(p1.a, p2.a, mean.a)).toBeGreaterThan(0.8);
    expect(centredCosine(p1.a, p3.a, mean.a)).toBeLessThan(centredCosine(p1.a, p2.a, mean.a) - 0.3);
    expect(centredCosine(p1.s, p2.s, mean.s)).toBeGreaterThan(centredCosine(p3.s, p2.s, mean.s));
  });

  it('compares active hours only once there are enough posts', () => {
    const hours = new Uint16Array(24);
    hours[2] = 10;
    hours[3] = 10;
    const e = entry({ hours, posts: 20 });
    const same = scoreMatch(account({ hours: hours.slice(), posts: 10 }), e, ctx).features.hours;
    const other = new Uint16Array(24);
    other[14] = 10;
    const diff = scoreMatch(account({ hours: other, posts: 10 }), e, ctx).features.hours;
    const few = scoreMatch(account({ hours: hours.slice(), posts: 1 }), e, ctx).features.hours;
    expect(same).toBeCloseTo(1);
    expect(diff).toBe(0);
    expect(few).toBeLessThan(0.2);
  });

  it('weighs an identical common name far less than an identical rare one', () => {
    const stats = new NameStats();
    for (let i = 0; i < 2000; i++)
      stats.addProfile([`w:${i % 5 === 0 ? 'محمد' : `n${i}`}`, `n:${i % 5 === 0 ? 'ابو محمد' : `n${i}`}`]);
    const c = { ...ctx, stats };
    const common = scoreMatch(
      account({ profile: profileFingerprint({ handle: 'a1', name: 'أبو محمد' }) }),
      entry({}, { name: 'أبو محمد', handle: 'b2' }),
      c,
    ).features.name;
    const rare = scoreMatch(
      account({ profile: profileFingerprint({ handle: 'a1', name: 'أبو اليمان الجنوبي' }) }),
      entry({}, { name: 'أبو اليمان الجنوبي', handle: 'b2' }),
      c,
    ).features.name;
    expect(common).toBeLessThan(0.4);
    expect(rare).toBeCloseTo(1);
  });
});

describe('name rarity among suspended accounts', () => {
  it('a name rare in the stream but shared by many suspended accounts counts less', () => {
    const name = 'أبو اليمان الجنوبي';
    const stats = new NameStats();
    const registryStats = new NameStats();
    // 5,000 ordinary profiles; the army name appears only among suspended accounts.
    for (let i = 0; i < 5000; i++)
      stats.addProfile(nameFeatures(profileFingerprint({ handle: `user${i}`, name: `Person ${i}` })));
    const armyProfile = profileFingerprint({ handle: 'abu_alyaman_aljanoubi', name });
    stats.addProfile(nameFeatures(armyProfile));
    registryStats.addProfile(nameFeatures(armyProfile));
    const e = entry({}, { handle: 'abu_alyaman_aljanoubi', name });
    const n = account({ profile: profileFingerprint({ handle: 'abu_alyaman_aljanoubi2', name }) });
    const unique = scoreMatch(n, e, { ...ctx, stats, registryStats });
    // Now thirty suspended accounts carry the same name (a movement sharing a kunya and nisba).
    for (let i = 0; i < 30; i++) {
      const p = profileFingerprint({ handle: `abu_alyaman_aljanoubi${i}`, name });
      stats.addProfile(nameFeatures(p));
      registryStats.addProfile(nameFeatures(p));
    }
    for (let i = 0; i < 100; i++)
      registryStats.addProfile(nameFeatures(profileFingerprint({ handle: `h${i}`, name: `Other ${i}` })));
    const shared = scoreMatch(n, e, { ...ctx, stats, registryStats });
    expect(unique.features.name).toBeGreaterThan(0.3);
    expect(shared.features.name).toBeLessThan(unique.features.name * 0.6);
    expect(shared.features.handle).toBeLessThan(unique.features.handle);
    // Without the registry counts, only the stream's rarity is used (the name stays rare there).
    const streamOnly = scoreMatch(n, e, { ...ctx, stats });
    expect(streamOnly.features.name).toBeGreaterThan(shared.features.name);
  });

  it('style confidence grows with posts that have text, not with reposts', () => {
    const style = new Float32Array(STYLE_DIMS);
    const affixes = new Float32Array(AFFIX_DIMS);
    addStyle(style, '📌 نص مميز جدا ⚔️');
    addAffixes(affixes, '📌 نص مميز جدا ⚔️');
    const e = entry({
      style: Uint8Array.from(style, (x) => Math.min(255, x * 50)),
      affixes: Uint8Array.from(affixes, (x) => x * 60),
    });
    const reposter = scoreMatch(account({ style, affixes, posts: 6, stylePosts: 1 }), e, ctx);
    const writer = scoreMatch(account({ style, affixes, posts: 6, stylePosts: 6 }), e, ctx);
    expect(writer.features.affix).toBeGreaterThan(reposter.features.affix * 2);
  });
});
