import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHashtagDetector,
  createPostDecisionDetector,
  moduleSpec,
  runDetect,
  type Detector,
} from '../../src/pipeline/index.js';
import { BankService } from '../../src/match/index.js';
import { openDatabase } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db.js';
import {
  KEYWORD_CLASSIFIER,
  MIN,
  T0,
  account,
  generatedStream,
  iso,
  post,
  writeStream,
} from './fixtures/streams.js';
import { shareRiskDetector } from './fixtures/test-detectors.js';

const CONTRACT_FILES = [
  'posts.ndjson',
  'accounts.ndjson',
  'evasion.ndjson',
  'campaigns.ndjson',
  'hashtags.ndjson',
];
const outDir = () => mkdtempSync(path.join(tmpdir(), 'marsad-detect-'));
const lines = (dir: string, file: string): Array<Record<string, unknown>> =>
  readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const detectors = (): Detector[] => [
  createPostDecisionDetector(),
  shareRiskDetector(),
  createHashtagDetector(),
];
const classifier = moduleSpec(KEYWORD_CLASSIFIER);

describe('marsad detect outputs', () => {
  it('writes the five contract files, with fields in contract order, empty for detectors not built', async () => {
    const input = writeStream(generatedStream(50));
    const out = outDir();
    await runDetect({
      input,
      outDir: out,
      workers: 0,
      classifier,
      detectors: [createPostDecisionDetector(), createHashtagDetector()],
    });
    for (const f of CONTRACT_FILES) expect(existsSync(path.join(out, f))).toBe(true);
    for (const f of ['accounts.ndjson', 'evasion.ndjson', 'campaigns.ndjson'])
      expect(readFileSync(path.join(out, f), 'utf8')).toBe('');
    const posts = lines(out, 'posts.ndjson');
    expect(posts).toHaveLength(50);
    expect(Object.keys(posts[0] ?? {})).toEqual([
      'id',
      'platform',
      'account_id',
      'label',
      'scores',
      'flagged',
      'decided_at',
      'evidence',
    ]);
    expect(Object.keys(posts[1] ?? {})).toEqual([
      'id',
      'platform',
      'account_id',
      'label',
      'scores',
      'flagged',
      'decided_at',
    ]);
    const tags = lines(out, 'hashtags.ndjson');
    expect(Object.keys(tags[0] ?? {})).toEqual([
      'hashtag',
      'bucket_start',
      'posts',
      'accounts',
      'flagged_posts',
      'flagged_share',
    ]);
    // 17 of the 50 posts carry two hashtags ("#topic_one #Second").
    expect(tags.reduce((n, t) => n + (t['posts'] as number), 0)).toBe(67);
  });

  it('writes the latest version of each account once, in order of first emission', async () => {
    const input = writeStream([
      account('b', T0),
      account('a', T0 + 1),
      post('1', 'b', T0 + MIN, 'plain'),
      post('2', 'a', T0 + 2 * MIN, 'marker'),
      post('3', 'b', T0 + 3 * MIN, 'marker'),
      post('4', 'b', T0 + 4 * MIN, 'marker'),
    ]);
    const out = outDir();
    const summary = await runDetect({ input, outDir: out, workers: 0, classifier, detectors: detectors() });
    const accounts = lines(out, 'accounts.ndjson');
    expect(accounts).toEqual([
      {
        id: 'b',
        platform: 'sim',
        risk: 2 / 3,
        label: 'extremist',
        flagged_at: iso(T0 + 3 * MIN),
        evidence: ['2 of 3 posts flagged'],
      },
      {
        id: 'a',
        platform: 'sim',
        risk: 1,
        label: 'extremist',
        flagged_at: iso(T0 + 2 * MIN),
        evidence: ['1 of 1 posts flagged'],
      },
    ]);
    expect(summary.outputs.snapshotVersions).toBe(4);
  });

  it('quarantines a bad line with its line number and reason and goes on', async () => {
    const events: Array<object | string> = generatedStream(10);
    events.splice(
      4,
      0,
      '{"type":"post","platform":"sim"',
      JSON.stringify({ ...post('x', 'a0', T0 + 5, 'no time'), created_at: 'yesterday' }),
    );
    const input = writeStream(events);
    const out = outDir();
    const summary = await runDetect({ input, outDir: out, workers: 0, classifier, detectors: detectors() });
    expect(summary.stats.quarantined).toBe(2);
    expect(lines(out, 'posts.ndjson')).toHaveLength(10);
    const bad = lines(out, 'quarantine.ndjson');
    expect(bad.map((b) => [b['line'], b['field']])).toEqual([
      [5, ''],
      [6, 'created_at'],
    ]);
    expect(String(bad[0]?.['reason'])).toMatch(/JSON/);
    expect(String(bad[1]?.['reason'])).toMatch(/RFC 3339/);
  });

  it('runs from the command line with worker threads and prints a summary', async () => {
    const input = writeStream([...generatedStream(300), 'not json']);
    const out = outDir();
    const dbDir = mkdtempSync(path.join(tmpdir(), 'marsad-detect-db-'));
    const res = await runCli(
      [
        '--db',
        path.join(dbDir, 'm.db'),
        'detect',
        '--input',
        input,
        '--out',
        out,
        '--workers',
        '2',
        '--classifier-module',
        KEYWORD_CLASSIFIER,
      ],
      {},
    );
    expect(res.stderr).not.toMatch(/error/i);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/events: 305 /);
    expect(res.stdout).toMatch(/decisions: post 300, /);
    expect(res.stdout).toMatch(/bad records: 1/);
    expect(lines(out, 'posts.ndjson').map((p) => p['id'])).toEqual(
      Array.from({ length: 300 }, (_, i) => `p${i}`),
    );
    // The bad line is also quarantined in the database, with its line number and reason.
    const database = await openDatabase({ dialect: 'sqlite', path: path.join(dbDir, 'm.db') });
    try {
      const bad = await database.db.selectFrom('quarantine').select(['line', 'reason']).execute();
      expect(bad).toHaveLength(1);
      expect(bad[0]?.line).toBe(306);
      expect(bad[0]?.reason).toMatch(/JSON/);
      const posts = await database.db.selectFrom('decisions_posts').select('post_id').execute();
      expect(posts).toHaveLength(300);
    } finally {
      await database.close();
    }
  });

  it('matches posts against the hash banks before the detectors and stores the matches', async () => {
    const dbFile = path.join(mkdtempSync(path.join(tmpdir(), 'marsad-detect-db-')), 'm.db');
    const database = await openDatabase({ dialect: 'sqlite', path: dbFile });
    const hash = 'f0'.repeat(32);
    const banks = new BankService(database);
    await banks.createBank('known-media');
    await banks.addEntries('known-media', [{ signal: 'pdq', value: hash, label: 'propaganda' }]);
    await database.close();
    const input = writeStream([
      account('a', T0),
      post('1', 'a', T0 + MIN, 'with an image', { media: [{ kind: 'image', pdq: hash }] }),
      post('2', 'a', T0 + 2 * MIN, 'no image'),
    ]);
    const out = outDir();
    const res = await runCli(['--db', dbFile, 'detect', '--input', input, '--out', out, '--no-classify']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/match 1/);
    expect(lines(out, 'matches.ndjson').map((m) => [m['post_id'], m['bank'], m['distance']])).toEqual([
      ['1', 'known-media', 0],
    ]);
    const again = await openDatabase({ dialect: 'sqlite', path: dbFile });
    try {
      const rows = await again.db
        .selectFrom('matches')
        .select(['post_id', 'bank', 'signal', 'label'])
        .execute();
      expect(rows).toEqual([{ post_id: '1', bank: 'known-media', signal: 'pdq', label: 'propaganda' }]);
    } finally {
      await again.close();
    }
  });

  it('refuses to run without a text model unless told --no-classify', async () => {
    const input = writeStream(generatedStream(5));
    const dbDir = mkdtempSync(path.join(tmpdir(), 'marsad-detect-db-'));
    const db = ['--db', path.join(dbDir, 'm.db')];
    const env = { MARSAD_MODEL_PATH: '' };
    const noModel = await runCli(
      [...db, 'detect', '--input', input, '--out', outDir(), '--model', '/nonexistent/model.bin'],
      { env },
    );
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/model \/nonexistent\/model.bin does not exist/);
    const out = outDir();
    const ok = await runCli([...db, 'detect', '--input', input, '--out', out, '--no-classify'], { env });
    expect(ok.code).toBe(0);
    expect(readFileSync(path.join(out, 'posts.ndjson'), 'utf8')).toBe('');
    expect(lines(out, 'hashtags.ndjson').length).toBeGreaterThan(0);
  });
});

