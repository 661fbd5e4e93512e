import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DbConfig } from '../config/index.js';
import { restoreDeferredIndexes } from './deferred-indexes.js';
import { migrationProvider } from './migrations/index.js';
import type { Schema } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Schema>;
export type DbTx = Transaction<Schema>;

/**
 * One handle on the database: Kysely for queries, plus the raw driver for hot paths
 * (bulk inserts) where a benchmark shows the driver wins.
 */
export interface Database {
  readonly dialect: Dialect;
  readonly db: Db;
  /** Set when dialect is sqlite. */
  readonly sqlite?: BetterSqlite3.Database;
  /** Set when dialect is postgres. */
  readonly pgPool?: pg.Pool;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

// int8 and numeric come back as strings by default; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export const openDatabase = async (cfg: DbConfig, opts: { migrate?: boolean } = {}): Promise<Database> => {
  let database: Database;
  if (cfg.dialect === 'sqlite') {
    const sqlite = new BetterSqlite3(cfg.path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 10000');
    // Bulk ingestion: a 64 MiB page cache keeps hot index pages in memory, and checkpointing every
    // ~40 MiB of WAL rather than 4 MiB makes checkpoints fewer than the ingest commits.
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('wal_autocheckpoint = 10000');
    // Indexes that a bulk load killed mid-way had dropped (deferred-indexes.ts); before the
    // migrations, so that one dropping such an index is not undone afterwards.
    restoreDeferredIndexes(sqlite, { orphansOnly: true });
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
    database = {
      dialect: 'sqlite',
      db,
      sqlite,
      migrate: () => runMigrations(db),
      close: () => db.destroy(),
    };
  } else {
    const pgPool = new pg.Pool({ connectionString: cfg.url, max: 10 });
    // An idle client whose connection the server ends (restart, database dropped while the pool
    // shuts down) is re-emitted here; without a listener that would crash the process. The pool
    // replaces the client on next use, and queries in flight still get their own errors.
    pgPool.on('error', () => undefined);
    // A client dropped while checked out (server restart, pg_terminate_backend) emits 'error' on
    // itself: without a listener the process ends; with one, its query fails and callers retry.
    const guarded = new WeakSet<object>();
    pgPool.on('acquire', (client) => {
      if (guarded.has(client)) return;
      guarded.add(client);
      client.on('error', () => undefined);
    });
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: pgPool }) });
    database = {
      dialect: 'postgres',
      db,
      pgPool,
      migrate: () => runMigrations(db),
      close: () => db.destroy(),
    };
  }
  if (opts.migrate !== false) await database.migrate();
  return database;
};

const runMigrations = async (db: Db): Promise<void> => {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed?.migrationName ?? 'unknown';
    throw new Error(
      `database migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
};
