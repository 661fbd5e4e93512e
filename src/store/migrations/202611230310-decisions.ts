import type { Kysely, Migration } from 'kysely';
import { isPostgres } from '../migration-helpers.js';

// Decisions of the online pipeline (src/pipeline/tables.ts). Keys make re-runs idempotent:
// per-post and per-bucket rows by their identity, snapshot kinds by (key, version).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const up = async (db: Kysely<any>): Promise<void> => {
  const real = isPostgres(db) ? 'double precision' : 'real';
  const count = isPostgres(db) ? 'bigint' : 'integer';

  await db.schema
    .createTable('decisions_posts')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('flagged', 'integer', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addPrimaryKeyConstraint('decisions_posts_pk', ['platform', 'post_id'])
    .execute();
  await db.schema
    .createIndex('decisions_posts_account_idx')
    .on('decisions_posts')
    .columns(['platform', 'account_id', 'decided_at'])
    .execute();
  await db.schema
    .createIndex('decisions_posts_flagged_idx')
    .on('decisions_posts')
    .columns(['flagged', 'decided_at'])
    .execute();

  await db.schema
    .createTable('decisions_accounts')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('risk', real, (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('flagged_at', 'text')
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decisions_accounts_pk', ['platform', 'account_id', 'version'])
    .execute();
  await db.schema
    .createIndex('decisions_accounts_time_idx')
    .on('decisions_accounts')
    .columns(['decided_at'])
    .execute();

  await db.schema
    .createTable('decisions_evasion')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('suspended_account_id', 'text', (c) => c.notNull())
    .addColumn('score', real, (c) => c.notNull())
    .addColumn('flagged_at', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decisions_evasion_pk', ['platform', 'account_id', 'version'])
    .execute();
  await db.schema
    .createIndex('decisions_evasion_suspended_idx')
    .on('decisions_evasion')
    .columns(['platform', 'suspended_account_id'])
    .execute();

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('hashtags', 'text', (c) => c.notNull())
    .addColumn('accounts', 'text', (c) => c.notNull())
    .addColumn('post_count', count, (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addColumn('extremist_share', real, (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaigns_pk', ['id', 'version'])
    .execute();
  await db.schema.createIndex('campaigns_time_idx').on('campaigns').columns(['started_at']).execute();

  await db.schema
    .createTable('hashtag_buckets')
    .addColumn('hashtag_key', 'text', (c) => c.notNull())
    .addColumn('bucket_start', 'text', (c) => c.notNull())
    .addColumn('hashtag', 'text', (c) => c.notNull())
    .addColumn('posts', count, (c) => c.notNull())
    .addColumn('accounts', count, (c) => c.notNull())
    .addColumn('flagged_posts', count, (c) => c.notNull())
    .addColumn('flagged_share', real, (c) => c.notNull())
    .addPrimaryKeyConstraint('hashtag_buckets_pk', ['hashtag_key', 'bucket_start'])
    .execute();
  await db.schema
    .createIndex('hashtag_buckets_time_idx')
    .on('hashtag_buckets')
    .columns(['bucket_start'])
    .execute();

  await db.schema
    .createTable('matches')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('bank', 'text', (c) => c.notNull())
    .addColumn('signal', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('distance', 'integer', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('matches_pk', ['platform', 'post_id', 'bank', 'signal', 'hash'])
    .execute();
  await db.schema
    .createIndex('matches_account_idx')
    .on('matches')
    .columns(['platform', 'account_id'])
    .execute();
  await db.schema.createIndex('matches_bank_idx').on('matches').columns(['bank', 'hash']).execute();
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const down = async (db: Kysely<any>): Promise<void> => {
  for (const t of [
    'matches',
    'hashtag_buckets',
    'campaigns',
    'decisions_evasion',
    'decisions_accounts',
    'decisions_posts',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
};

export const migration: Migration = { up, down };
