import type { PostEvent } from '../events/index.js';
import type { Detector, Emit, PipelineEvent, PipelineView } from '../pipeline/types.js';
import {
  scoreMatch,
  EVASION_THRESHOLD,
  type MatchScore,
  type NewAccountView,
  type MatchFeatures,
  type ScoreContext,
} from './evasion-score.js';
import { nameFeatures, sortedHashes } from './fingerprint.js';
import { hashString } from './hash.js';
import { Lineage } from './lineage.js';
import { NameStats } from './name-stats.js';
import { normalizeName } from './names.js';
import { accountKey, SuspendedRegistry, type RegistryEntry } from './registry.js';
import { addAffixes, addStyle, AFFIX_DIMS, STYLE_DIMS } from './style.js';
import {
  STYLE_POSTS,
  addFollow,
  addPost,
  behaviourOf,
  newTrace,
  topReposted,
  updateProfile,
  type Trace,
} from './trace.js';

export interface EvasionOptions {
  /** Match score from which an `evasion` decision is emitted. */
  threshold?: number;
  /** Accounts younger than this are watched for early evidence (per-candidate state). */
  youngDays?: number;
  /** Registry capacity (entries) and age limit (days since suspension). */
  registryCapacity?: number;
  registryMaxAgeDays?: number;
  /** Live accounts whose traces are kept (least recently active evicted first). */
  traceCapacity?: number;
  /** Called with every scored pair (for fitting the weights on simulated data: bench/evasion-fit.ts). */
  observer?:
    ((accountId: string, suspendedId: string, features: MatchFeatures, time: number) => void) | undefined;
}

/** Per-candidate state of a young account. */
interface Candidacy {
  key: string;
  createdAt: number;
  shoutouts: number;
  refs: Map<string, number>;
  emitted: { pred: string; logit: number; at: string } | undefined;
  rescores: number;
}

export interface EvasionState {
  opts: Required<Omit<EvasionOptions, 'observer'>> & Pick<EvasionOptions, 'observer'>;
  registry: SuspendedRegistry;
  lineage: Lineage;
  stats: NameStats;
  /** Name feature counts over suspended accounts only (added when they enter the registry). */
  registryStats: NameStats;
  traces: Map<string, Trace>;
  young: Map<string, Candidacy>;
  /** platform + lower-case handle of young accounts → account key (to resolve shout-out mentions). */
  youngHandles: Map<string, string>;
  meanStyle: Float32Array;
  meanAffix: Float32Array;
  /** Follow in-degree of every account (count-min sketch, fixed memory): popular accounts are weak evidence. */
  indegree: NameStats;
}

const DAY = 86_400_000;
/** Rescoring budget per young account: early evidence matters most; later events change little. */
const MAX_RESCORES = 60;
/** Suspensions of the last RECENT_WINDOW_MS before an account's creation that are always scored against it. */
const RECENT_WINDOW_MS = 2 * DAY;
const RECENT_CANDIDATES = 32;

// Shout-out wording, matched on normalised text (see normalizeName): "follow the brother's new account".
const SHOUTOUT_WORDS =
  /(حساب (ال)?(اخ|اخت|اخو|جديد|بديل|احتياط))|(الحساب (ال)?(جديد|بديل))|تابعوا|تابعو|new account|backup account|follow (the|our|my) (brother|sister|new)|brother s new|sister s new|\brepost and follow\b/;

export const isShoutoutText = (text: string): boolean => SHOUTOUT_WORDS.test(normalizeName(text));

const touch = (s: EvasionState, key: string, t: Trace): void => {
  s.traces.delete(key);
  s.traces.set(key, t);
  while (s.traces.size > s.opts.traceCapacity) {
    const oldest = s.traces.keys().next().value as string;
    s.traces.delete(oldest);
  }
};

const viewOf = (t: Trace, c: Candidacy): NewAccountView => ({
  profile: t.profile,
  createdAt: c.createdAt,
  follows: sortedHashes(t.follows),
  followers: sortedHashes(t.followers),
  reposted: topReposted(t),
  style: t.style,
  affixes: t.affixes,
  hours: t.hours,
  posts: t.posts,
  stylePosts: Math.min(t.textPosts, STYLE_POSTS),
  shoutouts: c.shoutouts,
  shoutoutRefs: c.refs,
});

