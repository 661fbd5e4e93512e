import type BetterSqlite3 from 'better-sqlite3';

// A bulk load into an empty SQLite table is several times faster without the table's secondary
// indexes, built afterwards with one sort each: an index on a random key (posts by account) makes
// every commit rewrite thousands of scattered index pages, a cost that grows with the table
// (docs/benchmarks/ingest.md). Crash safety: dropping the indexes and recording their SQL in
// `deferred_indexes` commit together, and each rebuild commits together with the removal of its
// record, so after a crash at any point every index either exists or is recorded; `openDatabase`
// rebuilds what a process that is no longer running left recorded.

interface DeferredRow {
  name: string;
  table_name: string;
  sql: string;
  owner_pid: number;
}

const hasTable = (sqlite: BetterSqlite3.Database, name: string): boolean =>
  sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;

const quoteId = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * Drops the secondary indexes (made by CREATE INDEX, not unique: keys and UNIQUE constraints stay,
 * as deduplication needs them) of those `tables` that are empty, recording them to be rebuilt by
 * `restoreDeferredIndexes`. Returns the names of the dropped indexes.
 */
export const deferIndexes = (
  sqlite: BetterSqlite3.Database,
  tables: readonly string[],
  ownerPid = process.pid,
): string[] => {
  if (!hasTable(sqlite, 'deferred_indexes')) return [];
  const record = sqlite.prepare(
    'INSERT INTO deferred_indexes (name, table_name, sql, owner_pid, deferred_at) VALUES (?, ?, ?, ?, ?)',
  );
  const indexSql = sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`);
  // IMMEDIATE: no other writer can add a row between the emptiness check and the drop.
  return sqlite
    .transaction((): string[] => {
      const dropped: string[] = [];
      const now = new Date().toISOString();
      for (const table of tables) {
        if (!hasTable(sqlite, table)) continue;
        if (sqlite.prepare(`SELECT 1 FROM ${quoteId(table)} LIMIT 1`).get() !== undefined) continue;
        const list = sqlite.pragma(`index_list(${quoteId(table)})`) as Array<{
          name: string;
          unique: number;
          origin: string;
        }>;
        for (const index of list) {
          if (index.origin !== 'c' || index.unique !== 0) continue;
          const row = indexSql.get(index.name) as { sql: string | null } | undefined;
          if (!row?.sql) continue;
          record.run(index.name, table, row.sql, ownerPid, now);
          sqlite.exec(`DROP INDEX ${quoteId(index.name)}`);
          dropped.push(index.name);
        }
      }
      return dropped;
    })
    .immediate();
};

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export interface RestoreOptions {
  /** Only these indexes (those one `deferIndexes` call dropped). */
  names?: readonly string[];
  /** Only indexes whose deferring process is no longer running (what a crash left behind). */
  orphansOnly?: boolean;
}

/**
 * Rebuilds recorded deferred indexes, each in its own transaction with the removal of its
 * record. Returns the names rebuilt.
 */
export const restoreDeferredIndexes = (
  sqlite: BetterSqlite3.Database,
  opts: RestoreOptions = {},
): string[] => {
  if (!hasTable(sqlite, 'deferred_indexes')) return [];
  let rows = sqlite
    .prepare('SELECT name, table_name, sql, owner_pid FROM deferred_indexes ORDER BY rowid')
    .all() as DeferredRow[];
  if (opts.names) {
    const wanted = new Set(opts.names);
    rows = rows.filter((r) => wanted.has(r.name));
  }
  // This process counts as running: an ingest in it may still be loading.
  if (opts.orphansOnly) rows = rows.filter((r) => !isRunning(r.owner_pid));
  const forget = sqlite.prepare('DELETE FROM deferred_indexes WHERE name = ?');
  const exists = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`);
  const restored: string[] = [];
  for (const r of rows) {
    sqlite
      .transaction(() => {
        // The table may have been dropped since, or the index re-created by someone else.
        if (hasTable(sqlite, r.table_name) && exists.get(r.name) === undefined) {
          sqlite.exec(r.sql);
          restored.push(r.name);
        }
        forget.run(r.name);
      })
      .immediate();
  }
  return restored;
};
