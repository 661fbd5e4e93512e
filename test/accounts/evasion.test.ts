import { describe, expect, it } from 'vitest';
import {
  createEvasionDetector,
  createRiskDetector,
  runDetectors,
  type EvasionState,
} from '../../src/accounts/index.js';
import type { CanonicalEvent } from '../../src/events/index.js';
import type { Detector, EvasionRecord } from '../../src/pipeline/types.js';
import {
  account,
  background,
  fakeClassify,
  flipBits,
  follow,
  pdq,
  post,
  profileUpdate,
  restore,
  suspend,
} from './fixtures.js';

const run = (events: CanonicalEvent[]) => {
  const detectors = [createRiskDetector(), createEvasionDetector()] as Detector<unknown>[];
  const r = runDetectors(detectors, events, { classify: fakeClassify });
  const evasions = r.decisions
    .filter((d) => d.kind === 'evasion')
    .map((d) => ({ ...(d.record as EvasionRecord), seq: d.seq }));
  return { ...r, evasions, evasion: r.states[1] as EvasionState };
};

const CORE = ['core1', 'core2', 'core3', 'core4', 'core5', 'core6'];

/** A suspended account with a rare name, an avatar, follows of a small core and some posts. */
const predecessor = (
  id: string,
  handle: string,
  name: string,
  avatarSeed: number,
  start: number,
): CanonicalEvent[] => [
  account(id, handle, name, start, {
    bio: 'صفحة أخبار الجبهة الجنوبية ونشر الإصدارات',
    avatar_pdq: pdq(avatarSeed),
  }),
  ...CORE.map((c, i) => follow(id, c, start + 1 + i)),
  post(id, start + 10, 'نص تجريبي أول [EXT] !!'),
  post(id, start + 11, 'نص تجريبي ثاني [EXT] !!'),
];

const world = (): CanonicalEvent[] => [
  ...background(400, 0),
  ...CORE.map((c, i) => account(c, `core_${i}`, `Core ${i}`, 5 + i)),
];

