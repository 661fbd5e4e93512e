import type { Kysely, Migration } from 'kysely';

// Secondary indexes that a bulk load into an empty SQLite table dropped and has yet to rebuild
// (src/store/deferred-indexes.ts). The table exists on both engines so that the schema is the same;
// only SQLite uses it.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('deferred_indexes')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('sql', 'text', (c) => c.notNull())
    .addColumn('owner_pid', 'integer', (c) => c.notNull())
    .addColumn('deferred_at', 'text', (c) => c.notNull())
    .execute();
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropTable('deferred_indexes').ifExists().execute();
};

export const migration: Migration = { up, down };
