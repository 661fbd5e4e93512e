import type { Kysely, Migration } from 'kysely';
import { isPostgres } from '../migration-helpers.js';

// The distributed mode's ordered stage: progress and state snapshot (src/dist/tables.ts).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const up = async (db: Kysely<any>): Promise<void> => {
  const pg = isPostgres(db);
  await db.schema
    .createTable('dist_state')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('processed_seq', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('snapshot_seq', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('resume_seq', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('state', pg ? 'bytea' : 'blob')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropTable('dist_state').ifExists().execute();
};

export const migration: Migration = { up, down };
