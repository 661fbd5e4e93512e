import type pg from 'pg';
import type { BulkWriter, WriteBatch, WriteResult } from './bulk-writer.js';
import {
  ACCOUNT_COLUMNS,
  ENFORCEMENT_COLUMNS,
  FOLLOW_COLUMNS,
  POST_COLUMNS,
  PROFILE_COLUMNS,
  QUARANTINE_COLUMNS,
  accountProfileRow,
  accountRow,
  applyProfileParams,
  enforcementRow,
  followRow,
  postRow,
  profileUpdateRow,
  quarantineRow,
  type Row,
} from './event-rows.js';

const NUMERIC = new Set(['followers_count', 'following_count', 'line', 'byte_offset', 'raw_length']);

// One statement per table whatever the batch size: each column travels as one array parameter,
// so there is no 65,535-parameter limit and no SQL text to build per batch.
const unnestInsert = (table: string, columns: readonly string[], conflict = ''): string => {
  const arrays = columns.map((c, i) => `$${i + 1}::${NUMERIC.has(c) ? 'bigint' : 'text'}[]`).join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${arrays}) ON CONFLICT ${conflict}DO NOTHING`;
};

const columnsOf = (rows: Row[], width: number): Row[] => {
  const cols: Row[] = Array.from({ length: width }, () => new Array<string | number | null>(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Row;
    for (let c = 0; c < width; c++) (cols[c] as Row)[r] = row[c] ?? null;
  }
  return cols;
};

const SQL = {
  account: unnestInsert('accounts', ACCOUNT_COLUMNS),
  profile: `${unnestInsert('account_profiles', PROFILE_COLUMNS)} RETURNING platform, event_key`,
  post: unnestInsert('posts', POST_COLUMNS),
  follow: unnestInsert('follows', FOLLOW_COLUMNS),
  enforcement: unnestInsert('enforcement', ENFORCEMENT_COLUMNS),
  quarantine: unnestInsert('quarantine', QUARANTINE_COLUMNS, '(digest) '),
  applyProfile: `UPDATE accounts SET
    handle = COALESCE($1, handle), name = COALESCE($2, name), bio = COALESCE($3, bio),
    avatar_pdq = COALESCE($4, avatar_pdq), updated_at = $5
    WHERE platform = $6 AND id = $7 AND updated_at <= $8`,
  cursor: `INSERT INTO ingest_cursor (source, fingerprint, byte_offset, line, complete, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (source) DO UPDATE SET fingerprint = excluded.fingerprint, byte_offset = excluded.byte_offset,
    line = excluded.line, complete = excluded.complete, updated_at = excluded.updated_at`,
};

/** PostgreSQL: one transaction per batch, one unnest() insert per table. */
export class PgBulkWriter implements BulkWriter {
  constructor(private readonly pool: pg.Pool) {}

  async write(batch: WriteBatch): Promise<WriteResult> {
    const accounts: Row[] = [];
    const accountProfiles: Row[] = [];
    const updates: Row[] = [];
    const posts: Row[] = [];
    const follows: Row[] = [];
    const enforcement: Row[] = [];
    for (const e of batch.events) {
      switch (e.type) {
        case 'post':
          posts.push(postRow(e));
          break;
        case 'account':
          accounts.push(accountRow(e));
          accountProfiles.push(accountProfileRow(e));
          break;
        case 'profile_update':
          updates.push(profileUpdateRow(e));
          break;
        case 'follow':
          follows.push(followRow(e));
          break;
        case 'enforcement':
          enforcement.push(enforcementRow(e));
          break;
      }
    }
    const now = new Date().toISOString();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      let inserted = 0;
      const insert = async (sql: string, rows: Row[], width: number): Promise<pg.QueryResult> => {
        const result = await client.query(sql, columnsOf(rows, width));
        inserted += result.rowCount ?? 0;
        return result;
      };
      if (accounts.length > 0) {
        // History rows only for accounts that are new, as on SQLite.
        const result = await client.query<{ platform: string; id: string }>(
          `${SQL.account} RETURNING platform, id`,
          columnsOf(accounts, ACCOUNT_COLUMNS.length),
        );
        inserted += result.rowCount ?? 0;
        const fresh = new Set(result.rows.map((r) => `${r.platform}\0${r.id}`));
        const history = accountProfiles.filter((row) => fresh.delete(`${String(row[0])}\0${String(row[2])}`));
        if (history.length > 0) await client.query(SQL.profile, columnsOf(history, PROFILE_COLUMNS.length));
      }
      if (updates.length > 0) {
        const result = await client.query<{ platform: string; event_key: string }>(
          SQL.profile,
          columnsOf(updates, PROFILE_COLUMNS.length),
        );
        inserted += result.rowCount ?? 0;
        const fresh = new Set(result.rows.map((r) => `${r.platform}\0${r.event_key}`));
        // In stream order, so that the last update of an account in the batch wins.
        for (const row of updates) {
          if (fresh.delete(`${String(row[0])}\0${String(row[2])}`)) {
            await client.query(SQL.applyProfile, applyProfileParams(row));
          }
        }
      }
      if (posts.length > 0) await insert(SQL.post, posts, POST_COLUMNS.length);
      if (follows.length > 0) await insert(SQL.follow, follows, FOLLOW_COLUMNS.length);
      if (enforcement.length > 0) await insert(SQL.enforcement, enforcement, ENFORCEMENT_COLUMNS.length);
      let quarantined = 0;
      if (batch.quarantine.length > 0) {
        const rows = batch.quarantine.map((q) => quarantineRow(q, now));
        const result = await client.query(SQL.quarantine, columnsOf(rows, QUARANTINE_COLUMNS.length));
        quarantined = result.rowCount ?? 0;
      }
      const c = batch.cursor;
      if (c)
        await client.query(SQL.cursor, [c.source, c.fingerprint, c.offset, c.line, c.complete ? 1 : 0, now]);
      await client.query('COMMIT');
      return { inserted, duplicates: batch.events.length - inserted, quarantined };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
