import type { Logger } from '../logger.js';
import type { Database } from '../store/index.js';
import { ensureTopology, type Bus } from './bus.js';
import { initState, loadState } from './state-store.js';

/**
 * Streams, consumers and the ordered stage's row: idempotent, run by `serve --mode distributed`
 * and by every worker at start, whichever comes first.
 */
export const setupDistributed = async (bus: Bus, database: Database, logger?: Logger): Promise<void> => {
  const { ingestCreated, firstSeq } = await ensureTopology(bus);
  const name = bus.names.orderedState;
  if (ingestCreated) return initState(database, name, 0);
  if (await loadState(database, name)) return;
  // A stream older than this database: start after what it no longer holds.
  const from = Math.max(0, firstSeq - 1);
  if (from > 0)
    logger?.warn({ from }, 'ingest stream exists but this database has no ordered-stage state: starting after it');
  await initState(database, name, from);
};
