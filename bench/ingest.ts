// Ingest benchmark (issue 2): run with `npx tsx bench/ingest.ts [--events N] [--no-pg] [--baseline-events N]
// [--stages parse,head,ingest,single,pg,baseline]`. Generates a canonical NDJSON file in /tmp (streamed),
// then measures in separate child processes (so that each peak RSS is its own): (a) parse only,
// (b) ingest into SQLite through the service the CLI uses, and the same as it was at commit c28d5e8
// ("head": indexes kept during the load, items sent from the parse worker as objects; bench/ingest-head-*.ts)
// or before it ("single": one thread, 5,000 events per transaction; not run by default), (c) the
// same into PostgreSQL, and (d) the bulk writer against per-batch Kysely inserts on a smaller file,
// on both engines. Prints a Markdown table.
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { configFromEnv, readEnv } from '../src/config/index.js';
import type { CanonicalEvent } from '../src/events/index.js';
import path from 'node:path';
import { pino } from 'pino';
import { canonicalConnector } from '../src/ingest/canonical.js';
import { IngestService } from '../src/ingest/ingest-service.js';
import { openConnectorInput } from '../src/ingest/input.js';
import type { Connector } from '../src/ingest/types.js';
import { createBulkWriter, openDatabase, type Database } from '../src/store/index.js';
import { writeSyntheticFile } from './ingest-data.js';
import { readCanonicalInHeadWorker } from './ingest-head-reader.js';
import { kyselyBatchWrite } from './ingest-kysely-baseline.js';

interface StageResult {
  stage: string;
  events: number;
  wallMs: number;
  cpuMs: number;
  /** CPU time of the main thread alone (Linux), the critical path when parsing runs in a worker. */
  mainCpuMs: number | undefined;
  maxRssMb: number;
  /** RSS in MiB at each tenth of the input, to show that memory stays flat. */
  rssAlong: number[];
  /** 1-minute load average at the start and at the end of the stage. */
  load: [number, number];
  /** Wall time of the index build at the end of the load (deferred indexes), when there was one. */
  indexBuildMs?: number;
}

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '5000000' },
    'baseline-events': { type: 'string', default: '200000' },
    'no-pg': { type: 'boolean', default: false },
    stages: { type: 'string', default: 'parse,head,ingest,pg,baseline' },
    stage: { type: 'string' },
    file: { type: 'string' },
    db: { type: 'string' },
  },
});

// utime + stime of the calling thread, in ms (clock ticks of 10 ms); undefined off Linux.
const threadCpuMs = (): number | undefined => {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
};

const rssMb = (): number => Math.round(process.memoryUsage().rss / 2 ** 20);
const maxRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

const measure = async (
  stage: string,
  totalBytes: number,
  run: (onBytes: (b: number) => void) => Promise<number>,
): Promise<StageResult> => {
  const rssAlong: number[] = [];
  const onBytes = (b: number): void => {
    while (rssAlong.length < 10 && b >= ((rssAlong.length + 1) * totalBytes) / 10) rssAlong.push(rssMb());
  };
  const l0 = loadavg()[0] ?? 0;
  const c0 = process.cpuUsage();
  const m0 = threadCpuMs();
  const t0 = performance.now();
  const events = await run(onBytes);
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const m1 = threadCpuMs();
  const mainCpuMs = m0 !== undefined && m1 !== undefined ? m1 - m0 : undefined;
  return {
    stage,
    events,
    wallMs,
    cpuMs: (c.user + c.system) / 1000,
    mainCpuMs,
    maxRssMb: maxRssMb(),
    rssAlong,
    load: [l0, loadavg()[0] ?? 0],
  };
};

