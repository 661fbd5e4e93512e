import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/events/index.js';
import { LruMap, PipelineFacts, type PipelineEvent } from '../../src/pipeline/index.js';
import { T0, account, post } from './fixtures/streams.js';

const pe = (value: object, seq: number): PipelineEvent => {
  const event = parseEvent(value);
  return { seq, time: Date.parse(event.created_at), event };
};

describe('pipeline view', () => {
  it('tracks creation, suspension and restoration of accounts from events', () => {
    const facts = new PipelineFacts();
    facts.observe(pe(account('a', T0), 0));
    facts.observe(
      pe(
        {
          type: 'enforcement',
          platform: 'sim',
          created_at: new Date(T0 + 5).toISOString(),
          account_id: 'a',
          action: 'suspend',
        },
        1,
      ),
    );
    expect(facts.accountCreatedAt('a')).toBe(T0);
    expect(facts.isAccountSuspended('a')).toBe(true);
    facts.observe(
      pe(
        {
          type: 'enforcement',
          platform: 'sim',
          created_at: new Date(T0 + 9).toISOString(),
          account_id: 'a',
          action: 'restore',
        },
        2,
      ),
    );
    expect(facts.isAccountSuspended('a')).toBe(false);
    expect(facts.accountCreatedAt('nobody')).toBeUndefined();
  });

  it('remembers the predecessor named by an evasion decision, and a withdrawn account flag', () => {
    const facts = new PipelineFacts();
    expect(facts.recreationOf('n')).toBeUndefined();
    facts.observeEvasionDecision({
      account_id: 'n',
      platform: 'sim',
      suspended_account_id: 'old',
      score: 0.9,
      flagged_at: 'now',
      evidence: [],
    });
    expect(facts.recreationOf('n')).toBe('old');
    facts.observeAccountDecision({
      id: 'n',
      platform: 'sim',
      risk: 0.8,
      label: 'x',
      flagged_at: 'now',
      evidence: [],
    });
    expect(facts.isAccountFlagged('n')).toBe(true);
    facts.observeAccountDecision({
      id: 'n',
      platform: 'sim',
      risk: 0.2,
      label: 'x',
      flagged_at: null,
      evidence: [],
    });
    expect(facts.isAccountFlagged('n')).toBe(false);
  });

  it('forgets the least recently used accounts and posts beyond its caps', () => {
    const facts = new PipelineFacts({ accounts: 2, posts: 2 });
    facts.observe(pe(post('p1', 'a', T0, 'x'), 0));
    facts.observe(pe(post('p2', 'a', T0 + 1, 'x'), 1));
    facts.observe(pe(post('p3', 'b', T0 + 2, 'x'), 2));
    expect(facts.postAuthor('p1')).toBeUndefined();
    expect(facts.postAuthor('p3')).toBe('b');
    facts.observeAccountDecision({
      id: 'a',
      platform: 'sim',
      risk: 0.9,
      label: 'x',
      flagged_at: 'now',
      evidence: [],
    });
    facts.observeAccountDecision({
      id: 'b',
      platform: 'sim',
      risk: 0.2,
      label: 'x',
      flagged_at: null,
      evidence: [],
    });
    facts.observeAccountDecision({
      id: 'c',
      platform: 'sim',
      risk: 0.5,
      label: 'x',
      flagged_at: null,
      evidence: [],
    });
    expect(facts.accountRisk('a')).toBe(0);
    expect(facts.accountRisk('c')).toBe(0.5);
    expect(facts.stats()).toMatchObject({ accounts: 2, posts: 2, accountEvictions: 1, postEvictions: 1 });
  });

  it('refreshes recency on get, so a used entry outlives newer unused ones', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect([lru.has('a'), lru.has('b'), lru.has('c')]).toEqual([true, false, true]);
  });
});
