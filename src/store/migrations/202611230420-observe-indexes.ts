import { sql, type Kysely, type Migration } from 'kysely';

// Indexes of the observatory reads (src/observe, docs/api.md "Observatory"). The overview counts
// posts per time bucket, platform and language, flagged posts per bucket and account, engagement
// (reposts, replies, quotes) per bucket, new accounts and suspensions: each gets an index that
// serves it without reading the posts table or sorting (docs/benchmarks/server.md).
// `decisions_posts_flagged_idx` is a prefix of the new covering index and is dropped.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const up = async (db: Kysely<any>): Promise<void> => {
  // Posts per hour, platform and language, read in index order: grouping needs no sort (the
  // expression is the hour prefix of the ISO time; the overview folds hours into days and weeks).
  await sql`CREATE INDEX posts_hour_idx ON posts ((substr(created_at, 1, 13)), platform, lang)`.execute(db);
  // Replies and quotes of a flagged post (reposts have review_posts_repost_idx); partial: only the
  // posts that reply or quote.
  await db.schema
    .createIndex('posts_reply_idx')
    .on('posts')
    .columns(['platform', 'reply_to', 'created_at'])
    .where(sql<boolean>`reply_to IS NOT NULL`)
    .execute();
  await db.schema
    .createIndex('posts_quote_idx')
    .on('posts')
    .columns(['platform', 'quote_of', 'created_at'])
    .where(sql<boolean>`quote_of IS NOT NULL`)
    .execute();
  await db.schema
    .createIndex('decisions_posts_flagged_cover_idx')
    .on('decisions_posts')
    .columns(['flagged', 'decided_at', 'platform', 'post_id', 'account_id'])
    .execute();
  await db.schema.dropIndex('decisions_posts_flagged_idx').ifExists().execute();
  await db.schema.createIndex('accounts_created_idx').on('accounts').columns(['created_at']).execute();
  // Campaign records list account ids without their platform.
  await db.schema.createIndex('accounts_id_idx').on('accounts').columns(['id']).execute();
  await db.schema
    .createIndex('enforcement_time_idx')
    .on('enforcement')
    .columns(['created_at', 'action'])
    .execute();
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const down = async (db: Kysely<any>): Promise<void> => {
  for (const name of [
    'enforcement_time_idx',
    'accounts_id_idx',
    'accounts_created_idx',
    'decisions_posts_flagged_cover_idx',
    'posts_quote_idx',
    'posts_reply_idx',
    'posts_hour_idx',
  ]) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
  await db.schema
    .createIndex('decisions_posts_flagged_idx')
    .on('decisions_posts')
    .columns(['flagged', 'decided_at'])
    .execute();
};

export const migration: Migration = { up, down };
