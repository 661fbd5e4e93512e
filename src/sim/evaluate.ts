import type { AccountRecord, CampaignRecord, EvasionRecord, PostDecisionRecord } from '../pipeline/types.js';
import { jaccard, median, ratio, rocAuc } from './metrics.js';
import {
  DIFFICULTIES,
  RAID_KINDS,
  type RecreationDifficulty,
  type Truth,
  type TruthCampaign,
} from './truth.js';

// Scores detect outputs against a simulation's truth. Pure: the file reading is in eval-io.ts.
// Definitions are in docs/simulator.md; ids are matched without the platform (they are unique).

export const CAMPAIGN_JACCARD = 0.5;

export interface DetectOutputs {
  posts: PostDecisionRecord[];
  accounts: AccountRecord[];
  evasion: EvasionRecord[];
  campaigns: CampaignRecord[];
}

export interface RecreationScore {
  total: number;
  recall: number | null;
  correct_predecessor_rate: number | null;
  at_or_before_first_post: number | null;
  within_first_5_posts: number | null;
}

export interface CampaignMatch {
  truth_id: string;
  kind: string;
  extremist: boolean;
  accounts: number;
  found: boolean;
  best_jaccard: number;
  detected_id: string | null;
  latency_sec: number | null;
  extremist_share: number | null;
}

export interface EvaluationReport {
  truth: { scenario: string; seed: number; scale: string };
  posts: {
    extremist: number;
    flagged: number;
    true_positives: number;
    flagged_neutral_ignored: number;
    precision: number | null;
    recall: number | null;
    f1: number | null;
    /** Posts sent to `review` (not flagged: the model's review band or an unvalidated language). */
    review: number;
    /** Extremist posts flagged or sent to review, over all extremist posts. */
    recall_with_review: number | null;
    /** Posts of the truth's news accounts that were classified; how many were flagged / sent to review. */
    news_posts: number;
    news_posts_flagged: number;
    news_posts_review: number;
  };
  accounts: {
    positives: number;
    negatives: number;
    scored: number;
    roc_auc: number | null;
    flagged_extremist: number;
    flagged_other: number;
    flagged_news: number;
  };
  recreation: RecreationScore & {
    detections: number;
    precision: number | null;
    precision_correct_predecessor: number | null;
    organic_new: { accounts: number; false_positives: number; rate: number | null };
    organic_new_kunya: { accounts: number; false_positives: number; rate: number | null };
    by_difficulty: Record<RecreationDifficulty, RecreationScore>;
    misses: Array<{
      account_id: string;
      difficulty: RecreationDifficulty;
      replaces: string;
      detected_as: string | null;
      late: boolean;
    }>;
  };
  campaigns: {
    extremist_truth: number;
    found: number;
    recall: number | null;
    detected: number;
    detected_matching: number;
    precision: number | null;
    median_latency_sec: number | null;
    recall_by_kind: Record<
      string,
      { total: number; found: number; recall: number | null; median_latency_sec: number | null }
    >;
    benign_below_all_raids: boolean | null;
    max_benign_share: number | null;
    min_raid_share: number | null;
    matches: CampaignMatch[];
  };
}

const f1 = (p: number | null, r: number | null): number | null =>
  p === null || r === null || p + r === 0 ? null : (2 * p * r) / (p + r);

/** Latest record per key wins (account/evasion/campaign lines are snapshots). */
const latest = <T>(records: readonly T[], key: (r: T) => string): Map<string, T> => {
  const m = new Map<string, T>();
  for (const r of records) m.set(key(r), r);
  return m;
};

const ms = (iso: string | null | undefined): number => (iso ? Date.parse(iso) : Number.NaN);

/**
 * `postTimes`: the post times (epoch ms, ascending, at least the first 5) of each re-created
 * account, read from the stream; when absent, truth's `first_post_at` is used.
 */
export const evaluateDetections = (
  truth: Truth,
  out: DetectOutputs,
  postTimes: ReadonlyMap<string, number[]> = new Map(),
): EvaluationReport => ({
  truth: { scenario: truth.scenario, seed: truth.seed, scale: truth.scale },
  posts: scorePosts(truth, out.posts),
  accounts: scoreAccounts(truth, out.accounts),
  recreation: scoreRecreation(truth, out.evasion, postTimes),
  campaigns: scoreCampaigns(truth, out.campaigns),
});

