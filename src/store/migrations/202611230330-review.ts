import type { Kysely, Migration } from 'kysely';
import { isPostgres } from '../migration-helpers.js';

// The moderation service (src/review/tables.ts): keys, the append-only audit log, the review queue
// and the state derived from the log (actions, appeals, webhook outbox, user reports).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const up = async (db: Kysely<any>): Promise<void> => {
  const pg = isPostgres(db);
  const real = pg ? 'double precision' : 'real';
  const serial = pg ? 'bigserial' : 'integer';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const pk = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('moderation_events')
    .addColumn('id', serial, pk)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema
    .createIndex('moderation_events_subject_idx')
    .on('moderation_events')
    .columns(['subject_kind', 'subject_id', 'id'])
    .execute();

  await db.schema
    .createTable('queue_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('lang', 'text')
    .addColumn('label', 'text')
    .addColumn('risk', real, (c) => c.notNull())
    .addColumn('reach', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('reporters', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('source_at', 'text', (c) => c.notNull())
    .addColumn('log_priority', real, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('decision', 'text')
    .addColumn('reason_code', 'text')
    .addColumn('note', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('evidence', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('queue_items_status_idx')
    .on('queue_items')
    .columns(['status', 'log_priority', 'id'])
    .execute();
  await db.schema
    .createIndex('queue_items_kind_idx')
    .on('queue_items')
    .columns(['kind', 'status', 'log_priority', 'id'])
    .execute();
  await db.schema
    .createIndex('queue_items_priority_idx')
    .on('queue_items')
    .columns(['log_priority', 'id'])
    .execute();

  await db.schema
    .createTable('queue_groups')
    .addColumn('group_key', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('queue_groups_pk', ['group_key', 'item_id'])
    .execute();

  await db.schema
    .createTable('actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('post_id', 'text')
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('appeal_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('actions_time_idx').on('actions').columns(['created_at']).execute();

  await db.schema
    .createTable('appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().unique())
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_outbox')
    .addColumn('id', serial, pk)
    .addColumn('webhook_id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addUniqueConstraint('webhook_outbox_idem', ['webhook_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('webhook_outbox_due_idx')
    .on('webhook_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reports_pk', ['fingerprint', 'platform', 'subject_kind', 'subject_id'])
    .execute();

  // Reach of a flagged post counts its reposts; without this index that count scans every post.
  await db.schema
    .createIndex('review_posts_repost_idx')
    .on('posts')
    .columns(['platform', 'repost_of'])
    .execute();
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropIndex('review_posts_repost_idx').ifExists().execute();
  for (const t of [
    'reports',
    'webhook_outbox',
    'webhooks',
    'appeals',
    'actions',
    'queue_groups',
    'queue_items',
    'moderation_events',
    'api_keys',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
};

export const migration: Migration = { up, down };
