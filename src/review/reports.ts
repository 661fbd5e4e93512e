import { createHash } from 'node:crypto';
import type { Database } from '../store/index.js';
import { appendAudit } from './audit.js';
import { logPriority } from './priority.js';
import { insertQueueItem } from './items.js';
import { itemId } from './queue-types.js';
import { PUBLIC_ACTOR } from './roles.js';

export interface ReportInput {
  platform: string;
  kind: 'post' | 'account';
  id: string;
  reason: string;
  /** Optional self-given reporter id (e.g. a platform user id); with the address it makes the fingerprint. */
  reporter?: string | undefined;
}

export interface ReportResult {
  accepted: boolean;
  duplicate: boolean;
  itemId: string;
  reporters: number;
}

/** The fingerprint of a reporter: hashed, so neither the address nor the id is stored. */
export const reporterFingerprint = (address: string, reporter: string | undefined): string =>
  createHash('sha256')
    .update(`${address}\u0000${reporter ?? ''}`)
    .digest('hex');

/**
 * User reports: one per reporter fingerprint and subject; each new reporter raises the priority of
 * the subject's queue item (created as a `report` item if Marsad had not flagged it).
 */
export class ReportService {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date,
  ) {}

  async submit(input: ReportInput, address: string): Promise<ReportResult> {
    const at = this.now().toISOString();
    const id = itemId(input.kind, input.platform, input.id);
    const fingerprint = reporterFingerprint(address, input.reporter);
    return this.database.db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('reports')
        .values({
          fingerprint,
          platform: input.platform,
          subject_kind: input.kind,
          subject_id: input.id,
          reason: input.reason,
          created_at: at,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      const existing = await tx.selectFrom('queue_items').selectAll().where('id', '=', id).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
        return { accepted: false, duplicate: true, itemId: id, reporters: existing?.reporters ?? 0 };
      }
      await appendAudit(tx, PUBLIC_ACTOR, at, {
        type: 'report_received',
        subjectKind: input.kind,
        subjectId: `${input.platform}:${input.id}`,
        after: { reason: input.reason, fingerprint: fingerprint.slice(0, 16) },
      });
      if (existing) {
        const reporters = existing.reporters + 1;
        const patch = {
          reporters,
          log_priority: logPriority({
            risk: existing.risk,
            reach: Number(existing.reach),
            reporters,
            sourceAt: existing.source_at,
          }),
          updated_at: at,
        };
        await tx.updateTable('queue_items').set(patch).where('id', '=', id).execute();
        await appendAudit(tx, PUBLIC_ACTOR, at, {
          type: 'item_reported',
          subjectKind: 'queue_item',
          subjectId: id,
          before: { reporters: existing.reporters },
          after: { reporters },
        });
        return { accepted: true, duplicate: false, itemId: id, reporters };
      }
      // Not flagged by Marsad: a new item whose reach and time come from the stored subject when known.
      let reach = 0;
      let sourceAt = at;
      let accountId: string | null = input.kind === 'account' ? input.id : null;
      let lang: string | null = null;
      if (input.kind === 'post') {
        const p = await tx
          .selectFrom('posts')
          .select(['account_id', 'created_at', 'lang'])
          .where('platform', '=', input.platform)
          .where('id', '=', input.id)
          .executeTakeFirst();
        if (p) {
          accountId = p.account_id;
          sourceAt = p.created_at;
          lang = p.lang;
        }
      }
      if (accountId !== null) {
        const a = await tx
          .selectFrom('accounts')
          .select(['followers_count', 'lang'])
          .where('platform', '=', input.platform)
          .where('id', '=', accountId)
          .executeTakeFirst();
        reach = Number(a?.followers_count ?? 0);
        if (input.kind === 'account') lang = a?.lang ?? null;
      }
      await insertQueueItem(tx, PUBLIC_ACTOR, at, {
        id,
        kind: input.kind,
        platform: input.platform,
        subject_id: input.id,
        account_id: accountId,
        lang,
        label: null,
        risk: 0,
        reach,
        reporters: 1,
        origin: 'report',
        source_at: sourceAt,
        evidence: JSON.stringify({ reported: input.reason }),
      });
      return { accepted: true, duplicate: false, itemId: id, reporters: 1 };
    });
  }
}
