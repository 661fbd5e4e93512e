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
    expect(r?.evidence[0]).toMatch(
      /^34 of 40 posts flagged extremist by the text model \(34 scored ≥ 0\.9\)/,
    );
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

  it('never flags on the network alone, and does not pass such risk on', () => {
    const events: CanonicalEvent[] = [account('mid', 'm', 'M', 0), account('leaf', 'l', 'L', 0)];
    for (let i = 0; i < 12; i++)
      events.push(account(`s${i}`, `s${i}`, 'S', 0), suspend(`s${i}`, 1 + i * 0.1));
    for (let i = 0; i < 12; i++) events.push(follow('mid', `s${i}`, 5 + i));
    for (let i = 0; i < 6; i++) events.push(account(`k${i}`, `k${i}`, 'K', 20), follow(`s${i}`, 'mid', 20.5));
    events.push(follow('leaf', 'mid', 30));
    const { latest } = run(events);
    const mid = latest.get('mid');
    expect(mid?.evidence.join(' | ')).toMatch(/follows 12 flagged or suspended accounts/);
    expect(mid?.risk).toBeGreaterThan(0.1);
    expect(mid?.risk).toBeLessThan(0.5);
    expect(mid?.flagged_at).toBeNull();
    expect(latest.get('leaf')?.evidence.join(' | ') ?? '').not.toMatch(/follows \d+ flagged/);
    expect(latest.get('leaf')?.flagged_at).toBeNull();
  });

  it('needs repeated own evidence: two flagged posts are held below the threshold, a third flags', () => {
    const two: CanonicalEvent[] = [
      account('y', 'y1', 'Y', 0),
      post('y', 1, 'نص [EXT]'),
      post('y', 2, 'نص [EXT]'),
    ];
    const held = run(two).latest.get('y');
    expect(held?.flagged_at).toBeNull();
    expect(held?.risk).toBeLessThan(0.5);
    expect(held?.evidence.join(' | ')).toMatch(/a flag needs 3/);
    const three = run([...two, post('y', 3, 'نص [EXT]')]).latest.get('y');
    expect(three?.flagged_at).not.toBeNull();
    expect(three?.risk).toBeGreaterThanOrEqual(0.5);
  });

  it('discounts accounts whose posts read as reporting, and withdraws a flag they got early', () => {
    const events: CanonicalEvent[] = [account('rep', 'r', 'Desk', 0)];
    // The first posts look extremist to the model (quoted slogans), then reporting follows.
    for (let i = 0; i < 6; i++) events.push(post('rep', 1 + i, `نص ${i} [EXT]`));
    const early = run(events).latest.get('rep');
    expect(early?.flagged_at).not.toBeNull();
    for (let i = 0; i < 120; i++)
      events.push(post('rep', 10 + i, i % 5 === 0 ? `تقرير ${i} [NEWS]` : `اقتباس ${i} [EXT]`));
    const { latest, records } = run(events);
    const rep = latest.get('rep');
    expect(rep?.flagged_at).toBeNull();
    expect(rep?.risk).toBeLessThan(0.5);
    expect(rep?.label).toBe('news');
    expect(rep?.evidence.join(' | ')).toMatch(/read as news reporting: text evidence discounted by 100%/);
    expect(rep?.evidence.join(' | ')).toMatch(/withdrawn/);
    // The same share of flagged posts without reporting stays flagged.
    const prop: CanonicalEvent[] = [account('pro', 'p', 'P', 0)];
    for (let i = 0; i < 120; i++) prop.push(post('pro', 1 + i, i % 5 === 0 ? `نص ${i}` : `نص ${i} [EXT]`));
    expect(run(prop).latest.get('pro')?.flagged_at).not.toBeNull();
    expect(records.some((r) => r.id === 'rep' && r.flagged_at !== null)).toBe(true);
  });

  it("counts amplification by the reposted post's verdict, as a share of the reposts", () => {
    const events: CanonicalEvent[] = [account('src', 's', 'S', 0), account('amp', 'a', 'A', 0)];
    events.push(account('fan', 'f', 'F', 0));
    for (let i = 0; i < 12; i++) {
      events.push(post('src', 1 + i, `نص ${i} [EXT]`, { id: `x${i}` }));
      events.push(post('src', 1.5 + i, `نص عادي ${i}`, { id: `o${i}` }));
    }
    // amp reposts flagged posts only; fan reposts mostly ordinary posts and two flagged ones.
    for (let i = 0; i < 10; i++) events.push(post('amp', 20 + i, '', { repost_of: `x${i}` }));
    for (let i = 0; i < 12; i++) events.push(post('fan', 40 + i, '', { repost_of: `o${i}` }));
    events.push(post('fan', 60, '', { repost_of: 'x10' }), post('fan', 61, '', { repost_of: 'x11' }));
    const { latest } = run(events);
    expect(latest.get('amp')?.evidence.join(' | ')).toMatch(/10 of 10 reposts amplified flagged posts/);
    expect(latest.get('amp')?.flagged_at).not.toBeNull();
    expect(latest.get('fan')?.flagged_at).toBeNull();
    expect(latest.get('fan')?.risk).toBeLessThan(0.3);
  });

  it('counts an evasion decision (a re-creation of a suspended account) as own evidence', () => {
    const events: CanonicalEvent[] = [account('new', 'n', 'N', 0), post('new', 1, 'نص عادي')];
    const r = runDetectors([createRiskDetector()] as Detector<unknown>[], events, {
      classify: fakeClassify,
      recreations: new Map([['new', 'old']]),
    });
    const rec = r.decisions.filter((d) => d.kind === 'account').at(-1)?.record as AccountRecord;
    expect(rec.evidence.join(' | ')).toMatch(/judged a re-creation of the suspended account old/);
    const plain = run(events).latest.get('new');
    expect(rec.risk).toBeGreaterThan((plain?.risk ?? 0) + 0.02);
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
