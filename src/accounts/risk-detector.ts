import type { PostEvent } from '../events/index.js';
import type { Detector, Emit, PipelineEvent, PipelineView } from '../pipeline/types.js';
import {
  corroborated,
  emptyCounters,
  ownItems,
  riskEvidence,
  riskLabel,
  riskOf,
  riskTerms,
  RISK_THRESHOLD,
  RISK_WEIGHTS,
  type RiskCounters,
} from './risk.js';
import { accountKey } from './registry.js';
import { hourOf } from './style.js';

export interface RiskOptions {
  threshold?: number;
  /** Emit a new account record when risk moved at least this much since the last one. */
  minChange?: number;
  /** Accounts kept (least recently active evicted first). */
  accountCapacity?: number;
  /** Follow edges kept per account and direction, to propagate later flags and suspensions. */
  edgeCap?: number;
}

interface RiskAccount {
  platform: string;
  id: string;
  c: RiskCounters;
  lastPostAt: number | undefined;
  /** Follow edges (ids), capped: used to propagate a later flag or suspension of this account. */
  out: string[];
  in: string[];
  /** This account's flag or suspension has been counted by its neighbours. */
  propagated: boolean;
  risk: number;
  /** Risk reached the threshold without corroboration and is held below it. */
  held: boolean;
  emitted: number | undefined;
  /** Evidence count at the last emitted record (see evidenceCount). */
  emittedEvidence: number;
  flaggedAt: string | null;
  emittedFlag: string | null;
  /** The last flag withdrawn, for the evidence text. */
  withdrawn: { flaggedAt: string; at: string } | undefined;
}

export interface RiskState {
  opts: Required<RiskOptions>;
  accounts: Map<string, RiskAccount>;
  /** platform + lower-case handle → account id (for shout-out mentions). */
  handles: Map<string, string>;
}

const isNight = (time: number): boolean => hourOf(time) < 5;

const get = (s: RiskState, platform: string, id: string): RiskAccount => {
  const key = accountKey(platform, id);
  let a = s.accounts.get(key);
  if (a) {
    s.accounts.delete(key);
  } else {
    a = {
      platform,
      id,
      c: emptyCounters(),
      lastPostAt: undefined,
      out: [],
      in: [],
      propagated: false,
      risk: 0,
      held: false,
      emitted: undefined,
      emittedEvidence: 0,
      flaggedAt: null,
      emittedFlag: null,
      withdrawn: undefined,
    };
  }
  s.accounts.set(key, a);
  while (s.accounts.size > s.opts.accountCapacity)
    s.accounts.delete(s.accounts.keys().next().value as string);
  return a;
};

/**
 * Flags rest on the account's own, repeated evidence (corroborated: several extremist items or a
 * suspension), so only such accounts count as "flagged" for the network terms of others: otherwise
 * flags would spread through the follow graph like an epidemic.
 */
const flaggedOrSuspended = (s: RiskState, platform: string, id: string, view: PipelineView): boolean => {
  const a = s.accounts.get(accountKey(platform, id));
  if (a) return a.c.suspended || a.flaggedAt !== null;
  return view.isAccountSuspended(id);
};

/** How much evidence an account has; a record is re-emitted when it doubles, so evidence texts stay current. */
const evidenceCount = (c: RiskCounters): number =>
  c.classified +
  c.repostsJudged +
  c.matches +
  c.repostsOfFlagged +
  c.quotesOfFlagged +
  c.repliesToFlagged +
  c.followsFlagged +
  c.followedByFlagged +
  c.shoutouts;

const emitRecord = (a: RiskAccount, terms: ReturnType<typeof riskTerms>, s: RiskState, emit: Emit): void => {
  a.emitted = a.risk;
  a.emittedFlag = a.flaggedAt;
  a.emittedEvidence = evidenceCount(a.c);
  const evidence = riskEvidence(terms);
  if (a.withdrawn)
    evidence.push(
      `flag of ${a.withdrawn.flaggedAt} withdrawn at ${a.withdrawn.at}: later evidence no longer supports it`,
    );
  if (a.held)
    evidence.push(
      `only ${Math.floor(ownItems(a.c))} extremist posts or amplified posts of its own (a flag needs ${RISK_WEIGHTS.corroboration}): risk held below the threshold`,
    );
  emit({
    kind: 'account',
    record: {
      id: a.id,
      platform: a.platform,
      risk: Math.round(a.risk * 1000) / 1000,
      label: riskLabel(a.c, a.risk >= s.opts.threshold),
      flagged_at: a.flaggedAt,
      evidence,
    },
  });
};

