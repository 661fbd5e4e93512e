import type { Kysely, Migration } from 'kysely';

// Hash banks of known content (src/match/tables.ts).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('banks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('bank_entries')
    .addColumn('bank', 'text', (c) => c.notNull().references('banks.name').onDelete('cascade'))
    .addColumn('signal', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('quality', 'integer')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('bank_entries_pk', ['bank', 'signal', 'value'])
    .execute();
  await db.schema
    .createTable('bank_verdicts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bank', 'text', (c) => c.notNull().references('banks.name').onDelete('cascade'))
    .addColumn('signal', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text')
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('bank_verdicts_key_idx')
    .on('bank_verdicts')
    .columns(['bank', 'signal', 'value', 'at'])
    .execute();
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropTable('bank_verdicts').ifExists().execute();
  await db.schema.dropTable('bank_entries').ifExists().execute();
  await db.schema.dropTable('banks').ifExists().execute();
};

export const migration: Migration = { up, down };
