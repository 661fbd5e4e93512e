import type { CanonicalEvent } from '../events/index.js';
import type { Database } from './database.js';
import type { CursorInput, QuarantineInput } from './event-rows.js';
import { PgBulkWriter } from './pg-bulk-writer.js';
import { SqliteBulkWriter } from './sqlite-bulk-writer.js';

export interface WriteBatch {
  /** Valid events whose references were checked, in stream order. */
  events: CanonicalEvent[];
  quarantine: QuarantineInput[];
  /** Resume point committed with the batch (line-based inputs). */
  cursor?: CursorInput;
  /** Also report which events added a row (`WriteResult.fresh`): the live pipeline runs only those. */
  reportFresh?: boolean;
}

export interface WriteResult {
  /** Events that added a row (for profile updates: a new history row). */
  inserted: number;
  /** Events already stored (same platform, type and key). */
  duplicates: number;
  /** Quarantine rows added (a record quarantined before is not added again). */
  quarantined: number;
  /** With `reportFresh`: indexes into `events` of those that added a row, ascending. */
  fresh?: number[];
}

/**
 * The hot path of ingestion: writes one batch in one transaction with the driver directly
 * (prepared statements on SQLite, unnest() arrays on PostgreSQL), idempotent on
 * (platform, type, key). `bench/ingest.ts` compares it with per-batch Kysely inserts.
 */
export interface BulkWriter {
  write(batch: WriteBatch): Promise<WriteResult>;
}

export const createBulkWriter = (database: Database): BulkWriter => {
  if (database.sqlite) return new SqliteBulkWriter(database.sqlite);
  if (database.pgPool) return new PgBulkWriter(database.pgPool);
  throw new Error(`no driver handle for dialect ${database.dialect}`);
};
