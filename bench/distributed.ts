// Distributed mode (issue 10): throughput with 1, 2 and 4 `marsad worker` processes against the
// single-process `marsad detect` baseline, in one run, and POST → decision latency at a fixed offered
// rate. Everything runs from sources (tsx) on this machine's NATS and PostgreSQL.
//
//   npx tsx bench/distributed.ts [--events N] [--rate R] [--seconds S] [--workers 1,2,4]
//
// Reports wall time and CPU time (utime+stime of every process, from /proc) with the load average:
// the machine has 2 cores shared with other work.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { configFromEnv, readEnv } from '../src/config/index.js';
import { distNames } from '../src/dist/bus.js';
import { SYSTEM_ACTOR, createReviewServices } from '../src/review/index.js';
import { openDatabase, type Database } from '../src/store/index.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '4' },
    workers: { type: 'string', default: '1,2,4' },
  },
});
const EVENTS = Number(values.events);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const WORKER_COUNTS = String(values.workers).split(',').map(Number);
const PARTITIONS = 8;
const cfg = configFromEnv(readEnv());
const NATS = cfg.natsUrl ?? 'nats://127.0.0.1:4222';
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const MAIN = path.join(ROOT, 'src/cli/main.ts');
const TICK = 100; // clock ticks per second in /proc/<pid>/stat

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** utime + stime of a process in seconds (0 once it is gone). */
const cpuOf = (pid: number | undefined): number => {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICK;
  } catch {
    return 0;
  }
};

const cli = (args: string[], env: NodeJS.ProcessEnv): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, MARSAD_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

const waitFor = (child: ChildProcess, re: RegExp): Promise<RegExpExecArray> =>
  new Promise((resolve, reject) => {
    let out = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = re.exec(out);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });

const exited = (child: ChildProcess) =>
  new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));

