import type { BankService } from '../match/index.js';
import type { LivePipeline } from '../pipeline/live.js';
import type { ReviewServices } from '../review/index.js';
import type { Database } from '../store/index.js';
import type { BodyIngestResult } from './ingest-body.js';

/**
 * Distributed mode (src/dist): POST /v1/events goes through this instead of the in-process path,
 * and /health and /metrics report the event bus.
 */
export interface EventIngest {
  ingest(
    body: unknown,
    opts: { format?: string | undefined; platform?: string | undefined },
  ): Promise<BodyIngestResult>;
  /** Reachability of what this mode depends on, e.g. `{nats: true}`. */
  health(): Promise<Record<string, boolean>>;
  metrics(): Promise<{ contentType: string; text: string }>;
}

/** What handlers may call: services only (handlers stay thin). */
export interface ServerDeps {
  database: Database;
  review: ReviewServices;
  banks: BankService;
  /** The live pipeline (`marsad serve`); absent when the server only stores what it receives. */
  live?: LivePipeline | undefined;
  eventIngest?: EventIngest | undefined;
}