const scorePosts = (truth: Truth, posts: readonly PostDecisionRecord[]): EvaluationReport['posts'] => {
  const extremist = new Set(truth.extremist_post_ids);
  const neutral = new Set(truth.neutral_post_ids);
  const flagged = new Set(posts.filter((p) => p.flagged).map((p) => p.id));
  const review = new Set(posts.filter((p) => p.review && !p.flagged).map((p) => p.id));
  const newsAccounts = new Set(truth.news_accounts);
  const newsPosts = latest(
    posts.filter((p) => newsAccounts.has(p.account_id)),
    (p) => p.id,
  );
  let caught = 0;
  for (const id of extremist) if (flagged.has(id) || review.has(id)) caught++;
  let tp = 0;
  let ignored = 0;
  for (const id of flagged) {
    if (extremist.has(id)) tp++;
    else if (neutral.has(id)) ignored++;
  }
  const precision = ratio(tp, flagged.size - ignored);
  const recall = ratio(tp, extremist.size);
  return {
    extremist: extremist.size,
    flagged: flagged.size,
    true_positives: tp,
    flagged_neutral_ignored: ignored,
    precision,
    recall,
    f1: f1(precision, recall),
    review: review.size,
    recall_with_review: ratio(caught, extremist.size),
    news_posts: newsPosts.size,
    news_posts_flagged: [...newsPosts.keys()].filter((id) => flagged.has(id)).length,
    news_posts_review: [...newsPosts.keys()].filter((id) => review.has(id)).length,
  };
};

const scoreAccounts = (truth: Truth, records: readonly AccountRecord[]): EvaluationReport['accounts'] => {
  const byId = latest(records, (r) => r.id);
  const positives = new Set(truth.extremist_accounts);
  const negatives = new Set(
    [...truth.organic_accounts, ...truth.news_accounts, ...truth.benign_campaign_accounts].filter(
      (id) => !positives.has(id),
    ),
  );
  // Accounts without a record have risk 0: the detector said nothing about them.
  const risk = (id: string): number => byId.get(id)?.risk ?? 0;
  const flagged = (id: string): boolean => !!byId.get(id)?.flagged_at;
  const news = truth.news_accounts;
  return {
    positives: positives.size,
    negatives: negatives.size,
    scored: [...positives, ...negatives].filter((id) => byId.has(id)).length,
    roc_auc: rocAuc([...positives].map(risk), [...negatives].map(risk)),
    flagged_extremist: [...positives].filter(flagged).length,
    flagged_other: [...negatives].filter(flagged).length,
    flagged_news: news.filter(flagged).length,
  };
};

interface RecOutcome {
  detected: boolean;
  correct: boolean;
  atFirst: boolean;
  within5: boolean;
}

const summarise = (xs: readonly RecOutcome[]): RecreationScore => ({
  total: xs.length,
  recall: ratio(xs.filter((x) => x.detected).length, xs.length),
  correct_predecessor_rate: ratio(xs.filter((x) => x.correct).length, xs.length),
  at_or_before_first_post: ratio(xs.filter((x) => x.atFirst).length, xs.length),
  within_first_5_posts: ratio(xs.filter((x) => x.within5).length, xs.length),
});

const scoreRecreation = (
  truth: Truth,
  evasion: readonly EvasionRecord[],
  postTimes: ReadonlyMap<string, number[]>,
): EvaluationReport['recreation'] => {
  const lines = new Map<string, EvasionRecord[]>();
  for (const e of evasion) {
    let l = lines.get(e.account_id);
    if (!l) lines.set(e.account_id, (l = []));
    l.push(e);
  }
  const outcomes = new Map<RecreationDifficulty, RecOutcome[]>(DIFFICULTIES.map((d) => [d, []]));
  const all: RecOutcome[] = [];
  const misses: EvaluationReport['recreation']['misses'] = [];
  for (const r of truth.recreated_accounts) {
    const recs = lines.get(r.account_id) ?? [];
    const correct = recs.filter((e) => e.suspended_account_id === r.replaces);
    const caughtAt = correct.length > 0 ? Math.min(...correct.map((e) => ms(e.flagged_at))) : Number.NaN;
    const times = postTimes.get(r.account_id) ?? (r.first_post_at ? [ms(r.first_post_at)] : []);
    const ok = correct.length > 0;
    // With fewer than 5 posts in the stream, "within the first 5 posts" means caught at all.
    const fifth = times.length >= 5 ? (times[4] as number) : Infinity;
    const first = times.length >= 1 ? (times[0] as number) : Infinity;
    const o: RecOutcome = {
      detected: recs.length > 0,
      correct: ok,
      atFirst: ok && caughtAt <= first,
      within5: ok && caughtAt <= fifth,
    };
    all.push(o);
    outcomes.get(r.difficulty)?.push(o);
    if (!o.atFirst)
      misses.push({
        account_id: r.account_id,
        difficulty: r.difficulty,
        replaces: r.replaces,
        detected_as: recs[recs.length - 1]?.suspended_account_id ?? null,
        late: ok,
      });
  }
  const recreated = new Map(truth.recreated_accounts.map((r) => [r.account_id, r.replaces] as const));
  const detectedIds = [...lines.keys()];
  const tp = detectedIds.filter((id) => recreated.has(id)).length;
  const tpCorrect = detectedIds.filter((id) =>
    (lines.get(id) ?? []).some((e) => e.suspended_account_id === recreated.get(id)),
  ).length;
  const fp = (ids: readonly string[]): { accounts: number; false_positives: number; rate: number | null } => {
    const n = ids.filter((id) => lines.has(id)).length;
    return { accounts: ids.length, false_positives: n, rate: ratio(n, ids.length) };
  };
  const byDifficulty = Object.fromEntries(
    DIFFICULTIES.map((d) => [d, summarise(outcomes.get(d) ?? [])]),
  ) as Record<RecreationDifficulty, RecreationScore>;
  return {
    ...summarise(all),
    detections: detectedIds.length,
    precision: ratio(tp, detectedIds.length),
    precision_correct_predecessor: ratio(tpCorrect, detectedIds.length),
    organic_new: fp(truth.organic_new_accounts),
    organic_new_kunya: fp(truth.organic_new_kunya_accounts),
    by_difficulty: byDifficulty,
    misses,
  };
};

