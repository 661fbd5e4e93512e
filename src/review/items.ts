import type { DbTx } from '../store/index.js';
import { appendAudit } from './audit.js';
import { logPriority } from './priority.js';
import { itemState, type QueueRow } from './queue-types.js';
import type { Actor } from './roles.js';

/** What decides a new queue item; everything else starts empty (open, unclaimed, undecided). */
export type NewQueueItem = Pick<
  QueueRow,
  | 'id'
  | 'kind'
  | 'platform'
  | 'subject_id'
  | 'account_id'
  | 'lang'
  | 'label'
  | 'risk'
  | 'reach'
  | 'reporters'
  | 'origin'
  | 'source_at'
  | 'evidence'
>;

/**
 * Creates a queue item and its `item_created` audit record in the same transaction: the one way an
 * item comes into being, so that no creation path can skip the audit log.
 */
export const insertQueueItem = async (
  tx: DbTx,
  actor: Actor,
  at: string,
  item: NewQueueItem,
): Promise<QueueRow> => {
  const row: QueueRow = {
    ...item,
    log_priority: logPriority({
      risk: item.risk,
      reach: Number(item.reach),
      reporters: item.reporters,
      sourceAt: item.source_at,
    }),
    status: 'open',
    claimed_by: null,
    claimed_until: null,
    decision: null,
    reason_code: null,
    note: null,
    decided_by: null,
    created_at: at,
    updated_at: at,
  };
  await tx.insertInto('queue_items').values(row).execute();
  await appendAudit(tx, actor, at, {
    type: 'item_created',
    subjectKind: 'queue_item',
    subjectId: row.id,
    after: { ...itemState(row), kind: row.kind, origin: row.origin },
  });
  return row;
};
