import type { Db } from '../store/index.js';

// The re-creation lineage of an account: the whole chain A → B → C through evasion decisions (B was
// judged a re-creation of the suspended A, C of B), walked both ways from the account. Each account's
// latest evasion decision is the one that counts. Bounded: at most MAX_LINKS links.

export const MAX_LINKS = 50;

export interface LineageEnd {
  platform: string;
  id: string;
  handle: string | null;
}

export interface LineageLink {
  from: LineageEnd;
  to: LineageEnd;
  score: number;
  /** The evidence of the evasion decision: what linked the two accounts. */
  linked_by: string[];
  at: string;
}

interface EvasionRow {
  account_id: string;
  suspended_account_id: string;
  version: number;
  score: number;
  flagged_at: string;
  evidence: string;
}

const parseList = (text: string): string[] => {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

const latestOf = (rows: EvasionRow[]): Map<string, EvasionRow> => {
  const out = new Map<string, EvasionRow>();
  for (const r of rows) if ((out.get(r.account_id)?.version ?? -1) < r.version) out.set(r.account_id, r);
  return out;
};

const COLUMNS = ['account_id', 'suspended_account_id', 'version', 'score', 'flagged_at', 'evidence'] as const;

export const lineage = async (db: Db, platform: string, id: string): Promise<LineageLink[]> => {
  const evasionsWhere = (column: 'account_id' | 'suspended_account_id', value: string) =>
    db
      .selectFrom('decisions_evasion')
      .select(COLUMNS)
      .where('platform', '=', platform)
      .where(column, '=', value)
      .execute();
  const links = new Map<string, EvasionRow>();
  // Backwards: what the account (and its predecessors) re-created.
  const seen = new Set<string>([id]);
  for (let cur = id; links.size < MAX_LINKS;) {
    const rows = await evasionsWhere('account_id', cur);
    const row = latestOf(rows).get(cur);
    if (!row) break;
    links.set(row.account_id, row);
    if (seen.has(row.suspended_account_id)) break;
    seen.add(row.suspended_account_id);
    cur = row.suspended_account_id;
  }
  // Forwards: accounts judged re-creations of the account (and of those), breadth first.
  const queue = [id];
  while (queue.length > 0 && links.size < MAX_LINKS) {
    const cur = queue.shift()!;
    const rows = await evasionsWhere('suspended_account_id', cur);
    const candidates = [...new Set(rows.map((r) => r.account_id))];
    if (candidates.length === 0) continue;
    // A later version of a candidate may point elsewhere: only its latest decision counts.
    const all = await db
      .selectFrom('decisions_evasion')
      .select(COLUMNS)
      .where('platform', '=', platform)
      .where('account_id', 'in', candidates)
      .execute();
    for (const [account, row] of latestOf(all)) {
      if (row.suspended_account_id !== cur || links.has(account) || links.size >= MAX_LINKS) continue;
      links.set(account, row);
      if (!seen.has(account)) {
        seen.add(account);
        queue.push(account);
      }
    }
  }
  if (links.size === 0) return [];

  const ids = new Set<string>();
  for (const r of links.values()) ids.add(r.account_id).add(r.suspended_account_id);
  const handles = new Map(
    (
      await db
        .selectFrom('accounts')
        .select(['id', 'handle'])
        .where('platform', '=', platform)
        .where('id', 'in', [...ids])
        .execute()
    ).map((a) => [a.id, a.handle]),
  );
  const end = (account: string): LineageEnd => ({
    platform,
    id: account,
    handle: handles.get(account) ?? null,
  });
  return [...links.values()]
    .map((r) => ({
      from: end(r.suspended_account_id),
      to: end(r.account_id),
      score: r.score,
      linked_by: parseList(r.evidence),
      at: r.flagged_at,
    }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.to.id < b.to.id ? -1 : 1));
};
