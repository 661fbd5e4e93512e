import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { Database, DbTx } from '../store/index.js';
import { appendAudit } from './audit.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import {
  STATUS_OF,
  claimActive,
  itemState,
  toQueueItem,
  type ItemKind,
  type ItemStatus,
  type QueueItem,
  type QueueRow,
  type ReasonCode,
  type ReviewDecision,
} from './queue-types.js';
import type { Actor } from './roles.js';

export const DEFAULT_CLAIM_MS = 15 * 60 * 1000;

export interface QueueFilter {
  kind?: ItemKind | undefined;
  platform?: string | undefined;
  lang?: string | undefined;
  label?: string | undefined;
  status?: ItemStatus | undefined;
  riskMin?: number | undefined;
  riskMax?: number | undefined;
  /** Stream time of the decision behind the item, inclusive bounds. */
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface DecisionInput {
  decision: ReviewDecision;
  reasonCode: ReasonCode;
  note?: string | undefined;
}

export type BulkTarget = { campaignId: string } | { platform: string; suspendedAccountId: string };

export interface BulkResult {
  decided: string[];
  skipped: Array<{ id: string; reason: string }>;
}

const FINAL: ReadonlySet<string> = new Set(['confirmed', 'dismissed']);

/** The review queue: reads with filters and cursors, claims with a timeout, decisions, bulk decisions. */
export class QueueService {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
    private readonly claimMs: number = DEFAULT_CLAIM_MS,
  ) {}

