import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IngestService } from '../../src/ingest/ingest-service.js';
import { deferIndexes, openDatabase, restoreDeferredIndexes } from '../../src/store/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { account, ndjson, post } from '../ingest/ingest-fixtures.js';

// SQLite only: PostgreSQL keeps its indexes during a load (the table exists there, unused).

type IndexRow = { name: string; tbl_name: string; sql: string | null };
const indexes = (sqlite: BetterSqlite3.Database, table?: string): IndexRow[] =>
  sqlite
    .prepare(
      `SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ${table ? 'AND tbl_name = ?' : ''} ORDER BY name`,
    )
    .all(...(table ? [table] : [])) as IndexRow[];
const recorded = (sqlite: BetterSqlite3.Database): Array<{ name: string; owner_pid: number }> =>
  sqlite.prepare('SELECT name, owner_pid FROM deferred_indexes ORDER BY name').all() as Array<{
    name: string;
    owner_pid: number;
  }>;

/** The pid of a process that has exited (so is not running). */
const deadPid = (): number => {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(r.stdout);
};

describe('deferred secondary indexes (SQLite bulk loads)', () => {
  let t: TestDatabase;
  let sqlite: BetterSqlite3.Database;
  let dir: string;
  let before: IndexRow[];
  beforeEach(async () => {
    t = await createTestDatabase('sqlite');
    sqlite = t.database.sqlite as BetterSqlite3.Database;
    dir = mkdtempSync(path.join(tmpdir(), 'marsad-deferred-'));
    before = indexes(sqlite);
  });
  afterEach(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('drops only the non-unique secondary indexes of empty tables, and restores them as they were', () => {
    sqlite
      .prepare(
        `INSERT INTO accounts (platform, id, handle, name, created_at, updated_at) VALUES ('x', 'a1', 'h', 'n', 't', 't')`,
      )
      .run();
    const dropped = deferIndexes(sqlite, ['accounts', 'posts', 'quarantine']);
    // Every secondary index of posts goes, whichever migration made it; keys and the quarantine's
    // unique digest stay, and accounts (not empty) keeps all of its indexes.
    const secondary = before
      .filter((i) => (i.tbl_name === 'posts' || i.tbl_name === 'quarantine') && i.sql !== null)
      .map((i) => i.name)
      .sort();
    expect(secondary.filter((n) => n.startsWith('posts_')).length).toBeGreaterThan(1);
    expect(dropped.sort()).toEqual(secondary);
    expect(indexes(sqlite, 'posts').map((i) => i.name)).toEqual(['sqlite_autoindex_posts_1']);
    expect(indexes(sqlite, 'quarantine').map((i) => i.name)).toEqual(['sqlite_autoindex_quarantine_1']);
    expect(indexes(sqlite, 'accounts')).toEqual(before.filter((i) => i.tbl_name === 'accounts'));
    expect(recorded(sqlite).map((r) => [r.name, r.owner_pid])).toEqual(
      secondary.map((n) => [n, process.pid]),
    );

    expect(restoreDeferredIndexes(sqlite, { names: dropped }).sort()).toEqual(dropped.sort());
    expect(indexes(sqlite)).toEqual(before);
    expect(recorded(sqlite)).toEqual([]);
  });

  it('leaves the indexes of a running loader alone on open, and rebuilds those a dead one left', async () => {
    const dropped = deferIndexes(sqlite, ['posts', 'follows']);
    expect(dropped.length).toBeGreaterThan(2);
    const dbPath = t.config.dialect === 'sqlite' ? t.config.path : '';
    // This process is the owner and still runs: another connection opening the database must not
    // rebuild (it would block the load for the length of the build).
    const other = await openDatabase({ dialect: 'sqlite', path: dbPath });
    await other.close();
    expect(recorded(sqlite).length).toBe(dropped.length);

    sqlite.prepare('UPDATE deferred_indexes SET owner_pid = ?').run(deadPid());
    const reopened = await openDatabase({ dialect: 'sqlite', path: dbPath });
    await reopened.close();
    expect(recorded(sqlite)).toEqual([]);
    expect(indexes(sqlite)).toEqual(before);
  });

  it('a record whose index exists already, or whose table is gone, is only forgotten', () => {
    sqlite.exec('CREATE TABLE scratch (a text)');
    sqlite.exec('CREATE INDEX scratch_a_idx ON scratch (a)');
    expect(deferIndexes(sqlite, ['scratch'])).toEqual(['scratch_a_idx']);
    sqlite.exec('DROP TABLE scratch');
    const [one, ...others] = deferIndexes(sqlite, ['posts']);
    expect(one).toBeDefined();
    sqlite.exec(before.find((i) => i.name === one)?.sql ?? '');
    expect(restoreDeferredIndexes(sqlite)).toEqual(others);
    expect(recorded(sqlite)).toEqual([]);
    expect(indexes(sqlite)).toEqual(before);
  });

  it('an ingest into an empty database builds the indexes at the end, also when it fails', async () => {
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, ndjson(account('a1'), post('p1', 'a1'), post('p2', 'a1'), post('p3', 'a9')));
    let during: string[] = [];
    const service = new IngestService(t.database, {
      batchSize: 1,
      // Called while the load runs: the indexes are dropped at that point.
      onProgress: () => (during = indexes(sqlite, 'posts').map((i) => i.name)),
    });
    const summary = await service.ingestFile(file);
    expect(summary).toMatchObject({ read: 4, stored: 3, quarantined: 1 });
    expect(during).toEqual(['sqlite_autoindex_posts_1']);
    expect(indexes(sqlite)).toEqual(before);
    expect(recorded(sqlite)).toEqual([]);

    // Tables no longer empty: a second file keeps the indexes throughout.
    const second = path.join(dir, 'more.ndjson');
    writeFileSync(second, ndjson(post('p4', 'a1')));
    await service.ingestFile(second);
    expect(during.length).toBeGreaterThan(1);

    // A load that fails part-way (here the caller's callback throws) still rebuilds them.
    const fresh = await createTestDatabase('sqlite');
    try {
      const s = fresh.database.sqlite as BetterSqlite3.Database;
      const failing = new IngestService(fresh.database, {
        onProgress: () => {
          throw new Error('stop');
        },
      });
      await expect(failing.ingestFile(file)).rejects.toThrow('stop');
      expect(indexes(s)).toEqual(before);
      expect(recorded(s)).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });

  it('keeps the indexes when deferIndexes is false', async () => {
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, ndjson(account('a1'), post('p1', 'a1')));
    let during: string[] = [];
    await new IngestService(t.database, {
      deferIndexes: false,
      onProgress: () => (during = indexes(sqlite, 'posts').map((i) => i.name)),
    }).ingestFile(file);
    expect(during).toEqual(indexes(sqlite, 'posts').map((i) => i.name));
    expect(during.length).toBeGreaterThan(1);
  });
});
