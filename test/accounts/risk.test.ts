import { describe, expect, it } from 'vitest';
import { createRiskDetector, runDetectors } from '../../src/accounts/index.js';
import type { CanonicalEvent } from '../../src/events/index.js';
import type { AccountRecord, Detector } from '../../src/pipeline/types.js';
import { account, fakeClassify, follow, post, suspend } from './fixtures.js';

const run = (events: CanonicalEvent[]) => {
  const r = runDetectors([createRiskDetector()] as Detector<unknown>[], events, { classify: fakeClassify });
  const records = r.decisions.filter((d) => d.kind === 'account').map((d) => d.record as AccountRecord);
  const latest = new Map<string, AccountRecord>();
  for (const x of records) latest.set(x.id, x);
  return { records, latest };
};

describe('account risk', () => {
  it('flags an account whose posts score extremist, with the reason in words and numbers', () => {
    const events: CanonicalEvent[] = [account('x', 'x1', 'X', 0)];
    for (let i = 0; i < 40; i++) events.push(post('x', 1 + i, i < 34 ? `نص ${i} [EXT]` : `نص ${i}`));
    const { latest } = run(events);
    const r = latest.get('x');
    expect(r?.risk).toBeGreaterThan(0.85);
    expect(r?.label).toBe('extremist');
    expect(r?.flagged_at).not.toBeNull();
    expect(r?.evidence[0]).toMatch(/^34 of 40 posts scored extremist ≥ 0\.9/);
  });

  it('keeps a news account that writes about extremists low', () => {
    const events: CanonicalEvent[] = [account('army', 'a', 'A', 0), account('news', 'n', 'News', 0)];
    for (let i = 0; i < 30; i++) events.push(post('army', 1 + i, `نص ${i} [EXT]`, { id: `a${i}` }));
    for (let i = 0; i < 40; i++)
      events.push(post('news', 40 + i, i % 8 === 0 ? `تقرير ${i} [EXT]` : `تقرير ${i} [NEWS]`));
    // It replies to (reports on) the army account, but does not repost it or follow its cluster.
    events.push(post('news', 90, 'تقرير [NEWS]', { reply_to: 'a1' }));
    const { latest } = run(events);
    expect(latest.get('army')?.flagged_at).not.toBeNull();
    expect(latest.get('news')?.risk).toBeLessThan(0.2);
    expect(latest.get('news')?.label).toBe('news');
    expect(latest.get('news')?.flagged_at).toBeNull();
  });

  it('raises an account that follows suspended accounts and reposts flagged ones', () => {
    const events: CanonicalEvent[] = [account('fan', 'f', 'F', 0)];
    for (let i = 0; i < 12; i++)
      events.push(account(`s${i}`, `s${i}`, 'S', 0), suspend(`s${i}`, 1 + i * 0.1));
    for (let i = 0; i < 12; i++) events.push(follow('fan', `s${i}`, 5 + i));
    events.push(account('army', 'a', 'A', 20));
    for (let i = 0; i < 20; i++) events.push(post('army', 21 + i, `نص ${i} [EXT]`, { id: `ap${i}` }));
    for (let i = 0; i < 7; i++) events.push(post('fan', 50 + i, '', { repost_of: `ap${i}` }));
    const { latest } = run(events);
    const fan = latest.get('fan');
    expect(fan?.evidence.join(' | ')).toMatch(/follows 12 flagged or suspended accounts/);
    expect(fan?.evidence.join(' | ')).toMatch(/reposted 7 posts of flagged accounts/);
    expect(fan?.flagged_at).not.toBeNull();
  });

  it('does not pass on a flag that rests only on the network', () => {
    const events: CanonicalEvent[] = [account('mid', 'm', 'M', 0), account('leaf', 'l', 'L', 0)];
    for (let i = 0; i < 12; i++)
      events.push(account(`s${i}`, `s${i}`, 'S', 0), suspend(`s${i}`, 1 + i * 0.1));
    for (let i = 0; i < 12; i++) events.push(follow('mid', `s${i}`, 5 + i));
    for (let i = 0; i < 6; i++) events.push(account(`k${i}`, `k${i}`, 'K', 20), follow(`s${i}`, 'mid', 20.5));
    events.push(follow('leaf', 'mid', 30));
    const { latest } = run(events);
    expect(latest.get('mid')?.flagged_at).not.toBeNull();
    expect(latest.get('leaf')?.evidence.join(' | ') ?? '').not.toMatch(/follows \d+ flagged/);
    expect(latest.get('leaf')?.flagged_at).toBeNull();
  });

  it('emits a new record only when risk changes materially', () => {
    const events: CanonicalEvent[] = [account('o', 'o', 'O', 0)];
    for (let i = 0; i < 200; i++) events.push(post('o', 1 + i, `نص عادي ${i}`));
    const { records } = run(events);
    expect(records.length).toBeLessThan(10);
  });

  it('keeps the first flagged_at when risk goes on rising', () => {
    const events: CanonicalEvent[] = [account('x', 'x1', 'X', 0)];
    for (let i = 0; i < 30; i++) events.push(post('x', 1 + i, `نص ${i} [EXT]`));
    const { records } = run(events);
    const flagged = records.filter((r) => r.flagged_at !== null);
    expect(flagged.length).toBeGreaterThan(1);
    expect(new Set(flagged.map((r) => r.flagged_at)).size).toBe(1);
  });
});
