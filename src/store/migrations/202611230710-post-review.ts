import type { Kysely, Migration } from 'kysely';

// `review` of a post decision: not flagged, but in the text model's review band (or a high score in a
// language the model is not validated on). src/review/sync.ts queues these as "needs review" items.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .alterTable('decisions_posts')
    .addColumn('review', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('decisions_posts_review_idx')
    .on('decisions_posts')
    .columns(['review'])
    .execute();
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropIndex('decisions_posts_review_idx').ifExists().execute();
  await db.schema.alterTable('decisions_posts').dropColumn('review').execute();
};

export const migration: Migration = { up, down };
