import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeQuarantined, IngestService } from '../../src/ingest/ingest-service.js';
import type { QuarantineInput } from '../../src/store/index.js';
import { ROOT } from '../helpers/cli.js';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db.js';
import { account, dumpTables, line, ndjson, post } from './ingest-fixtures.js';

const ENGINES = await engines();

describe.each(ENGINES)('ingestion service on %s', (engine) => {
  let t: TestDatabase;
  let dir: string;
  const write = (name: string, text: string | Buffer): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  beforeEach(async () => {
    t = await createTestDatabase(engine);
    dir = mkdtempSync(path.join(tmpdir(), 'marsad-ingest-'));
  });
  afterEach(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores good records around bad ones and quarantines the bad ones with line, field and reason', async () => {
    const file = write(
      'mixed.ndjson',
      ndjson(
        account('a1'),
        post('p1', 'a1'),
        '{"type":"post",',
        post('p2', 'a1', { text: 42 }),
        post('p3', 'a1'),
      ),
    );
    const seen: QuarantineInput[] = [];
    const summary = await new IngestService(t.database, { onQuarantine: (q) => seen.push(q) }).ingestFile(
      file,
    );
    expect(summary).toMatchObject({ format: 'canonical', read: 5, stored: 3, duplicates: 0, quarantined: 2 });
    expect(seen.map((q) => [q.line, q.field])).toEqual([
      [3, ''],
      [4, 'text'],
    ]);
    expect(describeQuarantined(seen[1] as QuarantineInput)).toBe(
      `${file}:4: field "text": expected string, got number (quarantined)`,
    );
    const rows = await t.database.db.selectFrom('quarantine').selectAll().orderBy('id').execute();
    expect(rows.map((r) => r.raw)).toEqual(['{"type":"post",', post('p2', 'a1', { text: 42 })]);
    const posts = await t.database.db.selectFrom('posts').select('id').orderBy('id').execute();
    expect(posts.map((p) => p.id)).toEqual(['p1', 'p3']);
  });

  it('quarantines a post whose account is unknown, and stores it once the account is known', async () => {
    const service = new IngestService(t.database);
    const first = await service.ingestFile(
      write('posts.ndjson', ndjson(post('p1', 'a1'), account('a1'), post('p2', 'a1'))),
    );
    expect(first).toMatchObject({ stored: 2, quarantined: 1 });
    const row = await t.database.db.selectFrom('quarantine').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ line: 1, field: 'account_id' });
    expect(row.reason).toContain('unknown account "a1" on twitter');
    expect(JSON.parse(row.raw)).toMatchObject({ id: 'p1', account_id: 'a1' });
  });

  it('finds accounts stored by an earlier run in the database, with a cache smaller than the accounts', async () => {
    await new IngestService(t.database).ingestFile(
      write('accounts.ndjson', ndjson(account('a1'), account('a2'), account('a3'))),
    );
    // A fresh service (empty cache, room for one account) must look the others up.
    const service = new IngestService(t.database, { knownAccounts: 1, batchSize: 2 });
    const summary = await service.ingestFile(
      write(
        'posts.ndjson',
        ndjson(post('p1', 'a1'), post('p2', 'a2'), post('p3', 'a3'), post('p4', 'a1'), post('p5', 'a9')),
      ),
    );
    expect(summary).toMatchObject({ stored: 4, quarantined: 1 });
  });

  it('checks the follower and the enforced account or post, not the followed account', async () => {
    const events = ndjson(
      account('a1'),
      post('p1', 'a1'),
      line({
        type: 'follow',
        platform: 'twitter',
        src: 'a1',
        dst: 'outside',
        created_at: '2024-02-02T00:00:00Z',
      }),
      line({
        type: 'follow',
        platform: 'twitter',
        src: 'ghost',
        dst: 'a1',
        created_at: '2024-02-02T00:00:00Z',
      }),
      line({
        type: 'enforcement',
        platform: 'twitter',
        post_id: 'p1',
        action: 'remove',
        created_at: '2024-02-03T00:00:00Z',
      }),
      line({
        type: 'enforcement',
        platform: 'twitter',
        post_id: 'p404',
        action: 'remove',
        created_at: '2024-02-03T00:00:00Z',
      }),
      line({
        type: 'enforcement',
        platform: 'twitter',
        account_id: 'ghost',
        action: 'suspend',
        created_at: '2024-02-03T00:00:00Z',
      }),
      line({
        type: 'profile_update',
        platform: 'twitter',
        account_id: 'ghost',
        name: 'x',
        created_at: '2024-02-03T00:00:00Z',
      }),
    );
    const summary = await new IngestService(t.database).ingestFile(write('refs.ndjson', events));
    expect(summary).toMatchObject({ stored: 4, quarantined: 4 });
    const fields = await t.database.db
      .selectFrom('quarantine')
      .select(['line', 'field'])
      .orderBy('line')
      .execute();
    expect(fields).toEqual([
      { line: 4, field: 'src' },
      { line: 6, field: 'post_id' },
      { line: 7, field: 'account_id' },
      { line: 8, field: 'account_id' },
    ]);
  });

  it('leaves the database identical when the same file is ingested twice', async () => {
    const file = write(
      'twice.ndjson',
      ndjson(
        account('a1', { bio: 'مراسل' }),
        post('p1', 'a1'),
        line({
          type: 'profile_update',
          platform: 'twitter',
          account_id: 'a1',
          bio: 'مراسلة',
          created_at: '2024-03-01T00:00:00Z',
        }),
        line({
          type: 'follow',
          platform: 'twitter',
          src: 'a1',
          dst: 'a2',
          created_at: '2024-02-02T00:00:00Z',
        }),
        'not json',
      ),
    );
    const first = await new IngestService(t.database, { batchSize: 2 }).ingestFile(file);
    const before = await dumpTables(t.database);
    const second = await new IngestService(t.database, { batchSize: 3 }).ingestFile(file);
    expect(await dumpTables(t.database)).toEqual(before);
    expect(first).toMatchObject({ stored: 4, duplicates: 0, quarantined: 1 });
    expect(second).toMatchObject({ stored: 0, duplicates: 4, quarantined: 1 });
  });

  it('reports new events to onStored and every valid event, duplicates included, to onValid', async () => {
    const file = write('hooks.ndjson', ndjson(account('a1'), post('p1', 'a1'), 'not json', post('p2', 'a1')));
    const run = async () => {
      const stored: string[] = [];
      const valid: string[] = [];
      await new IngestService(t.database, {
        batchSize: 2,
        onStored: (events) => stored.push(...events.map((e) => e.type + ':' + ('id' in e ? e.id : ''))),
        onValid: (events) => valid.push(...events.map((e) => e.type + ':' + ('id' in e ? e.id : ''))),
      }).ingestFile(file);
      return { stored, valid };
    };
    const all = ['account:a1', 'post:p1', 'post:p2'];
    expect(await run()).toEqual({ stored: all, valid: all });
    // A retried request: nothing is new, but everything valid is still reported (distributed mode re-publishes it).
    expect(await run()).toEqual({ stored: [], valid: all });
  });

  it('resumes an interrupted file at its cursor, and starts over when the file changed', async () => {
    const lines = [account('a1'), ...Array.from({ length: 9 }, (_, i) => post(`p${i}`, 'a1'))];
    const file = write('resume.ndjson', ndjson(...lines));
    const full = Buffer.byteLength(ndjson(...lines.slice(0, 5)));
    // What a crash after the first committed batch leaves: five records stored, cursor after line 5.
    await new IngestService(t.database).ingestFile(write('head.ndjson', ndjson(...lines.slice(0, 5))));
    const { size, mtimeMs } = await import('node:fs').then((fs) => fs.statSync(file));
    await t.database.db
      .insertInto('ingest_cursor')
      .values({
        source: file,
        fingerprint: `${size}:${Math.trunc(mtimeMs)}`,
        byte_offset: full,
        line: 5,
        complete: 0,
        updated_at: 'x',
      })
      .execute();
    const resumed = await new IngestService(t.database).ingestFile(file);
    expect(resumed).toMatchObject({
      read: 5,
      stored: 5,
      duplicates: 0,
      resumedFrom: { offset: full, line: 5 },
    });
    const cursor = await t.database.db
      .selectFrom('ingest_cursor')
      .selectAll()
      .where('source', '=', file)
      .executeTakeFirstOrThrow();
    expect(cursor).toMatchObject({ byte_offset: size, complete: 1 });
    // Complete: a new run reads everything again and stores nothing twice.
    const again = await new IngestService(t.database).ingestFile(file);
    expect(again).toMatchObject({ read: 10, stored: 0, duplicates: 10, resumedFrom: undefined });
    expect(await t.database.db.selectFrom('posts').select('id').execute()).toHaveLength(9);
  });

  it('starts over when the file changed since the interrupted run', async () => {
    const file = write('changed.ndjson', ndjson(account('a1'), post('p1', 'a1'), post('p2', 'a1')));
    await t.database.db
      .insertInto('ingest_cursor')
      .values({ source: file, fingerprint: '1:1', byte_offset: 40, line: 1, complete: 0, updated_at: 'x' })
      .execute();
    const summary = await new IngestService(t.database).ingestFile(file);
    expect(summary).toMatchObject({ read: 3, stored: 3, quarantined: 0, resumedFrom: undefined });
  });

  it('ingests the shipped sample with nothing quarantined', async () => {
    const summary = await new IngestService(t.database).ingestFile(
      path.join(ROOT, 'samples/observatory-sample.ndjson'),
    );
    expect(summary.quarantined).toBe(0);
    expect(summary.stored).toBe(summary.read);
    expect(summary.read).toBeGreaterThan(300);
    const { db } = t.database;
    const tags = await db
      .selectFrom('posts')
      .select('hashtags')
      .where('hashtags', 'like', '%معا_ضد_الكراهية%')
      .execute();
    expect(tags.length).toBeGreaterThan(0);
    expect(await db.selectFrom('enforcement').selectAll().execute()).toHaveLength(1);
    expect(
      await db.selectFrom('account_profiles').select('kind').where('kind', '=', 'profile_update').execute(),
    ).toHaveLength(2);
  });
});
