import type { Database } from '../store/index.js';
import { LruMap } from './lru.js';
import { accountLine, campaignLine, decisionLine, evasionLine, snapshotKey } from './records.js';
import type { Decision } from './types.js';

type SnapshotDecision = Extract<Decision, { kind: 'account' | 'evasion' | 'campaign' }>;

interface Known {
  version: number;
  line: string;
}

const IN_CHUNK = 500;
/** Slices of IN_CHUNK: one `IN (…)` list each, within the engines' parameter limits. */
const inChunks = <T>(items: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IN_CHUNK) out.push(items.slice(i, i + IN_CHUNK));
  return out;
};
const parseList = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const keyOf = (kind: string, key: string): string => `${kind}\u0001${key}`;

/**
 * Version numbers of account, evasion and campaign snapshots in a process that never ends and may
 * restart on a database that already holds versions. A snapshot gets the next version of its key
 * only when it differs from the latest one (as `SnapshotLog` does in a batch run); the latest
 * version and line of a key are read from the database the first time the key is seen, and kept
 * in an LRU of `capacity` keys (a key that falls out is read again when it comes back).
 */
export class SnapshotVersions {
  private readonly cache: LruMap<string, Known>;
  lookups = 0;

  constructor(
    private readonly database: Database,
    capacity = 200_000,
  ) {
    this.cache = new LruMap(capacity);
  }

  /** The version to write for each decision, or undefined when it repeats the latest one. */
  async resolve(decisions: SnapshotDecision[]): Promise<Array<number | undefined>> {
    await this.load(decisions.filter((d) => !this.cache.has(keyOf(d.kind, snapshotKey(d)))));
    return decisions.map((d) => {
      const key = keyOf(d.kind, snapshotKey(d));
      const line = decisionLine(d);
      const prev = this.cache.get(key);
      if (prev && prev.line === line) return undefined;
      const version = (prev?.version ?? 0) + 1;
      this.cache.set(key, { version, line });
      return version;
    });
  }

  private async load(missing: SnapshotDecision[]): Promise<void> {
    if (missing.length === 0) return;
    this.lookups += missing.length;
    const db = this.database.db;
    const found = new Map<string, Known>();
    const keep = (key: string, version: number, line: string) => {
      const prev = found.get(key);
      if (!prev || prev.version < version) found.set(key, { version, line });
    };
    const byPlatform = (kind: 'account' | 'evasion') => {
      const out = new Map<string, Set<string>>();
      for (const d of missing) {
        if (d.kind !== kind) continue;
        const id = d.kind === 'account' ? d.record.id : d.record.account_id;
        let set = out.get(d.record.platform);
        if (!set) out.set(d.record.platform, (set = new Set()));
        set.add(id);
      }
      return out;
    };
    for (const [platform, set] of byPlatform('account')) {
      for (const part of inChunks([...set])) {
        const rows = await db
          .selectFrom('decisions_accounts')
          .selectAll()
          .where('platform', '=', platform)
          .where('account_id', 'in', part)
          .execute();
        for (const r of rows) {
          const line = accountLine({
            id: r.account_id,
            platform: r.platform,
            risk: Number(r.risk),
            label: r.label,
            flagged_at: r.flagged_at,
            evidence: parseList(r.evidence) as string[],
          });
          keep(keyOf('account', `${r.platform}\u0000${r.account_id}`), Number(r.version), line);
        }
      }
    }
    for (const [platform, set] of byPlatform('evasion')) {
      for (const part of inChunks([...set])) {
        const rows = await db
          .selectFrom('decisions_evasion')
          .selectAll()
          .where('platform', '=', platform)
          .where('account_id', 'in', part)
          .execute();
        for (const r of rows) {
          const line = evasionLine({
            account_id: r.account_id,
            platform: r.platform,
            suspended_account_id: r.suspended_account_id,
            score: Number(r.score),
            flagged_at: r.flagged_at,
            evidence: parseList(r.evidence) as string[],
          });
          keep(keyOf('evasion', `${r.platform}\u0000${r.account_id}`), Number(r.version), line);
        }
      }
    }
    const campaignIds = [...new Set(missing.filter((d) => d.kind === 'campaign').map((d) => d.record.id))];
    for (const part of inChunks(campaignIds)) {
      const rows = await db.selectFrom('campaigns').selectAll().where('id', 'in', part).execute();
      for (const r of rows) {
        const line = campaignLine({
          id: r.id,
          kind: r.kind,
          hashtags: parseList(r.hashtags) as string[],
          accounts: parseList(r.accounts) as string[],
          post_count: Number(r.post_count),
          started_at: r.started_at,
          detected_at: r.detected_at,
          extremist_share: Number(r.extremist_share),
          evidence: parseList(r.evidence) as string[],
        });
        keep(keyOf('campaign', r.id), Number(r.version), line);
      }
    }
    for (const d of missing) {
      const key = keyOf(d.kind, snapshotKey(d));
      // Keys the database does not know start at version 1: remember "none" as version 0.
      this.cache.set(key, found.get(key) ?? { version: 0, line: '' });
    }
  }
}
