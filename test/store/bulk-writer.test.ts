import { afterEach, describe, expect, it } from 'vitest';
import { parseEvent, type CanonicalEvent } from '../../src/events/index.js';
import { createBulkWriter, RAW_CAP_BYTES } from '../../src/store/index.js';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db.js';
import { dumpTables } from '../ingest/ingest-fixtures.js';

const ENGINES = await engines();

const ev = (value: Record<string, unknown>): CanonicalEvent => parseEvent(value);

// Invented accounts and posts: ordinary talk and news, in Arabic and English.
const EVENTS: CanonicalEvent[] = [
  ev({
    type: 'account',
    platform: 'twitter',
    id: 'a1',
    handle: 'salma_news',
    name: 'سلمى للأخبار',
    bio: 'أخبار محلية',
    followers_count: 120,
    created_at: '2024-01-01T00:00:00Z',
  }),
  ev({
    type: 'account',
    platform: 'twitter',
    id: 'a2',
    handle: 'omar_reads',
    name: 'Omar',
    created_at: '2024-01-02T00:00:00Z',
  }),
  ev({
    type: 'post',
    platform: 'twitter',
    id: 'p1',
    account_id: 'a1',
    text: 'صباح الخير #طقس_اليوم @omar_reads https://example.org/a',
    created_at: '2024-02-01T08:00:00Z',
  }),
  ev({
    type: 'post',
    platform: 'twitter',
    id: 'p2',
    account_id: 'a2',
    text: 'Reading the morning paper',
    hashtags: ['news'],
    reply_to: 'p1',
    media: [{ kind: 'image', url: 'https://example.org/i.png' }],
    created_at: '2024-02-01T08:05:00Z',
  }),
  ev({ type: 'follow', platform: 'twitter', src: 'a2', dst: 'a1', created_at: '2024-02-01T09:00:00Z' }),
  ev({
    type: 'profile_update',
    platform: 'twitter',
    account_id: 'a1',
    name: 'سلمى',
    bio: 'نشرة الصباح',
    created_at: '2024-03-01T00:00:00Z',
  }),
  ev({
    type: 'enforcement',
    platform: 'twitter',
    account_id: 'a2',
    action: 'suspend',
    reason: 'test',
    created_at: '2024-03-02T00:00:00Z',
  }),
  ev({
    type: 'post',
    platform: 'telegram',
    id: 'p1',
    account_id: 'c1',
    text: 'same id, other platform\u0000with a NUL',
    created_at: '2024-02-01T08:00:00Z',
  }),
];

