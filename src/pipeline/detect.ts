import { stat } from 'node:fs/promises';
import { detectFormat, getConnector, openConnectorInput } from '../ingest/index.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { createBulkWriter } from '../store/bulk-writer.js';
import type { Database } from '../store/index.js';
import type { ClassifierSpec } from './classifier.js';
import { createDecisionStore } from './decision-store.js';
import { DetectSink, type SinkStats } from './outputs.js';
import { createPool } from './pool.js';
import type { ProgressReporter } from './progress.js';
import { PipelineRunner, type PostMatcher, type RunStats } from './runner.js';
import type { Detector } from './types.js';

export interface DetectOptions {
  /** A file, or `-` for standard input. */
  input: string;
  outDir: string;
  /** Input format; detected from the first 64 KiB when absent. */
  format?: string | undefined;
  /** Platform for inputs that do not carry one. */
  platform?: string | undefined;
  /** Without a classifier nothing is classified (no `post` decisions, no flags). */
  classifier?: ClassifierSpec | undefined;
  /** Worker threads for classification; 0 classifies in this thread. */
  workers: number;
  /** Where events and decisions are stored; omit to write files only. */
  database?: Database | undefined;
  /** Store the events themselves too (default true when there is a database). */
  storeEvents?: boolean;
  /** The detectors to run (`marsad detect` passes defaultDetectors()). */
  detectors: Detector[];
  matcher?: PostMatcher | undefined;
  logger?: Logger;
  progress?: (totalBytes: number | undefined) => ProgressReporter;
  batchSize?: number;
}

export interface DetectSummary {
  format: string;
  stats: RunStats;
  outputs: SinkStats;
}

/** `marsad detect`: runs every detector over an input and writes the contract files (and the database). */
export const runDetect = async (opts: DetectOptions): Promise<DetectSummary> => {
  const logger = opts.logger ?? silentLogger();
  const opened = await openConnectorInput(
    opts.input,
    opts.platform !== undefined ? { platform: opts.platform } : {},
  );
  const format = opts.format ?? detectFormat(opened.head, opened.name);
  const connector = getConnector(format);
  const totalBytes = opts.input === '-' ? undefined : (await stat(opts.input)).size;
  const database = opts.database;
  const sink = await DetectSink.open({
    outDir: opts.outDir,
    store: database ? createDecisionStore(database) : undefined,
    events: database && opts.storeEvents !== false ? createBulkWriter(database) : undefined,
  });
  const pool = opts.classifier ? await createPool(opts.classifier, opts.workers) : undefined;
  const progress = opts.progress?.(totalBytes);
  logger.info({ input: opts.input, format, workers: pool?.size ?? 0 }, 'detect: starting');
  try {
    const runner = new PipelineRunner({
      detectors: opts.detectors,
      pool,
      matcher: opts.matcher,
      sink,
      logger,
      ...(opts.batchSize !== undefined ? { batchSize: opts.batchSize } : {}),
      onProgress: (s, offset) => progress?.update(s, offset),
    });
    const stats = await runner.run(connector.read(opened));
    const outputs = await sink.close();
    return { format, stats, outputs };
  } finally {
    progress?.stop();
    await pool?.close();
  }
};
