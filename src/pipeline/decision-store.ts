import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Database } from '../store/index.js';
import { hashtagKey } from './hashtags.js';
import type { PipelineTables } from './tables.js';
import type { Decision } from './types.js';

type TableName = keyof PipelineTables;
type AnyRow = Record<string, string | number | null>;

/** Columns of each table, and the key that makes a re-run rewrite the same row. */
const TABLES: {
  [T in TableName]: { columns: Array<keyof PipelineTables[T]>; key: Array<keyof PipelineTables[T]> };
} = {
  decisions_posts: {
    columns: [
      'platform',
      'post_id',
      'account_id',
      'label',
      'scores',
      'flagged',
      'review',
      'decided_at',
      'evidence',
    ],
    key: ['platform', 'post_id'],
  },
  decisions_accounts: {
    columns: ['platform', 'account_id', 'version', 'risk', 'label', 'flagged_at', 'evidence', 'decided_at'],
    key: ['platform', 'account_id', 'version'],
  },
  decisions_evasion: {
    columns: [
      'platform',
      'account_id',
      'version',
      'suspended_account_id',
      'score',
      'flagged_at',
      'evidence',
      'decided_at',
    ],
    key: ['platform', 'account_id', 'version'],
  },
  campaigns: {
    columns: [
      'id',
      'version',
      'kind',
      'hashtags',
      'accounts',
      'post_count',
      'started_at',
      'detected_at',
      'extremist_share',
      'evidence',
      'decided_at',
    ],
    key: ['id', 'version'],
  },
  hashtag_buckets: {
    columns: [
      'hashtag_key',
      'bucket_start',
      'hashtag',
      'posts',
      'accounts',
      'flagged_posts',
      'flagged_share',
    ],
    key: ['hashtag_key', 'bucket_start'],
  },
  matches: {
    columns: [
      'platform',
      'post_id',
      'bank',
      'signal',
      'hash',
      'account_id',
      'label',
      'distance',
      'decided_at',
      'evidence',
    ],
    key: ['platform', 'post_id', 'bank', 'signal', 'hash'],
  },
};

/** Rows to write, grouped by table. */
export type DecisionRows = { [T in TableName]: AnyRow[] };

export const emptyRows = (): DecisionRows => ({
  decisions_posts: [],
  decisions_accounts: [],
  decisions_evasion: [],
  campaigns: [],
  hashtag_buckets: [],
  matches: [],
});

// PostgreSQL text cannot hold NUL (same rule as the event store).
const clean = (s: string): string => (s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s);
const json = (v: unknown): string => clean(JSON.stringify(v));

/**
 * Adds the row of a decision. `version` is the snapshot version (snapshot kinds only) and `at` the
 * stream time at which the decision was emitted.
 */
