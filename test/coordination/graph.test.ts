import { describe, expect, it } from 'vitest';
import {
  CommunityTracker,
  coordinationOptions,
  createCoordinationState,
  PairGraph,
} from '../../src/coordination/index.js';
import { communityRecord } from '../../src/coordination/records.js';
import { PipelineFacts } from '../../src/pipeline/view.js';
import { accounts, MIN, post, run, SMALL, T0, type Item } from './stream.js';

const HOUR = 60 * MIN;

const clique = (g: PairGraph, members: string[], weight: number, now: number): void => {
  for (let i = 0; i < members.length; i++)
    for (let j = i + 1; j < members.length; j++) g.add(members[i]!, members[j]!, 'co_repost', weight, now);
};

describe('decay', () => {
  it('evidence halves every half-life and old evidence fades below the threshold', () => {
    const g = new PairGraph(HOUR, 1000);
    g.add('a', 'b', 'co_repost', 4, T0);
    g.prune(T0 + HOUR, 0.01);
    expect(g.weight([...g.edges.values()][0]!, T0 + HOUR)).toBeCloseTo(2, 6);
    g.prune(T0 + 10 * HOUR, 0.01);
    expect(g.edges.size).toBe(0);
  });

  it('a network that stops acting is no longer active after a few half-lives', () => {
    const amps = accounts('amp', 5);
    const items: Item[] = [];
    for (let k = 0; k < 5; k++) {
      items.push(
        post({ at: T0 + k * 10 * MIN, account: 'core', id: `s${k}`, text: `post ${k} of the core account` }),
      );
      amps.forEach((a, i) =>
        items.push(post({ at: T0 + k * 10 * MIN + (i + 1) * 3000, account: a, repostOf: `s${k}` })),
      );
    }
    // Much later, an unrelated post moves stream time on.
    items.push(post({ at: T0 + 100 * HOUR, account: 'someone', text: 'hello there, long time no see' }));
    const r = run(items, { ...SMALL, halfLifeMs: 2 * HOUR });
    const c = [...r.state.communities.byId.values()];
    expect(c).toHaveLength(1);
    expect(c[0]!.alive).toBe(false);
    expect(r.state.graph.edges.size).toBe(0);
  });
});

describe('incremental community ids', () => {
  it('a campaign that grows keeps its id', () => {
    const g = new PairGraph(HOUR, 1000);
    const t = new CommunityTracker(3, 100);
    clique(g, ['a', 'b', 'c'], 5, T0);
    const [first] = t.recompute(g, 3, T0);
    clique(g, ['a', 'b', 'c', 'd', 'e'], 5, T0 + MIN);
    const [grown] = t.recompute(g, 3, T0 + MIN);
    expect(grown!.id).toBe(first!.id);
    expect([...grown!.accounts].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('two campaigns that merge keep the older id and record the other', () => {
    const g = new PairGraph(HOUR, 1000);
    const t = new CommunityTracker(3, 100);
    clique(g, ['a', 'b', 'c'], 5, T0);
    const older = t.recompute(g, 3, T0)[0]!;
    clique(g, ['x', 'y', 'z', 'w'], 5, T0 + MIN);
    const newer = t.recompute(g, 3, T0 + MIN).find((c) => c.id !== older.id)!;
    g.add('c', 'x', 'copypasta', 5, T0 + 2 * MIN);
    t.recompute(g, 3, T0 + 2 * MIN);
    const merged = t.byId.get(older.id)!;
    expect(merged.alive).toBe(true);
    expect(merged.merged).toEqual([newer.id]);
    expect(t.byId.get(newer.id)!.mergedInto).toBe(older.id);
    expect(merged.accounts.size).toBe(7);
  });

  it("a merged campaign's last record shows the campaign it became part of", () => {
    const s = createCoordinationState(coordinationOptions({ minCampaignAccounts: 3 }));
    clique(s.graph, ['a', 'b', 'c', 'd'], 5, T0);
    const older = s.communities.recompute(s.graph, 3, T0)[0]!;
    clique(s.graph, ['x', 'y', 'z'], 5, T0 + MIN);
    const newer = s.communities.recompute(s.graph, 3, T0 + MIN).find((c) => c.id !== older.id)!;
    s.graph.add('d', 'x', 'copypasta', 5, T0 + 2 * MIN);
    s.communities.recompute(s.graph, 3, T0 + 2 * MIN);
    const rec = communityRecord(newer, s, new PipelineFacts(), T0 + 2 * MIN);
    expect(rec.id).toBe(newer.id);
    expect(rec.accounts).toEqual(['a', 'b', 'c', 'd', 'x', 'y', 'z']);
    expect(rec.evidence).toContain(`merged into campaign ${older.id}`);
    expect(rec.detected_at).toBe(new Date(T0 + MIN).toISOString());
  });

  it('a network whose edges dip below the threshold gets its id back', () => {
    const g = new PairGraph(HOUR, 1000);
    const t = new CommunityTracker(3, 100);
    clique(g, ['a', 'b', 'c'], 3.5, T0);
    const id = t.recompute(g, 3, T0)[0]!.id;
    g.prune(T0 + HOUR, 0.01);
    t.recompute(g, 3, T0 + HOUR);
    expect(t.byId.get(id)!.alive).toBe(false);
    clique(g, ['a', 'b', 'c'], 3, T0 + HOUR);
    t.recompute(g, 3, T0 + HOUR);
    expect(t.byId.get(id)!.alive).toBe(true);
    expect(t.byId.size).toBe(1);
  });
});
