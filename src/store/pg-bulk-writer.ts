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
    // With reportFresh: `table\0platform\0key` -> index of its first event in the batch.
    const firstIndex = batch.reportFresh ? new Map<string, number>() : undefined;
    const note = (table: string, row: Row, keyAt: number, i: number) => {
      const k = `${table}\0${String(row[0])}\0${String(row[keyAt])}`;
      if (firstIndex && !firstIndex.has(k)) firstIndex.set(k, i);
    };
    batch.events.forEach((e, i) => {
      switch (e.type) {
        case 'post':
          note('posts', posts[posts.push(postRow(e)) - 1] as Row, 1, i);
          break;
        case 'account':
          note('accounts', accounts[accounts.push(accountRow(e)) - 1] as Row, 1, i);
          accountProfiles.push(accountProfileRow(e));
          break;
        case 'profile_update':
          note('account_profiles', updates[updates.push(profileUpdateRow(e)) - 1] as Row, 2, i);
          break;
        case 'follow':
          note('follows', follows[follows.push(followRow(e)) - 1] as Row, 1, i);
          break;
        case 'enforcement':
          note('enforcement', enforcement[enforcement.push(enforcementRow(e)) - 1] as Row, 1, i);
          break;
      }
    });
    const fresh: number[] = [];
    const freshRows = (table: string, rows: Array<Record<string, unknown>>, key: string) => {
      if (!firstIndex) return;
      for (const r of rows) {
        const i = firstIndex.get(`${table}\0${String(r['platform'])}\0${String(r[key])}`);
        if (i !== undefined) fresh.push(i);
      }
    };
    const now = new Date().toISOString();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      let inserted = 0;
      const insert = async (
        table: string,
        sql: string,
        rows: Row[],
        width: number,
        key: string,
      ): Promise<pg.QueryResult> => {
        const text = firstIndex ? `${sql} RETURNING platform, ${key}` : sql;
        const result = await client.query(text, columnsOf(rows, width));
        inserted += result.rowCount ?? 0;
        freshRows(table, result.rows as Array<Record<string, unknown>>, key);
        return result;
      };
      if (accounts.length > 0) {
        // History rows only for accounts that are new, as on SQLite.
        const result = await client.query<{ platform: string; id: string }>(
          `${SQL.account} RETURNING platform, id`,
          columnsOf(accounts, ACCOUNT_COLUMNS.length),
        );
        inserted += result.rowCount ?? 0;
        freshRows('accounts', result.rows, 'id');
        const created = new Set(result.rows.map((r) => `${r.platform}\0${r.id}`));
        const history = accountProfiles.filter((row) =>
          created.delete(`${String(row[0])}\0${String(row[2])}`),
        );
        if (history.length > 0) await client.query(SQL.profile, columnsOf(history, PROFILE_COLUMNS.length));
      }
      if (updates.length > 0) {
        const result = await client.query<{ platform: string; event_key: string }>(
          SQL.profile,
          columnsOf(updates, PROFILE_COLUMNS.length),
        );
        inserted += result.rowCount ?? 0;
        freshRows('account_profiles', result.rows, 'event_key');
        const created = new Set(result.rows.map((r) => `${r.platform}\0${r.event_key}`));
        // In stream order, so that the last update of an account in the batch wins.
        for (const row of updates) {
          if (created.delete(`${String(row[0])}\0${String(row[2])}`)) {
            await client.query(SQL.applyProfile, applyProfileParams(row));
          }
        }
      }
      if (posts.length > 0) await insert('posts', SQL.post, posts, POST_COLUMNS.length, 'id');
      if (follows.length > 0)
        await insert('follows', SQL.follow, follows, FOLLOW_COLUMNS.length, 'event_key');
      if (enforcement.length > 0)
        await insert('enforcement', SQL.enforcement, enforcement, ENFORCEMENT_COLUMNS.length, 'event_key');
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
      return {
        inserted,
        duplicates: batch.events.length - inserted,
        quarantined,
        ...(firstIndex ? { fresh: fresh.sort((a, b) => a - b) } : {}),
      };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
