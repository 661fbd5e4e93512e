import type { Database } from '../store/index.js';

// Transparency report for a period [from, to): what was done, why, how it was found, how fast,
// and how appeals went. Times of actions and appeals are server time; "first post" is stream time.

export interface TransparencyReport {
  period: { from: string; to: string };
  actions: {
    total: number;
    byType: Record<string, number>;
    byReason: Record<string, number>;
    byPlatform: Record<string, number>;
  };
  /** How the acted-on items were found: `proactive` (Marsad), `report` (users), `direct` (no queue item). */
  foundBy: Record<string, number>;
  proactiveShare: number;
  /** Median hours from the subject's first post to the action (actions whose subject has a stored post). */
  medianHoursFirstPostToAction: number | null;
  appeals: { filed: number; decided: number; overturned: number; overturnRate: number };
  recreationsCaught: number;
}

const inc = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const transparencyReport = async (
  database: Database,
  from: string,
  to: string,
): Promise<TransparencyReport> => {
  const db = database.db;
  const actions = await db
    .selectFrom('actions as a')
    .leftJoin('queue_items as q', 'q.id', 'a.item_id')
    .select([
      'a.id',
      'a.type',
      'a.reason_code',
      'a.platform',
      'a.account_id',
      'a.post_id',
      'a.created_at',
      'q.origin',
    ])
    .where('a.created_at', '>=', from)
    .where('a.created_at', '<', to)
    .execute();
  const byType: Record<string, number> = {};
  const byReason: Record<string, number> = {};
  const byPlatform: Record<string, number> = {};
  const foundBy: Record<string, number> = {};
  const hours: number[] = [];
  for (const a of actions) {
    inc(byType, a.type);
    inc(byReason, a.reason_code);
    inc(byPlatform, a.platform);
    inc(foundBy, a.origin ?? 'direct');
    let first: string | undefined;
    if (a.post_id !== null) {
      first = (
        await db
          .selectFrom('posts')
          .select('created_at')
          .where('platform', '=', a.platform)
          .where('id', '=', a.post_id)
          .executeTakeFirst()
      )?.created_at;
    } else if (a.account_id !== null) {
      first = (
        await db
          .selectFrom('posts')
          .select((eb) => eb.fn.min('created_at').as('first'))
          .where('platform', '=', a.platform)
          .where('account_id', '=', a.account_id)
          .executeTakeFirst()
      )?.first as string | undefined;
    }
    if (first) hours.push((Date.parse(a.created_at) - Date.parse(first)) / 3_600_000);
  }
  const appeals = await db.selectFrom('appeals').select(['status', 'created_at', 'decided_at']).execute();
  const filed = appeals.filter((a) => a.created_at >= from && a.created_at < to).length;
  const decidedRows = appeals.filter(
    (a) => a.decided_at !== null && a.decided_at >= from && a.decided_at < to,
  );
  const overturned = decidedRows.filter((a) => a.status === 'overturned').length;
  const recreations = await db
    .selectFrom('queue_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'evasion')
    .where('status', '=', 'confirmed')
    .where('updated_at', '>=', from)
    .where('updated_at', '<', to)
    .executeTakeFirstOrThrow();
  const proactive = foundBy['proactive'] ?? 0;
  const reported = foundBy['report'] ?? 0;
  return {
    period: { from, to },
    actions: { total: actions.length, byType, byReason, byPlatform },
    foundBy,
    proactiveShare: proactive + reported ? proactive / (proactive + reported) : 0,
    medianHoursFirstPostToAction: median(hours),
    appeals: {
      filed,
      decided: decidedRows.length,
      overturned,
      overturnRate: decidedRows.length ? overturned / decidedRows.length : 0,
    },
    recreationsCaught: Number(recreations.n),
  };
};

/** `section,key,value` rows. */
export const transparencyCsv = (r: TransparencyReport): string => {
  const rows: Array<[string, string, string | number]> = [
    ['period', 'from', r.period.from],
    ['period', 'to', r.period.to],
    ['actions', 'total', r.actions.total],
    ...Object.entries(r.actions.byType).map(([k, v]): [string, string, number] => ['actions_by_type', k, v]),
    ...Object.entries(r.actions.byReason).map(([k, v]): [string, string, number] => [
      'actions_by_reason',
      k,
      v,
    ]),
    ...Object.entries(r.actions.byPlatform).map(([k, v]): [string, string, number] => [
      'actions_by_platform',
      k,
      v,
    ]),
    ...Object.entries(r.foundBy).map(([k, v]): [string, string, number] => ['found_by', k, v]),
    ['found_by', 'proactive_share', r.proactiveShare],
    ['timing', 'median_hours_first_post_to_action', r.medianHoursFirstPostToAction ?? ''],
    ['appeals', 'filed', r.appeals.filed],
    ['appeals', 'decided', r.appeals.decided],
    ['appeals', 'overturned', r.appeals.overturned],
    ['appeals', 'overturn_rate', r.appeals.overturnRate],
    ['recreations', 'caught', r.recreationsCaught],
  ];
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return ['section,key,value', ...rows.map((row) => row.map(cell).join(','))].join('\n') + '\n';
};

const esc = (s: string | number) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** A printable page (no scripts, no external assets). */
export const transparencyHtml = (r: TransparencyReport): string => {
  const table = (title: string, m: Record<string, number>) =>
    `<h2>${esc(title)}</h2><table><tr><th>key</th><th>count</th></tr>${Object.entries(m)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `<tr><td>${esc(k)}</td><td>${v}</td></tr>`)
      .join('')}</table>`;
  const pctText = (x: number) => `${(x * 100).toFixed(1)} %`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Marsad transparency report</title>
<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto}table{border-collapse:collapse;margin-bottom:1rem}td,th{border:1px solid #999;padding:.25rem .6rem;text-align:left}@media print{body{margin:0}}</style>
</head><body><h1>Transparency report</h1><p>Period: ${esc(r.period.from)} to ${esc(r.period.to)}</p>
<p>Actions: <b>${r.actions.total}</b>. Found proactively by Marsad: <b>${pctText(r.proactiveShare)}</b> (of items found by Marsad or by user reports).
Median time from first post to action: <b>${r.medianHoursFirstPostToAction === null ? 'n/a' : `${r.medianHoursFirstPostToAction.toFixed(1)} h`}</b>.</p>
<p>Appeals: ${r.appeals.filed} filed, ${r.appeals.decided} decided, ${r.appeals.overturned} overturned (overturn rate ${pctText(r.appeals.overturnRate)}).
Re-creations of suspended accounts caught: ${r.recreationsCaught}.</p>
${table('Actions by type', r.actions.byType)}${table('Actions by reason', r.actions.byReason)}${table('Actions by platform', r.actions.byPlatform)}${table('Found by', r.foundBy)}
</body></html>
`;
};
