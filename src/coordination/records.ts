import type { CampaignRecord, PipelineView } from '../pipeline/types.js';
import { CommunityTracker, type Community } from './communities.js';
import type { CoordinationState } from './detector.js';
import { TRACE_KINDS } from './options.js';
import type { Raid } from './raids.js';

// Campaign records and their evidence in words and numbers. `extremist_share` is always the share
// of the campaign's evidence posts that the text classifier flagged (for a pure repost: the
// reposted post's verdict) — posts, not accounts, so that a benign group that shares one flagged
// post stays low.

export interface AccountStats {
  /** Posts that made pair evidence (co-repost, copypasta, co-link, co-hashtag). */
  posts: number;
  extremist: number;
  first: number;
  last: number;
}

const iso = (t: number): string => new Date(t).toISOString();
const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const minutes = (ms: number): number => Math.max(1, Math.round(ms / 60_000));

const accountFacts = (accounts: Iterable<string>, view: PipelineView, now: number, newMs: number): string => {
  let fresh = 0;
  let flagged = 0;
  let suspended = 0;
  for (const a of accounts) {
    const c = view.accountCreatedAt(a);
    if (c !== undefined && now - c < newMs) fresh++;
    if (view.isAccountFlagged(a)) flagged++;
    if (view.isAccountSuspended(a)) suspended++;
  }
  return `${fresh} accounts created < ${Math.round(newMs / 86_400_000)} days ago; ${flagged} flagged; ${suspended} suspended by the platform`;
};

export const communityRecord = (
  merged: Community,
  s: CoordinationState,
  view: PipelineView,
  now: number,
): CampaignRecord => {
  // A community merged into another gets a last snapshot showing the campaign it became part of
  // (as merged raids do), not the stale piece it was: its id then still leads to the whole network.
  const c = s.communities.survivor(merged);
  let posts = 0;
  let extremist = 0;
  let first = Number.POSITIVE_INFINITY;
  for (const a of c.accounts) {
    const st = s.accounts.peek(a);
    if (!st) continue;
    posts += st.posts;
    extremist += st.extremist;
    first = Math.min(first, st.first);
  }
  const kind = CommunityTracker.dominantKind(c);
  const weights = TRACE_KINDS.map((k, i) => [k, c.weightByKind[i]!] as const)
    .filter(([, w]) => w > 0)
    .map(([k, w]) => `${k} ${w.toFixed(1)}`)
    .join(', ');
  const evidence = [
    `${c.accounts.size} accounts (${c.current.size} active now) linked by ${c.pairs} account pairs with decayed weight ≥ ${s.opts.edgeThreshold} (half-life ${minutes(s.opts.halfLifeMs)} min)`,
    `edge weight by trace: ${weights || 'none active'}`,
    `${posts} coordinated posts since ${iso(Number.isFinite(first) ? first : now)}; ${extremist} flagged by the text model`,
    accountFacts(c.accounts, view, now, s.opts.newAccountMs),
  ];
  if (c.merged.length > 0) evidence.push(`absorbed campaigns ${c.merged.join(', ')}`);
  if (merged !== c) evidence.push(`merged into campaign ${c.id}`);
  return {
    id: merged.id,
    kind,
    hashtags: [],
    accounts: [...c.accounts].sort(),
    post_count: posts,
    started_at: iso(Number.isFinite(first) ? Math.min(first, c.detectedAt) : c.detectedAt),
    detected_at: iso(merged.detectedAt),
    extremist_share: posts > 0 ? round3(extremist / posts) : 0,
    evidence,
  };
};

const reported = new WeakMap<Raid, Map<string, { accounts: number; posts: number }>>();

/**
 * The records of a raid: one per community of the account graph that took part with at least
 * `minCampaignAccounts` accounts and `raidSplitMinShare` of the largest one (two networks raiding one
 * hashtag are two campaigns); accounts in
 * no community go with the largest group, which keeps the raid's id. With `onlyGrown`, only records
 * whose accounts grew since last reported.
 */
