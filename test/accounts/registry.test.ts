import { describe, expect, it } from 'vitest';
import { profileFingerprint, sortedHashes } from '../../src/accounts/fingerprint.js';
import { hashString } from '../../src/accounts/hash.js';
import { Lineage } from '../../src/accounts/lineage.js';
import { SuspendedRegistry, type RegistryEntryInput } from '../../src/accounts/registry.js';
import { pdq } from './fixtures.js';

const GIVEN = ['محمد', 'احمد', 'عمر', 'علي', 'خالد', 'يوسف', 'حمزه', 'سعد'];
const NISBA = ['الشامي', 'المصري', 'العراقي', 'الجنوبي', 'المهاجر'];

const input = (i: number, over: Partial<RegistryEntryInput> = {}): RegistryEntryInput => {
  const name = `أبو ${GIVEN[i % GIVEN.length] as string} ${NISBA[(i >> 3) % NISBA.length] as string}`;
  const handle = `abu_${i.toString(36)}_${(i * 7919) % 1000}`;
  return {
    platform: 'sim',
    accountId: `s${i}`,
    handleRaw: handle,
    profile: profileFingerprint({ handle, name, avatar_pdq: pdq(i) }),
    behaviour: {
      follows: sortedHashes(new Set([`c${i % 500}_1`, `c${i % 500}_2`, `hub${i % 7}`].map(hashString))),
      followers: new Uint32Array(0),
      reposted: new Uint32Array(0),
      style: undefined,
      affixes: undefined,
      hours: new Uint16Array(24),
      posts: 0,
    },
    createdAt: 0,
    suspendedAt: i,
    parent: undefined,
    ...over,
  };
};

describe('suspended account registry', () => {
  const N = 20_000;
  const reg = new SuspendedRegistry({ capacity: N });
  for (let i = 0; i < N; i++) reg.add(input(i));

  it('returns the true predecessor among 20,000 entries from a handle variant, without scanning', () => {
    const target = input(12_345);
    const q = {
      platform: 'sim',
      profile: profileFingerprint({ handle: `${target.handleRaw}_2`, name: 'someone new' }),
      follows: new Uint32Array(0),
      followers: new Uint32Array(0),
      reposted: new Uint32Array(0),
    };
    const c = reg.candidates(q, 16);
    expect(c.map((x) => x.entry.accountId)).toContain('s12345');
    expect(reg.lastProbes).toBeLessThan(N / 20);
  });

  it('returns the true predecessor from its avatar alone', () => {
    const q = {
      platform: 'sim',
      profile: profileFingerprint({ handle: 'zzz', name: 'qqq', avatar_pdq: pdq(777) }),
      follows: new Uint32Array(0),
      followers: new Uint32Array(0),
      reposted: new Uint32Array(0),
    };
    expect(reg.candidates(q, 4)[0]?.entry.accountId).toBe('s777');
    expect(reg.lastProbes).toBeLessThan(100);
  });

  it('evicts the oldest suspension when full and forgets restored accounts', () => {
    const small = new SuspendedRegistry({ capacity: 3 });
    for (let i = 0; i < 5; i++) small.add(input(i));
    expect(small.size).toBe(3);
    expect(small.get('sim', 's0')).toBeUndefined();
    expect(small.get('sim', 's4')?.accountId).toBe('s4');
    small.remove('sim', 's4');
    expect(small.get('sim', 's4')).toBeUndefined();
    expect(small.findByHandle('sim', input(3).handleRaw).map((e) => e.accountId)).toEqual(['s3']);
  });

  it('evicts entries older than its age limit', () => {
    const aged = new SuspendedRegistry({ maxAgeMs: 100 });
    aged.add(input(1, { suspendedAt: 0 }));
    aged.add(input(2, { suspendedAt: 150 }));
    aged.expire(200);
    expect(aged.size).toBe(1);
    expect(aged.get('sim', 's2')).toBeDefined();
  });
});

describe('lineage', () => {
  it('keeps chains, refuses cycles and lists a family', () => {
    const l = new Lineage();
    l.link({ platform: 'sim', accountId: 'B', parentId: 'A', score: 0.9, at: 1 });
    l.link({ platform: 'sim', accountId: 'C', parentId: 'B', score: 0.9, at: 2 });
    expect(l.link({ platform: 'sim', accountId: 'A', parentId: 'C', score: 0.9, at: 3 })).toBe(false);
    expect(l.chain('sim', 'C')).toEqual(['B', 'A']);
    expect(l.children('sim', 'A')).toEqual(['B']);
    expect(l.family('sim', 'C')).toEqual({ root: 'A', members: ['A', 'B', 'C'] });
    expect(l.toJSON()).toHaveLength(2);
  });
});