/**
 * Risk from the terms; without corroborated own evidence it is held just below the threshold, so
 * that "risk ≥ threshold" and "flagged now" mean the same thing and single noisy post scores or
 * neighbours alone never flag.
 */
const HELD_RISK_MARGIN = 0.01;
/** A flag is withdrawn when risk falls this far below the threshold (hysteresis) or loses corroboration. */
const WITHDRAW_MARGIN = 0.2;
const riskWithGate = (a: RiskAccount, terms: ReturnType<typeof riskTerms>, threshold: number): number => {
  const r = riskOf(terms);
  a.held = r >= threshold && !corroborated(a.c);
  return a.held ? threshold - HELD_RISK_MARGIN : r;
};

const update = (
  s: RiskState,
  a: RiskAccount,
  ev: PipelineEvent,
  view: PipelineView,
  emit: Emit,
  depth = 0,
): void => {
  const terms = riskTerms(a.c);
  a.risk = riskWithGate(a, terms, s.opts.threshold);
  const crossed = a.risk >= s.opts.threshold;
  if (crossed && a.flaggedAt === null) {
    a.flaggedAt = ev.event.created_at;
    a.withdrawn = undefined;
  } else if (
    a.flaggedAt !== null &&
    (a.held || !corroborated(a.c) || a.risk < s.opts.threshold - WITHDRAW_MARGIN)
  ) {
    // Later evidence undid the flag (e.g. an account whose first posts looked extremist turned out
    // to be reporting): the snapshot says so; the database keeps the earlier versions.
    a.withdrawn = { flaggedAt: a.flaggedAt, at: ev.event.created_at };
    a.flaggedAt = null;
  }
  const prev = a.emitted;
  const n = evidenceCount(a.c);
  const material =
    prev === undefined ||
    Math.abs(a.risk - prev) >= s.opts.minChange ||
    prev >= s.opts.threshold !== crossed ||
    (a.flaggedAt === null) !== (a.emittedFlag === null) ||
    (n >= 2 * a.emittedEvidence && n - a.emittedEvidence >= 4);
  if (material) emitRecord(a, terms, s, emit);
  if (!a.propagated && (a.c.suspended || crossed)) propagate(s, a, ev, view, emit, depth);
};

/** A newly flagged or suspended account: its followers now follow a flagged account, and vice versa. */
const propagate = (
  s: RiskState,
  a: RiskAccount,
  ev: PipelineEvent,
  view: PipelineView,
  emit: Emit,
  depth: number,
): void => {
  a.propagated = true;
  // One level of cascade per event keeps the work per event bounded (edgeCap² at most).
  if (depth > 1) return;
  for (const f of a.in) {
    const n = s.accounts.get(accountKey(a.platform, f));
    if (!n) continue;
    n.c.followsFlagged++;
    update(s, n, ev, view, emit, depth + 1);
  }
  for (const f of a.out) {
    const n = s.accounts.get(accountKey(a.platform, f));
    if (!n) continue;
    n.c.followedByFlagged++;
    update(s, n, ev, view, emit, depth + 1);
  }
};

