import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CanonicalEvent } from '../events/index.js';
import { silentLogger, type Logger } from '../logger.js';
import {
  createBulkWriter,
  deferIndexes,
  getCursor,
  restoreDeferredIndexes,
  type BulkWriter,
  type CursorInput,
  type Database,
  type QuarantineInput,
} from '../store/index.js';
import { detectFormat, getConnector } from './connectors.js';
import { InputError } from './errors.js';
import { BoundedKeySet } from './ingest-known.js';
import { checkBatch } from './ingest-references.js';
import { openConnectorInput } from './input.js';
import type { Connector, ConnectorInput, CsvMapping, FormatName, IngestItem } from './types.js';
import { readCanonicalInWorker } from './worker-reader.js';

// 20,000 rather than 5,000: fewer commits, and each dirty index page is written to the WAL once for more rows
// (bench/ingest.ts; docs/benchmarks/ingest.md).
export const DEFAULT_INGEST_BATCH = 20_000;
/** Accounts remembered as known without asking the database (about 100 bytes each). */
export const DEFAULT_KNOWN_ACCOUNTS = 1_000_000;
/** Canonical files from this size up are parsed in a worker thread (starting one costs ~0.1 s). */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
/** Tables a file ingest writes, whose secondary indexes it defers when they are empty. */
const INGEST_TABLES = ['accounts', 'account_profiles', 'posts', 'follows', 'enforcement'] as const;

export interface IngestProgress {
  source: string;
  /** Bytes of the input consumed so far (counting from its start, also after a resume). */
  bytesRead: number;
  /** Size of the input when known (files). */
  totalBytes: number | undefined;
  /** Byte offset the run started at (non-zero after a resume). */
  startOffset: number;
  read: number;
  quarantined: number;
  elapsedMs: number;
}

export interface IngestSummary {
  source: string;
  format: FormatName;
  /** Records read: events plus bad records. */
  read: number;
  stored: number;
  duplicates: number;
  quarantined: number;
  elapsedMs: number;
  /** Records read per second. */
  rate: number;
  /** Where the run started, when it resumed an interrupted one. */
  resumedFrom: { offset: number; line: number } | undefined;
}

export interface IngestServiceOptions {
  logger?: Logger;
  /** Events per transaction (default 20,000). */
  batchSize?: number;
  knownAccounts?: number;
  onProgress?: (p: IngestProgress) => void;
  /** Called for every quarantined record, e.g. to print a message. */
  onQuarantine?: (q: QuarantineInput) => void;
  /**
   * Called after each committed batch with the events that were new in the database (duplicates
   * left out), in stream order: the live pipeline feeds these to the detectors.
   */
  onStored?: (events: CanonicalEvent[]) => void;
  /**
   * Called after each committed batch with every valid event of it, new or already stored, in
   * stream order: distributed mode publishes these, so that a retried request is published whole.
   */
  onValid?: (events: CanonicalEvent[]) => void;
  /**
   * Parse canonical NDJSON files in a worker thread while this thread writes (same items, order
   * and cursor). `auto` (default): for files of PARALLEL_MIN_BYTES or more.
   */
  parallel?: boolean | 'auto';
  /**
   * Files into empty SQLite tables: drop their secondary indexes for the load and build them at
   * the end (default true; much faster on large inputs).
   */
  deferIndexes?: boolean;
}

export interface IngestFileOptions {
  format?: FormatName;
  platform?: string;
  csvMapping?: CsvMapping;
  /** Resume an interrupted run of the same unchanged file (default true). */
  resume?: boolean;
}

/** Where a resumable input commits its progress. */
export interface CursorTarget {
  source: string;
  fingerprint: string;
}

/** `file:line: field "x": reason` (or `record:` when no field applies) — the message for a quarantined record. */
export const describeQuarantined = (q: QuarantineInput): string =>
  `${q.source}:${q.line}: ${q.field ? `field "${q.field}"` : 'record'}: ${q.reason} (quarantined)`;