const pgUrl = (name: string): string => {
  const url = new URL(configFromEnv(readEnv()).pgTestUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

const adminQuery = async (sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: configFromEnv(readEnv()).pgTestUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

const openStageDb = async (target: string): Promise<Database> =>
  target.startsWith('postgres')
    ? openDatabase({ dialect: 'postgres', url: target })
    : openDatabase({ dialect: 'sqlite', path: target });

const readAll = async (file: string): Promise<CanonicalEvent[]> => {
  const out: CanonicalEvent[] = [];
  for await (const items of canonicalConnector.read({
    name: file,
    stream: createReadStream(file),
    startOffset: 0,
    startLine: 0,
  })) {
    for (const i of items) if (i.ok) out.push(i.event);
  }
  return out;
};

/** One stage, run inside a child process. */
const runStage = async (stage: string, file: string, target: string | undefined): Promise<StageResult> => {
  const size = statSync(file).size;
  if (stage === 'parse') {
    return measure('parse only (read, split, JSON.parse, validate)', size, async (onBytes) => {
      let n = 0;
      for await (const items of canonicalConnector.read({
        name: file,
        stream: createReadStream(file, { highWaterMark: 256 * 1024 }),
        startOffset: 0,
        startLine: 0,
      })) {
        n += items.length;
        const last = items.at(-1);
        if (last) onBytes(last.loc.end ?? last.loc.offset);
      }
      return n;
    });
  }
  if (!target) throw new Error('--db is needed');
  const database = await openStageDb(target);
  try {
    if (stage === 'ingest' || stage === 'ingest-single') {
      const parallel = stage === 'ingest';
      let indexBuildMs: number | undefined;
      // The service logs the index build at debug level: read its duration from there.
      const logger = pino(
        { level: 'debug' },
        {
          write: (line: string) => {
            const entry = JSON.parse(line) as { msg?: string; ms?: number };
            if (entry.msg === 'indexes rebuilt') indexBuildMs = entry.ms;
          },
        },
      );
      const result = await measure(
        `ingest into ${database.dialect} (IngestService, as the CLI${parallel ? '' : ', one thread, 5,000/txn, indexes kept: before c28d5e8'})`,
        size,
        async (onBytes) => {
          const service = new IngestService(database, {
            logger,
            onProgress: (p) => onBytes(p.bytesRead),
            parallel,
            // The figures before c28d5e8: one thread, 5,000 events per transaction, indexes kept.
            ...(parallel ? {} : { batchSize: 5000, deferIndexes: false }),
          });
          const s = await service.ingestFile(file, { resume: false });
          if (s.quarantined > 0 || s.stored !== s.read)
            throw new Error(`unexpected summary ${JSON.stringify(s)}`);
          return s.read;
        },
      );
      return { ...result, ...(indexBuildMs !== undefined ? { indexBuildMs } : {}) };
    }
    if (stage === 'ingest-head') {
      // As at commit c28d5e8: parse worker sending event objects, 20,000/txn, indexes kept.
      return await measure(
        `ingest into ${database.dialect} as at c28d5e8 (indexes kept, worker sends objects): before`,
        size,
        async (onBytes) => {
          const service = new IngestService(database, { onProgress: (p) => onBytes(p.bytesRead) });
          const input = await openConnectorInput(file, {});
          input.stream.destroy();
          const source = path.resolve(file);
          const head: Connector = {
            ...canonicalConnector,
            read: (i) =>
              readCanonicalInHeadWorker({
                file: source,
                name: i.name,
                startOffset: i.startOffset,
                startLine: i.startLine,
              }),
          };
          const s = await service.ingest(head, input, { source, fingerprint: 'bench' }, size);
          if (s.quarantined > 0 || s.stored !== s.read)
            throw new Error(`unexpected summary ${JSON.stringify(s)}`);
          return s.read;
        },
      );
    }
    const events = await readAll(file);
    if (stage === 'bulk') {
      const writer = createBulkWriter(database);
      return await measure(`bulk writer, ${database.dialect}`, size, async () => {
        for (let i = 0; i < events.length; i += 5000)
          await writer.write({ events: events.slice(i, i + 5000), quarantine: [] });
        return events.length;
      });
    }
    if (stage === 'kysely') {
      return await measure(`Kysely per-batch insert, ${database.dialect}`, size, async () => {
        for (let i = 0; i < events.length; i += 5000)
          await kyselyBatchWrite(database, events.slice(i, i + 5000));
        return events.length;
      });
    }
    throw new Error(`unknown stage ${stage}`);
  } finally {
    await database.close();
  }
};

const SELF = fileURLToPath(import.meta.url);

const child = (stage: string, file: string, db?: string): StageResult => {
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', SELF, '--stage', stage, '--file', file, ...(db ? ['--db', db] : [])],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    },
  );
  if (res.status !== 0) throw new Error(`stage ${stage} failed (${res.status})`);
  return JSON.parse(res.stdout.trim().split('\n').at(-1) ?? '{}') as StageResult;
};

const freshSqlite = (name: string): string => {
  const file = `/tmp/marsad-ingest-bench-${name}.db`;
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  return file;
};

const withPgDb = async <T>(name: string, fn: (url: string) => T): Promise<T> => {
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${name}`);
  try {
    const url = pgUrl(name);
    await (await openDatabase({ dialect: 'postgres', url })).close(); // migrate outside the timing
    return fn(url);
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
};

const ensureFile = async (events: number): Promise<string> => {
  const file = `/tmp/marsad-ingest-bench-${events}.ndjson`;
  if (!existsSync(file)) {
    process.stderr.write(`generating ${events.toLocaleString('en-US')} events into ${file}…\n`);
    await writeSyntheticFile(file, events);
  }
  return file;
};

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

const row = (r: StageResult, baseline?: StageResult): string => {
  const wallRate = (r.events * 1000) / r.wallMs;
  const cpuRate = (r.events * 1000) / r.cpuMs;
  const mainRate = r.mainCpuMs ? fmt((r.events * 1000) / r.mainCpuMs) : '';
  const ratio = baseline ? ` ${(baseline.wallMs / r.wallMs).toFixed(2)}× |` : ' |';
  const build = r.indexBuildMs !== undefined ? `${(r.indexBuildMs / 1000).toFixed(1)} s` : '';
  const load = r.load.map((l) => l.toFixed(1)).join(' → ');
  return `| ${r.stage} | ${fmt(r.events)} | ${(r.wallMs / 1000).toFixed(1)} s | ${build} | **${fmt(wallRate)}** | ${fmt(cpuRate)} | ${mainRate} | ${r.maxRssMb} MiB | ${r.rssAlong.join(' ')} | ${load} |${ratio}`;
};

const main = async (): Promise<void> => {
  if (args.stage) {
    const result = await runStage(args.stage, args.file ?? '', args.db);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const events = Number(args.events);
  const small = Number(args['baseline-events']);
  const big = await ensureFile(events);
  const smallFile = await ensureFile(small);
  const usePg = !args['no-pg'];
  const results: string[] = [];
  const header =
    '| stage | events | wall | of which index build | events/s (wall) | events/s (CPU time, all threads) | events/s (main-thread CPU) | peak RSS | RSS at each 10% (MiB) | load average | ratio (wall) |\n|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|';
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const load = (): string =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  process.stderr.write(`machine: ${machine}; load average at start ${load()}\n`);
  const sizeMb = Math.round(statSync(big).size / 2 ** 20);

  const stages = new Set((args.stages ?? '').split(','));
  const report = (r: StageResult, baseline?: StageResult): StageResult => {
    const text = row(r, baseline);
    process.stderr.write(`${text}\n`);
    results.push(text);
    return r;
  };
  if (stages.has('parse')) report(child('parse', big));
  const single = stages.has('single')
    ? report(child('ingest-single', big, freshSqlite('ingest')))
    : undefined;
  const head = stages.has('head') ? report(child('ingest-head', big, freshSqlite('ingest'))) : undefined;
  if (stages.has('ingest')) {
    const now = child('ingest', big, freshSqlite('ingest'));
    if (single) report(now, single);
    if (head) report(now, head);
    if (!single && !head) report(now);
  }
  if (usePg && stages.has('pg')) {
    report(await withPgDb('marsad_bench_ingest', (url) => child('ingest', big, url)));
  }
  if (stages.has('baseline')) {
    const kyS = report(child('kysely', smallFile, freshSqlite('kysely')));
    report(child('bulk', smallFile, freshSqlite('bulk')), kyS);
    if (usePg) {
      const kyP = report(await withPgDb('marsad_bench_kysely', (url) => child('kysely', smallFile, url)));
      report(await withPgDb('marsad_bench_bulk', (url) => child('bulk', smallFile, url)), kyP);
    }
  }
  for (const name of ['ingest', 'kysely', 'bulk']) freshSqlite(name);
  const git = ((): string => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    } catch {
      return '?';
    }
  })();
  process.stdout.write(
    `Machine: ${machine}. Load average at the end: ${load()}. Commit ${git}. Input: ${fmt(events)} events (${sizeMb} MiB); baseline comparison on ${fmt(small)} events.\n\n${header}\n${results.join('\n')}\n`,
  );
};

await main();
