import { NotFoundError, ValidationError } from '../errors.js';
import type { Db } from '../store/index.js';
import { postsWithDecisions } from '../store/post-decisions.js';
import { normalizeName } from '../text/index.js';
import { lineage } from './lineage.js';

// Account search and the account page.

const parse = <T>(text: string | null, fallback: T): T => {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

/** `«ngram» +1.23` (see formatNgramWeight): the explanation entries of a post decision. */
const NGRAM = /^«(.*)» ([-+−]?\d+(?:\.\d+)?)$/u;

export const parseExplanations = (
  evidence: string[],
): { ngrams: Array<{ ngram: string; weight: number }>; other: string[] } => {
  const ngrams: Array<{ ngram: string; weight: number }> = [];
  const other: string[] = [];
  for (const e of evidence) {
    const m = NGRAM.exec(e);
    if (m) ngrams.push({ ngram: m[1]!, weight: Number(m[2]!.replace('−', '-')) });
    else other.push(e);
  }
  return { ngrams, other };
};

/** Rows read per page while scanning accounts for a search. */
const PAGE = 5_000;
/** Matches kept before ranking. */
const MAX_MATCHES = 5_000;

/**
 * Search by id, handle or display name. Handles and names are compared after normalizeName (the
 * fingerprint normalisation of src/text: Arabic letter forms, diacritics, tatweel, digits of every
 * script, look-alike letters, decorations), so "ابو_محمد" finds "أبـــو مُحمّد". Ranked: exact id or
 * handle, then normalised handle equal, handle prefix, name prefix (or a word of it), substring.
 * A scan of the accounts table (keyset pages): O(accounts) per search.
 */
export const searchAccounts = async (db: Db, query: string, limit: number) => {
  const raw = query.trim().replace(/^@/, '');
  const q = normalizeName(raw);
  if (!raw) throw new ValidationError('the search text is empty', { field: 'query.q' });
  const lower = raw.toLowerCase();
  const matches: Array<{ rank: number; platform: string; id: string; handle: string; name: string }> = [];
  let after: { platform: string; id: string } | undefined;
  for (;;) {
    let page = db
      .selectFrom('accounts')
      .select(['platform', 'id', 'handle', 'name'])
      .orderBy('platform')
      .orderBy('id')
      .limit(PAGE);
    if (after) {
      const a = after;
      page = page.where((eb) =>
        eb.or([
          eb('platform', '>', a.platform),
          eb.and([eb('platform', '=', a.platform), eb('id', '>', a.id)]),
        ]),
      );
    }
    const rows = await page.execute();
    for (const r of rows) {
      let rank = -1;
      if (r.id === raw || r.handle.toLowerCase() === lower) rank = 0;
      else if (q) {
        const h = normalizeName(r.handle);
        const n = normalizeName(r.name);
        if (h === q) rank = 1;
        else if (h.startsWith(q)) rank = 2;
        else if (n.startsWith(q) || n.includes(` ${q}`) || n.includes(`_${q}`)) rank = 3;
        else if (h.includes(q) || n.includes(q) || r.id.includes(raw)) rank = 4;
      }
      if (rank >= 0 && matches.length < MAX_MATCHES) matches.push({ rank, ...r });
    }
    const last = rows[rows.length - 1];
    if (rows.length < PAGE || !last) break;
    after = { platform: last.platform, id: last.id };
  }
  matches.sort(
    (a, b) => a.rank - b.rank || a.handle.length - b.handle.length || (a.handle < b.handle ? -1 : 1),
  );
  const page = matches.slice(0, limit);
  const risks = await latestRisks(db, page);
  return {
    items: page.map((m) => ({
      platform: m.platform,
      id: m.id,
      handle: m.handle,
      name: m.name,
      match: (['id_or_handle', 'handle', 'handle_prefix', 'name', 'contains'] as const)[m.rank]!,
      risk: risks.get(`${m.platform}\u0000${m.id}`)?.risk ?? null,
      label: risks.get(`${m.platform}\u0000${m.id}`)?.label ?? null,
    })),
    total: matches.length,
  };
};

const latestRisks = async (db: Db, accounts: Array<{ platform: string; id: string }>) => {
  const out = new Map<string, { risk: number; label: string; version: number }>();
  const byPlatform = new Map<string, string[]>();
  for (const a of accounts) byPlatform.set(a.platform, [...(byPlatform.get(a.platform) ?? []), a.id]);
  for (const [platform, ids] of byPlatform) {
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('decisions_accounts')
        .select(['account_id', 'version', 'risk', 'label'])
        .where('platform', '=', platform)
        .where('account_id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) {
        const k = `${platform}\u0000${r.account_id}`;
        if ((out.get(k)?.version ?? -1) < r.version)
          out.set(k, { risk: r.risk, label: r.label, version: r.version });
      }
    }
  }
  return out;
};

