import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { configFromEnv, readEnv } from '../../src/config/index.js';
import { DEFAULT_DUPLICATE_WINDOW_MS, distNames, type DistSettings } from '../../src/dist/bus.js';
import type { Database } from '../../src/store/index.js';
import { pgAvailable } from '../helpers/db.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { defaultDetectors, moduleSpec, runDetect } from '../../src/pipeline/index.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { createTestDatabase } from '../helpers/db.js';

const cfg = configFromEnv(readEnv());
export const NATS_URL = cfg.natsUrl ?? 'nats://127.0.0.1:4222';

const natsReachable = async (url: string): Promise<boolean> => {
  try {
    const nc = await connect({ servers: url, timeout: 2000, reconnect: false });
    await nc.close();
    return true;
  } catch {
    return false;
  }
};

/**
 * The distributed tests need NATS (JetStream) and PostgreSQL. They skip only when one is unreachable
 * AND CI is not set, and say so; in CI an unreachable service fails the run.
 */
export const servicesAvailable = async (): Promise<boolean> => {
  const nats = await natsReachable(NATS_URL);
  const pg = await pgAvailable();
  if (nats && pg) return true;
  const what = [!nats && `NATS at ${NATS_URL}`, !pg && 'PostgreSQL'].filter(Boolean).join(' and ');
  if (cfg.isCi) throw new Error(`${what} unreachable, and CI is set: the distributed tests must run`);
  console.warn(`${what} unreachable: skipping the distributed tests (CI is not set)`);
  return false;
};

/** Settings with a prefix of their own, so that test runs never share streams. */
export const testSettings = (over: Partial<DistSettings> = {}): DistSettings => ({
  natsUrl: NATS_URL,
  prefix: `t${randomBytes(5).toString('hex')}`,
  partitions: 4,
  replicas: 1,
  maxBacklog: 1_000_000,
  duplicateWindowMs: DEFAULT_DUPLICATE_WINDOW_MS,
  ...over,
});

/** Deletes a test run's streams (and so their consumers). */
export const dropStreams = async (settings: DistSettings): Promise<void> => {
  const nc = await connect({ servers: settings.natsUrl, timeout: 2000, reconnect: false }).catch(() => undefined);
  if (!nc) return;
  const jsm = await jetstreamManager(nc);
  const names = distNames(settings);
  for (const s of [names.ingestStream, names.enrichedStream]) await jsm.streams.delete(s).catch(() => undefined);
  await nc.close();
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`gave up waiting for ${what}`);
};

const TABLES = {
  decisions_posts: ['platform', 'post_id'],
  decisions_accounts: ['platform', 'account_id', 'version'],
  decisions_evasion: ['platform', 'account_id', 'version'],
  campaigns: ['id', 'version'],
  hashtag_buckets: ['hashtag_key', 'bucket_start'],
  matches: ['platform', 'post_id', 'bank', 'signal', 'hash'],
} as const;

/** Every decision row of a database, ordered by key, numbers as numbers (engines return bigint as text). */
export const decisionRows = async (database: Database): Promise<Record<string, unknown[]>> => {
  const out: Record<string, unknown[]> = {};
  for (const [table, key] of Object.entries(TABLES)) {
    let q = database.db.selectFrom(table as keyof typeof TABLES).selectAll();
    for (const k of key) q = q.orderBy(k as never);
    const rows = (await q.execute()) as Array<Record<string, unknown>>;
    out[table] = rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v]),
      ),
    );
  }
  return out;
};

export const processedSeq = async (database: Database, settings: DistSettings): Promise<number> => {
  const row = await database.db
    .selectFrom('dist_state')
    .select('processed_seq')
    .where('name', '=', distNames(settings).orderedState)
    .executeTakeFirst();
  return row ? Number(row.processed_seq) : 0;
};

// ---- Shared by the distributed tests: a simulated stream, the single-process reference, processes.


export const SIM_CLASSIFIER_FILE = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures/arabic-keywords.ts');
export const SIM_CLASSIFIER = moduleSpec(SIM_CLASSIFIER_FILE);

/** The first `n` events of the simulator's small stream (seed 3), and a file holding them. */
export const simulatedHead = async (n: number): Promise<{ lines: string[]; file: string }> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'marsad-dist-'));
  const res = await runCli(['simulate', '--scale', 'small', '--seed', '3', '--out', dir]);
  if (res.code !== 0) throw new Error(`simulate failed: ${res.stderr}`);
  const lines = readFileSync(path.join(dir, 'stream.ndjson'), 'utf8').trim().split('\n').slice(0, n);
  const file = path.join(dir, 'head.ndjson');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { lines, file };
};

/** The decision rows `marsad detect` writes for a stream (on a PostgreSQL database of its own). */
export const referenceRows = async (file: string): Promise<Record<string, unknown[]>> => {
  const tdb = await createTestDatabase('postgres');
  try {
    const summary = await runDetect({
      input: file,
      outDir: mkdtempSync(path.join(tmpdir(), 'marsad-dist-out-')),
      workers: 0,
      classifier: SIM_CLASSIFIER,
      detectors: defaultDetectors(),
      database: tdb.database,
    });
    if (summary.stats.quarantined !== 0) throw new Error('the reference run quarantined events');
    return await decisionRows(tdb.database);
  } finally {
    await tdb.drop();
  }
};

/** POSTs lines in order, `chunk` per request; returns the responses' statuses and bodies. */
export const postLines = async (
  url: string,
  key: string,
  lines: string[],
): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }> => {
  const res = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
    body: `${lines.join('\n')}\n`,
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    retryAfter: res.headers.get('retry-after'),
  };
};

export interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `marsad ARGS`; resolves once stderr matches `ready` (with the match). */
export const startCli = async (
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<Proc & { match: RegExpExecArray }> => {
  const child = spawnCli(args, { env });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const onData = (d: string) => {
      out += d;
      const m = ready.exec(out);
      if (m) resolve(m);
    };
    child.stderr?.setEncoding('utf8').on('data', onData);
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
    void exited.then(({ code, signal }) => reject(new Error(`marsad ${args[0]} exited (${code ?? signal}):\n${out}`)));
  });
  return { child, output: () => out, exited, match };
};

/** The environment of the distributed processes of one test run. */
export const distEnv = (settings: DistSettings, dbUrl: string, appName?: string): NodeJS.ProcessEnv => {
  const url = new URL(dbUrl);
  if (appName) url.searchParams.set('application_name', appName);
  return {
    MARSAD_DB_URL: url.toString(),
    MARSAD_NATS_URL: settings.natsUrl,
    MARSAD_DIST_PREFIX: settings.prefix,
    MARSAD_DIST_PARTITIONS: String(settings.partitions),
    MARSAD_DIST_MAX_BACKLOG: String(settings.maxBacklog),
    MARSAD_LOG_LEVEL: 'warn',
  };
};
