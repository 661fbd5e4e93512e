import type { Db, QuarantineTable } from '../store/index.js';
import type { Selectable } from 'kysely';

export type QuarantineRecord = Selectable<QuarantineTable>;

export interface QuarantineQuery {
  /** Only records of this source (as given on the command line). */
  source?: string;
  limit?: number;
  /** Records with an id greater than this (keyset paging). */
  afterId?: number;
}

/** Quarantined records in the order they were received. */
export const listQuarantine = async (db: Db, q: QuarantineQuery = {}): Promise<QuarantineRecord[]> => {
  let query = db.selectFrom('quarantine').selectAll().orderBy('id');
  if (q.source !== undefined) query = query.where('source', '=', q.source);
  if (q.afterId !== undefined) query = query.where('id', '>', q.afterId);
  if (q.limit !== undefined) query = query.limit(q.limit);
  return query.execute();
};

export const countQuarantine = async (db: Db, source?: string): Promise<number> => {
  let query = db.selectFrom('quarantine').select((eb) => eb.fn.countAll<number>().as('n'));
  if (source !== undefined) query = query.where('source', '=', source);
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
};

/** Every quarantined record, a page at a time, so that a large quarantine is never held whole. */
export async function* iterateQuarantine(
  db: Db,
  source?: string,
  pageSize = 1000,
): AsyncGenerator<QuarantineRecord> {
  let afterId: number | undefined;
  for (;;) {
    const page = await listQuarantine(db, {
      limit: pageSize,
      ...(source !== undefined ? { source } : {}),
      ...(afterId !== undefined ? { afterId } : {}),
    });
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    afterId = Number(last.id);
  }
}
