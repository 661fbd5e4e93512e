import type { Database, DbTx } from '../store/index.js';
import { appendAudit } from './audit.js';
import { logPriority, NEEDS_REVIEW_LABEL, REVIEW_RISK_FACTOR } from './priority.js';
import { insertQueueItem } from './items.js';
import { itemId, type ItemKind, type QueueRow } from './queue-types.js';
import { SYSTEM_ACTOR } from './roles.js';

export interface SyncSummary {
  created: number;
  rescored: number;
  unchanged: number;
}

interface Candidate {
  kind: ItemKind;
  platform: string;
  subjectId: string;
  accountId: string | null;
  lang: string | null;
  label: string | null;
  risk: number;
  reach: number;
  sourceAt: string;
  evidence: unknown;
  groups: string[];
}

const parseJson = <T>(text: string | null, fallback: T): T => {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

const postRisk = (label: string, scores: string): number => {
  const s = parseJson<Record<string, number>>(scores, {});
  const own = s[label];
  if (typeof own === 'number') return own;
  const values = Object.values(s).filter((v) => typeof v === 'number');
  return values.length ? Math.max(...values) : 0;
};

/** The model's score behind a review: P(extremist), else (another model's labels) the highest score. */
const reviewScore = (scores: Record<string, number>): number => {
  const s = scores['extremist'];
  if (typeof s === 'number') return s;
  const values = Object.values(scores).filter((v) => typeof v === 'number');
  return values.length ? Math.max(...values) : 0;
};

/** Latest version per key of a snapshot table (rows sorted by version). */
const latest = <R extends { version: number }>(rows: R[], key: (r: R) => string): R[] => {
  const byKey = new Map<string, R>();
  for (const r of rows) {
    const prev = byKey.get(key(r));
    if (!prev || prev.version < r.version) byKey.set(key(r), r);
  }
  return [...byKey.values()];
};

const IN_CHUNK = 500;

const followersOf = async (tx: DbTx, platform: string, ids: string[]): Promise<Map<string, number>> => {
  const out = new Map<string, number>();
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const rows = await tx
      .selectFrom('accounts')
      .select(['id', 'followers_count', 'lang'])
      .where('platform', '=', platform)
      .where('id', 'in', ids.slice(i, i + IN_CHUNK))
      .execute();
    for (const r of rows) out.set(r.id, Number(r.followers_count ?? 0));
  }
  return out;
};

/**
 * Candidates from the pipeline's decision tables: flagged posts and accounts, evasion, campaigns, and
 * posts sent to review (the model's review band) as lower-priority "needs review" items.
 */
const collect = async (tx: DbTx): Promise<Candidate[]> => {
  const out: Candidate[] = [];

  const posts = await tx
    .selectFrom('decisions_posts as d')
    .leftJoin('posts as p', (j) => j.onRef('p.platform', '=', 'd.platform').onRef('p.id', '=', 'd.post_id'))
    .leftJoin('accounts as a', (j) =>
      j.onRef('a.platform', '=', 'd.platform').onRef('a.id', '=', 'd.account_id'),
    )
    .select((eb) => [
      'd.platform',
      'd.post_id',
      'd.account_id',
      'd.label',
      'd.scores',
      'd.flagged',
      'd.decided_at',
      'd.evidence',
      'p.lang',
      'a.followers_count',
      eb
        .selectFrom('posts as r')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('r.platform', '=', 'd.platform')
        .whereRef('r.repost_of', '=', 'd.post_id')
        .as('reposts'),
    ])
    .where((eb) => eb.or([eb('d.flagged', '=', 1), eb('d.review', '=', 1)]))
    .execute();
  for (const p of posts) {
    const flagged = Number(p.flagged) === 1;
    const scores = parseJson<Record<string, number>>(p.scores, {});
    out.push({
      kind: 'post',
      platform: p.platform,
      subjectId: p.post_id,
      accountId: p.account_id,
      lang: p.lang ?? null,
      label: flagged ? p.label : NEEDS_REVIEW_LABEL,
      risk: flagged ? postRisk(p.label, p.scores) : REVIEW_RISK_FACTOR * reviewScore(scores),
      reach: Number(p.followers_count ?? 0) + Number(p.reposts ?? 0),
      sourceAt: p.decided_at,
      // Review items say why they are here: the model's scores, not a flag.
      evidence: flagged
        ? parseJson(p.evidence, null)
        : { review: true, flagged: false, model_label: p.label, scores },
      groups: [],
    });
  }

  const accounts = latest(
    await tx.selectFrom('decisions_accounts').selectAll().where('flagged_at', 'is not', null).execute(),
    (r) => `${r.platform}\u0000${r.account_id}`,
  );
  const evasion = latest(
    await tx.selectFrom('decisions_evasion').selectAll().execute(),
    (r) => `${r.platform}\u0000${r.account_id}`,
  );
  const campaigns = latest(await tx.selectFrom('campaigns').selectAll().execute(), (r) => r.id);

  const byPlatform = new Map<string, Set<string>>();
  const want = (platform: string, id: string) => {
    let set = byPlatform.get(platform);
    if (!set) byPlatform.set(platform, (set = new Set()));
    set.add(id);
  };
  for (const a of accounts) want(a.platform, a.account_id);
  for (const e of evasion) want(e.platform, e.account_id);
  const followers = new Map<string, number>();
  for (const [platform, ids] of byPlatform) {
    for (const [id, n] of await followersOf(tx, platform, [...ids]))
      followers.set(`${platform}\u0000${id}`, n);
  }

  // Which campaigns an account belongs to, so that its item joins the campaign's group.
  const campaignPlatform = new Map<string, string>();
  const accountCampaigns = new Map<string, string[]>();
  for (const c of campaigns) {
    const ids = parseJson<string[]>(c.accounts, []);
    const first = ids[0];
    const row =
      first === undefined
        ? undefined
        : await tx.selectFrom('accounts').select('platform').where('id', '=', first).executeTakeFirst();
    const platform = row?.platform ?? 'unknown';
    campaignPlatform.set(c.id, platform);
    for (const id of ids) {
      const key = `${platform}\u0000${id}`;
      accountCampaigns.set(key, [...(accountCampaigns.get(key) ?? []), `campaign:${c.id}`]);
    }
  }
  const lineageOf = new Map<string, string>();
  for (const e of evasion) {
    const group = `lineage:${e.platform}:${e.suspended_account_id}`;
    lineageOf.set(`${e.platform}\u0000${e.account_id}`, group);
    lineageOf.set(`${e.platform}\u0000${e.suspended_account_id}`, group);
  }

  for (const a of accounts) {
    const key = `${a.platform}\u0000${a.account_id}`;
    const lineage = lineageOf.get(key);
    out.push({
      kind: 'account',
      platform: a.platform,
      subjectId: a.account_id,
      accountId: a.account_id,
      lang: null,
      label: a.label,
      risk: a.risk,
      reach: followers.get(key) ?? 0,
      sourceAt: a.flagged_at ?? a.decided_at,
      evidence: parseJson(a.evidence, null),
      groups: [...(accountCampaigns.get(key) ?? []), ...(lineage ? [lineage] : [])],
    });
  }
  for (const e of evasion) {
    out.push({
      kind: 'evasion',
      platform: e.platform,
      subjectId: e.account_id,
      accountId: e.account_id,
      lang: null,
      label: 'evasion',
      risk: e.score,
      reach: followers.get(`${e.platform}\u0000${e.account_id}`) ?? 0,
      sourceAt: e.flagged_at,
      evidence: { suspended_account_id: e.suspended_account_id, evidence: parseJson(e.evidence, null) },
      groups: [`lineage:${e.platform}:${e.suspended_account_id}`],
    });
  }
  for (const c of campaigns) {
    out.push({
      kind: 'campaign',
      platform: campaignPlatform.get(c.id) ?? 'unknown',
      subjectId: c.id,
      accountId: null,
      lang: null,
      label: c.kind,
      risk: c.extremist_share,
      reach: Number(c.post_count),
      sourceAt: c.detected_at,
      evidence: {
        hashtags: parseJson(c.hashtags, []),
        accounts: parseJson(c.accounts, []),
        evidence: parseJson(c.evidence, null),
      },
      groups: [`campaign:${c.id}`],
    });
  }
  return out;
};

