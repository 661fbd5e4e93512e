import type {
  AccountRecord,
  CampaignRecord,
  Decision,
  EvasionRecord,
  HashtagBucketRecord,
  MatchRecord,
  PostDecisionRecord,
} from './types.js';

// Output lines with the fields in the order of contracts/events.md, whatever order a detector
// built its record in (and without extra fields a detector may have added).

export const postLine = (r: PostDecisionRecord): string =>
  JSON.stringify({
    id: r.id,
    platform: r.platform,
    account_id: r.account_id,
    label: r.label,
    scores: r.scores,
    flagged: r.flagged,
    decided_at: r.decided_at,
    ...(r.evidence !== undefined ? { evidence: r.evidence } : {}),
    // Optional extra of the text model (its review band): not flagged, but for a moderator to read.
    ...(r.review ? { review: true } : {}),
  });

export const accountLine = (r: AccountRecord): string =>
  JSON.stringify({
    id: r.id,
    platform: r.platform,
    risk: r.risk,
    label: r.label,
    flagged_at: r.flagged_at,
    evidence: r.evidence,
  });

export const evasionLine = (r: EvasionRecord): string =>
  JSON.stringify({
    account_id: r.account_id,
    platform: r.platform,
    suspended_account_id: r.suspended_account_id,
    score: r.score,
    flagged_at: r.flagged_at,
    evidence: r.evidence,
  });

export const campaignLine = (r: CampaignRecord): string =>
  JSON.stringify({
    id: r.id,
    kind: r.kind,
    hashtags: r.hashtags,
    accounts: r.accounts,
    post_count: r.post_count,
    started_at: r.started_at,
    detected_at: r.detected_at,
    extremist_share: r.extremist_share,
    evidence: r.evidence,
  });

export const hashtagLine = (r: HashtagBucketRecord): string =>
  JSON.stringify({
    hashtag: r.hashtag,
    bucket_start: r.bucket_start,
    posts: r.posts,
    accounts: r.accounts,
    flagged_posts: r.flagged_posts,
    flagged_share: r.flagged_share,
  });

export const matchLine = (r: MatchRecord): string =>
  JSON.stringify({
    post_id: r.post_id,
    platform: r.platform,
    account_id: r.account_id,
    bank: r.bank,
    label: r.label,
    signal: r.signal,
    hash: r.hash,
    distance: r.distance,
    decided_at: r.decided_at,
    evidence: r.evidence,
  });

/** The output line of a decision. */
export const decisionLine = (d: Decision): string => {
  switch (d.kind) {
    case 'post':
      return postLine(d.record);
    case 'account':
      return accountLine(d.record);
    case 'evasion':
      return evasionLine(d.record);
    case 'campaign':
      return campaignLine(d.record);
    case 'hashtag':
      return hashtagLine(d.record);
    case 'match':
      return matchLine(d.record);
  }
};

export type SnapshotKind = 'account' | 'evasion' | 'campaign';

export const isSnapshot = (d: Decision): d is Extract<Decision, { kind: SnapshotKind }> =>
  d.kind === 'account' || d.kind === 'evasion' || d.kind === 'campaign';

/** The key a snapshot is versioned under (its identity in the output file). */
export const snapshotKey = (d: Extract<Decision, { kind: SnapshotKind }>): string => {
  switch (d.kind) {
    case 'account':
      return `${d.record.platform}\u0000${d.record.id}`;
    case 'evasion':
      return `${d.record.platform}\u0000${d.record.account_id}`;
    case 'campaign':
      return d.record.id;
  }
};

/**
 * The latest version of each snapshot key, in order of first emission (Map order). A version
 * identical to the previous one is not a new version, so detectors may re-emit freely.
 */
export class SnapshotLog {
  private readonly latest = new Map<string, { version: number; line: string }>();

  /** Records a snapshot; returns its new version number, or undefined when nothing changed. */
  offer(key: string, line: string): number | undefined {
    const prev = this.latest.get(key);
    if (prev && prev.line === line) return undefined;
    const version = (prev?.version ?? 0) + 1;
    this.latest.set(key, { version, line });
    return version;
  }

  get size(): number {
    return this.latest.size;
  }

  *lines(): IterableIterator<string> {
    for (const v of this.latest.values()) yield v.line;
  }
}

const isStr = (v: unknown): boolean => typeof v === 'string';
const isNum = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isUnit = (v: unknown): boolean => isNum(v) && (v as number) >= 0 && (v as number) <= 1;
const isStrList = (v: unknown): boolean => Array.isArray(v) && v.every(isStr);

/**
 * What is wrong with a decision a detector emitted (undefined when it follows the contract):
 * a detector bug must not put NaN in a file or break a database constraint for everyone.
 */
export const decisionProblem = (d: Decision): string | undefined => {
  const r = d.record as unknown as Record<string, unknown>;
  const need = (checks: Array<[string, (v: unknown) => boolean, string]>): string | undefined => {
    for (const [field, ok, what] of checks)
      if (!ok(r[field]))
        return `${d.kind}.${field} must be ${what}, got ${JSON.stringify(r[field]) ?? 'undefined'}`;
    return undefined;
  };
  const str: [(v: unknown) => boolean, string] = [isStr, 'a string'];
  const list: [(v: unknown) => boolean, string] = [isStrList, 'a list of strings'];
  const unit: [(v: unknown) => boolean, string] = [isUnit, 'a number in [0, 1]'];
  const count: [(v: unknown) => boolean, string] = [(v) => isNum(v) && (v as number) >= 0, 'a count'];
  switch (d.kind) {
    case 'post':
      return need([
        ['id', ...str],
        ['platform', ...str],
        ['account_id', ...str],
        ['label', ...str],
        ['flagged', (v) => typeof v === 'boolean', 'a boolean'],
        ['decided_at', ...str],
        [
          'scores',
          (v) => typeof v === 'object' && v !== null && Object.values(v).every(isNum),
          'a map of numbers',
        ],
      ]);
    case 'account':
      return need([
        ['id', ...str],
        ['platform', ...str],
        ['risk', ...unit],
        ['label', ...str],
        ['flagged_at', (v) => v === null || isStr(v), 'a string or null'],
        ['evidence', ...list],
      ]);
    case 'evasion':
      return need([
        ['account_id', ...str],
        ['platform', ...str],
        ['suspended_account_id', ...str],
        ['score', ...unit],
        ['flagged_at', ...str],
        ['evidence', ...list],
      ]);
    case 'campaign':
      return need([
        ['id', ...str],
        ['kind', ...str],
        ['hashtags', ...list],
        ['accounts', ...list],
        ['post_count', ...count],
        ['started_at', ...str],
        ['detected_at', ...str],
        ['extremist_share', ...unit],
        ['evidence', ...list],
      ]);
    case 'hashtag':
      return need([
        ['hashtag', ...str],
        ['bucket_start', ...str],
        ['posts', ...count],
        ['accounts', ...count],
        ['flagged_posts', ...count],
        ['flagged_share', ...unit],
      ]);
    case 'match':
      return need([
        ['post_id', ...str],
        ['platform', ...str],
        ['account_id', ...str],
        ['bank', ...str],
        ['signal', ...str],
        ['hash', ...str],
        ['distance', ...count],
        ['decided_at', ...str],
        ['evidence', ...list],
      ]);
  }
};