const scoreCampaigns = (truth: Truth, records: readonly CampaignRecord[]): EvaluationReport['campaigns'] => {
  const detected = [...latest(records, (r) => r.id).values()].map((r) => ({ r, set: new Set(r.accounts) }));
  const matches: CampaignMatch[] = truth.campaigns.map((c) => matchCampaign(c, detected));
  const extremist = matches.filter((m) => m.extremist);
  const found = extremist.filter((m) => m.found);
  const truthSets = truth.campaigns.map((c) => new Set(c.accounts));
  const matching = detected.filter((d) =>
    truthSets.some((t) => jaccard(t, d.set) >= CAMPAIGN_JACCARD),
  ).length;
  const byKind: EvaluationReport['campaigns']['recall_by_kind'] = {};
  for (const m of matches) {
    const k = (byKind[m.kind] ??= { total: 0, found: 0, recall: null, median_latency_sec: null });
    k.total++;
    if (m.found) k.found++;
  }
  for (const [kind, k] of Object.entries(byKind)) {
    k.recall = ratio(k.found, k.total);
    k.median_latency_sec = median(
      matches.filter((m) => m.kind === kind && m.latency_sec !== null).map((m) => m.latency_sec as number),
    );
  }
  const benign = matches
    .filter((m) => !m.extremist && m.extremist_share !== null)
    .map((m) => m.extremist_share as number);
  const raids = matches
    .filter((m) => (RAID_KINDS as readonly string[]).includes(m.kind) && m.extremist_share !== null)
    .map((m) => m.extremist_share as number);
  const maxBenign = benign.length > 0 ? Math.max(...benign) : null;
  const minRaid = raids.length > 0 ? Math.min(...raids) : null;
  return {
    extremist_truth: extremist.length,
    found: found.length,
    recall: ratio(found.length, extremist.length),
    detected: detected.length,
    detected_matching: matching,
    precision: ratio(matching, detected.length),
    median_latency_sec: median(found.map((m) => m.latency_sec).filter((x): x is number => x !== null)),
    recall_by_kind: byKind,
    benign_below_all_raids: maxBenign === null || minRaid === null ? null : maxBenign < minRaid,
    max_benign_share: maxBenign,
    min_raid_share: minRaid,
    matches,
  };
};

const matchCampaign = (
  c: TruthCampaign,
  detected: ReadonlyArray<{ r: CampaignRecord; set: Set<string> }>,
): CampaignMatch => {
  const truthSet = new Set(c.accounts);
  let best = 0;
  let bestRec: CampaignRecord | undefined;
  let earliest = Infinity;
  for (const d of detected) {
    const j = jaccard(truthSet, d.set);
    if (j > best) {
      best = j;
      bestRec = d.r;
    }
    if (j >= CAMPAIGN_JACCARD) earliest = Math.min(earliest, ms(d.r.detected_at));
  }
  const found = best >= CAMPAIGN_JACCARD;
  // A campaign already known before this one started (e.g. the same cell) counts as latency 0.
  const latency = found && Number.isFinite(earliest) ? Math.max(0, (earliest - ms(c.start)) / 1000) : null;
  return {
    truth_id: c.id,
    kind: c.kind,
    extremist: c.extremist,
    accounts: c.accounts.length,
    found,
    best_jaccard: Math.round(best * 1000) / 1000,
    detected_id: found && bestRec ? bestRec.id : null,
    latency_sec: latency,
    extremist_share: found && bestRec ? bestRec.extremist_share : null,
  };
};
