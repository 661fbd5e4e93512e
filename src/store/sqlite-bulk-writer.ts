import type BetterSqlite3 from 'better-sqlite3';
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
} from './event-rows.js';

const insertSql = (table: string, columns: readonly string[], conflict = ''): string =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT ${conflict}DO NOTHING`;

// Applies a profile update only when it is not older than the profile it replaces, so that
// reading inputs out of order never brings back an old profile. Parameters: applyProfileParams.
const APPLY_PROFILE_SQL = `UPDATE accounts SET
  handle = COALESCE(?, handle), name = COALESCE(?, name), bio = COALESCE(?, bio),
  avatar_pdq = COALESCE(?, avatar_pdq), updated_at = ?
  WHERE platform = ? AND id = ? AND updated_at <= ?`;

const UPSERT_CURSOR_SQL = `INSERT INTO ingest_cursor (source, fingerprint, byte_offset, line, complete, updated_at)
  VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (source) DO UPDATE SET fingerprint = excluded.fingerprint, byte_offset = excluded.byte_offset,
  line = excluded.line, complete = excluded.complete, updated_at = excluded.updated_at`;

/** better-sqlite3 prepared statements, one transaction per batch (synchronous, so no awaits inside). */
export class SqliteBulkWriter implements BulkWriter {
  private readonly run: (batch: WriteBatch) => WriteResult;

  constructor(sqlite: BetterSqlite3.Database) {
    const account = sqlite.prepare(insertSql('accounts', ACCOUNT_COLUMNS));
    const profile = sqlite.prepare(insertSql('account_profiles', PROFILE_COLUMNS));
    const applyProfile = sqlite.prepare(APPLY_PROFILE_SQL);
    const post = sqlite.prepare(insertSql('posts', POST_COLUMNS));
    const follow = sqlite.prepare(insertSql('follows', FOLLOW_COLUMNS));
    const enforcement = sqlite.prepare(insertSql('enforcement', ENFORCEMENT_COLUMNS));
    const quarantine = sqlite.prepare(insertSql('quarantine', QUARANTINE_COLUMNS, '(digest) '));
    const cursor = sqlite.prepare(UPSERT_CURSOR_SQL);

    this.run = sqlite.transaction((batch: WriteBatch): WriteResult => {
      let inserted = 0;
      const fresh: number[] | undefined = batch.reportFresh ? [] : undefined;
      for (let i = 0; i < batch.events.length; i++) {
        const e = batch.events[i] as WriteBatch['events'][number];
        const before = inserted;
        switch (e.type) {
          case 'post':
            inserted += post.run(postRow(e)).changes;
            break;
          case 'account':
            if (account.run(accountRow(e)).changes > 0) {
              profile.run(accountProfileRow(e));
              inserted += 1;
            }
            break;
          case 'profile_update': {
            const row = profileUpdateRow(e);
            if (profile.run(row).changes > 0) {
              applyProfile.run(applyProfileParams(row));
              inserted += 1;
            }
            break;
          }
          case 'follow':
            inserted += follow.run(followRow(e)).changes;
            break;
          case 'enforcement':
            inserted += enforcement.run(enforcementRow(e)).changes;
            break;
        }
        if (fresh && inserted > before) fresh.push(i);
      }
      const now = new Date().toISOString();
      let quarantined = 0;
      for (const q of batch.quarantine) quarantined += quarantine.run(quarantineRow(q, now)).changes;
      const c = batch.cursor;
      if (c) cursor.run(c.source, c.fingerprint, c.offset, c.line, c.complete ? 1 : 0, now);
      return {
        inserted,
        duplicates: batch.events.length - inserted,
        quarantined,
        ...(fresh ? { fresh } : {}),
      };
    });
  }

  write(batch: WriteBatch): Promise<WriteResult> {
    try {
      return Promise.resolve(this.run(batch));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
}