/**
 * Creates queue items from the pipeline's decision tables. Idempotent: an item already queued is
 * left alone unless its risk or reach changed while it is still open (then it is rescored, audited).
 * Decided items are never reopened by a sync.
 */
export const syncQueueFromDecisions = async (
  database: Database,
  now: Date = new Date(),
): Promise<SyncSummary> => {
  const at = now.toISOString();
  return database.db.transaction().execute(async (tx) => {
    const summary: SyncSummary = { created: 0, rescored: 0, unchanged: 0 };
    const candidates = await collect(tx);
    // Existing items of the candidates, loaded in chunks rather than one query per candidate.
    const ids = candidates.map((c) => itemId(c.kind, c.platform, c.subjectId));
    const known = new Map<string, QueueRow>();
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const rows = await tx
        .selectFrom('queue_items')
        .selectAll()
        .where('id', 'in', ids.slice(i, i + IN_CHUNK))
        .execute();
      for (const r of rows) known.set(r.id, r);
    }
    for (const c of candidates) {
      const id = itemId(c.kind, c.platform, c.subjectId);
      const existing = known.get(id);
      if (!existing) {
        await insertQueueItem(tx, SYSTEM_ACTOR, at, {
          id,
          kind: c.kind,
          platform: c.platform,
          subject_id: c.subjectId,
          account_id: c.accountId,
          lang: c.lang,
          label: c.label,
          risk: c.risk,
          reach: c.reach,
          reporters: 0,
          origin: 'proactive',
          source_at: c.sourceAt,
          evidence: c.evidence === null ? null : JSON.stringify(c.evidence),
        });
        summary.created += 1;
      } else if (
        (existing.status === 'open' || existing.status === 'claimed') &&
        (existing.risk !== c.risk || Number(existing.reach) !== c.reach)
      ) {
        const sourceAt =
          existing.origin === 'report' && existing.source_at < c.sourceAt ? existing.source_at : c.sourceAt;
        const patch = {
          risk: c.risk,
          reach: c.reach,
          label: c.label,
          source_at: sourceAt,
          evidence: c.evidence === null ? null : JSON.stringify(c.evidence),
          log_priority: logPriority({
            risk: c.risk,
            reach: c.reach,
            reporters: existing.reporters,
            sourceAt,
          }),
          updated_at: at,
        };
        await tx.updateTable('queue_items').set(patch).where('id', '=', id).execute();
        await appendAudit(tx, SYSTEM_ACTOR, at, {
          type: 'item_rescored',
          subjectKind: 'queue_item',
          subjectId: id,
          before: { risk: existing.risk, reach: Number(existing.reach) },
          after: { risk: c.risk, reach: c.reach },
        });
        summary.rescored += 1;
      } else {
        summary.unchanged += 1;
      }
      for (const g of c.groups) {
        await tx
          .insertInto('queue_groups')
          .values({ group_key: g, item_id: id })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
    return summary;
  });
};
