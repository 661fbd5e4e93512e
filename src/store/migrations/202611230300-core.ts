import { type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../migration-helpers.js';

// Accounts with profile history, posts, follows, enforcement, quarantine and the ingestion cursor.
// No foreign keys: the ingestion service checks references itself (and quarantines what fails),
// and the bulk writer must not depend on the order of tables inside a batch.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const up = async (db: Kysely<any>): Promise<void> => {
  const pg = isPostgres(db);
  const count = pg ? 'bigint' : 'integer';

  await db.schema
    .createTable('accounts')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('bio', 'text')
    .addColumn('lang', 'text')
    .addColumn('avatar_pdq', 'text')
    .addColumn('followers_count', count)
    .addColumn('following_count', count)
    .addColumn('url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('accounts_pk', ['platform', 'id'])
    .execute();
  await db.schema.createIndex('accounts_handle_idx').on('accounts').columns(['platform', 'handle']).execute();

  await db.schema
    .createTable('account_profiles')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('handle', 'text')
    .addColumn('name', 'text')
    .addColumn('bio', 'text')
    .addColumn('avatar_pdq', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_profiles_pk', ['platform', 'kind', 'event_key'])
    .execute();
  await db.schema
    .createIndex('account_profiles_account_idx')
    .on('account_profiles')
    .columns(['platform', 'account_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('posts')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('lang', 'text')
    .addColumn('hashtags', 'text', (c) => c.notNull())
    .addColumn('mentions', 'text', (c) => c.notNull())
    .addColumn('urls', 'text', (c) => c.notNull())
    .addColumn('media', 'text')
    .addColumn('reply_to', 'text')
    .addColumn('repost_of', 'text')
    .addColumn('quote_of', 'text')
    .addPrimaryKeyConstraint('posts_pk', ['platform', 'id'])
    .execute();
  await db.schema
    .createIndex('posts_account_idx')
    .on('posts')
    .columns(['platform', 'account_id', 'created_at'])
    .execute();
  await db.schema.createIndex('posts_time_idx').on('posts').columns(['created_at']).execute();

  await db.schema
    .createTable('follows')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('src', 'text', (c) => c.notNull())
    .addColumn('dst', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('follows_pk', ['platform', 'event_key'])
    .execute();
  await db.schema.createIndex('follows_src_idx').on('follows').columns(['platform', 'src']).execute();
  await db.schema.createIndex('follows_dst_idx').on('follows').columns(['platform', 'dst']).execute();

  await db.schema
    .createTable('enforcement')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('post_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('enforcement_pk', ['platform', 'event_key'])
    .execute();
  await db.schema
    .createIndex('enforcement_account_idx')
    .on('enforcement')
    .columns(['platform', 'account_id'])
    .execute();

  await db.schema
    .createTable('quarantine')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) =>
      pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('digest', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('line', count, (c) => c.notNull())
    .addColumn('byte_offset', count, (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('raw_length', count, (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quarantine_source_idx').on('quarantine').columns(['source', 'line']).execute();

  await db.schema
    .createTable('ingest_cursor')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('byte_offset', count, (c) => c.notNull())
    .addColumn('line', count, (c) => c.notNull())
    .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const down = async (db: Kysely<any>): Promise<void> => {
  for (const table of [
    'ingest_cursor',
    'quarantine',
    'enforcement',
    'follows',
    'posts',
    'account_profiles',
    'accounts',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
};

export const migration: Migration = { up, down };
