// The moderation service: keys and roles, the append-only audit log, the review queue and the
// state derived from the log. HTTP lives in src/server; this folder has no HTTP in it.
import type { Database } from '../store/index.js';
import { KeyService } from './keys.js';
import { QueueService, DEFAULT_CLAIM_MS } from './queue.js';
import { ReadService } from './reads.js';
import { ActionService } from './actions.js';
import { AppealService } from './appeals.js';
import { ReportService } from './reports.js';
import { WebhookService, type WebhookOptions } from './webhooks.js';
import type { Logger } from '../logger.js';

export * from './roles.js';
export { appendAudit, readAudit, type AuditEntry, type AuditRecord, type AuditQuery } from './audit.js';
export { KeyService, hashSecret, KEY_PREFIX, type ApiKeyInfo } from './keys.js';
export {
  QueueService,
  DEFAULT_CLAIM_MS,
  type QueueFilter,
  type DecisionInput,
  type BulkTarget,
  type BulkResult,
} from './queue.js';
export * from './queue-types.js';
export { syncQueueFromDecisions, type SyncSummary } from './sync.js';
export { logPriority, priorityAt, HALF_LIFE_MS } from './priority.js';
export { ReadService, type PostFilter } from './reads.js';
export type { ReviewTables } from './tables.js';
export {
  ActionService,
  ACTION_TYPES,
  APPEAL_TOKEN_PREFIX,
  type ActionInput,
  type ActionType,
  type ActionView,
  type Resource,
} from './actions.js';
export { AppealService, type AppealView } from './appeals.js';
export { ReportService, reporterFingerprint, type ReportInput, type ReportResult } from './reports.js';
export {
  WebhookService,
  signPayload,
  enqueueWebhooks,
  type WebhookOptions,
  type WebhookInfo,
  type OutboxEntry,
} from './webhooks.js';
export { recordEnforcement } from './enforcement.js';

export interface ReviewOptions {
  /** The server clock (tests move it to expire claims). */
  now?: () => Date;
  claimMs?: number;
  webhooks?: WebhookOptions;
  logger?: Logger;
}

/** The services of the moderation domain, bound to one database handle. */
export interface ReviewServices {
  keys: KeyService;
  queue: QueueService;
  reads: ReadService;
  actions: ActionService;
  appeals: AppealService;
  reports: ReportService;
  webhooks: WebhookService;
  now: () => Date;
}

export const createReviewServices = (database: Database, opts: ReviewOptions = {}): ReviewServices => {
  const now = opts.now ?? (() => new Date());
  const actions = new ActionService(database, now, opts.logger);
  return {
    keys: new KeyService(database, now),
    queue: new QueueService(database, now, opts.claimMs ?? DEFAULT_CLAIM_MS),
    reads: new ReadService(database),
    actions,
    appeals: new AppealService(database, now, actions),
    reports: new ReportService(database, now),
    webhooks: new WebhookService(database, now, opts.webhooks, opts.logger),
    now,
  };
};
export {
  transparencyReport,
  transparencyCsv,
  transparencyHtml,
  type TransparencyReport,
} from './transparency.js';
export { exportDecisions, type DecisionRecord, type DecisionExportOptions } from './export.js';
