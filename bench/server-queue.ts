// Queue reads with filters: p50/p99 of QueueService.list (cursor pages) against the named baseline,
// the same filters paged with OFFSET to the same depth. Items are inserted directly (synthetic).
// Bounded: N items (default 200,000) per engine, 300 reads per query shape.
//   npx tsx bench/server-queue.ts [ITEMS=200000]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { configFromEnv, readEnv, type DbConfig } from '../src/config/index.js';
import { logPriority, QueueService, type QueueFilter } from '../src/review/index.js';
import { openDatabase, type Database } from '../src/store/index.js';

const N = Number(process.argv[2] ?? 200_000);
const READS = 300;
const PAGE = 50;
const DEPTH = 5; // pages deep

const rand = (() => {
  let x = 42;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
})();
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const fill = async (database: Database) => {
  const rows = [];
  const base = Date.UTC(2026, 0, 1);
  for (let i = 0; i < N; i++) {
    const risk = rand();
    const reach = Math.floor(rand() ** 4 * 1e6);
    const sourceAt = new Date(base + Math.floor(rand() * 60 * 86400e3)).toISOString();
    rows.push({
      id: `post:${pick(['twitter', 'telegram', 'bluesky'])}:${i}`,
      kind: pick(['post', 'post', 'post', 'account', 'evasion', 'campaign']),
      platform: pick(['twitter', 'telegram', 'bluesky']),
      subject_id: String(i),
      account_id: `a${i % 5000}`,
      lang: pick(['ar', 'ar', 'ar', 'en', 'fr', 'ur']),
      label: pick(['extremist', 'hate', 'evasion']),
      risk,
      reach,
      reporters: 0,
      origin: 'proactive',
      source_at: sourceAt,
      log_priority: logPriority({ risk, reach, reporters: 0, sourceAt }),
      status: pick(['open', 'open', 'open', 'confirmed', 'dismissed', 'escalated']),
      claimed_by: null,
      claimed_until: null,
      decision: null,
      reason_code: null,
      note: null,
      decided_by: null,
      evidence: null,
      created_at: sourceAt,
      updated_at: sourceAt,
    });
    if (rows.length === 1000 || i === N - 1) {
      await database.db.insertInto('queue_items').values(rows.splice(0)).execute();
    }
  }
};

const SHAPES: Array<[string, QueueFilter]> = [
  ['status=open', { status: 'open' }],
  ['kind=post&status=open', { kind: 'post', status: 'open' }],
  ['platform+lang+riskMin', { platform: 'telegram', lang: 'en', riskMin: 0.8 }],
  ['time range + label', { from: '2026-02-01T00:00:00.000Z', to: '2026-02-08T00:00:00.000Z', label: 'hate' }],
];

const pct = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

const measure = async (database: Database, engine: string) => {
  const queue = new QueueService(database);
  const out: string[] = [];
  for (const [name, filter] of SHAPES) {
    const cursorTimes: number[] = [];
    const offsetTimes: number[] = [];
    for (let r = 0; r < READS / DEPTH; r++) {
      let cursor: string | undefined;
      for (let d = 0; d < DEPTH; d++) {
        const t = performance.now();
        const page = await queue.list({ ...filter, limit: PAGE, cursor });
        cursorTimes.push(performance.now() - t);
        cursor = page.nextCursor ?? undefined;
        if (!cursor) break;
      }
      for (let d = 0; d < DEPTH; d++) {
        // Baseline: the same page by OFFSET (what a naive API would do).
        const t = performance.now();
        let q = database.db
          .selectFrom('queue_items')
          .selectAll()
          .orderBy('log_priority', 'desc')
          .orderBy('id')
          .limit(PAGE)
          .offset(d * PAGE);
        if (filter.status) q = q.where('status', '=', filter.status);
        if (filter.kind) q = q.where('kind', '=', filter.kind);
        if (filter.platform) q = q.where('platform', '=', filter.platform);
        if (filter.lang) q = q.where('lang', '=', filter.lang);
        if (filter.label) q = q.where('label', '=', filter.label);
        if (filter.riskMin !== undefined) q = q.where('risk', '>=', filter.riskMin);
        if (filter.from) q = q.where('source_at', '>=', filter.from);
        if (filter.to) q = q.where('source_at', '<=', filter.to);
        await q.execute();
        offsetTimes.push(performance.now() - t);
      }
    }
    const f = (n: number) => n.toFixed(1);
    out.push(
      `| ${engine} | ${name} | ${f(pct(cursorTimes, 0.5))} / ${f(pct(cursorTimes, 0.99))} | ${f(pct(offsetTimes, 0.5))} / ${f(pct(offsetTimes, 0.99))} | ${(pct(offsetTimes, 0.99) / pct(cursorTimes, 0.99)).toFixed(2)} |`,
    );
  }
  return out;
};

const run = async () => {
  const cfg = configFromEnv(readEnv());
  const lines = [
    '| engine | filter | cursor p50 / p99 ms | OFFSET baseline p50 / p99 ms | p99 ratio baseline/cursor |',
    '|---|---|---|---|---|',
  ];
  const dir = mkdtempSync(path.join(tmpdir(), 'marsad-bench-queue-'));
  try {
    const sqlite = await openDatabase({ dialect: 'sqlite', path: path.join(dir, 'q.db') });
    await fill(sqlite);
    lines.push(...(await measure(sqlite, 'sqlite')));
    await sqlite.close();
    const admin = new pg.Client({ connectionString: cfg.pgTestUrl, connectionTimeoutMillis: 3000 });
    const name = `marsad_bench_${Date.now()}`;
    try {
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(cfg.pgTestUrl);
      url.pathname = `/${name}`;
      const pgCfg: DbConfig = { dialect: 'postgres', url: url.toString() };
      const pgDb = await openDatabase(pgCfg);
      await fill(pgDb);
      await sql`ANALYZE queue_items`.execute(pgDb.db);
      lines.push(...(await measure(pgDb, 'postgres')));
      await pgDb.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } catch (err) {
      lines.push(`| postgres | skipped: ${(err as Error).message} | | | |`);
    } finally {
      await admin.end().catch(() => undefined);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `machine: ${cpus().length} cores, Node ${process.version}; ${N} queue items; pages of ${PAGE}, ${DEPTH} deep; loaded shared machine`,
  );
  console.log(lines.join('\n'));
};

await run();
