import type { Db } from './database.js';
import type { IngestCursorTable } from './core-tables.js';

// Read queries the ingestion service needs, with Kysely (not on the hot path: only cache misses).

const CHUNK = 500;

const chunks = <T>(items: T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const findStoredIds = async (
  db: Db,
  table: 'accounts' | 'posts',
  platform: string,
  ids: string[],
): Promise<Set<string>> => {
  const found = new Set<string>();
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where('platform', '=', platform)
      .where('id', 'in', part)
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
};

/** The subset of `ids` that are stored accounts of `platform`. */
export const findStoredAccounts = (db: Db, platform: string, ids: string[]): Promise<Set<string>> =>
  findStoredIds(db, 'accounts', platform, ids);

/** The subset of `ids` that are stored posts of `platform`. */
export const findStoredPosts = (db: Db, platform: string, ids: string[]): Promise<Set<string>> =>
  findStoredIds(db, 'posts', platform, ids);

export const getCursor = async (db: Db, source: string): Promise<IngestCursorTable | undefined> =>
  db.selectFrom('ingest_cursor').selectAll().where('source', '=', source).executeTakeFirst();