const describeChain = (s: EvasionState, e: RegistryEntry): string | undefined => {
  const chain = s.lineage.chain(e.platform, e.accountId);
  if (chain.length === 0) return undefined;
  return `re-creation of ${e.accountId} (@${e.handleRaw}), itself a re-creation of ${chain.join(' ← ')}`;
};

/** 1 for an account with up to 20 followers, then falling with log2 of its follower count. */
const popularityDamping = (indegree: number): number => 1 / (1 + Math.max(0, Math.log2(indegree / 20)));

const rescore = (s: EvasionState, c: Candidacy, ev: PipelineEvent, emit: Emit): void => {
  const t = s.traces.get(c.key);
  if (!t || c.rescores >= MAX_RESCORES) return;
  c.rescores++;
  const nv = viewOf(t, c);
  const cands = s.registry.candidates(
    {
      platform: t.platform,
      profile: t.profile,
      follows: nv.follows,
      followers: nv.followers,
      reposted: nv.reposted,
    },
    16,
  );
  const entries = new Map<number, RegistryEntry>();
  for (const cand of cands) entries.set(cand.entry.slot, cand.entry);
  // The latest suspensions are always candidates: most re-creations come back within hours.
  for (const e of s.registry.recent(c.createdAt, RECENT_WINDOW_MS, RECENT_CANDIDATES))
    if (e.platform === t.platform) entries.set(e.slot, e);
  for (const ref of c.refs.keys()) {
    const e = s.registry.get(t.platform, ref);
    if (e) entries.set(e.slot, e);
  }
  const ctx: ScoreContext = {
    stats: s.stats,
    registryStats: s.registryStats,
    meanStyle: s.meanStyle,
    meanAffix: s.meanAffix,
    followWeight: (h) => s.registry.followWeight(h) * popularityDamping(s.indegree.countHash(h)),
    followerWeight: (h) => s.registry.followerWeight(h),
    repostWeight: (h) => s.registry.repostWeight(h),
  };
  const scored: Array<{ e: RegistryEntry; m: MatchScore }> = [];
  for (const e of entries.values()) {
    if (e.accountId === t.id) continue;
    const m = scoreMatch(nv, e, ctx);
    s.opts.observer?.(t.id, e.accountId, m.features, ev.time);
    scored.push({ e, m });
  }
  if (scored.length === 0) return;
  scored.sort((a, b) => b.m.score - a.m.score || b.e.suspendedAt - a.e.suspendedAt);
  let best = scored[0] as { e: RegistryEntry; m: MatchScore };
  // A → B → C: C resembles both A and B; the latest link of the chain is its predecessor.
  for (const other of scored.slice(1)) {
    if (other.m.score < best.m.score - 0.1) break;
    if (s.lineage.chain(other.e.platform, other.e.accountId).includes(best.e.accountId)) best = other;
  }
  const { e, m } = best;
  // Several suspended accounts of one community can match about equally (same follows, same
  // style); the score is the pairwise probability times the share of the best among them, so that
  // a decision names a predecessor only once it stands out.
  // Accounts of the same lineage are one person: they do not compete.
  const family = new Set([e.accountId, ...s.lineage.chain(e.platform, e.accountId)]);
  let z = 1;
  for (const x of scored) {
    if (x === best || family.has(x.e.accountId)) continue;
    if (s.lineage.chain(x.e.platform, x.e.accountId).includes(e.accountId)) continue;
    z += Math.exp(x.m.logit - m.logit);
  }
  const score = m.score / z;
  if (score < s.opts.threshold) return;
  const prev = c.emitted;
  // Re-emit only when the predecessor changes to a clearly better one, or the same one firms up.
  if (prev && prev.pred === e.accountId && m.logit < prev.logit + 1) return;
  if (prev && prev.pred !== e.accountId) {
    const prevNow = scored.find((x) => x.e.accountId === prev.pred);
    if (prevNow && m.logit < prevNow.m.logit + 1) return;
  }
  // flagged_at is when this predecessor was first named; a firmer record keeps it.
  const at = prev && prev.pred === e.accountId ? prev.at : ev.event.created_at;
  c.emitted = { pred: e.accountId, logit: m.logit, at };
  s.lineage.link({ platform: t.platform, accountId: t.id, parentId: e.accountId, score, at: ev.time });
  const chain = describeChain(s, e);
  emit({
    kind: 'evasion',
    record: {
      account_id: t.id,
      platform: t.platform,
      suspended_account_id: e.accountId,
      score: Math.round(score * 1000) / 1000,
      flagged_at: at,
      evidence: [
        `match score ${score.toFixed(2)} with suspended account ${e.accountId} (@${e.handleRaw})${
          scored.length > 1 ? ` among ${scored.length} candidates` : ''
        }`,
        ...m.evidence,
        ...(chain ? [chain] : []),
      ],
    },
  });
};