/**
 * Streams a connector's items into the database: batches of `batchSize` events per transaction,
 * references checked against a bounded cache of known accounts, bad records quarantined with the
 * good ones around them stored, and (for files) a cursor committed with each batch so that a
 * re-run after a crash resumes where the last commit ended. Used by the CLI and the HTTP API.
 */
export class IngestService {
  private readonly writer: BulkWriter;
  private readonly known: BoundedKeySet;
  private readonly logger: Logger;
  private readonly batchSize: number;

  constructor(
    private readonly database: Database,
    private readonly opts: IngestServiceOptions = {},
  ) {
    this.writer = createBulkWriter(database);
    this.known = new BoundedKeySet(opts.knownAccounts ?? DEFAULT_KNOWN_ACCOUNTS);
    this.logger = opts.logger ?? silentLogger();
    this.batchSize = Math.max(1, opts.batchSize ?? DEFAULT_INGEST_BATCH);
  }

  /** Ingests a file (or `-` for standard input), detecting its format unless given. */
  async ingestFile(file: string, options: IngestFileOptions = {}): Promise<IngestSummary> {
    const common = {
      ...(options.platform !== undefined ? { platform: options.platform } : {}),
      ...(options.csvMapping !== undefined ? { csvMapping: options.csvMapping } : {}),
    };
    if (file === '-') {
      const input = await openConnectorInput('-', common);
      const connector = getConnector(options.format ?? detectFormat(input.head, '-'));
      return this.ingest(connector, input, undefined);
    }
    let info;
    try {
      info = await stat(file);
    } catch {
      throw new InputError(`cannot read ${file}: no such file`, { file });
    }
    if (!info.isFile()) throw new InputError(`cannot read ${file}: not a regular file`, { file });
    const target: CursorTarget = {
      source: path.resolve(file),
      fingerprint: `${info.size}:${Math.trunc(info.mtimeMs)}`,
    };
    const cursor = options.resume === false ? undefined : await getCursor(this.database.db, target.source);
    const resume =
      cursor && cursor.complete === 0 && cursor.fingerprint === target.fingerprint ? cursor : undefined;
    if (cursor && !resume && cursor.complete === 0) {
      this.logger.info(
        { file },
        'the file changed since the interrupted run: starting over (stored events are skipped as duplicates)',
      );
    }
    let input = await openConnectorInput(file, {
      ...common,
      startOffset: resume?.byte_offset ?? 0,
      startLine: resume?.line ?? 0,
    });
    const connector = getConnector(options.format ?? detectFormat(input.head, file));
    if (input.startOffset > 0 && !connector.resumable) {
      input.stream.destroy();
      input = await openConnectorInput(file, common);
    }
    const parallel = this.opts.parallel ?? 'auto';
    if (
      connector.format === 'canonical' &&
      (parallel === true || (parallel === 'auto' && info.size >= PARALLEL_MIN_BYTES))
    ) {
      input.stream.destroy();
      const inWorker: Connector = {
        ...connector,
        read: (i) =>
          readCanonicalInWorker({
            file: path.resolve(file),
            name: i.name,
            startOffset: i.startOffset,
            startLine: i.startLine,
            ...(i.platform !== undefined ? { platform: i.platform } : {}),
          }),
      };
      return this.withDeferredIndexes(() => this.ingest(inWorker, input, target, info.size));
    }
    return this.withDeferredIndexes(() =>
      this.ingest(connector, input, connector.resumable ? target : undefined, info.size),
    );
  }

