import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IngestService, type IngestSummary } from '../../src/ingest/ingest-service.js';
import type { QuarantineInput } from '../../src/store/index.js';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db.js';
import { account, dumpTables, line, ndjson, post } from './ingest-fixtures.js';

const ENGINES = await engines();

// A canonical file with every kind of record the parse worker must treat exactly as the
// single-thread path: entities to extract, explicit lists, bad JSON, a wrong type, an unknown
// account, invalid UTF-8, and a truncated last line.
const mixedFile = (): Buffer =>
  Buffer.concat([
    Buffer.from(
      ndjson(
        account('a1'),
        post('p1', 'a1', { text: 'مباراة اليوم #كرة_القدم مع @a2 https://example.org/x' }),
        post('p2', 'a1', { hashtags: ['given'], mentions: [], urls: [] }),
        '{"type":"post",',
        post('p3', 'a1', { text: 42 }),
        post('p4', 'a9'),
        account('a2', { bio: 'قارئ\u0000 الأخبار' }),
        line({
          type: 'follow',
          platform: 'twitter',
          src: 'a1',
          dst: 'a2',
          created_at: '2024-02-02T00:00:00Z',
        }),
        line({
          type: 'profile_update',
          platform: 'twitter',
          account_id: 'a2',
          name: 'اسم جديد',
          created_at: '2024-03-01T00:00:00Z',
        }),
        post('p5', 'a2', { created_at: '2024-03-02T01:02:03+02:00' }),
      ),
    ),
    Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]),
    Buffer.from(`${post('p6', 'a1')}\n${post('p7', 'a1').slice(0, 30)}`),
  ]);

const comparable = (s: IngestSummary): Partial<IngestSummary> => ({ ...s, elapsedMs: 0, rate: 0 });

describe.each(ENGINES)('parallel (worker thread) ingestion on %s', (engine) => {
  let a: TestDatabase;
  let b: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    a = await createTestDatabase(engine);
    b = await createTestDatabase(engine);
    dir = mkdtempSync(path.join(tmpdir(), 'marsad-parallel-'));
  });
  afterEach(async () => {
    await a.drop();
    await b.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const cursors = async (t: TestDatabase): Promise<unknown[]> =>
    t.database.db
      .selectFrom('ingest_cursor')
      .select(['source', 'fingerprint', 'byte_offset', 'line', 'complete'])
      .execute();

  it('stores, quarantines and commits the cursor exactly as the single-thread path', async () => {
    const file = path.join(dir, 'mixed.ndjson');
    writeFileSync(file, mixedFile());
    const seenA: QuarantineInput[] = [];
    const seenB: QuarantineInput[] = [];
    const single = await new IngestService(a.database, {
      batchSize: 3,
      parallel: false,
      onQuarantine: (q) => seenA.push(q),
    }).ingestFile(file);
    const parallel = await new IngestService(b.database, {
      batchSize: 3,
      parallel: true,
      onQuarantine: (q) => seenB.push(q),
    }).ingestFile(file);
    expect(single).toMatchObject({ read: 13, stored: 8, quarantined: 5 });
    expect(comparable(parallel)).toEqual(comparable(single));
    expect(seenB).toEqual(seenA);
    expect(await dumpTables(b.database)).toEqual(await dumpTables(a.database));
    expect(await cursors(b)).toEqual(await cursors(a));
    const p1 = await b.database.db
      .selectFrom('posts')
      .select(['hashtags', 'mentions', 'urls'])
      .where('id', '=', 'p1')
      .executeTakeFirstOrThrow();
    expect(p1).toEqual({
      hashtags: '["كرة_القدم"]',
      mentions: '["a2"]',
      urls: '["https://example.org/x"]',
    });
  });

  it('resumes an interrupted file at its cursor from the worker', async () => {
    const lines = [account('a1'), ...Array.from({ length: 9 }, (_, i) => post(`p${i}`, 'a1'))];
    const file = path.join(dir, 'resume.ndjson');
    writeFileSync(file, ndjson(...lines));
    const head = path.join(dir, 'head.ndjson');
    writeFileSync(head, ndjson(...lines.slice(0, 5)));
    await new IngestService(b.database, { parallel: true }).ingestFile(head);
    const { size, mtimeMs } = statSync(file);
    await b.database.db
      .insertInto('ingest_cursor')
      .values({
        source: file,
        fingerprint: `${size}:${Math.trunc(mtimeMs)}`,
        byte_offset: Buffer.byteLength(ndjson(...lines.slice(0, 5))),
        line: 5,
        complete: 0,
        updated_at: 'x',
      })
      .execute();
    const resumed = await new IngestService(b.database, { parallel: true }).ingestFile(file);
    expect(resumed).toMatchObject({ read: 5, stored: 5, duplicates: 0, resumedFrom: { line: 5 } });
    expect(await b.database.db.selectFrom('posts').select('id').execute()).toHaveLength(9);
    expect(await cursors(b)).toContainEqual(
      expect.objectContaining({ source: file, byte_offset: size, complete: 1 }),
    );
  });

  it('reports an unreadable file as an error and leaves no worker behind', async () => {
    const file = path.join(dir, 'gone.ndjson');
    await expect(new IngestService(b.database, { parallel: true }).ingestFile(file)).rejects.toThrow(
      /no such file/,
    );
  });
});
