import type { Kysely, Migration } from 'kysely';

// The model registry: trained models and their audited promotions (src/classify/feedback-models.ts).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('promoted_at', 'text')
    .addColumn('promoted_by', 'text')
    .addColumn('metrics', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('models_promoted_idx').on('models').columns(['promoted_at']).execute();
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropTable('models').ifExists().execute();
};

export const migration: Migration = { up, down };
