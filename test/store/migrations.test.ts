import { readdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/migrations/index.js';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db.js';
import { ROOT } from '../helpers/cli.js';

const ENGINES = await engines();

describe('migrations index', () => {
  it('lists every migration file of src/store/migrations, in name order', () => {
    const files = readdirSync(path.join(ROOT, 'src/store/migrations'))
      .filter((f) => f !== 'index.ts' && f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(migrations).sort()).toEqual(files);
    for (const f of files) expect(f).toMatch(/^\d{12}-[a-z0-9-]+$/);
  });
});

describe.each(ENGINES)('migrations on %s', (engine) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.drop();
    t = undefined;
  });

  it('creates the foundation tables, and running them again changes nothing', async () => {
    t = await createTestDatabase(engine);
    const { db } = t.database;
    const tables = (await db.introspection.getTables()).map((x) => x.name);
    for (const name of [
      'accounts',
      'account_profiles',
      'posts',
      'follows',
      'enforcement',
      'quarantine',
      'ingest_cursor',
    ]) {
      expect(tables).toContain(name);
    }
    await t.database.migrate();
    const again = (await db.introspection.getTables()).map((x) => x.name);
    expect(again.sort()).toEqual(tables.sort());
  });

  it('migrates down to nothing and up again', async () => {
    t = await createTestDatabase(engine);
    const { db } = t.database;
    const names = Object.keys(migrations).reverse();
    for (const name of names) await migrations[name]?.down?.(db);
    const left = (await db.introspection.getTables())
      .map((x) => x.name)
      .filter((n) => n === 'posts' || n === 'accounts');
    expect(left).toEqual([]);
    for (const name of names.reverse()) await migrations[name]?.up(db);
    const rows = await sql<{ n: number }>`SELECT count(*) AS n FROM posts`.execute(db);
    expect(Number(rows.rows[0]?.n)).toBe(0);
  });
});
