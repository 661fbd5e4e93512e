export { openDatabase, type Database, type Db, type DbTx, type Dialect } from './database.js';
export type { Schema } from './schema.js';
export type * from './core-tables.js';
export { createBulkWriter, type BulkWriter, type WriteBatch, type WriteResult } from './bulk-writer.js';
export { RAW_CAP_BYTES, type CursorInput, type QuarantineInput } from './event-rows.js';
export { findStoredAccounts, findStoredPosts, getCursor } from './lookups.js';
export { deferIndexes, restoreDeferredIndexes } from './deferred-indexes.js';
