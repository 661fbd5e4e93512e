import { PostgresAdapter, type Kysely } from 'kysely';

/** True when a migration runs on PostgreSQL (for the few column types that differ between engines). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const isPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
