import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { createTestDatabase, pgAvailable } from '../helpers/db.js';
import { account, dumpTables, ndjson, post } from './ingest-fixtures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'marsad-ingest-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fresh = (): { db: string; file: (name: string, content: string | Buffer) => string } => {
  const caseDir = mkdtempSync(path.join(dir, 'case-'));
  return {
    db: path.join(caseDir, 'marsad.db'),
    file: (name, content) => {
      const file = path.join(caseDir, name);
      writeFileSync(file, content);
      return file;
    },
  };
};

const withDb = async <T>(file: string, fn: (d: Database) => Promise<T>): Promise<T> => {
  const d = await openDatabase({ dialect: 'sqlite', path: file });
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
};

const GOOD_BEFORE = [account('a1'), post('p1', 'a1')];
const GOOD_AFTER = [post('p2', 'a1')];

interface BadCase {
  name: string;
  bad: string | Buffer;
  field: string;
  reason: RegExp;
  /** A bad last line without newline (nothing after it). */
  last?: boolean;
  rawIncludes: string;
}

const TEN_MB = 10 * 1024 * 1024;
const CASES: BadCase[] = [
  {
    name: 'a malformed line',
    bad: '{"type":"post","id":"p9",',
    field: '',
    reason: /invalid JSON/,
    rawIncludes: '"id":"p9",',
  },
  {
    name: 'a wrong type',
    bad: post('p9', 'a1', { text: 42 }),
    field: 'text',
    reason: /expected string, got number/,
    rawIncludes: '"text":42',
  },
  {
    name: 'a missing field',
    bad: post('p9', 'a1', { account_id: undefined }),
    field: 'account_id',
    reason: /required field is missing/,
    rawIncludes: '"id":"p9"',
  },
  {
    name: 'a post from an unknown account',
    bad: post('p9', 'ghost'),
    field: 'account_id',
    reason: /unknown account "ghost"/,
    rawIncludes: '"account_id":"ghost"',
  },
  {
    name: 'invalid UTF-8',
    bad: Buffer.concat([
      Buffer.from('{"type":"post","platform":"twitter","id":"p9","account_id":"a1","text":"caf'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('","created_at":"2024-02-01T10:00:00Z"}'),
    ]),
    field: '',
    reason: /invalid UTF-8/,
    rawIncludes: '\uFFFD',
  },
  {
    name: 'a 10 MB line',
    bad: post('p9', 'a1', { text: 'ا'.repeat(TEN_MB / 2) }),
    field: '',
    reason: /over the 1 MiB limit/,
    rawIncludes: '"id":"p9"',
  },
  {
    name: 'a truncated last line',
    bad: '{"type":"post","platform":"twitter","id":"p9","acc',
    field: '',
    reason: /truncat|unterminated|incomplete|cut/i,
    last: true,
    rawIncludes: '"id":"p9","acc',
  },
];

describe('marsad ingest with bad input (SQLite, end to end)', () => {
  it.each(CASES)(
    'quarantines $name with file, line, field and reason, stores the good records around it, exits 2',
    async (c) => {
      const { db, file } = fresh();
      const lines = c.last ? [...GOOD_BEFORE, ...GOOD_AFTER] : GOOD_BEFORE;
      const head = Buffer.from(`${lines.join('\n')}\n`);
      const tail = c.last ? Buffer.alloc(0) : Buffer.from(`\n${GOOD_AFTER.join('\n')}\n`);
      const badLine = lines.length + 1;
      const input = file('input.ndjson', Buffer.concat([head, Buffer.from(c.bad), tail]));

      const res = await runCli(['--db', db, 'ingest', input]);
      expect(res.code, res.stderr).toBe(2);
      const message = res.stderr.split('\n').find((l) => l.startsWith(`${input}:${badLine}:`));
      expect(message, res.stderr).toBeDefined();
      expect(message).toMatch(c.field ? `field "${c.field}"` : 'record:');
      expect(message).toMatch(c.reason);
      expect(res.stdout).toMatch(/stored 3, duplicates 0, quarantined 1/);

      await withDb(db, async (d) => {
        const posts = await d.db.selectFrom('posts').select('id').orderBy('id').execute();
        expect(posts.map((p) => p.id)).toEqual(['p1', 'p2']);
        const rows = await d.db.selectFrom('quarantine').selectAll().execute();
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          source: input,
          line: badLine,
          field: c.field,
          byte_offset: head.length,
        });
        expect(rows[0]?.reason).toMatch(c.reason);
        expect(rows[0]?.raw).toContain(c.rawIncludes);
      });
    },
  );

  it('exits 0 and stores nothing twice when a clean file is ingested again', async () => {
    const { db, file } = fresh();
    const input = file('clean.ndjson', ndjson(...GOOD_BEFORE, ...GOOD_AFTER));
    const first = await runCli(['--db', db, 'ingest', input]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/read 3, stored 3, duplicates 0, quarantined 0/);
    const before = await withDb(db, dumpTables);
    const second = await runCli(['--db', db, 'ingest', input]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/read 3, stored 0, duplicates 3, quarantined 0/);
    expect(await withDb(db, dumpTables)).toEqual(before);
  });

  it('exits 1 with a message on a missing file', async () => {
    const { db } = fresh();
    const res = await runCli(['--db', db, 'ingest', path.join(dir, 'nope.ndjson')]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/nope\.ndjson.*no such file/);
  });

  it('lists and exports quarantined records with their raw text', async () => {
    const { db, file } = fresh();
    const input = file('q.ndjson', ndjson(...GOOD_BEFORE, post('p9', 'ghost'), 'not json at all'));
    expect((await runCli(['--db', db, 'ingest', input])).code).toBe(2);
    const list = await runCli(['--db', db, 'quarantine', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(`${input}:3`);
    expect(list.stdout).toContain(`${input}:4`);
    expect(list.stdout).toMatch(/unknown account "ghost"/);
    const out = path.join(path.dirname(input), 'q-export.ndjson');
    const exp = await runCli(['--db', db, 'quarantine', 'export', '--out', out]);
    expect(exp.code, exp.stderr).toBe(0);
    const { readFileSync } = await import('node:fs');
    const records = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => [r['line'], r['field']])).toEqual([
      [3, 'account_id'],
      [4, ''],
    ]);
    expect(records[1]?.['raw']).toBe('not json at all');
    const limited = await runCli(['--db', db, 'quarantine', 'list', '--limit', '1', '--source', input]);
    expect(limited.stdout).toMatch(/1 of 2/);
  });
});

const PG = await pgAvailable();

describe.runIf(PG)('marsad ingest into PostgreSQL via MARSAD_DB_URL', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeEach(async () => {
    t = await createTestDatabase('postgres');
  });
  afterEach(async () => {
    await t.drop();
  });

  it('stores, quarantines and stays idempotent on PostgreSQL', async () => {
    const { file } = fresh();
    const input = file('pg.ndjson', ndjson(...GOOD_BEFORE, post('p9', 'ghost'), ...GOOD_AFTER));
    const env = { MARSAD_DB_URL: t.config.dialect === 'postgres' ? t.config.url : '' };
    const first = await runCli(['ingest', input], { env });
    expect(first.code, first.stderr).toBe(2);
    expect(first.stdout).toMatch(/stored 3, duplicates 0, quarantined 1/);
    const before = await dumpTables(t.database);
    const second = await runCli(['ingest', input], { env });
    expect(second.stdout).toMatch(/stored 0, duplicates 3, quarantined 1/);
    expect(await dumpTables(t.database)).toEqual(before);
    expect(before['posts']).toHaveLength(2);
    expect(before['quarantine']).toHaveLength(1);
  });
});
