import type { Migration, MigrationProvider } from 'kysely';
import { migration as m202611230300core } from './202611230300-core.js';
import { migration as m202611230310decisions } from './202611230310-decisions.js';
import { migration as m202611230320banks } from './202611230320-banks.js';
import { migration as m202611230330review } from './202611230330-review.js';

// Migrations in order of their names (timestamp prefixes). test/store checks that every file
// in this folder is listed here, so the list cannot drift from the files.
export const migrations: Record<string, Migration> = {
  '202611230300-core': m202611230300core,
  '202611230310-decisions': m202611230310decisions,
  '202611230320-banks': m202611230320banks,
  '202611230330-review': m202611230330review,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
