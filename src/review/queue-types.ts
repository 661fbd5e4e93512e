import type { Selectable } from 'kysely';
import { priorityAt } from './priority.js';
import type { QueueItemsTable } from './tables.js';

export const ITEM_KINDS = ['post', 'account', 'campaign', 'evasion'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const ITEM_STATUSES = ['open', 'claimed', 'confirmed', 'dismissed', 'escalated'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const DECISIONS = ['confirm', 'dismiss', 'escalate'] as const;
export type ReviewDecision = (typeof DECISIONS)[number];
export const REASON_CODES = [
  'terrorist_content',
  'violent_extremism',
  'recruitment',
  'propaganda',
  'hate_speech',
  'ban_evasion',
  'coordinated_campaign',
  'not_violating',
  'insufficient_evidence',
  'news_or_counter_speech',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const STATUS_OF: Record<ReviewDecision, ItemStatus> = {
  confirm: 'confirmed',
  dismiss: 'dismissed',
  escalate: 'escalated',
};

export type QueueRow = Selectable<QueueItemsTable>;

export interface QueueItem {
  id: string;
  kind: ItemKind;
  platform: string;
  subjectId: string;
  accountId: string | null;
  lang: string | null;
  label: string | null;
  risk: number;
  reach: number;
  reporters: number;
  origin: string;
  sourceAt: string;
  priority: number;
  /** Status as seen now: a claim past its timeout reads as `open`. */
  status: ItemStatus;
  claimedBy: string | null;
  claimedUntil: string | null;
  decision: string | null;
  reasonCode: string | null;
  note: string | null;
  decidedBy: string | null;
  evidence: unknown;
  createdAt: string;
  updatedAt: string;
}

export const claimActive = (row: Pick<QueueRow, 'status' | 'claimed_until'>, now: Date): boolean =>
  row.status === 'claimed' && row.claimed_until !== null && row.claimed_until > now.toISOString();

export const effectiveStatus = (row: Pick<QueueRow, 'status' | 'claimed_until'>, now: Date): ItemStatus =>
  row.status === 'claimed' && !claimActive(row, now) ? 'open' : (row.status as ItemStatus);

export const toQueueItem = (r: QueueRow, now: Date): QueueItem => {
  const status = effectiveStatus(r, now);
  const claimed = status === 'claimed';
  return {
    id: r.id,
    kind: r.kind as ItemKind,
    platform: r.platform,
    subjectId: r.subject_id,
    accountId: r.account_id,
    lang: r.lang,
    label: r.label,
    risk: r.risk,
    reach: Number(r.reach),
    reporters: r.reporters,
    origin: r.origin,
    sourceAt: r.source_at,
    priority: priorityAt(r.log_priority, now),
    status,
    claimedBy: claimed ? r.claimed_by : null,
    claimedUntil: claimed ? r.claimed_until : null,
    decision: r.decision,
    reasonCode: r.reason_code,
    note: r.note,
    decidedBy: r.decided_by,
    evidence: r.evidence === null ? null : (JSON.parse(r.evidence) as unknown),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
};

/** The part of an item the audit log records as before/after. */
export const itemState = (r: Partial<QueueRow>): Record<string, unknown> => ({
  status: r.status,
  claimed_by: r.claimed_by ?? null,
  claimed_until: r.claimed_until ?? null,
  decision: r.decision ?? null,
  reason_code: r.reason_code ?? null,
  note: r.note ?? null,
  risk: r.risk,
  reach: r.reach,
  reporters: r.reporters,
});

export const itemId = (kind: ItemKind, platform: string, subjectId: string): string =>
  kind === 'campaign' ? `campaign:${subjectId}` : `${kind}:${platform}:${subjectId}`;
