import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { configFromEnv, readEnv, type DbConfig } from '../../src/config/index.js';
import { openDatabase, type Database } from '../../src/store/index.js';

const cfg = configFromEnv(readEnv());

let pgReachable: Promise<boolean> | undefined;
const checkPg = (): Promise<boolean> =>
  (pgReachable ??= (async () => {
    const client = new pg.Client({ connectionString: cfg.pgTestUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return false;
    }
  })());

/**
 * The engines a storage test runs on: SQLite always; PostgreSQL when reachable. In CI PostgreSQL
 * must be reachable (a skip would hide a broken suite), so an unreachable server fails the run.
 */
export const engines = async (): Promise<Array<'sqlite' | 'postgres'>> => {
  if (await checkPg()) return ['sqlite', 'postgres'];
  if (cfg.isCi) throw new Error(`PostgreSQL at ${cfg.pgTestUrl} is unreachable, and CI is set: it must run`);
  console.warn(`PostgreSQL at ${cfg.pgTestUrl} is unreachable: skipping the PostgreSQL runs (CI is not set)`);
  return ['sqlite'];
};

export const pgAvailable = async (): Promise<boolean> => {
  const ok = await checkPg();
  if (!ok && cfg.isCi)
    throw new Error(`PostgreSQL at ${cfg.pgTestUrl} is unreachable, and CI is set: it must run`);
  return ok;
};

export interface TestDatabase {
  database: Database;
  config: DbConfig;
  /** Closes the database and deletes it (file or PostgreSQL database). */
  drop(): Promise<void>;
}

/** A fresh, migrated database of the given engine: a temp SQLite file, or a new PostgreSQL database. */
export const createTestDatabase = async (engine: 'sqlite' | 'postgres'): Promise<TestDatabase> => {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'marsad-test-'));
    const config: DbConfig = { dialect: 'sqlite', path: path.join(dir, 'test.db') };
    const database = await openDatabase(config);
    return {
      database,
      config,
      drop: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `marsad_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: cfg.pgTestUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(cfg.pgTestUrl);
  url.pathname = `/${name}`;
  const config: DbConfig = { dialect: 'postgres', url: url.toString() };
  const database = await openDatabase(config);
  return {
    database,
    config,
    drop: async () => {
      await database.close();
      const again = new pg.Client({ connectionString: cfg.pgTestUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
};