const youngCandidacy = (s: EvasionState, key: string, now: number): Candidacy | undefined => {
  const c = s.young.get(key);
  if (!c) return undefined;
  return now - c.createdAt <= s.opts.youngDays * DAY ? c : undefined;
};

const onPost = (
  s: EvasionState,
  ev: PipelineEvent,
  post: PostEvent,
  view: PipelineView,
  emit: Emit,
): void => {
  const key = accountKey(post.platform, post.account_id);
  const t = s.traces.get(key);
  const refId = post.repost_of ?? post.quote_of;
  const refAuthor = refId !== undefined ? view.postAuthor(refId) : undefined;
  if (t) {
    addPost(t, ev.time, post.repost_of !== undefined ? '' : post.text, refAuthor);
    touch(s, key, t);
  }
  // The stream's mean profiles (to centre similarities) from a sample: every 8th style post.
  if (post.repost_of === undefined && post.text !== '' && t && t.posts <= STYLE_POSTS && (ev.seq & 7) === 0) {
    addStyle(s.meanStyle, post.text);
    addAffixes(s.meanAffix, post.text);
  }
  const mentions = ev.post?.mentions ?? post.mentions ?? [];
  if (mentions.length > 0 && post.repost_of === undefined) {
    const authorFlagged = view.isAccountFlagged(post.account_id) || view.accountRisk(post.account_id) >= 0.5;
    const wording = isShoutoutText(post.text);
    if (authorFlagged || wording) {
      // Old accounts named in the same post: by handle ("@old is now @new", strength 1) or by
      // display name ("the brother <name> is back"), as strong as the name is rare.
      const refs = new Map<string, number>();
      for (const h of mentions)
        for (const e of s.registry.findByHandle(post.platform, h)) refs.set(e.accountId, 1);
      for (const e of s.registry.findNamesIn(post.platform, normalizeName(post.text))) {
        const strength = Math.min(1, s.stats.bits(`n:${e.profile.name}`) / 12);
        refs.set(e.accountId, Math.max(refs.get(e.accountId) ?? 0, strength));
      }
      const authorYoung = youngCandidacy(s, key, ev.time);
      if (authorYoung && wording && refs.size > 0) {
        for (const [id, w] of refs) authorYoung.refs.set(id, Math.max(authorYoung.refs.get(id) ?? 0, w));
        rescore(s, authorYoung, ev, emit);
      }
      for (const h of mentions) {
        const target = s.youngHandles.get(`${post.platform}\u0000${h.toLowerCase()}`);
        if (target === undefined || target === key) continue;
        const c = youngCandidacy(s, target, ev.time);
        if (!c) continue;
        c.shoutouts += authorFlagged ? 1 : 0.5;
        // A flagged author's word links the new handle to a named old account; shout-out wording
        // alone (an author not flagged yet) links it with 60% of the strength.
        const k = authorFlagged ? 1 : 0.6;
        for (const [id, w] of refs) c.refs.set(id, Math.max(c.refs.get(id) ?? 0, k * w));
        rescore(s, c, ev, emit);
      }
    }
  }
  const own = youngCandidacy(s, key, ev.time);
  if (own && t && (t.posts <= 10 || (t.posts <= 50 && t.posts % 5 === 0))) rescore(s, own, ev, emit);
};

