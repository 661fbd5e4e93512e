import { Readable } from 'node:stream';
import { ValidationError } from '../errors.js';
import { detectFormat, getConnector, isFormatName, type FormatName } from '../ingest/index.js';
import { IngestService } from '../ingest/ingest-service.js';
import type { CanonicalEvent } from '../events/index.js';
import type { LivePipeline } from '../pipeline/live.js';
import type { Database } from '../store/index.js';

export interface BodyIngestResult {
  format: FormatName;
  read: number;
  stored: number;
  duplicates: number;
  quarantined: number;
  /** Events queued for the detectors: the new ones (0 without a live pipeline). */
  queued: number;
  /** Per-record errors (the first 1,000): every bad record is also in the quarantine table. */
  errors: Array<{ line: number; field: string; reason: string }>;
}

export const MAX_ERRORS = 1000;

/** A JSON array of canonical events becomes NDJSON, which the canonical connector reads. */
export const normaliseBody = (body: unknown): Buffer => {
  if (Buffer.isBuffer(body)) {
    const head = body.subarray(0, 64).toString('utf8').trimStart();
    if (head.startsWith('[')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch (err) {
        throw new ValidationError(`body: not valid JSON (${(err as Error).message})`, { field: 'body' });
      }
      return normaliseBody(parsed);
    }
    return body;
  }
  if (typeof body === 'string') return Buffer.from(body);
  if (Array.isArray(body)) return Buffer.from(body.map((e) => JSON.stringify(e)).join('\n') + '\n');
  if (body !== null && typeof body === 'object') return Buffer.from(JSON.stringify(body) + '\n');
  throw new ValidationError('body: send NDJSON, a JSON array of events, or a connector format', {
    field: 'body',
  });
};

/** About how many events a body holds (its lines), to hold a place in the live queue before storing. */
export const estimateRecords = (bytes: Buffer): number => {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? n + 1 : n;
};

/** What the deployment does around storing a request: the live pipeline, or the event bus. */
export interface BodyIngestHooks {
  /** Before anything is stored: throws to refuse the request whole; may return a release callback. */
  admit?: (estimatedRecords: number) => (() => void) | undefined;
  /** Runs the storing (the live pipeline serialises it with its own writers). */
  exclusive?: <T>(run: () => Promise<T>) => Promise<T>;
  /** Each committed batch's events that were new in the database. */
  onStored?: (events: CanonicalEvent[]) => void;
  /** Each committed batch's valid events, new or already stored. */
  onValid?: (events: CanonicalEvent[]) => void;
}

/**
 * Stores an HTTP body through the same ingestion service as `marsad ingest` (checks, quarantine,
 * idempotence), with the deployment's hooks around it. `queued` is left 0 for the caller to fill.
 */
export const storeBody = async (
  database: Database,
  body: unknown,
  opts: { format?: string | undefined; platform?: string | undefined },
  hooks: BodyIngestHooks = {},
): Promise<BodyIngestResult> => {
  const bytes = normaliseBody(body);
  if (bytes.length === 0) throw new ValidationError('body: empty', { field: 'body' });
  if (opts.format !== undefined && !isFormatName(opts.format)) {
    throw new ValidationError(`query.format: unknown format "${opts.format}"`, { field: 'query.format' });
  }
  const head = bytes.subarray(0, 64 * 1024).toString('utf8');
  const format = (opts.format as FormatName | undefined) ?? detectFormat(head, 'http');
  const errors: BodyIngestResult['errors'] = [];
  // One service per request: its quarantine callback collects this request's errors only.
  const ingest = new IngestService(database, {
    knownAccounts: 100_000,
    onQuarantine: (q) => {
      if (errors.length < MAX_ERRORS) errors.push({ line: q.line, field: q.field, reason: q.reason });
    },
    ...(hooks.onStored ? { onStored: hooks.onStored } : {}),
    ...(hooks.onValid ? { onValid: hooks.onValid } : {}),
  });
  const run = () =>
    ingest.ingest(getConnector(format), {
      name: 'http',
      stream: Readable.from([bytes]),
      startOffset: 0,
      startLine: 0,
      ...(opts.platform !== undefined ? { platform: opts.platform } : {}),
    });
  const release = hooks.admit?.(estimateRecords(bytes));
  let summary;
  try {
    summary = hooks.exclusive ? await hooks.exclusive(run) : await run();
  } finally {
    release?.();
  }
  return {
    format,
    read: summary.read,
    stored: summary.stored,
    duplicates: summary.duplicates,
    quarantined: summary.quarantined,
    queued: 0,
    errors,
  };
};

/**
 * Ingests an HTTP body. With a live pipeline, the request first takes a place in its queue (or is
 * refused whole with a 503, nothing stored), and the events that were new in the database are
 * queued for the detectors as they are committed.
 */
export const ingestBody = async (
  database: Database,
  body: unknown,
  opts: { format?: string | undefined; platform?: string | undefined },
  live?: LivePipeline,
): Promise<BodyIngestResult> => {
  if (!live) return storeBody(database, body, opts);
  const arrivedAt = performance.now();
  let queued = 0;
  const result = await storeBody(database, body, opts, {
    admit: (n) => {
      const admission = live.admit(n);
      return () => admission.release();
    },
    exclusive: (run) => live.exclusive(run),
    onStored: (events) => {
      live.push(events, arrivedAt);
      queued += events.length;
    },
  });
  return { ...result, queued };
};
