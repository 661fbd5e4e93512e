import type { Migration, MigrationProvider } from 'kysely';

// Migrations in order of their names (timestamp prefixes). test/store checks that every file
// in this folder is listed here, so the list cannot drift from the files.
export const migrations: Record<string, Migration> = {};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