describe('detect --skip-detectors', () => {
  it('leaves out the named detectors (their files empty) and refuses an unknown name', async () => {
    const input = writeStream(generatedStream(20));
    const dbDir = mkdtempSync(path.join(tmpdir(), 'marsad-detect-db-'));
    const db = ['--db', path.join(dbDir, 'm.db')];
    const base = [...db, 'detect', '--input', input, '--no-classify'];
    const all = outDir();
    expect((await runCli([...base, '--out', all])).code).toBe(0);
    expect(lines(all, 'hashtags.ndjson').length).toBeGreaterThan(0);
    const skipped = outDir();
    const res = await runCli([...base, '--out', skipped, '--skip-detectors', 'hashtags, coordination']);
    expect(res.code).toBe(0);
    expect(readFileSync(path.join(skipped, 'hashtags.ndjson'), 'utf8')).toBe('');
    expect(readFileSync(path.join(skipped, 'campaigns.ndjson'), 'utf8')).toBe('');
    const bad = await runCli([...base, '--out', outDir(), '--skip-detectors', 'hashtag']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown detector hashtag \(detectors: posts, hashtags, account-risk/);
  });
});

describe.each(await engines())('detect storage on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t.drop();
  });

  const stream = () => [
    account('a', T0),
    account('b', T0 + 1),
    post('1', 'a', T0 + MIN, 'marker one #Tag'),
    post('2', 'b', T0 + 2 * MIN, 'plain #tag'),
    post('3', 'a', T0 + 3 * MIN, 'plain two'),
    post('4', 'a', T0 + 70 * MIN, 'marker three #tag'),
  ];

  it('stores events, post decisions with scores and evidence, account history and hashtag buckets', async () => {
    const input = writeStream(stream());
    await runDetect({
      input,
      outDir: outDir(),
      workers: 0,
      classifier,
      detectors: detectors(),
      database: t.database,
    });
    const db = t.database.db;
    const postsOfA = await db
      .selectFrom('decisions_posts')
      .selectAll()
      .where('platform', '=', 'sim')
      .where('account_id', '=', 'a')
      .orderBy('decided_at')
      .execute();
    expect(postsOfA.map((p) => [p.post_id, p.label, p.flagged])).toEqual([
      ['1', 'extremist', 1],
      ['3', 'other', 0],
      ['4', 'extremist', 1],
    ]);
    expect(JSON.parse(postsOfA[0]?.evidence ?? 'null')).toEqual(['«marker» +2.00']);
    expect(JSON.parse(postsOfA[0]?.scores ?? '{}')).toMatchObject({ extremist: 0.9 });
    expect(postsOfA[1]?.evidence).toBeNull();

    const history = await db
      .selectFrom('decisions_accounts')
      .select(['version', 'risk', 'flagged_at', 'decided_at'])
      .where('account_id', '=', 'a')
      .orderBy('version')
      .execute();
    expect(history).toEqual([
      { version: 1, risk: 1, flagged_at: iso(T0 + MIN), decided_at: iso(T0 + MIN) },
      { version: 2, risk: 0.5, flagged_at: iso(T0 + MIN), decided_at: iso(T0 + 3 * MIN) },
      { version: 3, risk: 2 / 3, flagged_at: iso(T0 + MIN), decided_at: iso(T0 + 70 * MIN) },
    ]);

    const buckets = await db.selectFrom('hashtag_buckets').selectAll().orderBy('bucket_start').execute();
    expect(buckets.map((b) => [b.hashtag, b.bucket_start, b.posts, b.accounts, b.flagged_posts])).toEqual([
      ['Tag', iso(T0), 2, 2, 1],
      ['tag', iso(T0 + 60 * MIN), 1, 1, 1],
    ]);
    expect(new Set(buckets.map((b) => b.hashtag_key)).size).toBe(1);

    const posts = await db.selectFrom('posts').select('id').execute();
    expect(posts).toHaveLength(4);
  });

  it('rewrites the same rows when the same stream is run again (idempotent)', async () => {
    const count = async () => {
      const db = t.database.db;
      const n = async (
        table: 'decisions_posts' | 'decisions_accounts' | 'hashtag_buckets' | 'posts' | 'accounts',
      ) =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      return [
        await n('decisions_posts'),
        await n('decisions_accounts'),
        await n('hashtag_buckets'),
        await n('posts'),
        await n('accounts'),
      ];
    };
    const before = await count();
    const input = writeStream(stream());
    await runDetect({
      input,
      outDir: outDir(),
      workers: 0,
      classifier,
      detectors: detectors(),
      database: t.database,
    });
    expect(await count()).toEqual(before);
    // Account history: a has 3 versions, b one.
    expect(before).toEqual([4, 4, 2, 4, 2]);
  });
});
