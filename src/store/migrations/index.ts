import type { Migration, MigrationProvider } from 'kysely';
import { migration as m202611230300core } from './202611230300-core.js';
import { migration as m202611230310decisions } from './202611230310-decisions.js';
import { migration as m202611230320banks } from './202611230320-banks.js';
import { migration as m202611230330review } from './202611230330-review.js';
import { migration as m202611230400deferredIndexes } from './202611230400-deferred-indexes.js';
import { migration as m202611230420observeIndexes } from './202611230420-observe-indexes.js';
import { migration as m202611230600distState } from './202611230600-dist-state.js';
import { migration as m202611230700models } from './202611230700-models.js';
import { migration as m202611230710postReview } from './202611230710-post-review.js';

// Migrations in order of their names (timestamp prefixes). test/store checks that every file
// in this folder is listed here, so the list cannot drift from the files.
export const migrations: Record<string, Migration> = {
  '202611230300-core': m202611230300core,
  '202611230310-decisions': m202611230310decisions,
  '202611230320-banks': m202611230320banks,
  '202611230330-review': m202611230330review,
  '202611230400-deferred-indexes': m202611230400deferredIndexes,
  '202611230420-observe-indexes': m202611230420observeIndexes,
  '202611230600-dist-state': m202611230600distState,
  '202611230700-models': m202611230700models,
  '202611230710-post-review': m202611230710postReview,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