const newDatabase = async (): Promise<{ url: string; database: Database; drop(): Promise<void> }> => {
  const name = `marsad_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: cfg.pgTestUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(cfg.pgTestUrl);
  u.pathname = `/${name}`;
  const database = await openDatabase({ dialect: 'postgres', url: u.toString() });
  return {
    url: u.toString(),
    database,
    drop: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: cfg.pgTestUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
};

const processed = async (database: Database, prefix: string): Promise<number> => {
  const row = await database.db
    .selectFrom('dist_state')
    .select('processed_seq')
    .where('name', '=', distNames({ prefix }).orderedState)
    .executeTakeFirst();
  return Number(row?.processed_seq ?? 0);
};

let jsmOnce: Promise<{ jsm: JetStreamManager; close(): Promise<void> }> | undefined;
const benchJsm = () =>
  (jsmOnce ??= (async () => {
    const nc = await connect({ servers: NATS });
    return { jsm: await jetstreamManager(nc), close: () => nc.close() };
  })());

const ingestLastSeq = async (prefix: string): Promise<number> => {
  const { jsm } = await benchJsm();
  return (await jsm.streams.info(distNames({ prefix }).ingestStream)).state.last_seq;
};

const post = async (url: string, key: string, lines: string[]): Promise<void> => {
  for (;;) {
    const res = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: `${lines.join('\n')}\n`,
    });
    if (res.status === 200) return;
    if (res.status !== 429 && res.status !== 503) throw new Error(`POST ${res.status}: ${await res.text()}`);
    await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
  }
};

interface Cluster {
  url: string;
  key: string;
  db: Awaited<ReturnType<typeof newDatabase>>;
  prefix: string;
  serve: ChildProcess;
  workers: ChildProcess[];
  stop(): Promise<void>;
}

const startCluster = async (n: number): Promise<Cluster> => {
  const db = await newDatabase();
  const prefix = `b${randomBytes(4).toString('hex')}`;
  const env = {
    MARSAD_DB_URL: db.url,
    MARSAD_NATS_URL: NATS,
    MARSAD_DIST_PREFIX: prefix,
    MARSAD_DIST_PARTITIONS: String(PARTITIONS),
  };
  const { key } = await createReviewServices(db.database).keys.create(SYSTEM_ACTOR, {
    name: 'bench',
    role: 'analyst',
  });
  const serve = cli(['serve', '--mode', 'distributed', '--port', '0'], env);
  const url = (await waitFor(serve, /listening on (http:\/\/[^\s)]+)/))[1] as string;
  const workers: ChildProcess[] = [];
  for (let k = 0; k < n; k++) {
    const w = cli(['worker', '--index', String(k), '--count', String(n)], env);
    await waitFor(w, /worker \d+\//);
    workers.push(w);
  }
  return {
    url,
    key,
    db,
    prefix,
    serve,
    workers,
    stop: async () => {
      for (const c of [...workers, serve]) c.kill('SIGKILL');
      await Promise.all([...workers, serve].map(exited));
      const { jsm } = await benchJsm();
      const names = distNames({ prefix });
      for (const s of [names.ingestStream, names.enrichedStream])
        await jsm.streams.delete(s).catch(() => undefined);
      await db.drop();
    },
  };
};

const main = async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'marsad-bench-dist-'));
  const sim = cli(['simulate', '--scale', 'small', '--seed', '3', '--out', dir], {});
  await exited(sim);
  const lines = readFileSync(path.join(dir, 'stream.ndjson'), 'utf8').trim().split('\n').slice(0, EVENTS);
  const file = path.join(dir, 'head.ndjson');
  writeFileSync(file, `${lines.join('\n')}\n`);
  console.log(
    `# ${lines.length} events (simulated small, seed 3), shipped text model, ${PARTITIONS} partitions`,
  );
  console.log(
    `# load average at start: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );

  // Baseline: marsad detect in one process, classification in the main thread, on PostgreSQL.
  {
    const db = await newDatabase();
    const t0 = performance.now();
    const c = cli(['detect', '--input', file, '--out', path.join(dir, 'out'), '--workers', '0'], {
      MARSAD_DB_URL: db.url,
    });
    let cpu = 0;
    const timer = setInterval(() => (cpu = Math.max(cpu, cpuOf(c.pid))), 50);
    await exited(c);
    clearInterval(timer);
    const s = (performance.now() - t0) / 1000;
    console.log(
      `detect (1 process, baseline): ${s.toFixed(1)} s wall, ${(lines.length / s).toFixed(0)} events/s; CPU ${cpu.toFixed(1)} s (${(lines.length / cpu).toFixed(0)} events per CPU-s), incl. start-up`,
    );
    await db.drop();
  }

  // Throughput: everything POSTed as fast as the API takes it, until the ordered stage has it all.
  for (const n of WORKER_COUNTS) {
    const cl = await startCluster(n);
    const procs = [cl.serve, ...cl.workers];
    const cpu0 = procs.map((p) => cpuOf(p.pid));
    const t0 = performance.now();
    for (let i = 0; i < lines.length; i += 1000) await post(cl.url, cl.key, lines.slice(i, i + 1000));
    const tPosted = performance.now();
    // The target is the ingest stream's last sequence, not the line count: events quarantined or
    // dropped as duplicates get no sequence, and waiting for lines.length would never end.
    const target = await ingestLastSeq(cl.prefix);
    if (target !== lines.length)
      console.log(`# ${lines.length - target} lines were not queued (quarantined or duplicates)`);
    while ((await processed(cl.db.database, cl.prefix)) < target) await sleep(50);
    const s = (performance.now() - t0) / 1000;
    const cpu = procs.map((p, i) => cpuOf(p.pid) - (cpu0[i] ?? 0));
    const total = cpu.reduce((a, b) => a + b, 0);
    console.log(
      `${n} worker(s): ${s.toFixed(1)} s wall (POSTs done at ${((tPosted - t0) / 1000).toFixed(1)} s), ${(lines.length / s).toFixed(0)} events/s; ` +
        `CPU s: serve ${cpu[0]?.toFixed(1)}, workers ${cpu
          .slice(1)
          .map((c) => c.toFixed(1))
          .join(' / ')} (worker 0 runs the ordered stage); ` +
        `total ${total.toFixed(1)} (${(lines.length / total).toFixed(0)} events per CPU-s); load ${loadavg()[0]?.toFixed(1)}`,
    );
    await cl.stop();
  }

  if (RATE <= 0) return;
  // Latency at a fixed offered rate: a batch of RATE/10 events every 100 ms, one request at a time
  // (concurrent requests could reorder an account after its posts, which the referential check would
  // quarantine); a batch's latency runs from its POST to the first poll (every 20 ms) that finds the
  // ordered stage past its last event. A POST slower than the schedule lowers the achieved rate
  // (printed): the rate that holds steady is the one to report.
  {
    const n = Math.max(...WORKER_COUNTS.filter((x) => x <= 2));
    const cl = await startCluster(n);
    const count = Math.min(lines.length, RATE * SECONDS);
    const size = Math.max(50, Math.round(RATE / 10));
    const sent: Array<{ at: number; upTo: number }> = [];
    const latencies: number[] = [];
    let target = Infinity;
    const poller = (async () => {
      for (;;) {
        const p = await processed(cl.db.database, cl.prefix);
        const now = performance.now();
        while (latencies.length < sent.length && (sent[latencies.length]?.upTo ?? Infinity) <= p)
          latencies.push(now - (sent[latencies.length]?.at ?? now));
        if (p >= target) return;
        await sleep(20);
      }
    })();
    const lprocs = [cl.serve, ...cl.workers];
    const lcpu0 = lprocs.map((p) => cpuOf(p.pid));
    const t0 = performance.now();
    let seq = 0;
    for (let i = 0; i < count; i += size) {
      const due = t0 + (i / RATE) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const at = performance.now();
      const before = seq;
      await post(cl.url, cl.key, lines.slice(i, Math.min(count, i + size)));
      // One request at a time: its events are the stream's sequences up to the last one now.
      seq = await ingestLastSeq(cl.prefix);
      if (seq > before) sent.push({ at, upTo: seq });
    }
    const offered = (count / (performance.now() - t0)) * 1000;
    target = seq;
    await poller;
    const lcpu = lprocs.map((p, i) => (cpuOf(p.pid) - (lcpu0[i] ?? 0)).toFixed(1)).join(' / ');
    latencies.sort((a, b) => a - b);
    const q = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
    console.log(
      `latency POST → decision at ${RATE} events/s offered (${offered.toFixed(0)} achieved by the client), ${n} worker(s), ${count} events: p50 ${q(0.5).toFixed(0)} ms, p99 ${q(0.99).toFixed(0)} ms (${latencies.length} batches of ${size}); CPU s serve / workers ${lcpu}; load ${loadavg()[0]?.toFixed(1)}`,
    );
    await cl.stop();
  }
};

await main();
await (await benchJsm()).close();
