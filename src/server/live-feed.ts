import { MarsadError } from '../errors.js';
import { scenarioConfig, simulate, type Scale } from '../sim/index.js';

// The observatory's demonstration feed: a simulated scenario (built-in texts) posted to the live
// ingestion endpoint over HTTP, at a pace that compresses stream time so that it can be watched.

export interface FeedOptions {
  /** Server base URL, e.g. http://127.0.0.1:7420. */
  url: string;
  /** An API key with at least the analyst role. */
  key: string;
  scenario?: string;
  scale?: Scale;
  seed?: number;
  /** Simulated seconds per wall second (720: the 2-day small scenario in about 4 minutes). */
  pace: number;
  /** Events per request at most (default 1,000). */
  batchMax?: number;
  /** Wall milliseconds between two sends (default 250). */
  stepMs?: number;
  signal?: AbortSignal;
  onProgress?: (p: FeedProgress) => void;
}

export interface FeedProgress {
  total: number;
  sent: number;
  /** Events the server stored as new (the rest were already there: a replayed scenario). */
  stored: number;
  queued: number;
  /** Requests the server refused with 503 (queue full) and that were sent again. */
  retries: number;
  /** Stream time reached by the feed (ISO). */
  streamTime: string | null;
}

/** The server refused a feed request for a reason other than backpressure. */
export class FeedError extends MarsadError {}

export const DEFAULT_PACE = 720;

interface Line {
  time: number;
  text: string;
}

/** Generates the scenario's stream in memory (the small scale is ~4 MB), as lines with their times. */
const generate = async (scenario: string, scale: Scale, seed: number): Promise<Line[]> => {
  let buffer = '';
  const lines: Line[] = [];
  const take = (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) !== -1) {
      const text = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (text === '') continue;
      const m = /"created_at":"([^"]+)"/.exec(text);
      lines.push({ time: m?.[1] ? Date.parse(m[1]) : 0, text });
    }
  };
  await simulate({ scenario, scale, seed }, { write: take });
  take('\n');
  return lines;
};

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Posts the scenario in stream order: what happened before the scenario's start (the accounts that
 * already exist) at once, then each step the events whose time the paced clock has reached. A 503
 * (queue full) is retried after its Retry-After with the same batch; other errors end the feed.
 * Resolves when everything was sent or `signal` aborted.
 */
export const runFeed = async (opts: FeedOptions): Promise<FeedProgress> => {
  const scale = opts.scale ?? 'small';
  const scenario = opts.scenario ?? 'default';
  const lines = await generate(scenario, scale, opts.seed ?? 1);
  const start = Date.parse(scenarioConfig(scale).start);
  const batchMax = opts.batchMax ?? 1000;
  const stepMs = opts.stepMs ?? 250;
  const progress: FeedProgress = {
    total: lines.length,
    sent: 0,
    stored: 0,
    queued: 0,
    retries: 0,
    streamTime: null,
  };
  const post = async (batch: Line[]): Promise<void> => {
    const body = `${batch.map((l) => l.text).join('\n')}\n`;
    for (;;) {
      if (opts.signal?.aborted) return;
      const res = await fetch(`${opts.url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${opts.key}`, 'content-type': 'application/x-ndjson' },
        body,
        ...(opts.signal ? { signal: opts.signal } : {}),
      }).catch((err: unknown) => {
        if (opts.signal?.aborted) return undefined;
        throw err;
      });
      if (!res) return;
      if (res.status === 503 || res.status === 429) {
        await res.arrayBuffer();
        progress.retries++;
        const after = Number(res.headers.get('retry-after') ?? '1');
        await sleep((Number.isFinite(after) && after > 0 ? after : 1) * 1000, opts.signal);
        continue;
      }
      const out = (await res.json()) as { stored?: number; queued?: number; error?: { message?: string } };
      if (!res.ok) throw new FeedError(`POST /v1/events answered ${res.status}: ${out.error?.message ?? ''}`);
      progress.sent += batch.length;
      progress.stored += out.stored ?? 0;
      progress.queued += out.queued ?? 0;
      const last = batch.at(-1);
      if (last && last.time >= start) progress.streamTime = new Date(last.time).toISOString();
      opts.onProgress?.({ ...progress });
      return;
    }
  };
  const sendUpTo = async (i: number, limit: number): Promise<number> => {
    while (i < lines.length && (lines[i] as Line).time <= limit && !opts.signal?.aborted) {
      let j = i;
      while (j < lines.length && j - i < batchMax && (lines[j] as Line).time <= limit) j++;
      await post(lines.slice(i, j));
      i = j;
    }
    return i;
  };

  let i = await sendUpTo(0, start - 1);
  const wall0 = performance.now();
  while (i < lines.length && !opts.signal?.aborted) {
    const clock = start + (performance.now() - wall0) * opts.pace;
    i = await sendUpTo(i, clock);
    if (i < lines.length) await sleep(stepMs, opts.signal);
  }
  return progress;
};
