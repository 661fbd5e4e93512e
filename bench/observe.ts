// Overview latency (GET /v1/observe/overview's service) on a detected scenario, against the named
// baseline: the same reads on the same data without migration 202611230420-observe-indexes (its
// `down`, which restores the indexes that were there before). Both sides run in one process, one
// after the other per round. The database comes from:
//   marsad simulate --scale medium --seed 1 --out sim/m1
//   marsad --db medium.db detect --input sim/m1/stream.ndjson --out sim/m1-out
//   npx tsx bench/observe.ts medium.db [--runs 5] [--pg]
// `--pg` also copies the tables the observatory reads into a fresh PostgreSQL database (MARSAD_PG_TEST_URL)
// and measures there (dropped at the end). Reports wall and CPU time (process.cpuUsage) per call:
// the machine is shared, CPU time is the steadier figure.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { configFromEnv, readEnv } from '../src/config/index.js';
import { ObserveService, type Bucket } from '../src/observe/index.js';
import { migrations } from '../src/store/migrations/index.js';
import { openDatabase, type Database } from '../src/store/index.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) throw new Error('usage: npx tsx bench/observe.ts MEDIUM.db [--runs N] [--pg]');
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const withPg = args.includes('--pg');
const MIGRATION = migrations['202611230420-observe-indexes']!;
// Without the reply/quote indexes the baseline's replies query scans the platform's posts once per
// flagged post (it ran > 4 min of CPU without finishing on medium), so the baseline keeps those two:
// it measures what the other indexes of the migration bring.
const down = async (db: Database['db']) => {
  await MIGRATION.down!(db);
  await sql`CREATE INDEX posts_reply_idx ON posts (platform, reply_to, created_at) WHERE reply_to IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX posts_quote_idx ON posts (platform, quote_of, created_at) WHERE quote_of IS NOT NULL`.execute(
    db,
  );
};

interface Sample {
  wall: number;
  cpu: number;
}

const measure = async (f: () => Promise<unknown>): Promise<Sample> => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const QUERIES: Array<{ name: string; bucket: Bucket; platform?: string; lang?: string }> = [
  { name: 'day (first screen)', bucket: 'day' },
  { name: 'hour', bucket: 'hour' },
  { name: 'week', bucket: 'week' },
  { name: 'day, lang=ar', bucket: 'day', lang: 'ar' },
];

const TABLES = [
  'accounts',
  'posts',
  'enforcement',
  'decisions_posts',
  'decisions_accounts',
  'decisions_evasion',
  'campaigns',
  'hashtag_buckets',
] as const;

/** Copies what the observatory reads from SQLite into PostgreSQL, in chunks. */
const copyToPg = async (from: Database, to: Database) => {
  for (const table of TABLES) {
    let offset = 0;
    for (;;) {
      const rows = await sql<
        Record<string, unknown>
      >`SELECT * FROM ${sql.table(table)} LIMIT 5000 OFFSET ${offset}`.execute(from.db);
      if (rows.rows.length === 0) break;
      const cols = Object.keys(rows.rows[0]!).length;
      const per = Math.floor(60_000 / cols);
      for (let i = 0; i < rows.rows.length; i += per)
        await to.db
          .insertInto(table as never)
          .values(rows.rows.slice(i, i + per) as never)
          .execute();
      offset += rows.rows.length;
    }
  }
  await sql`ANALYZE`.execute(to.db);
};

type Side = { label: string; database: Database; observe: ObserveService };

const runEngine = async (engine: string, indexed: Side, baseline: Side) => {
  const rows: string[] = [];
  for (const q of QUERIES) {
    const { name, ...query } = q;
    const first: Record<string, Sample> = {};
    const samples: Record<string, Sample[]> = { [indexed.label]: [], [baseline.label]: [] };
    for (let r = 0; r < RUNS; r++) {
      // Alternate the order so that neither side always runs on a warmer cache.
      for (const side of r % 2 ? [baseline, indexed] : [indexed, baseline]) {
        const s = await measure(() => side.observe.overview(query));
        if (r === 0) first[side.label] = s;
        else samples[side.label]!.push(s);
      }
    }
    const cell = (label: string) => {
      const xs = samples[label]!;
      return `${first[label]!.wall.toFixed(0)} / ${median(xs.map((x) => x.wall)).toFixed(0)} / ${median(xs.map((x) => x.cpu)).toFixed(0)}`;
    };
    const ratio =
      median(samples[baseline.label]!.map((x) => x.cpu)) / median(samples[indexed.label]!.map((x) => x.cpu));
    rows.push(
      `| ${engine} | ${name} | ${cell(indexed.label)} | ${cell(baseline.label)} | ${ratio.toFixed(2)} |`,
    );
    console.error(rows[rows.length - 1]);
  }
  return rows;
};

const main = async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'marsad-bench-observe-'));
  const out: string[] = [];
  try {
    const pathA = path.join(dir, 'indexed.db');
    const pathB = path.join(dir, 'baseline.db');
    copyFileSync(file, pathA);
    copyFileSync(file, pathB);
    const a = await openDatabase({ dialect: 'sqlite', path: pathA });
    const b = await openDatabase({ dialect: 'sqlite', path: pathB });
    await down(b.db);
    const posts = await a.db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    console.error(
      `posts: ${posts?.n}; load average before: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    const sides = (x: Database, y: Database): [Side, Side] => [
      { label: 'indexed', database: x, observe: new ObserveService(x) },
      { label: 'baseline', database: y, observe: new ObserveService(y) },
    ];
    out.push(...(await runEngine('sqlite', ...sides(a, b))));

    if (withPg) {
      const cfg = configFromEnv(readEnv());
      const names = [0, 1].map(() => `marsad_bench_${randomBytes(5).toString('hex')}`);
      const admin = new pg.Client({ connectionString: cfg.pgTestUrl });
      await admin.connect();
      for (const n of names) await admin.query(`CREATE DATABASE ${n}`);
      const url = (n: string) => Object.assign(new URL(cfg.pgTestUrl), { pathname: `/${n}` }).toString();
      const pa = await openDatabase({ dialect: 'postgres', url: url(names[0]!) });
      const pb = await openDatabase({ dialect: 'postgres', url: url(names[1]!) });
      try {
        const t0 = performance.now();
        await copyToPg(a, pa);
        await copyToPg(a, pb);
        await down(pb.db);
        await sql`ANALYZE`.execute(pb.db);
        console.error(`copied to PostgreSQL in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        out.push(...(await runEngine('postgres', ...sides(pa, pb))));
      } finally {
        await pa.close();
        await pb.close();
        for (const n of names) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
        await admin.end();
      }
    }
    await a.close();
    await b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `runs: ${RUNS} per side (first call reported apart); ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`,
  );
  console.log(
    `load average after: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    '| engine | overview | indexed: first / median wall / median CPU ms | baseline: first / median wall / median CPU ms | CPU ratio baseline/indexed |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of out) console.log(r);
};

await main();