export const createEvasionDetector = (options: EvasionOptions = {}): Detector<EvasionState> => {
  const opts: EvasionState['opts'] = {
    observer: options.observer,
    threshold: options.threshold ?? EVASION_THRESHOLD,
    youngDays: options.youngDays ?? 14,
    registryCapacity: options.registryCapacity ?? 1_000_000,
    registryMaxAgeDays: options.registryMaxAgeDays ?? 365,
    traceCapacity: options.traceCapacity ?? 200_000,
  };
  return {
    name: 'evasion',
    createState: () => ({
      opts,
      registry: new SuspendedRegistry({
        capacity: opts.registryCapacity,
        maxAgeMs: opts.registryMaxAgeDays * DAY,
      }),
      lineage: new Lineage(opts.registryCapacity),
      stats: new NameStats(),
      registryStats: new NameStats(),
      traces: new Map(),
      young: new Map(),
      youngHandles: new Map(),
      meanStyle: new Float32Array(STYLE_DIMS),
      meanAffix: new Float32Array(AFFIX_DIMS),
      indegree: new NameStats(),
    }),

    onTime(s, now) {
      s.registry.expire(now);
      for (const [key, c] of s.young) {
        if (now - c.createdAt <= opts.youngDays * DAY) break;
        s.young.delete(key);
        const t = s.traces.get(key);
        if (t) s.youngHandles.delete(`${t.platform}\u0000${t.handleRaw.toLowerCase()}`);
      }
    },

    onEvent(s, ev, view, emit) {
      const e = ev.event;
      switch (e.type) {
        case 'account': {
          const key = accountKey(e.platform, e.id);
          const t = newTrace(e.platform, e.id, e, ev.time);
          touch(s, key, t);
          s.stats.addProfile(nameFeatures(t.profile));
          const c: Candidacy = {
            key,
            createdAt: ev.time,
            shoutouts: 0,
            refs: new Map(),
            emitted: undefined,
            rescores: 0,
          };
          s.young.delete(key);
          s.young.set(key, c);
          if (t.handleRaw !== '') s.youngHandles.set(`${e.platform}\u0000${t.handleRaw.toLowerCase()}`, key);
          rescore(s, c, ev, emit);
          return;
        }
        case 'profile_update': {
          const key = accountKey(e.platform, e.account_id);
          let t = s.traces.get(key);
          if (!t) t = newTrace(e.platform, e.account_id, {}, undefined);
          const oldHandle = t.handleRaw.toLowerCase();
          updateProfile(t, e);
          touch(s, key, t);
          if (e.handle !== undefined || e.name !== undefined) s.stats.addProfile(nameFeatures(t.profile));
          let c = youngCandidacy(s, key, ev.time);
          if (c) {
            s.youngHandles.delete(`${e.platform}\u0000${oldHandle}`);
            if (t.handleRaw !== '')
              s.youngHandles.set(`${e.platform}\u0000${t.handleRaw.toLowerCase()}`, key);
          } else {
            // An older account taking a suspended account's identity: score it once, keep no state.
            c = { key, createdAt: ev.time, shoutouts: 0, refs: new Map(), emitted: undefined, rescores: 0 };
          }
          rescore(s, c, ev, emit);
          return;
        }
        case 'follow': {
          const sk = accountKey(e.platform, e.src);
          const dk = accountKey(e.platform, e.dst);
          s.indegree.incrementHash(hashString(e.dst));
          const st = s.traces.get(sk);
          if (st && addFollow(st.follows, e.dst)) {
            const c = youngCandidacy(s, sk, ev.time);
            if (c && st.follows.length <= 40) rescore(s, c, ev, emit);
          }
          const dt = s.traces.get(dk);
          if (dt && addFollow(dt.followers, e.src)) {
            const c = youngCandidacy(s, dk, ev.time);
            if (c && dt.followers.length <= 40) rescore(s, c, ev, emit);
          }
          return;
        }
        case 'post':
          onPost(s, ev, e, view, emit);
          return;
        case 'enforcement': {
          if (e.account_id === undefined) return;
          if (e.action === 'restore') {
            s.registry.remove(e.platform, e.account_id);
            return;
          }
          if (e.action !== 'suspend') return;
          const key = accountKey(e.platform, e.account_id);
          const t = s.traces.get(key) ?? newTrace(e.platform, e.account_id, {}, undefined);
          s.young.delete(key);
          // Counted once per suspension and never removed (restores, evictions): over-counting
          // only makes names look more common among suspended accounts, the safe direction.
          s.registryStats.addProfile(nameFeatures(t.profile));
          s.registry.add({
            platform: e.platform,
            accountId: e.account_id,
            handleRaw: t.handleRaw,
            profile: t.profile,
            behaviour: behaviourOf(t),
            createdAt: t.createdAt,
            suspendedAt: ev.time,
            parent: s.lineage.parentOf(e.platform, e.account_id)?.parentId,
          });
          return;
        }
      }
    },
  };
};
