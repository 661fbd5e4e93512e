import { normalizeText } from '../text/index.js';

// The network graph of a campaign: its most active accounts, linked by what they did together. A pair
// of accounts gains 1 for each post both reposted, 1 for each (normalised) text both posted, and 0.5
// for each hashtag both used. Bounded: the top `nodes` accounts by activity, the `edges` heaviest
// edges (weight ≥ 1).

export interface GraphPost {
  account: string;
  at: string;
  text: string;
  /** Hashtag keys (hashtagKey). */
  hashtags: string[];
  repostOf: string | null;
}

export interface GraphNode {
  id: string;
  platform: string;
  handle: string | null;
  /** Posts in the campaign's window. */
  activity: number;
  /** Latest account risk, null when the pipeline never scored the account. */
  risk: number | null;
}

export interface GraphEdge {
  source: string;
  target: string;
  weight: number;
  /** What the weight is made of. */
  reposts: number;
  texts: number;
  hashtags: number;
}

export interface GraphOptions {
  nodes: number;
  edges: number;
  describe: (account: string) => { platform: string; handle: string | null; risk: number | null };
}

// Very short texts ("ok", an emoji) say nothing about coordination.
const MIN_TEXT = 12;

export const buildGraph = (
  posts: GraphPost[],
  o: GraphOptions,
): { nodes: GraphNode[]; edges: GraphEdge[]; accounts_total: number } => {
  const activity = new Map<string, number>();
  for (const p of posts) activity.set(p.account, (activity.get(p.account) ?? 0) + 1);
  const top = [...activity]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, o.nodes)
    .map(([id]) => id);
  const kept = new Set(top);

  // Who shared each trace: `r:` reposted post, `t:` text, `h:` hashtag.
  const sharers = new Map<string, Set<string>>();
  const add = (key: string, account: string) => {
    let set = sharers.get(key);
    if (!set) sharers.set(key, (set = new Set()));
    set.add(account);
  };
  for (const p of posts) {
    if (!kept.has(p.account)) continue;
    if (p.repostOf) add(`r:${p.repostOf}`, p.account);
    else {
      const text = normalizeText(p.text);
      if (text.length >= MIN_TEXT) add(`t:${text}`, p.account);
    }
    for (const h of new Set(p.hashtags)) add(`h:${h}`, p.account);
  }

  const pairs = new Map<string, GraphEdge>();
  for (const [key, set] of sharers) {
    if (set.size < 2) continue;
    const members = [...set].sort();
    const kind = key[0];
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const id = `${members[i]}\u0000${members[j]}`;
        let e = pairs.get(id);
        if (!e) {
          e = { source: members[i]!, target: members[j]!, weight: 0, reposts: 0, texts: 0, hashtags: 0 };
          pairs.set(id, e);
        }
        if (kind === 'r') e.reposts++;
        else if (kind === 't') e.texts++;
        else e.hashtags++;
      }
    }
  }
  const edges = [...pairs.values()]
    .map((e) => ({ ...e, weight: e.reposts + e.texts + 0.5 * e.hashtags }))
    .filter((e) => e.weight >= 1)
    .sort(
      (a, b) =>
        b.weight - a.weight ||
        (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : 1),
    )
    .slice(0, o.edges);

  return {
    nodes: top.map((id) => ({ id, activity: activity.get(id) ?? 0, ...o.describe(id) })),
    edges,
    accounts_total: activity.size,
  };
};
