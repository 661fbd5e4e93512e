import { describe, expect, it } from 'vitest';
import { buildGraph, type GraphPost } from '../../src/observe/index.js';

let n = 0;
const post = (account: string, extra: Partial<GraphPost> = {}): GraphPost => ({
  account,
  at: '2026-03-01T10:00:00.000Z',
  text: `own words of ${account} number ${n++}`,
  hashtags: [],
  repostOf: null,
  ...extra,
});

const describeAccount = (id: string) => ({
  platform: 'sim',
  handle: `h_${id}`,
  risk: id === 'a' ? 0.9 : null,
});

describe('campaign network graph', () => {
  it('links accounts by shared reposts, texts and hashtags, weighted 1, 1 and 0.5', () => {
    const posts = [
      post('a', { repostOf: 'p1' }),
      post('b', { repostOf: 'p1' }),
      post('a', { text: 'the same slogan copied around' }),
      post('b', { text: 'The  same slogan copied around' }),
      post('c', { hashtags: ['tag'] }),
      post('a', { hashtags: ['tag'] }),
      post('c', { hashtags: ['other'] }),
      post('a', { hashtags: ['other'] }),
      post('d', { hashtags: ['lonely'] }),
    ];
    const g = buildGraph(posts, { nodes: 10, edges: 10, describe: describeAccount });
    expect(g.edges).toEqual([
      { source: 'a', target: 'b', weight: 2, reposts: 1, texts: 1, hashtags: 0 },
      { source: 'a', target: 'c', weight: 1, reposts: 0, texts: 0, hashtags: 2 },
    ]);
    expect(g.nodes[0]).toEqual({ id: 'a', activity: 4, platform: 'sim', handle: 'h_a', risk: 0.9 });
    expect(g.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps the most active accounts and the heaviest edges only', () => {
    const posts: GraphPost[] = [];
    for (let i = 0; i < 30; i++) {
      for (let k = 0; k <= i; k++) posts.push(post(`u${String(i).padStart(2, '0')}`, { repostOf: `p${k}` }));
    }
    const g = buildGraph(posts, { nodes: 5, edges: 3, describe: describeAccount });
    expect(g.nodes.map((n) => n.id)).toEqual(['u29', 'u28', 'u27', 'u26', 'u25']);
    expect(g.accounts_total).toBe(30);
    expect(g.edges).toHaveLength(3);
    // The heaviest pair shares the most reposted posts.
    expect(g.edges[0]).toMatchObject({ source: 'u28', target: 'u29', weight: 29 });
  });
});