  /**
   * Runs a file ingest with the secondary indexes of the empty ingest tables dropped, rebuilding
   * them at the end, also on failure (SQLite only; src/store/deferred-indexes.ts, which also
   * covers a crash in between).
   */
  private async withDeferredIndexes(run: () => Promise<IngestSummary>): Promise<IngestSummary> {
    const sqlite = this.database.sqlite;
    if (!sqlite || this.opts.deferIndexes === false) return run();
    const names = deferIndexes(sqlite, INGEST_TABLES);
    if (names.length === 0) return run();
    const rebuild = (): void => {
      const started = performance.now();
      restoreDeferredIndexes(sqlite, { names });
      this.logger.debug({ indexes: names, ms: performance.now() - started }, 'indexes rebuilt');
    };
    let summary: IngestSummary;
    try {
      summary = await run();
    } catch (err) {
      // Rebuild anyway, but report the load's own error: a failing rebuild leaves its records,
      // and the next open rebuilds them once this process has ended.
      try {
        rebuild();
      } catch (rebuildErr) {
        this.logger.error({ err: rebuildErr }, 'rebuilding the deferred indexes failed');
      }
      throw err;
    }
    rebuild();
    return summary;
  }

  /** Ingests an opened input (an HTTP body, a test stream); `cursor` only for resumable files. */
  async ingest(
    connector: Connector,
    input: ConnectorInput,
    cursor?: CursorTarget,
    totalBytes?: number,
  ): Promise<IngestSummary> {
    const started = performance.now();
    const summary: IngestSummary = {
      source: input.name,
      format: connector.format,
      read: 0,
      stored: 0,
      duplicates: 0,
      quarantined: 0,
      elapsedMs: 0,
      rate: 0,
      resumedFrom: input.startOffset > 0 ? { offset: input.startOffset, line: input.startLine } : undefined,
    };
    let pending: IngestItem[] = [];
    let lastOffset = -1;
    let bytesRead = input.startOffset;

    const flush = async (resumeAt: CursorInput | undefined): Promise<void> => {
      const checked = await checkBatch(this.database.db, pending, this.known);
      const onStored = this.opts.onStored;
      const result = await this.writer.write({
        events: checked.events,
        quarantine: checked.quarantine,
        ...(resumeAt ? { cursor: resumeAt } : {}),
        ...(onStored ? { reportFresh: true } : {}),
      });
      if (onStored && result.fresh && result.fresh.length > 0)
        onStored(result.fresh.map((i) => checked.events[i] as CanonicalEvent));
      if (checked.events.length > 0) this.opts.onValid?.(checked.events);
      for (const key of checked.newlyKnown) this.known.add(key);
      summary.stored += result.inserted;
      summary.duplicates += result.duplicates;
      summary.quarantined += checked.quarantine.length;
      for (const q of checked.quarantine) this.opts.onQuarantine?.(q);
      pending = [];
    };
    const cursorAt = (offset: number, line: number, complete: boolean): CursorInput | undefined =>
      cursor ? { ...cursor, offset, line, complete } : undefined;

    for await (const items of connector.read(input)) {
      for (const item of items) {
        // Cut only between records (a record may give several events), so that the cursor,
        // the start of the next record, never falls inside one.
        if (pending.length >= this.batchSize && item.loc.offset !== lastOffset) {
          await flush(cursorAt(item.loc.offset, item.loc.line - 1, false));
        }
        pending.push(item);
        lastOffset = item.loc.offset;
        bytesRead = item.loc.end ?? item.loc.offset;
        summary.read += 1;
      }
      this.opts.onProgress?.({
        source: input.name,
        bytesRead,
        totalBytes,
        startOffset: input.startOffset,
        read: summary.read,
        quarantined: summary.quarantined,
        elapsedMs: performance.now() - started,
      });
    }
    const last = pending.at(-1);
    await flush(cursorAt(totalBytes ?? last?.loc.end ?? bytesRead, last?.loc.line ?? input.startLine, true));
    summary.elapsedMs = performance.now() - started;
    summary.rate = summary.elapsedMs > 0 ? (summary.read * 1000) / summary.elapsedMs : 0;
    this.logger.debug({ summary }, 'ingested');
    return summary;
  }
}