  async list(f: QueueFilter): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
    const now = this.now();
    const nowIso = now.toISOString();
    const limit = Math.min(Math.max(f.limit ?? 50, 1), 500);
    let q = this.database.db
      .selectFrom('queue_items')
      .selectAll()
      .orderBy('log_priority', 'desc')
      .orderBy('id', 'asc')
      .limit(limit + 1);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.platform) q = q.where('platform', '=', f.platform);
    if (f.lang) q = q.where('lang', '=', f.lang);
    if (f.label) q = q.where('label', '=', f.label);
    if (f.riskMin !== undefined) q = q.where('risk', '>=', f.riskMin);
    if (f.riskMax !== undefined) q = q.where('risk', '<=', f.riskMax);
    if (f.from) q = q.where('source_at', '>=', f.from);
    if (f.to) q = q.where('source_at', '<=', f.to);
    if (f.cursor) {
      const [p, id] = decodeCursor(f.cursor, ['number', 'string']) as [number, string];
      q = q.where((eb) =>
        eb.or([eb('log_priority', '<', p), eb.and([eb('log_priority', '=', p), eb('id', '>', id)])]),
      );
    }
    let rows: QueueRow[];
    if (f.status === 'open') {
      // Open = stored open, plus claims past their timeout. Two index-ordered queries merged here:
      // an OR across both would make the engines give up the (status, log_priority) index.
      const [open, expired] = await Promise.all([
        q.where('status', '=', 'open').execute(),
        q.where('status', '=', 'claimed').where('claimed_until', '<=', nowIso).execute(),
      ]);
      rows = [...open, ...expired]
        .sort((a, b) => b.log_priority - a.log_priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .slice(0, limit + 1);
    } else if (f.status === 'claimed') {
      rows = await q.where('status', '=', 'claimed').where('claimed_until', '>', nowIso).execute();
    } else {
      rows = await (f.status ? q.where('status', '=', f.status) : q).execute();
    }
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toQueueItem(r, now)),
      nextCursor: rows.length > limit && last ? encodeCursor([last.log_priority, last.id]) : null,
    };
  }

  async get(id: string): Promise<QueueItem> {
    const row = await this.database.db
      .selectFrom('queue_items')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`no queue item ${id}`, { field: 'id' });
    return toQueueItem(row, this.now());
  }

  /** Claims an item for `assignee` (the actor itself unless a moderator assigns it to someone). */
  async claim(actor: Actor, id: string, opts: { assignee?: Actor; ttlMs?: number } = {}): Promise<QueueItem> {
    const now = this.now();
    const at = now.toISOString();
    const who = opts.assignee ?? actor;
    const until = new Date(now.getTime() + (opts.ttlMs ?? this.claimMs)).toISOString();
    return this.database.db.transaction().execute(async (tx) => {
      const row = await this.load(tx, id);
      if (FINAL.has(row.status)) throw new ConflictError(`queue item ${id} is already ${row.status}`);
      if (claimActive(row, now) && row.claimed_by !== who.id && opts.assignee === undefined) {
        throw new ConflictError(
          `queue item ${id} is claimed by ${row.claimed_by ?? '?'} until ${row.claimed_until ?? '?'}`,
        );
      }
      const patch = { status: 'claimed', claimed_by: who.id, claimed_until: until, updated_at: at };
      await tx.updateTable('queue_items').set(patch).where('id', '=', id).execute();
      await appendAudit(tx, actor, at, {
        type: opts.assignee ? 'item_assigned' : 'item_claimed',
        subjectKind: 'queue_item',
        subjectId: id,
        before: itemState(row),
        after: itemState({ ...row, ...patch }),
      });
      return toQueueItem({ ...row, ...patch }, now);
    });
  }

  async release(actor: Actor, id: string): Promise<QueueItem> {
    const now = this.now();
    const at = now.toISOString();
    return this.database.db.transaction().execute(async (tx) => {
      const row = await this.load(tx, id);
      if (row.status !== 'claimed') throw new ConflictError(`queue item ${id} is not claimed`);
      if (claimActive(row, now) && row.claimed_by !== actor.id && actor.role !== 'admin') {
        throw new ForbiddenError(`queue item ${id} is claimed by someone else`);
      }
      const patch = { status: 'open', claimed_by: null, claimed_until: null, updated_at: at };
      await tx.updateTable('queue_items').set(patch).where('id', '=', id).execute();
      await appendAudit(tx, actor, at, {
        type: 'item_released',
        subjectKind: 'queue_item',
        subjectId: id,
        before: itemState(row),
        after: itemState({ ...row, ...patch }),
      });
      return toQueueItem({ ...row, ...patch }, now);
    });
  }

  /**
   * Frees claims whose timeout passed (an abandoned claim), with an audit record each. Reads already
   * treat such items as open; this makes the stored state and the log say so too.
   */
  async expireClaims(actor: Actor): Promise<number> {
    const now = this.now();
    const at = now.toISOString();
    return this.database.db.transaction().execute(async (tx) => {
      const rows = await tx
        .selectFrom('queue_items')
        .selectAll()
        .where('status', '=', 'claimed')
        .where('claimed_until', '<=', at)
        .execute();
      for (const row of rows) {
        const patch = { status: 'open', claimed_by: null, claimed_until: null, updated_at: at };
        await tx.updateTable('queue_items').set(patch).where('id', '=', row.id).execute();
        await appendAudit(tx, actor, at, {
          type: 'claim_expired',
          subjectKind: 'queue_item',
          subjectId: row.id,
          before: itemState(row),
          after: itemState({ ...row, ...patch }),
        });
      }
      return rows.length;
    });
  }

  async decide(actor: Actor, id: string, input: DecisionInput): Promise<QueueItem> {
    const now = this.now();
    return this.database.db.transaction().execute(async (tx) => {
      const row = await this.load(tx, id);
      const problem = this.undecidable(row, actor, now);
      if (problem) throw new ConflictError(`queue item ${id} ${problem}`);
      return toQueueItem(await this.applyDecision(tx, actor, row, input, now), now);
    });
  }

  /** Decides every undecided item of a campaign or of a re-creation lineage in one transaction. */
  async bulkDecide(actor: Actor, target: BulkTarget, input: DecisionInput): Promise<BulkResult> {
    const group =
      'campaignId' in target
        ? `campaign:${target.campaignId}`
        : `lineage:${target.platform}:${target.suspendedAccountId}`;
    const now = this.now();
    return this.database.db.transaction().execute(async (tx) => {
      const rows = await tx
        .selectFrom('queue_items')
        .selectAll()
        .where('id', 'in', (eb) =>
          eb.selectFrom('queue_groups').select('item_id').where('group_key', '=', group),
        )
        .orderBy('id')
        .execute();
      if (rows.length === 0) throw new NotFoundError(`no queue items in ${group}`, { field: 'target' });
      const result: BulkResult = { decided: [], skipped: [] };
      for (const row of rows) {
        const problem = this.undecidable(row, actor, now);
        if (problem) {
          result.skipped.push({ id: row.id, reason: problem });
          continue;
        }
        await this.applyDecision(tx, actor, row, input, now, group);
        result.decided.push(row.id);
      }
      return result;
    });
  }

  private undecidable(row: QueueRow, actor: Actor, now: Date): string | undefined {
    if (FINAL.has(row.status)) return `is already ${row.status}`;
    if (claimActive(row, now) && row.claimed_by !== actor.id) return `is claimed by ${row.claimed_by ?? '?'}`;
    return undefined;
  }

  private async applyDecision(
    tx: DbTx,
    actor: Actor,
    row: QueueRow,
    input: DecisionInput,
    now: Date,
    group?: string,
  ): Promise<QueueRow> {
    if (input.note !== undefined && input.note.length > 4000) {
      throw new ValidationError('note is longer than 4,000 characters', { field: 'note' });
    }
    const at = now.toISOString();
    const patch = {
      status: STATUS_OF[input.decision],
      claimed_by: null,
      claimed_until: null,
      decision: input.decision,
      reason_code: input.reasonCode,
      note: input.note ?? null,
      decided_by: actor.id,
      updated_at: at,
    };
    await tx.updateTable('queue_items').set(patch).where('id', '=', row.id).execute();
    await appendAudit(tx, actor, at, {
      type: 'item_decided',
      subjectKind: 'queue_item',
      subjectId: row.id,
      before: itemState(row),
      after: { ...itemState({ ...row, ...patch }), ...(group ? { bulk: group } : {}) },
    });
    return { ...row, ...patch };
  }

  private async load(tx: DbTx, id: string): Promise<QueueRow> {
    let q = tx.selectFrom('queue_items').selectAll().where('id', '=', id);
    // Two moderators claiming at once: PostgreSQL locks the row; SQLite serialises writers anyway.
    if (this.database.dialect === 'postgres') q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) throw new NotFoundError(`no queue item ${id}`, { field: 'id' });
    return row;
  }
}