describe.each(ENGINES)('bulk writer on %s', (engine) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.drop();
    t = undefined;
  });

  it('stores each event once: writing the same batch twice leaves identical tables', async () => {
    t = await createTestDatabase(engine);
    const writer = createBulkWriter(t.database);
    const quarantine = [
      {
        source: 'in.ndjson',
        line: 3,
        offset: 120,
        field: 'text',
        reason: 'required field is missing',
        raw: '{"type":"post"}',
      },
    ];
    const first = await writer.write({ events: EVENTS, quarantine });
    expect(first).toEqual({ inserted: EVENTS.length, duplicates: 0, quarantined: 1 });
    const before = await dumpTables(t.database);
    const second = await writer.write({ events: EVENTS, quarantine });
    expect(second).toEqual({ inserted: 0, duplicates: EVENTS.length, quarantined: 0 });
    expect(await dumpTables(t.database)).toEqual(before);
    expect(before['posts']).toHaveLength(3);
  });

  it('stores entities taken from the text, and lists as JSON', async () => {
    t = await createTestDatabase(engine);
    await createBulkWriter(t.database).write({ events: EVENTS, quarantine: [] });
    const p1 = await t.database.db
      .selectFrom('posts')
      .selectAll()
      .where('platform', '=', 'twitter')
      .where('id', '=', 'p1')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(p1.hashtags)).toEqual(['طقس_اليوم']);
    expect(JSON.parse(p1.mentions)).toEqual(['omar_reads']);
    expect(JSON.parse(p1.urls)).toEqual(['https://example.org/a']);
    expect(p1.media).toBeNull();
    const p2 = await t.database.db
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', 'p2')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(p2.hashtags)).toEqual(['news']);
    expect(JSON.parse(p2.media ?? 'null')).toEqual([{ kind: 'image', url: 'https://example.org/i.png' }]);
    expect(p2.reply_to).toBe('p1');
    const tg = await t.database.db
      .selectFrom('posts')
      .select('text')
      .where('platform', '=', 'telegram')
      .executeTakeFirstOrThrow();
    expect(tg.text).toBe('same id, other platform\uFFFDwith a NUL');
  });

  it('applies a profile update to the current profile and keeps the history', async () => {
    t = await createTestDatabase(engine);
    await createBulkWriter(t.database).write({ events: EVENTS, quarantine: [] });
    const { db } = t.database;
    const a1 = await db.selectFrom('accounts').selectAll().where('id', '=', 'a1').executeTakeFirstOrThrow();
    expect(a1).toMatchObject({
      handle: 'salma_news',
      name: 'سلمى',
      bio: 'نشرة الصباح',
      followers_count: 120,
      updated_at: '2024-03-01T00:00:00.000Z',
    });
    const history = await db
      .selectFrom('account_profiles')
      .selectAll()
      .where('account_id', '=', 'a1')
      .orderBy('created_at')
      .execute();
    expect(history.map((h) => [h.kind, h.name, h.bio])).toEqual([
      ['account', 'سلمى للأخبار', 'أخبار محلية'],
      ['profile_update', 'سلمى', 'نشرة الصباح'],
    ]);
  });

  it('keeps the current profile when an account event is seen again, and ignores an older profile update', async () => {
    t = await createTestDatabase(engine);
    const writer = createBulkWriter(t.database);
    await writer.write({ events: EVENTS, quarantine: [] });
    const again = ev({
      type: 'account',
      platform: 'twitter',
      id: 'a1',
      handle: 'salma_news',
      name: 'اسم آخر',
      created_at: '2024-01-01T00:00:00Z',
    });
    const older = ev({
      type: 'profile_update',
      platform: 'twitter',
      account_id: 'a1',
      name: 'قديم',
      created_at: '2024-02-15T00:00:00Z',
    });
    const result = await writer.write({ events: [again, older], quarantine: [] });
    expect(result).toEqual({ inserted: 1, duplicates: 1, quarantined: 0 });
    const a1 = await t.database.db
      .selectFrom('accounts')
      .select(['name', 'updated_at'])
      .where('id', '=', 'a1')
      .executeTakeFirstOrThrow();
    expect(a1).toEqual({ name: 'سلمى', updated_at: '2024-03-01T00:00:00.000Z' });
    const history = await t.database.db
      .selectFrom('account_profiles')
      .select('name')
      .where('account_id', '=', 'a1')
      .execute();
    expect(history).toHaveLength(3);
  });

  it('caps the stored raw text of a quarantined record and keeps its full length', async () => {
    t = await createTestDatabase(engine);
    const raw = `{"text":"${'ب'.repeat(100_000)}"`;
    await createBulkWriter(t.database).write({
      events: [],
      quarantine: [{ source: 'big.ndjson', line: 1, offset: 0, field: '', reason: 'not JSON', raw }],
    });
    const row = await t.database.db.selectFrom('quarantine').selectAll().executeTakeFirstOrThrow();
    expect(row.raw_length).toBe(Buffer.byteLength(raw));
    expect(Buffer.byteLength(row.raw)).toBeLessThanOrEqual(RAW_CAP_BYTES + 3);
    expect(raw.startsWith(row.raw.slice(0, 1000))).toBe(true);
  });

  it('commits the cursor with the batch and moves it forward', async () => {
    t = await createTestDatabase(engine);
    const writer = createBulkWriter(t.database);
    const cursor = { source: '/data/in.ndjson', fingerprint: '10:1', offset: 100, line: 4, complete: false };
    await writer.write({ events: EVENTS.slice(0, 2), quarantine: [], cursor });
    await writer.write({
      events: EVENTS.slice(2),
      quarantine: [],
      cursor: { ...cursor, offset: 200, line: 8, complete: true },
    });
    const rows = await t.database.db
      .selectFrom('ingest_cursor')
      .select(['source', 'byte_offset', 'line', 'complete'])
      .execute();
    expect(rows).toEqual([{ source: '/data/in.ndjson', byte_offset: 200, line: 8, complete: 1 }]);
  });

  it('rolls back the whole batch, cursor included, when a row fails', async () => {
    t = await createTestDatabase(engine);
    const writer = createBulkWriter(t.database);
    // A forged event that bypassed validation: NOT NULL on name fails inside the transaction.
    const bad = { ...EVENTS[1], id: 'a9', name: null } as unknown as CanonicalEvent;
    const cursor = { source: 'x', fingerprint: 'f', offset: 5, line: 1, complete: false };
    await expect(
      writer.write({ events: [EVENTS[0] as CanonicalEvent, bad], quarantine: [], cursor }),
    ).rejects.toThrow();
    const { db } = t.database;
    expect(await db.selectFrom('accounts').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('ingest_cursor').selectAll().execute()).toEqual([]);
  });
});