export const accountPage = async (db: Db, platform: string, id: string, postLimit: number) => {
  const [account, versions] = await Promise.all([
    db
      .selectFrom('accounts')
      .selectAll()
      .where('platform', '=', platform)
      .where('id', '=', id)
      .executeTakeFirst(),
    db
      .selectFrom('decisions_accounts')
      .selectAll()
      .where('platform', '=', platform)
      .where('account_id', '=', id)
      .orderBy('version')
      .execute(),
  ]);
  const chain = await lineage(db, platform, id);
  if (!account && versions.length === 0 && chain.length === 0)
    throw new NotFoundError(`no account ${platform}:${id}`, { field: 'id' });
  const latest = versions[versions.length - 1];

  const posts = await postsWithDecisions(db)
    .select([
      'p.id',
      'p.created_at',
      'p.text',
      'p.lang',
      'p.hashtags',
      'p.reply_to',
      'p.repost_of',
      'p.quote_of',
      'd.label',
      'd.scores',
      'd.flagged',
      'd.evidence',
    ])
    .where('p.platform', '=', platform)
    .where('p.account_id', '=', id)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(postLimit)
    .execute();

  const [enforcement, campaigns] = await Promise.all([
    db
      .selectFrom('enforcement')
      .select(['action', 'reason', 'created_at', 'post_id'])
      .where('platform', '=', platform)
      .where('account_id', '=', id)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('campaigns')
      .select(['id', 'kind', 'version', 'decided_at'])
      .where('accounts', 'like', `%${JSON.stringify(id)}%`)
      .execute(),
  ]);
  const campaignIds = new Map<string, { id: string; kind: string; last_at: string }>();
  for (const c of campaigns) {
    const prev = campaignIds.get(c.id);
    if (!prev || prev.last_at < c.decided_at)
      campaignIds.set(c.id, { id: c.id, kind: c.kind, last_at: c.decided_at });
  }

  return {
    platform,
    id,
    profile: account
      ? {
          handle: account.handle,
          name: account.name,
          bio: account.bio,
          lang: account.lang,
          followers: account.followers_count === null ? null : Number(account.followers_count),
          following: account.following_count === null ? null : Number(account.following_count),
          url: account.url,
          created_at: account.created_at,
          updated_at: account.updated_at,
        }
      : null,
    risk: latest
      ? {
          risk: latest.risk,
          label: latest.label,
          flagged_at: latest.flagged_at,
          at: latest.decided_at,
          version: latest.version,
        }
      : null,
    risk_history: versions.map((v) => [v.decided_at, v.risk] as [string, number]),
    evidence: latest ? parse<string[]>(latest.evidence, []) : [],
    enforcement: enforcement.map((e) => ({
      action: e.action,
      reason: e.reason,
      at: e.created_at,
      post_id: e.post_id,
    })),
    campaigns: [...campaignIds.values()].sort((a, b) => (a.last_at > b.last_at ? -1 : 1)),
    posts: posts.map((p) => {
      const evidence = parse<string[]>(p.evidence, []);
      const { ngrams, other } = parseExplanations(evidence);
      return {
        id: p.id,
        created_at: p.created_at,
        text: p.text,
        lang: p.lang,
        hashtags: parse<string[]>(p.hashtags, []),
        reply_to: p.reply_to,
        repost_of: p.repost_of,
        quote_of: p.quote_of,
        decision:
          p.label === null
            ? null
            : {
                label: p.label,
                scores: parse<Record<string, number>>(p.scores, {}),
                flagged: p.flagged === 1,
                explanations: ngrams,
                evidence: other,
              },
      };
    }),
    lineage: chain,
  };
};