const onPost = (s: RiskState, ev: PipelineEvent, p: PostEvent, view: PipelineView, emit: Emit): void => {
  const a = get(s, p.platform, p.account_id);
  const c = a.c;
  c.recreationOf ??= view.recreationOf?.(p.account_id);
  c.posts++;
  if (p.repost_of !== undefined) c.reposts++;
  if (isNight(ev.time)) c.nightPosts++;
  if (a.lastPostAt !== undefined) {
    const gap = ev.time - a.lastPostAt;
    c.gapN++;
    const d = gap - c.gapMean;
    c.gapMean += d / c.gapN;
    c.gapM2 += d * (gap - c.gapMean);
  }
  a.lastPostAt = ev.time;
  // A repost's own text (if any) is the original's: it counts as amplification below, not as writing.
  const cls = p.repost_of === undefined ? ev.classification : undefined;
  if (cls) {
    c.classified++;
    if (cls.flagged) c.flaggedPosts++;
    if ((cls.scores['extremist'] ?? 0) >= 0.9) c.ext90++;
    if (cls.label === 'news') c.newsPosts++;
  }
  // Amplification: a repost carries the verdict of the post it repeats.
  if (p.repost_of !== undefined) {
    const ref = view.postClassification(p.repost_of);
    if (ref) {
      c.repostsJudged++;
      if (ref.flagged) c.repostsOfFlaggedPosts++;
    }
  }
  c.matches += ev.matches?.length ?? 0;
  const refAuthor = (id: string | undefined): string | undefined =>
    id === undefined ? undefined : view.postAuthor(id);
  const reposted = refAuthor(p.repost_of);
  const quoted = refAuthor(p.quote_of);
  const replied = refAuthor(p.reply_to);
  if (
    reposted !== undefined &&
    reposted !== p.account_id &&
    flaggedOrSuspended(s, p.platform, reposted, view)
  )
    c.repostsOfFlagged++;
  if (quoted !== undefined && quoted !== p.account_id && flaggedOrSuspended(s, p.platform, quoted, view))
    c.quotesOfFlagged++;
  if (replied !== undefined && replied !== p.account_id && flaggedOrSuspended(s, p.platform, replied, view))
    c.repliesToFlagged++;
  update(s, a, ev, view, emit);
  // Shout-outs: a flagged account naming others promotes them (repost chains excluded: they copy mentions).
  const mentions = ev.post?.mentions ?? p.mentions ?? [];
  if (
    mentions.length > 0 &&
    p.repost_of === undefined &&
    flaggedOrSuspended(s, p.platform, p.account_id, view)
  ) {
    for (const h of new Set(mentions.slice(0, 10).map((m) => m.toLowerCase()))) {
      const id = s.handles.get(`${p.platform}\u0000${h}`);
      if (id === undefined || id === p.account_id) continue;
      const m = get(s, p.platform, id);
      m.c.shoutouts++;
      update(s, m, ev, view, emit);
    }
  }
};

export const createRiskDetector = (options: RiskOptions = {}): Detector<RiskState> => {
  const opts: Required<RiskOptions> = {
    threshold: options.threshold ?? RISK_THRESHOLD,
    minChange: options.minChange ?? 0.05,
    accountCapacity: options.accountCapacity ?? 1_000_000,
    edgeCap: options.edgeCap ?? 1000,
  };
  return {
    name: 'account-risk',
    createState: () => ({ opts, accounts: new Map(), handles: new Map() }),
    // End of stream: a last record for accounts whose evidence grew since their last one.
    finish(s, _view, emit) {
      for (const a of s.accounts.values())
        if (a.emitted !== undefined && evidenceCount(a.c) !== a.emittedEvidence) {
          const terms = riskTerms(a.c);
          a.risk = riskWithGate(a, terms, s.opts.threshold);
          emitRecord(a, terms, s, emit);
        }
    },
    onEvent(s, ev, view, emit) {
      const e = ev.event;
      switch (e.type) {
        case 'account':
        case 'profile_update': {
          const id = e.type === 'account' ? e.id : e.account_id;
          const a = get(s, e.platform, id);
          if (e.handle !== undefined && e.handle !== '')
            s.handles.set(`${e.platform}\u0000${e.handle.toLowerCase()}`, id);
          const x = ev.classification?.scores['extremist'];
          if (x !== undefined) a.c.profileExt = x;
          if (e.type === 'account' || x !== undefined) update(s, a, ev, view, emit);
          return;
        }
        case 'post':
          onPost(s, ev, e, view, emit);
          return;
        case 'follow': {
          const src = get(s, e.platform, e.src);
          const dst = get(s, e.platform, e.dst);
          // An evasion decision about the follower (seen through the view) is news for its risk.
          const before = src.c.recreationOf;
          src.c.recreationOf ??= view.recreationOf?.(e.src);
          if (src.out.length < opts.edgeCap) src.out.push(e.dst);
          if (dst.in.length < opts.edgeCap) dst.in.push(e.src);
          let changed = before !== src.c.recreationOf;
          if (flaggedOrSuspended(s, e.platform, e.dst, view)) {
            src.c.followsFlagged++;
            changed = true;
          }
          if (flaggedOrSuspended(s, e.platform, e.src, view)) {
            dst.c.followedByFlagged++;
            update(s, dst, ev, view, emit);
          }
          if (changed) update(s, src, ev, view, emit);
          return;
        }
        case 'enforcement': {
          if (e.account_id === undefined) return;
          const a = get(s, e.platform, e.account_id);
          if (e.action === 'suspend') {
            a.c.suspended = true;
            a.c.suspendReason = e.reason;
          } else if (e.action === 'restore') {
            a.c.suspended = false;
            a.c.suspendReason = undefined;
          } else return;
          update(s, a, ev, view, emit);
          return;
        }
      }
    },
  };
};
