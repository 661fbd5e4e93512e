import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticFile } from '../../bench/ingest-data.js';
import { openDatabase } from '../../src/store/index.js';
import { ROOT, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'marsad-recovery-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EVENTS = 60_000;

/** The committed cursor of `file`, read through a separate connection while the CLI writes. */
const readCursor = (
  db: string,
  file: string,
): { byte_offset: number; line: number; complete: number } | undefined => {
  try {
    const conn = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
    try {
      return conn
        .prepare('SELECT byte_offset, line, complete FROM ingest_cursor WHERE source = ?')
        .get(file) as { byte_offset: number; line: number; complete: number } | undefined;
    } finally {
      conn.close();
    }
  } catch {
    return undefined; // not created or not migrated yet
  }
};

describe('marsad ingest after kill -9', () => {
  it('resumes at the last committed batch and ends with every record exactly once', async () => {
    const file = path.join(dir, 'events.ndjson');
    const db = path.join(dir, 'marsad.db');
    await writeSyntheticFile(file, EVENTS);

    // `node --import tsx` rather than spawnCli: the tsx wrapper runs the CLI in a child process,
    // which a SIGKILL of the wrapper would leave running.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), '--db', db, 'ingest', file, '--batch', '1000'],
      {
        cwd: ROOT,
        env: { ...process.env, MARSAD_LOG_LEVEL: 'warn' },
        stdio: 'ignore',
      },
    );
    const exited = once(child, 'exit');
    let cursor: ReturnType<typeof readCursor>;
    for (;;) {
      cursor = readCursor(db, file);
      if (cursor && cursor.byte_offset > 0) break;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    const [, signal] = await exited;
    expect(signal, 'the first run must be killed mid-file').toBe('SIGKILL');
    expect(cursor?.complete).toBe(0);
    // The killed run loaded an empty database, so it had dropped the secondary indexes (to build
    // them at its end): the rerun's open must rebuild them, since their owner is gone.
    const conn = new BetterSqlite3(db, { readonly: true });
    const deferred = conn.prepare('SELECT name FROM deferred_indexes').all();
    conn.close();
    expect(deferred.length).toBeGreaterThan(0);

    const rerun = await runCli(['--db', db, 'ingest', file]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/resumed at line/);

    const d = await openDatabase({ dialect: 'sqlite', path: db });
    try {
      const count = async (table: 'accounts' | 'posts' | 'follows'): Promise<number> =>
        Number(
          (
            await d.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const accounts = await count('accounts');
      const follows = await count('follows');
      const posts = await count('posts');
      // The generator writes an account every 50 events and a follow at 25 of every 50.
      expect(accounts).toBe(EVENTS / 50);
      expect(follows).toBe(EVENTS / 50);
      expect(posts).toBe(EVENTS - accounts - follows);
      const q = await d.db.selectFrom('quarantine').selectAll().execute();
      expect(q).toEqual([]);
      const final = await d.db.selectFrom('ingest_cursor').selectAll().executeTakeFirstOrThrow();
      expect(final.complete).toBe(1);
      expect(await d.db.selectFrom('deferred_indexes').selectAll().execute()).toEqual([]);
      const schemaOf = (conn: BetterSqlite3.Database): unknown[] =>
        conn.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name`).all();
      const fresh = await openDatabase({ dialect: 'sqlite', path: path.join(dir, 'fresh.db') });
      try {
        expect(schemaOf(d.sqlite as BetterSqlite3.Database)).toEqual(
          schemaOf(fresh.sqlite as BetterSqlite3.Database),
        );
      } finally {
        await fresh.close();
      }
    } finally {
      await d.close();
    }
  });
});
