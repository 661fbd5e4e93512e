import type { EvaluationRun } from './eval-io.js';
import { DIFFICULTIES } from './truth.js';

// Terminal tables of `marsad evaluate`.

const f = (x: number | null | undefined, d = 3): string =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d);
const pct = (x: number | null | undefined): string =>
  x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)}%`;

const table = (head: string[], rows: string[][]): string => {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
};

export const formatEvaluation = (run: EvaluationRun): string => {
  const r = run.report;
  const out: string[] = [];
  out.push(`evaluation of scenario ${r.truth.scenario}, seed ${r.truth.seed}, scale ${r.truth.scale}\n`);
  const missing = Object.entries(run.files)
    .filter(([, v]) => v.missing)
    .map(([k]) => k);
  const bad = Object.entries(run.files).filter(([, v]) => v.bad_lines > 0);
  if (missing.length > 0) out.push(`missing detect files (empty metrics): ${missing.join(', ')}\n`);
  if (bad.length > 0)
    out.push(`unreadable lines skipped: ${bad.map(([k, v]) => `${k} ${v.bad_lines}`).join(', ')}\n`);
  if (!run.stream)
    out.push(
      'stream.ndjson not found next to truth.json: post counts of re-created accounts use truth.first_post_at only\n',
    );

  const p = r.posts;
  const a = r.accounts;
  out.push('\nposts and accounts\n');
  out.push(
    table(
      ['metric', 'value'],
      [
        ['post precision', f(p.precision)],
        ['post recall', f(p.recall)],
        ['post F1', f(p.f1)],
        ['extremist posts / flagged', `${p.extremist} / ${p.flagged}`],
        ['posts sent to review (not flagged)', String(p.review)],
        ['post recall, flagged ∪ review', f(p.recall_with_review)],
        [
          'news-account posts: flagged / review / classified',
          `${p.news_posts_flagged} / ${p.news_posts_review} / ${p.news_posts}`,
        ],
        ['account ROC-AUC', f(a.roc_auc, 4)],
        ['accounts scored (of all)', `${a.scored} / ${a.positives + a.negatives}`],
        [
          'flagged: extremist / others / news',
          `${a.flagged_extremist} / ${a.flagged_other} / ${a.flagged_news}`,
        ],
      ],
    ),
  );

  const e = r.recreation;
  out.push('\nre-created accounts\n');
  const row = (
    name: string,
    s: {
      total: number;
      recall: number | null;
      correct_predecessor_rate: number | null;
      at_or_before_first_post: number | null;
      within_first_5_posts: number | null;
    },
  ): string[] => [
    name,
    String(s.total),
    pct(s.recall),
    pct(s.correct_predecessor_rate),
    pct(s.at_or_before_first_post),
    pct(s.within_first_5_posts),
  ];
  out.push(
    table(
      ['difficulty', 'n', 'recall', 'correct pred.', '≤ 1st post', '≤ 5th post'],
      [...DIFFICULTIES.map((d) => row(d, e.by_difficulty[d])), row('all', e)],
    ),
  );
  out.push(
    `precision ${pct(e.precision)} (correct predecessor ${pct(e.precision_correct_predecessor)}) over ${e.detections} detections; ` +
      `false positives among organic new accounts ${e.organic_new.false_positives}/${e.organic_new.accounts} (${pct(e.organic_new.rate)}), ` +
      `of them with kunya names ${e.organic_new_kunya.false_positives}/${e.organic_new_kunya.accounts}\n`,
  );

  const c = r.campaigns;
  out.push('\ncampaigns (found: Jaccard ≥ 0.5 on accounts)\n');
  out.push(
    table(
      ['kind', 'n', 'found', 'recall', 'median latency'],
      Object.entries(c.recall_by_kind).map(([k, v]) => [
        k,
        String(v.total),
        String(v.found),
        pct(v.recall),
        v.median_latency_sec === null ? '—' : `${(v.median_latency_sec / 60).toFixed(1)} min`,
      ]),
    ),
  );
  out.push(
    `extremist campaigns found ${c.found}/${c.extremist_truth} (recall ${pct(c.recall)}); detected ${c.detected}, matching a truth campaign ${c.detected_matching} (precision ${pct(c.precision)}); ` +
      `median latency ${c.median_latency_sec === null ? '—' : `${(c.median_latency_sec / 60).toFixed(1)} min`}\n`,
  );
  out.push(
    `benign campaigns below every raid in extremist_share: ${c.benign_below_all_raids === null ? '— (not both found)' : c.benign_below_all_raids ? 'yes' : 'NO'} ` +
      `(max benign ${f(c.max_benign_share)}, min raid ${f(c.min_raid_share)})\n`,
  );
  return out.join('');
};
