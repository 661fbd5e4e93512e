import { Readable } from 'node:stream';
import { getConnector } from '../ingest/index.js';
import { IngestService } from '../ingest/ingest-service.js';
import type { Database } from '../store/index.js';

export interface EnforcementInput {
  id: string;
  platform: string;
  accountId: string | null;
  postId: string | null;
  action: 'suspend' | 'remove' | 'restore';
  reason: string;
  at: string;
}

/**
 * Writes Marsad's own action as a canonical `enforcement` event through the ingestion path, so the
 * re-creation registry learns from it exactly as from a platform's takedown feed.
 */
export const recordEnforcement = async (
  database: Database,
  e: EnforcementInput,
): Promise<{ stored: number; quarantined: Array<{ field: string; reason: string }> }> => {
  const quarantined: Array<{ field: string; reason: string }> = [];
  const event = {
    type: 'enforcement',
    id: e.id,
    platform: e.platform,
    created_at: e.at,
    ...(e.accountId !== null ? { account_id: e.accountId } : {}),
    ...(e.postId !== null ? { post_id: e.postId } : {}),
    action: e.action,
    reason: e.reason,
  };
  const service = new IngestService(database, {
    knownAccounts: 16,
    onQuarantine: (q) => quarantined.push({ field: q.field, reason: q.reason }),
  });
  const summary = await service.ingest(getConnector('canonical'), {
    name: 'marsad-actions',
    stream: Readable.from([Buffer.from(`${JSON.stringify(event)}\n`)]),
    startOffset: 0,
    startLine: 0,
  });
  return { stored: summary.stored, quarantined };
};