describe('re-created account detection', () => {
  it('catches a decorated name variant with the same avatar at creation and names the predecessor', () => {
    const events = [
      ...world(),
      ...predecessor('A', 'abu_yaman_jnb1', 'أبو اليمان الجنوبي', 1, 20),
      suspend('A', 100),
      account('B', 'abu_yaman_jnb٢', '⚔ ابو اليمان الجنوبي ٢ ⚔', 130, { avatar_pdq: flipBits(pdq(1), 6) }),
    ];
    const { evasions } = run(events);
    expect(evasions).toHaveLength(1);
    expect(evasions[0]?.account_id).toBe('B');
    expect(evasions[0]?.suspended_account_id).toBe('A');
    expect(evasions[0]?.flagged_at).toBe(
      new Date(Date.parse('2026-01-01T00:00:00Z') + 130 * 60_000).toISOString(),
    );
    expect(evasions[0]?.evidence.join(' | ')).toMatch(/same avatar \(PDQ distance 6\)/);
  });

  it('does not flag a new "أبو محمد" after an "أبو محمد" suspension with nothing else in common', () => {
    const events = [
      ...world(),
      account('M1', 'abu_mohammed_77', 'أبو محمد', 20, { avatar_pdq: pdq(7) }),
      ...CORE.map((c, i) => follow('M1', c, 21 + i)),
      suspend('M1', 100),
      account('M2', 'abumohammed_12', 'أبو محمد', 130, { avatar_pdq: pdq(8) }),
      follow('M2', 'bg3', 131),
      post('M2', 140, 'صباح الخير يا جماعة'),
    ];
    const { evasions } = run(events);
    expect(evasions).toEqual([]);
  });

  it('catches a re-creation with an unrelated name from its first follows, before its first post', () => {
    const events: CanonicalEvent[] = [
      ...world(),
      ...predecessor('A', 'abu_yaman_jnb1', 'أبو اليمان الجنوبي', 1, 20),
    ];
    events.push(suspend('A', 100), account('B', 'qwerty_991', 'نور الهدى', 130));
    CORE.forEach((c, i) => events.push(follow('B', c, 131 + i)));
    events.push(post('B', 200, 'نص تجريبي [EXT] !!'));
    const { evasions } = run(events);
    expect(evasions[0]?.suspended_account_id).toBe('A');
    expect(Date.parse(evasions[0]?.flagged_at ?? '')).toBeLessThan(
      Date.parse(events.at(-1)?.created_at ?? ''),
    );
    expect(evasions[0]?.evidence.join(' | ')).toMatch(
      /of its first \d+ follows were followed by the suspended account/,
    );
  });

  it('boosts a weak match when a flagged account names the new handle together with the old one', () => {
    const base: CanonicalEvent[] = [
      ...world(),
      account('army', 'army_media', 'Media', 10),
      ...Array.from({ length: 8 }, (_, i) => post('army', 11 + i, `نشر تجريبي ${i} [EXT]`)),
      ...predecessor('A', 'abu_yaman_jnb1', 'أبو اليمان الجنوبي', 1, 20),
      suspend('A', 100),
      account('B', 'yaman_backup', 'اليمان', 130),
    ];
    expect(run(base).evasions).toEqual([]);
    const shout = post('army', 140, 'تابعوا حساب الأخ الجديد @yaman_backup بدلا من @abu_yaman_jnb1');
    const { evasions } = run([...base, shout]);
    expect(evasions).toHaveLength(1);
    expect(evasions[0]?.suspended_account_id).toBe('A');
    expect(evasions[0]?.evidence.join(' | ')).toMatch(
      /shout-out named it together with the old account @abu_yaman_jnb1/,
    );
  });

  it('keeps the lineage of a chain A → B → C and names both links', () => {
    const events: CanonicalEvent[] = [
      ...world(),
      ...predecessor('A', 'abu_yaman_jnb1', 'أبو اليمان الجنوبي', 1, 20),
      suspend('A', 100),
      account('B', 'abu_yaman_jnb2', 'أبو اليمان الجنوبي', 130, { avatar_pdq: pdq(1) }),
      ...CORE.map((c, i) => follow('B', c, 131 + i)),
      suspend('B', 300),
      account('C', 'abu_yaman_jnb3', 'أبو اليمان الجنوبي', 330, { avatar_pdq: pdq(1) }),
    ];
    const { evasions, evasion } = run(events);
    const c = evasions.find((e) => e.account_id === 'C');
    expect(c?.suspended_account_id).toBe('B');
    expect(c?.evidence.join(' | ')).toMatch(/itself a re-creation of A/);
    expect(evasion.lineage.chain('sim', 'C')).toEqual(['B', 'A']);
    expect(evasion.lineage.family('sim', 'B')).toEqual({ root: 'A', members: ['A', 'B', 'C'] });
  });

  it('re-scores on a profile update that takes the suspended account’s identity', () => {
    const events: CanonicalEvent[] = [
      ...world(),
      ...predecessor('A', 'abu_yaman_jnb1', 'أبو اليمان الجنوبي', 1, 20),
      suspend('A', 100),
      account('B', 'sunny_day_44', 'Sunny', 130),
    ];
    expect(run(events).evasions).toEqual([]);
    events.push(
      profileUpdate('B', 150, { name: 'أبو اليمان الجنوبي', handle: 'abu_yaman_jnb_2', avatar_pdq: pdq(1) }),
    );
    const { evasions } = run(events);
    expect(evasions).toHaveLength(1);
    expect(evasions[0]?.suspended_account_id).toBe('A');
    expect(evasions[0]?.flagged_at).toBe(events.at(-1)?.created_at);
  });

  it('forgets a suspended account that the platform restores', () => {
    const events: CanonicalEvent[] = [
      ...world(),
      ...predecessor('A', 'abu_yaman_jnb1', 'أبو اليمان الجنوبي', 1, 20),
      suspend('A', 100),
      restore('A', 110),
      account('B', 'abu_yaman_jnb2', 'أبو اليمان الجنوبي', 130, { avatar_pdq: pdq(1) }),
    ];
    const { evasions, evasion } = run(events);
    expect(evasions).toEqual([]);
    expect(evasion.registry.size).toBe(0);
  });

  it('stamps decisions only from events up to their time (a stream and its prefix agree)', () => {
    const events: CanonicalEvent[] = [
      ...world(),
      ...predecessor('A', 'abu_yaman_jnb1', 'أبو اليمان الجنوبي', 1, 20),
    ];
    events.push(suspend('A', 100), account('B', 'qwerty_991', 'نور الهدى', 130));
    CORE.forEach((c, i) => events.push(follow('B', c, 131 + i)));
    events.push(account('D', 'abu_yaman_jnb9', 'أبو اليمان الجنوبي', 150, { avatar_pdq: pdq(1) }));
    for (let i = 0; i < 10; i++) events.push(post('B', 160 + i, `نص ${i} [EXT]`));
    const full = run(events).decisions;
    for (const cut of [events.length - 12, events.length - 5, events.length - 1]) {
      const prefix = run(events.slice(0, cut)).decisions;
      const strip = (ds: typeof full) => ds.filter((d) => d.seq < cut).map((d) => JSON.stringify(d));
      expect(strip(prefix)).toEqual(strip(full));
      expect(prefix.length).toBeGreaterThan(0);
    }
    expect(full.some((d) => d.kind === 'evasion')).toBe(true);
  });
});
