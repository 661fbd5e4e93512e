// HTTP ingestion with the live pipeline (detectors in the server) against the named baseline, the same
// server without it (`marsad serve --no-live`), on the simulated small scenario (21k events, built-in
// texts), SQLite, shipped text model. Then the latency from POST to decisions stored at a fixed
// offered rate. Bounded in count and time; writes nothing to the repo (copy the table to
// docs/benchmarks/server.md).
//   npx tsx bench/server-live.ts [WORKERS=1] [OFFERED_EVENTS_PER_S=1000] [SECONDS=20]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { resolveModelPath } from '../src/pipeline/classifier.js';
import { LivePipeline } from '../src/pipeline/live.js';
import { createReviewServices, SYSTEM_ACTOR } from '../src/review/index.js';
import { buildServer } from '../src/server/index.js';
import { openDatabase } from '../src/store/index.js';
import { simulate } from '../src/sim/index.js';

const WORKERS = Number(process.argv[2] ?? 1);
const OFFERED = Number(process.argv[3] ?? 1000);
const SECONDS = Number(process.argv[4] ?? 20);
const BATCH = 1000;
const CLIENTS = 2;

const lines: string[] = [];
await simulate(
  { scenario: 'default', scale: 'small', seed: 1 },
  {
    write: (chunk) => void lines.push(...chunk.split('\n').filter((l) => l !== '')),
  },
);
const model = await resolveModelPath();
if (!model) throw new Error('no shipped model');

const dir = mkdtempSync(path.join(tmpdir(), 'marsad-bench-live-'));

interface Run {
  wallS: number;
  cpuS: number;
  accepted: number;
  acceptRate: number;
  endToEndRate: number | undefined;
  retries: number;
  latency?: { p50: number | null; p99: number | null; samples: number };
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const setup = async (name: string, live: boolean, capacity = 50_000) => {
  const database = await openDatabase({ dialect: 'sqlite', path: path.join(dir, `${name}.db`) });
  const { key } = await createReviewServices(database).keys.create(SYSTEM_ACTOR, {
    name: 'bench',
    role: 'analyst',
  });
  const pipeline = live
    ? await LivePipeline.start(database, {
        classifier: { kind: 'model', path: model },
        workers: WORKERS,
        warmup: false,
        capacity,
      })
    : undefined;
  const app = await buildServer(database, {
    live: pipeline,
    limits: { write: { max: 1e9, timeWindowMs: 60_000 } },
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' };
  let retries = 0;
  const post = async (body: string): Promise<number> => {
    for (;;) {
      const res = await fetch(`${url}/v1/events`, { method: 'POST', headers, body });
      if (res.status === 503) {
        await res.arrayBuffer();
        retries++;
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      return ((await res.json()) as { stored: number }).stored;
    }
  };
  const close = async () => {
    await pipeline?.stop();
    await app.close();
    await database.close();
  };
  return { pipeline, post, close, retries: () => retries };
};

/** All the scenario's events in batches of 1,000 by CLIENTS clients, as fast as the server takes them. */
const throughput = async (name: string, live: boolean): Promise<Run> => {
  const s = await setup(name, live);
  const batches: string[] = [];
  for (let i = 0; i < lines.length; i += BATCH) batches.push(`${lines.slice(i, i + BATCH).join('\n')}\n`);
  const c0 = cpuNow();
  const t0 = performance.now();
  let next = 0;
  let accepted = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < batches.length) accepted += await s.post(batches[next++] as string);
    }),
  );
  const tAccepted = performance.now();
  let endToEnd: number | undefined;
  if (s.pipeline) {
    while (s.pipeline.status().events.processed < accepted) await new Promise((r) => setTimeout(r, 20));
    endToEnd = performance.now();
    const st = s.pipeline.status();
    console.error(
      `live stages (ms): ${JSON.stringify(st.stageMs)}; syncs ${st.queueItems.syncs}, last ${st.queueItems.lastSyncMs} ms`,
    );
  }
  const run: Run = {
    wallS: ((endToEnd ?? tAccepted) - t0) / 1000,
    cpuS: cpuNow() - c0,
    accepted,
    acceptRate: accepted / ((tAccepted - t0) / 1000),
    endToEndRate: endToEnd ? accepted / ((endToEnd - t0) / 1000) : undefined,
    retries: s.retries(),
  };
  await s.close();
  return run;
};

/** A fixed offered rate: every 100 ms, OFFERED/10 events in one request, for at most SECONDS. */
const latency = async (): Promise<Run> => {
  const s = await setup('latency', true);
  const per = Math.max(1, Math.round(OFFERED / 10));
  const c0 = cpuNow();
  const t0 = performance.now();
  let accepted = 0;
  const pending: Promise<void>[] = [];
  for (let i = 0, tick = 0; i < lines.length && performance.now() - t0 < SECONDS * 1000; i += per, tick++) {
    const body = `${lines.slice(i, i + per).join('\n')}\n`;
    pending.push(s.post(body).then((n) => void (accepted += n)));
    const due = t0 + (tick + 1) * 100;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
  }
  await Promise.all(pending);
  while (s.pipeline!.status().events.processed < accepted) await new Promise((r) => setTimeout(r, 20));
  const wall = (performance.now() - t0) / 1000;
  const st = s.pipeline!.status();
  const run: Run = {
    wallS: wall,
    cpuS: cpuNow() - c0,
    accepted,
    acceptRate: accepted / wall,
    endToEndRate: accepted / wall,
    retries: s.retries(),
    latency: st.latencyMs,
  };
  await s.close();
  return run;
};

try {
  const load0 = loadavg()[0]!.toFixed(2);
  const base = await throughput('base', false);
  const live = await throughput('live', true);
  const lat = await latency();
  const load1 = loadavg()[0]!.toFixed(2);
  const f = (n: number) => Math.round(n).toLocaleString('en');
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, SQLite, load average ${load0} → ${load1}`,
  );
  console.log(
    `events: ${lines.length} (simulated small scenario), batches of ${BATCH}, ${CLIENTS} clients, ${WORKERS} classifier worker(s)`,
  );
  console.log('| run | accepted events/s | end-to-end events/s | wall s | CPU s | 503 retries |');
  console.log('|---|---|---|---|---|---|');
  console.log(
    `| baseline: server without live pipeline | ${f(base.acceptRate)} | – | ${base.wallS.toFixed(1)} | ${base.cpuS.toFixed(1)} | ${base.retries} |`,
  );
  console.log(
    `| server with live pipeline | ${f(live.acceptRate)} | ${f(live.endToEndRate ?? 0)} | ${live.wallS.toFixed(1)} | ${live.cpuS.toFixed(1)} | ${live.retries} |`,
  );
  console.log(
    `| ratio live / baseline (accepted) | ${(live.acceptRate / base.acceptRate).toFixed(2)} | | | | |`,
  );
  console.log(
    `| fixed offered rate ${OFFERED}/s (requests of ${Math.round(OFFERED / 10)} every 100 ms) | ${f(lat.acceptRate)} | ${f(lat.endToEndRate ?? 0)} | ${lat.wallS.toFixed(1)} | ${lat.cpuS.toFixed(1)} | ${lat.retries} |`,
  );
  console.log(
    `POST → decisions stored at ${OFFERED}/s: p50 ${lat.latency?.p50} ms, p99 ${lat.latency?.p99} ms (${lat.latency?.samples} events)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
