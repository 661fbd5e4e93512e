import type { Kysely } from 'kysely';
import { withEntities, type CanonicalEvent } from '../events/index.js';
import { PipelineFacts } from '../pipeline/view.js';
import type { CampaignRecord, Decision, PipelineEvent, PostClassification } from '../pipeline/types.js';
import type { Schema } from '../store/schema.js';
import { postFromRow } from '../store/event-rows.js';
import { postsWithDecisions } from '../store/post-decisions.js';
import { createCoordinationDetector } from './detector.js';
import type { CoordinationOptions, DeepPartial } from './options.js';

// Batch mode: the stored events of a time range replayed through the same detector as the online
// run, with the text verdicts `marsad detect` stored. Rows are read page by page in stream order.

export interface BatchOptions {
  since: string;
  until: string;
  options?: DeepPartial<CoordinationOptions>;
  /** Rows per page (default 5000). */
  pageSize?: number;
}

export interface BatchResult {
  /** Latest snapshot of each campaign, in order of first detection. */
  campaigns: CampaignRecord[];
  events: number;
  decisions: number;
}

interface Row {
  created_at: string;
  order: number;
  key: string;
  event: CanonicalEvent;
  classification?: PostClassification;
}

async function* pages(db: Kysely<Schema>, since: string, until: string, size: number): AsyncGenerator<Row[]> {
  // Accounts (for created_at), posts and enforcement, merged by (created_at, kind, id).
  let cursor = { t: since, k: '' };
  for (;;) {
    const [accounts, posts, enforcement] = await Promise.all([
      db
        .selectFrom('accounts')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('created_at', '>', cursor.t),
            eb.and([eb('created_at', '=', cursor.t), eb('id', '>', cursor.k)]),
          ]),
        )
        .where('created_at', '>=', since)
        .where('created_at', '<', until)
        .orderBy('created_at')
        .orderBy('id')
        .limit(size)
        .execute(),
      postsWithDecisions(db)
        .select([
          'p.platform',
          'p.id',
          'p.account_id',
          'p.created_at',
          'p.text',
          'p.lang',
          'p.hashtags',
          'p.mentions',
          'p.urls',
          'p.reply_to',
          'p.repost_of',
          'p.quote_of',
          'd.label',
          'd.scores',
          'd.flagged',
        ])
        .where((eb) =>
          eb.or([
            eb('p.created_at', '>', cursor.t),
            eb.and([eb('p.created_at', '=', cursor.t), eb('p.id', '>', cursor.k)]),
          ]),
        )
        .where('p.created_at', '>=', since)
        .where('p.created_at', '<', until)
        .orderBy('p.created_at')
        .orderBy('p.id')
        .limit(size)
        .execute(),
      db
        .selectFrom('enforcement')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('created_at', '>', cursor.t),
            eb.and([eb('created_at', '=', cursor.t), eb('event_key', '>', cursor.k)]),
          ]),
        )
        .where('created_at', '>=', since)
        .where('created_at', '<', until)
        .orderBy('created_at')
        .orderBy('event_key')
        .limit(size)
        .execute(),
    ]);
    const rows: Row[] = [];
    for (const a of accounts)
      rows.push({
        created_at: a.created_at,
        order: 0,
        key: a.id,
        event: {
          type: 'account',
          platform: a.platform,
          created_at: a.created_at,
          id: a.id,
          handle: a.handle,
          name: a.name,
        } as CanonicalEvent,
      });
    for (const p of posts) {
      const event = postFromRow(p);
      const row: Row = { created_at: p.created_at, order: 1, key: p.id, event };
      if (p.label !== null && p.label !== undefined)
        row.classification = {
          label: p.label,
          scores: JSON.parse(p.scores ?? '{}') as Record<string, number>,
          flagged: Number(p.flagged) === 1,
        };
      rows.push(row);
    }
    for (const e of enforcement)
      rows.push({
        created_at: e.created_at,
        order: 2,
        key: e.event_key,
        event: {
          type: 'enforcement',
          platform: e.platform,
          created_at: e.created_at,
          action: e.action,
          ...(e.account_id !== null ? { account_id: e.account_id } : {}),
          ...(e.post_id !== null ? { post_id: e.post_id } : {}),
        } as CanonicalEvent,
      });
    if (rows.length === 0) return;
    rows.sort((x, y) =>
      x.created_at < y.created_at
        ? -1
        : x.created_at > y.created_at
          ? 1
          : x.order - y.order || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0),
    );
    // Only rows up to the smallest "last time" of a full page are safe: a table may have more at that time.
    let horizon = '\uffff';
    for (const list of [accounts, posts, enforcement]) {
      if (list.length === size) {
        const last = list[list.length - 1]!.created_at;
        if (last < horizon) horizon = last;
      }
    }
    const safe = horizon === '\uffff' ? rows : rows.filter((r) => r.created_at < horizon);
    if (safe.length === 0) {
      // A page entirely at one instant: take it whole (ties beyond a page are the documented limit).
      yield rows;
      const last = rows[rows.length - 1]!;
      cursor = { t: last.created_at, k: last.key };
      continue;
    }
    yield safe;
    if (horizon === '\uffff') return;
    // Re-read from the horizon on (times have millisecond precision).
    cursor = { t: new Date(Date.parse(horizon) - 1).toISOString(), k: '\uffff' };
  }
}

/** Replays stored events of [since, until) through the coordination detector. */
export const replayCampaigns = async (db: Kysely<Schema>, o: BatchOptions): Promise<BatchResult> => {
  const detector = createCoordinationDetector(o.options ?? {});
  const state = detector.createState();
  const facts = new PipelineFacts();
  const latest = new Map<string, CampaignRecord>();
  let decisions = 0;
  const emit = (d: Decision): void => {
    if (d.kind !== 'campaign') return;
    decisions++;
    latest.set(d.record.id, d.record);
  };
  let seq = 0;
  for await (const page of pages(db, o.since, o.until, o.pageSize ?? 5000)) {
    for (const row of page) {
      const time = Date.parse(row.created_at);
      const pe: PipelineEvent = { seq: seq++, time, event: row.event };
      if (row.event.type === 'post') {
        pe.post = withEntities(row.event);
        if (row.classification) pe.classification = row.classification;
      }
      facts.observe(pe);
      detector.onTime?.(state, time, facts, emit);
      detector.onEvent(state, pe, facts, emit);
    }
  }
  detector.finish?.(state, facts, emit);
  return { campaigns: [...latest.values()], events: seq, decisions };
};