export const addDecisionRow = (rows: DecisionRows, d: Decision, at: string, version = 1): void => {
  switch (d.kind) {
    case 'post': {
      const r = d.record;
      rows.decisions_posts.push({
        platform: r.platform,
        post_id: r.id,
        account_id: r.account_id,
        label: r.label,
        scores: json(r.scores),
        flagged: r.flagged ? 1 : 0,
        review: r.review ? 1 : 0,
        decided_at: r.decided_at,
        evidence: r.evidence ? json(r.evidence) : null,
      });
      return;
    }
    case 'account': {
      const r = d.record;
      rows.decisions_accounts.push({
        platform: r.platform,
        account_id: r.id,
        version,
        risk: r.risk,
        label: r.label,
        flagged_at: r.flagged_at,
        evidence: json(r.evidence),
        decided_at: at,
      });
      return;
    }
    case 'evasion': {
      const r = d.record;
      rows.decisions_evasion.push({
        platform: r.platform,
        account_id: r.account_id,
        version,
        suspended_account_id: r.suspended_account_id,
        score: r.score,
        flagged_at: r.flagged_at,
        evidence: json(r.evidence),
        decided_at: at,
      });
      return;
    }
    case 'campaign': {
      const r = d.record;
      rows.campaigns.push({
        id: r.id,
        version,
        kind: r.kind,
        hashtags: json(r.hashtags),
        accounts: json(r.accounts),
        post_count: r.post_count,
        started_at: r.started_at,
        detected_at: r.detected_at,
        extremist_share: r.extremist_share,
        evidence: json(r.evidence),
        decided_at: at,
      });
      return;
    }
    case 'hashtag': {
      const r = d.record;
      rows.hashtag_buckets.push({
        hashtag_key: hashtagKey(r.hashtag),
        bucket_start: r.bucket_start,
        hashtag: clean(r.hashtag),
        posts: r.posts,
        accounts: r.accounts,
        flagged_posts: r.flagged_posts,
        flagged_share: r.flagged_share,
      });
      return;
    }
    case 'match': {
      const r = d.record;
      rows.matches.push({
        platform: r.platform,
        post_id: r.post_id,
        bank: r.bank,
        signal: r.signal,
        hash: r.hash,
        account_id: r.account_id,
        label: r.label,
        distance: r.distance,
        decided_at: r.decided_at,
        evidence: json(r.evidence),
      });
      return;
    }
  }
};

// Within one statement PostgreSQL refuses to upsert a key twice: keep the last row of each key.
const lastPerKey = (rows: AnyRow[], key: readonly string[]): AnyRow[] => {
  const byKey = new Map<string, AnyRow>();
  for (const row of rows) byKey.set(key.map((k) => String(row[k])).join('\u0000'), row);
  return byKey.size === rows.length ? rows : [...byKey.values()];
};

export interface DecisionStore {
  /** Writes the rows in one transaction; re-writing the same keys replaces them (idempotent). */
  write(rows: DecisionRows): Promise<void>;
}

const sqliteStore = (sqlite: BetterSqlite3.Database): DecisionStore => {
  const statements = Object.fromEntries(
    (Object.keys(TABLES) as TableName[]).map((table) => {
      const { columns, key } = TABLES[table] as { columns: string[]; key: string[] };
      const update = columns.filter((c) => !key.includes(c));
      const text = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
        ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${update.map((c) => `${c} = excluded.${c}`).join(', ')}`;
      return [table, sqlite.prepare(text)];
    }),
  ) as Record<TableName, BetterSqlite3.Statement>;
  const run = sqlite.transaction((rows: DecisionRows) => {
    for (const table of Object.keys(TABLES) as TableName[]) {
      const stmt = statements[table];
      for (const row of rows[table]) stmt.run(row);
    }
  });
  return { write: async (rows) => void run(rows) };
};

// 65,535 bind parameters per statement in PostgreSQL.
const PG_PARAMS = 60_000;

const pgStore = (database: Database): DecisionStore => ({
  async write(rows) {
    const tables = (Object.keys(TABLES) as TableName[]).filter((t) => rows[t].length > 0);
    if (tables.length === 0) return;
    await database.db.transaction().execute(async (trx) => {
      for (const table of tables) {
        const { columns, key } = TABLES[table] as { columns: string[]; key: string[] };
        const unique = lastPerKey(rows[table], key);
        const per = Math.max(1, Math.floor(PG_PARAMS / columns.length));
        for (let i = 0; i < unique.length; i += per) {
          const slice = unique.slice(i, i + per);
          const update = columns.filter((c) => !key.includes(c));
          await trx
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            .insertInto(table as any)
            .values(slice)
            .onConflict((oc) =>
              oc
                .columns(key as never)
                .doUpdateSet(Object.fromEntries(update.map((c) => [c, sql.ref(`excluded.${c}`)])) as never),
            )
            .execute();
        }
      }
    });
  },
});

export const createDecisionStore = (database: Database): DecisionStore =>
  database.sqlite ? sqliteStore(database.sqlite) : pgStore(database);
