// Live ingestion over HTTP on loopback: batches of 1,000 events (NDJSON) and single-event requests,
// against the named baseline, the same IngestService called in-process on the same batches (no HTTP).
// Bounded in count and time. Writes nothing to the repo; copy the printed table to docs/benchmarks/server.md.
//   npx tsx bench/server-ingest.ts [EVENTS=100000] [SECONDS=60] [CONCURRENCY=2]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { getConnector } from '../src/ingest/index.js';
import { IngestService } from '../src/ingest/ingest-service.js';
import { createReviewServices, SYSTEM_ACTOR } from '../src/review/index.js';
import { buildServer } from '../src/server/index.js';
import { openDatabase } from '../src/store/index.js';

const TOTAL = Number(process.argv[2] ?? 100_000);
const SECONDS = Number(process.argv[3] ?? 60);
const CONCURRENCY = Number(process.argv[4] ?? 2);
const BATCH = 1000;
const SINGLES = 1000;

/** Synthetic events: each batch has 50 accounts and 950 posts by them (placeholder text). */
const batchOf = (b: number, platform: string): string => {
  const lines: string[] = [];
  const t = (i: number) => new Date(Date.UTC(2026, 0, 1) + b * BATCH * 1000 + i * 1000).toISOString();
  for (let a = 0; a < 50; a++) {
    lines.push(
      JSON.stringify({
        type: 'account',
        platform,
        id: `a${b}_${a}`,
        handle: `h${b}_${a}`,
        name: `N ${a}`,
        created_at: t(0),
      }),
    );
  }
  for (let p = 0; p < BATCH - 50; p++) {
    lines.push(
      JSON.stringify({
        type: 'post',
        platform,
        id: `p${b}_${p}`,
        account_id: `a${b}_${p % 50}`,
        text: `placeholder post number ${p} #tag${p % 7} with some words to parse`,
        lang: 'ar',
        created_at: t(p + 1),
      }),
    );
  }
  return lines.join('\n') + '\n';
};

const pct = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

const run = async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'marsad-bench-server-'));
  const batches = Math.ceil(TOTAL / BATCH);
  const deadline = performance.now() + SECONDS * 1000;
  try {
    // Baseline: in-process IngestService, same batches, own database.
    const baseDb = await openDatabase({ dialect: 'sqlite', path: path.join(dir, 'base.db') });
    const service = new IngestService(baseDb);
    let baseEvents = 0;
    const b0 = performance.now();
    for (let b = 0; b < batches && performance.now() < deadline; b++) {
      const s = await service.ingest(getConnector('canonical'), {
        name: 'bench',
        stream: Readable.from([Buffer.from(batchOf(b, 'base'))]),
        startOffset: 0,
        startLine: 0,
      });
      baseEvents += s.stored;
    }
    const baseRate = baseEvents / ((performance.now() - b0) / 1000);
    await baseDb.close();

    // HTTP: the API on loopback, CONCURRENCY clients posting batches.
    const database = await openDatabase({ dialect: 'sqlite', path: path.join(dir, 'http.db') });
    const { key } = await createReviewServices(database).keys.create(SYSTEM_ACTOR, {
      name: 'bench',
      role: 'analyst',
    });
    const app = await buildServer(database, { limits: { write: { max: 1_000_000, timeWindowMs: 60_000 } } });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' };
    let next = 0;
    let httpEvents = 0;
    const batchLatency: number[] = [];
    const h0 = performance.now();
    const deadline2 = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < batches && performance.now() < deadline2) {
          const b = next++;
          const t = performance.now();
          const res = await fetch(`${url}/v1/events`, { method: 'POST', headers, body: batchOf(b, 'http') });
          const out = (await res.json()) as { stored: number };
          batchLatency.push(performance.now() - t);
          httpEvents += out.stored;
        }
      }),
    );
    const httpRate = httpEvents / ((performance.now() - h0) / 1000);

    // Single-event requests, one at a time.
    const single: number[] = [];
    const s0 = performance.now();
    for (let i = 0; i < SINGLES && performance.now() - s0 < SECONDS * 1000; i++) {
      const body = `${JSON.stringify({ type: 'account', platform: 'single', id: `s${i}`, handle: `s${i}`, name: 'S', created_at: '2026-01-01T00:00:00Z' })}\n`;
      const t = performance.now();
      const res = await fetch(`${url}/v1/events`, { method: 'POST', headers, body });
      await res.arrayBuffer();
      single.push(performance.now() - t);
    }
    await app.close();
    await database.close();

    const f = (n: number) => n.toFixed(1);
    console.log(
      `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, SQLite, loaded shared machine`,
    );
    console.log(
      `events: baseline ${baseEvents}, http ${httpEvents} (batches of ${BATCH}, ${CONCURRENCY} clients)`,
    );
    console.log('| measure | value |');
    console.log('|---|---|');
    console.log(`| baseline in-process IngestService | ${Math.round(baseRate)} events/s |`);
    console.log(`| HTTP POST /v1/events, batches of 1,000 | ${Math.round(httpRate)} events/s |`);
    console.log(`| ratio HTTP / baseline | ${(httpRate / baseRate).toFixed(2)} |`);
    console.log(
      `| batch request latency p50 / p99 | ${f(pct(batchLatency, 0.5))} / ${f(pct(batchLatency, 0.99))} ms |`,
    );
    console.log(
      `| single-event request latency p50 / p99 (${single.length} requests) | ${f(pct(single, 0.5))} / ${f(pct(single, 0.99))} ms |`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

await run();
