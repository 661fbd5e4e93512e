import type { Db, DbTx } from '../store/index.js';
import type { Actor } from './roles.js';

export interface AuditEntry {
  type: string;
  subjectKind: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord {
  id: number;
  at: string;
  actorId: string;
  actorName: string;
  type: string;
  subjectKind: string;
  subjectId: string;
  before: unknown;
  after: unknown;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * Appends to the audit log. This is the only function that writes `moderation_events`, and it only
 * INSERTs: there is no update or delete path. Call it inside the transaction that changes the state.
 */
export const appendAudit = async (
  tx: Db | DbTx,
  actor: Actor,
  at: string,
  entry: AuditEntry,
): Promise<void> => {
  await tx
    .insertInto('moderation_events')
    .values({
      at,
      actor_id: actor.id,
      actor_name: actor.name,
      type: entry.type,
      subject_kind: entry.subjectKind,
      subject_id: entry.subjectId,
      before: json(entry.before),
      after: json(entry.after),
    })
    .execute();
};

export interface AuditQuery {
  subjectKind?: string | undefined;
  subjectId?: string | undefined;
  type?: string | undefined;
  /** Return records with id greater than this (cursor). */
  after?: number | undefined;
  limit: number;
}

export const readAudit = async (db: Db, q: AuditQuery): Promise<AuditRecord[]> => {
  let query = db.selectFrom('moderation_events').selectAll().orderBy('id', 'asc').limit(q.limit);
  if (q.subjectKind !== undefined) query = query.where('subject_kind', '=', q.subjectKind);
  if (q.subjectId !== undefined) query = query.where('subject_id', '=', q.subjectId);
  if (q.type !== undefined) query = query.where('type', '=', q.type);
  if (q.after !== undefined) query = query.where('id', '>', q.after);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    type: r.type,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
  }));
};
