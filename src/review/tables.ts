import type { Generated } from 'kysely';

// Tables of the moderation service. `moderation_events` is the append-only audit log: the code only
// ever INSERTs into it. The other tables hold the current state derived from it, updated in the
// same transaction as the event that changes them. Times are ISO-8601 UTC strings (server clock:
// review is human time), except `source_at`, the stream time of the decision behind a queue item.

export interface ApiKeysTable {
  id: string;
  name: string;
  role: string;
  /** SHA-256 (hex) of the key; the key itself is shown once and never stored. */
  key_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface ModerationEventsTable {
  id: Generated<number>;
  at: string;
  actor_id: string;
  actor_name: string;
  /** e.g. `key_created`, `item_created`, `item_claimed`, `item_decided`, `action_taken`, … */
  type: string;
  /** `key`, `post`, `account`, `campaign`, `evasion`, `queue_item`, `action`, `appeal`, `webhook`, `report`. */
  subject_kind: string;
  subject_id: string;
  /** JSON of the state before and after, or null. */
  before: string | null;
  after: string | null;
}

export interface QueueItemsTable {
  /** `post:PLATFORM:ID`, `account:PLATFORM:ID`, `evasion:PLATFORM:ID` or `campaign:ID`. */
  id: string;
  kind: string;
  platform: string;
  subject_id: string;
  account_id: string | null;
  lang: string | null;
  label: string | null;
  risk: number;
  reach: number;
  reporters: number;
  /** `proactive` (found by Marsad) or `report` (first seen through a user report). */
  origin: string;
  source_at: string;
  /** ln of risk × reach factor × reporter factor, plus the recency term (see priority.ts). */
  log_priority: number;
  status: string;
  claimed_by: string | null;
  claimed_until: string | null;
  decision: string | null;
  reason_code: string | null;
  note: string | null;
  decided_by: string | null;
  evidence: string | null;
  created_at: string;
  updated_at: string;
}

/** Membership of items in groups decided together: `campaign:ID`, `lineage:PLATFORM:SUSPENDED_ID`. */
export interface QueueGroupsTable {
  group_key: string;
  item_id: string;
}

export interface ActionsTable {
  id: string;
  item_id: string | null;
  type: string;
  platform: string;
  account_id: string | null;
  post_id: string | null;
  reason_code: string;
  /** JSON: label name, counter-messaging resources, … */
  params: string;
  actor_id: string;
  status: string;
  appeal_token_hash: string;
  created_at: string;
  updated_at: string;
}

export interface AppealsTable {
  id: string;
  action_id: string;
  statement: string;
  status: string;
  decided_by: string | null;
  note: string | null;
  created_at: string;
  decided_at: string | null;
}

export interface WebhooksTable {
  id: string;
  url: string;
  secret: string;
  active: number;
  created_at: string;
}

export interface WebhookOutboxTable {
  id: Generated<number>;
  webhook_id: string;
  idempotency_key: string;
  event: string;
  payload: string;
  /** `pending`, `delivered` or `dead` (the dead-letter list). */
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface ReportsTable {
  /** SHA-256 of the reporter's address and self-given id: one report per reporter and subject. */
  fingerprint: string;
  platform: string;
  subject_kind: string;
  subject_id: string;
  reason: string;
  created_at: string;
}

export interface ReviewTables {
  api_keys: ApiKeysTable;
  moderation_events: ModerationEventsTable;
  queue_items: QueueItemsTable;
  queue_groups: QueueGroupsTable;
  actions: ActionsTable;
  appeals: AppealsTable;
  webhooks: WebhooksTable;
  webhook_outbox: WebhookOutboxTable;
  reports: ReportsTable;
}
