import type { Database } from '../store/index.js';
import type { DistStateTable } from './tables.js';

const now = (): string => new Date().toISOString();

export const loadState = async (database: Database, name: string): Promise<DistStateTable | undefined> => {
  const row = await database.db.selectFrom('dist_state').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) return undefined;
  const state = row.state === null ? null : Buffer.from(row.state);
  return { ...row, state };
};

/**
 * Creates the ordered stage's row when it does not exist: it starts after `processedSeq` (0 for a
 * new stream) and reads the enriched stream from its start.
 */
export const initState = async (database: Database, name: string, processedSeq: number): Promise<void> => {
  await database.db
    .insertInto('dist_state')
    .values({
      name,
      processed_seq: processedSeq,
      snapshot_seq: processedSeq,
      resume_seq: 1,
      state: null,
      updated_at: now(),
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
};

/** The ingest sequence up to which the ordered stage has committed its effects (0 before it started). */
export const loadProgress = async (database: Database, name: string): Promise<number> => {
  const row = await database.db
    .selectFrom('dist_state')
    .select('processed_seq')
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? Number(row.processed_seq) : 0;
};

export const saveProgress = async (database: Database, name: string, seq: number): Promise<void> => {
  await database.db
    .updateTable('dist_state')
    .set({ processed_seq: seq, updated_at: now() })
    .where('name', '=', name)
    .where('processed_seq', '<', seq)
    .execute();
};

export const saveSnapshot = async (
  database: Database,
  name: string,
  s: { seq: number; resume: number; state: Buffer },
): Promise<void> => {
  await database.db
    .updateTable('dist_state')
    .set({ snapshot_seq: s.seq, resume_seq: s.resume, state: s.state, updated_at: now() })
    .where('name', '=', name)
    .execute();
};
