import type { Database } from '../store/index.js';

/** A labelled text in the corpus format `src/classify` reads (`CorpusRecord`). */
export interface DecisionRecord {
  id: string;
  text: string;
  label: string;
  lang: string;
  source: string;
  platform: string;
  decision: string;
  reason_code: string | null;
  decided_at: string;
}

export interface DecisionExportOptions {
  /** Label of dismissed posts (the classifier's negative class; default `neutral`). */
  dismissedLabel?: string;
  /** Label of confirmed posts whose item has none (default `extremist`). */
  confirmedLabel?: string;
}

/**
 * Confirmed and dismissed post items as labelled data, for `marsad train --from-decisions`
 * (the training side lives in src/classify). Escalated and open items are not labels yet.
 */
export async function* exportDecisions(
  database: Database,
  opts: DecisionExportOptions = {},
): AsyncGenerator<DecisionRecord> {
  const pageSize = 1000;
  let after = '';
  for (;;) {
    const rows = await database.db
      .selectFrom('queue_items as q')
      .innerJoin('posts as p', (j) =>
        j.onRef('p.platform', '=', 'q.platform').onRef('p.id', '=', 'q.subject_id'),
      )
      .select([
        'q.id',
        'q.platform',
        'q.subject_id',
        'q.label',
        'q.decision',
        'q.reason_code',
        'q.updated_at',
        'p.text',
        'p.lang',
      ])
      .where('q.kind', '=', 'post')
      .where('q.status', 'in', ['confirmed', 'dismissed'])
      .where('q.id', '>', after)
      .orderBy('q.id')
      .limit(pageSize)
      .execute();
    for (const r of rows) {
      yield {
        id: `${r.platform}:${r.subject_id}`,
        text: r.text,
        label:
          r.decision === 'confirm'
            ? // `needs_review` marks how an item entered the queue, not a class: confirming it means extremist.
              r.label && r.label !== 'neutral' && r.label !== 'needs_review'
              ? r.label
              : (opts.confirmedLabel ?? 'extremist')
            : (opts.dismissedLabel ?? 'neutral'),
        lang: r.lang ?? 'und',
        source: 'marsad-decisions',
        platform: r.platform,
        decision: r.decision ?? '',
        reason_code: r.reason_code,
        decided_at: r.updated_at,
      };
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = last.id;
  }
}
