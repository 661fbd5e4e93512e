import type { CanonicalEvent } from '../events/index.js';
import { findStoredAccounts, findStoredPosts, type Db, type QuarantineInput } from '../store/index.js';
import { accountKey, type BoundedKeySet } from './ingest-known.js';
import type { IngestItem } from './types.js';

// The referential rule (issue 2, point 6): the account that ACTS must be known — in the database
// or earlier in the stream — when its event is stored: the author of a post, the account of a
// profile_update, the follower (`src`) of a follow, and the subject of an enforcement (account_id,
// or post_id when there is no account_id). Targets that may lie outside the collection are not
// checked: the followed account (`dst`), and reply_to / repost_of / quote_of.

interface Reference {
  field: string;
  kind: 'account' | 'post';
  id: string;
}

const referenceOf = (e: CanonicalEvent): Reference | undefined => {
  switch (e.type) {
    case 'account':
      return undefined;
    case 'post':
    case 'profile_update':
      return { field: 'account_id', kind: 'account', id: e.account_id };
    case 'follow':
      return { field: 'src', kind: 'account', id: e.src };
    case 'enforcement':
      if (e.account_id !== undefined) return { field: 'account_id', kind: 'account', id: e.account_id };
      return e.post_id !== undefined ? { field: 'post_id', kind: 'post', id: e.post_id } : undefined;
  }
};

const addTo = (map: Map<string, Set<string>>, platform: string, id: string): void => {
  let set = map.get(platform);
  if (!set) map.set(platform, (set = new Set()));
  set.add(id);
};

const lookUp = async (
  missing: Map<string, Set<string>>,
  find: (platform: string, ids: string[]) => Promise<Set<string>>,
): Promise<Set<string>> => {
  const found = new Set<string>();
  for (const [platform, ids] of missing) {
    for (const id of await find(platform, [...ids])) found.add(accountKey(platform, id));
  }
  return found;
};

export interface CheckedBatch {
  events: CanonicalEvent[];
  quarantine: QuarantineInput[];
  /** Accounts this batch stores or found in the database: add them to the cache after commit. */
  newlyKnown: string[];
}

const unknownReason = (ref: Reference, e: CanonicalEvent): string =>
  ref.kind === 'account'
    ? `unknown account "${ref.id}" on ${e.platform}: no account event for it earlier in the input or in the database`
    : `unknown post "${ref.id}" on ${e.platform}: not earlier in the input nor in the database`;

/**
 * Splits a batch of connector items into events to store and records to quarantine: connector
 * errors, and events whose acting account (or enforced post) is unknown. Cache misses are looked
 * up in the database in one query per platform and 500 ids.
 */
export const checkBatch = async (
  db: Db,
  items: IngestItem[],
  known: BoundedKeySet,
): Promise<CheckedBatch> => {
  const missingAccounts = new Map<string, Set<string>>();
  const missingPosts = new Map<string, Set<string>>();
  for (const item of items) {
    if (!item.ok) continue;
    const ref = referenceOf(item.event);
    if (!ref) continue;
    if (ref.kind === 'post') addTo(missingPosts, item.event.platform, ref.id);
    else if (!known.has(accountKey(item.event.platform, ref.id)))
      addTo(missingAccounts, item.event.platform, ref.id);
  }
  const storedAccounts =
    missingAccounts.size > 0
      ? await lookUp(missingAccounts, (p, ids) => findStoredAccounts(db, p, ids))
      : new Set<string>();
  const storedPosts =
    missingPosts.size > 0
      ? await lookUp(missingPosts, (p, ids) => findStoredPosts(db, p, ids))
      : new Set<string>();

  const batchAccounts = new Set<string>();
  const batchPosts = new Set<string>();
  const out: CheckedBatch = { events: [], quarantine: [], newlyKnown: [] };
  for (const item of items) {
    if (!item.ok) {
      out.quarantine.push({
        source: item.loc.file,
        line: item.loc.line,
        offset: item.loc.offset,
        field: item.field,
        reason: item.reason,
        raw: item.raw,
      });
      continue;
    }
    const e = item.event;
    const ref = referenceOf(e);
    if (ref) {
      const key = accountKey(e.platform, ref.id);
      const ok =
        ref.kind === 'account'
          ? known.has(key) || batchAccounts.has(key) || storedAccounts.has(key)
          : batchPosts.has(key) || storedPosts.has(key);
      if (!ok) {
        out.quarantine.push({
          source: item.loc.file,
          line: item.loc.line,
          offset: item.loc.offset,
          field: ref.field,
          reason: unknownReason(ref, e),
          raw: JSON.stringify(e),
        });
        continue;
      }
    }
    if (e.type === 'account') batchAccounts.add(accountKey(e.platform, e.id));
    else if (e.type === 'post') batchPosts.add(accountKey(e.platform, e.id));
    out.events.push(e);
  }
  out.newlyKnown = [...batchAccounts, ...storedAccounts];
  return out;
};