export const burstRecords = (
  raid: Raid,
  s: CoordinationState,
  view: PipelineView,
  now: number,
  final = false,
): CampaignRecord[] => {
  const groups = new Map<string, string[]>();
  for (const a of raid.accounts.keys()) {
    const k = s.communities.communityOf(a) ?? '';
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(a);
  }
  // A network is a part of its own only when it is comparable to the largest one: a few members of
  // a raiding cell that sit in another component of the account graph are not a second army, while
  // several cells raiding together are one campaign each.
  let largest = 0;
  for (const [k, g] of groups) if (k !== '') largest = Math.max(largest, g.length);
  const minPart = Math.max(s.opts.minCampaignAccounts, s.opts.raidSplitMinShare * largest);
  const real = [...groups].filter(([k, g]) => k !== '' && g.length >= minPart);
  real.sort((x, y) => y[1].length - x[1].length || (x[0] < y[0] ? -1 : 1));
  const parts: Array<{ id: string; accounts: string[]; merged?: string }> = [];
  if (real.length <= 1) parts.push({ id: raid.id, accounts: [...raid.accounts.keys()] });
  else {
    const inReal = new Set(real.map(([k]) => k));
    const rest = [...groups].filter(([k]) => !inReal.has(k)).flatMap(([, g]) => g);
    real.forEach(([k, g], i) =>
      parts.push({ id: i === 0 ? raid.id : `${raid.id}/${k}`, accounts: i === 0 ? [...g, ...rest] : g }),
    );
  }
  let seen = reported.get(raid);
  if (!seen) reported.set(raid, (seen = new Map()));
  // A network part reported earlier that is no longer a part of its own (the raid grew around it)
  // mirrors the main part, so that its last snapshot is not a stale fragment.
  const main = parts[0]!;
  for (const id of seen.keys())
    if (id.startsWith(`${raid.id}/`) && !parts.some((p) => p.id === id))
      parts.push({ id, accounts: main.accounts, merged: raid.id });
  // Raids merged into this one mirror its records under their own ids (their last snapshot then
  // shows the whole campaign, not the piece they were when merged).
  for (const b of raid.absorbed) {
    for (const p of [...parts])
      if (p.id.startsWith(raid.id))
        parts.push({ id: b.id + p.id.slice(raid.id.length), accounts: p.accounts, merged: b.id });
  }
  const out: CampaignRecord[] = [];
  for (const p of parts) {
    let posts = 0;
    let extremist = 0;
    let first = Number.POSITIVE_INFINITY;
    for (const a of p.accounts) {
      const st = raid.accounts.get(a)!;
      posts += st.posts;
      extremist += st.extremist;
      first = Math.min(first, st.first);
    }
    // Reported when first detected, then when it gains accounts (every one up to 50, then by 10%),
    // and at its end if anything changed.
    const before = seen.get(p.id) ?? { accounts: 0, posts: 0 };
    const n = p.accounts.length;
    const grown = n !== before.accounts && (n < before.accounts || n <= 50 || n >= before.accounts * 1.1);
    if (!grown && !(final && (n !== before.accounts || posts !== before.posts))) continue;
    seen.set(p.id, { accounts: n, posts });
    const tags = [...raid.hashtags];
    const span = minutes(raid.last - raid.startedAt);
    out.push({
      id: p.id,
      kind: raid.kind,
      hashtags: tags,
      accounts: p.accounts.sort(),
      post_count: posts,
      started_at: iso(Math.min(first, raid.startedAt)),
      detected_at: iso(raid.detectedAt),
      extremist_share: posts > 0 ? round3(extremist / posts) : 0,
      evidence:
        raid.kind === 'copypasta'
          ? [
              `${p.accounts.length} accounts posted near-identical text ${posts} times within ${span} minutes (estimated similarity ≥ ${round3(raid.minSimilarity)}; text family of post ${raid.id.split('-')[1]})`,
              `the family's baseline ${raid.baselinePerHour.toFixed(1)} posts/h; burst z-score ${raid.z.toFixed(1)} at detection`,
              `${extremist} of ${posts} copies flagged by the text model`,
              ...(p.merged !== undefined ? [`merged into campaign ${raid.id}`] : []),
              accountFacts(p.accounts, view, now, s.opts.newAccountMs),
            ]
          : [
              `${p.accounts.length} accounts posted ${posts} times in ${tags.map((t) => `#${t}`).join(' ')} within ${span} minutes, each at least ${s.opts.raids.minPostsPerAccount} times in ${minutes(s.opts.raids.windowMs)} minutes`,
              `baseline ${raid.baselinePerHour.toFixed(1)} posts/h; burst z-score ${raid.z.toFixed(1)} at detection`,
              raid.hijack
                ? `hijack: ${raid.priorAccounts} other accounts had used the hashtag in the day before the burst`
                : `new hashtag or one with ${raid.priorAccounts} other users in the day before`,
              `${extremist} of ${posts} posts flagged by the text model`,
              ...(p.merged !== undefined ? [`merged into campaign ${raid.id}`] : []),
              accountFacts(p.accounts, view, now, s.opts.newAccountMs),
            ],
    });
  }
  return out;
};
