import type { CanonicalEvent } from '../src/events/index.js';
import type { Database } from '../src/store/index.js';
import {
  accountProfileRow,
  accountRow,
  enforcementRow,
  followRow,
  postRow,
  ACCOUNT_COLUMNS,
  ENFORCEMENT_COLUMNS,
  FOLLOW_COLUMNS,
  POST_COLUMNS,
  PROFILE_COLUMNS,
  type Row,
} from '../src/store/event-rows.js';

// The baseline the bulk writer is measured against: the same rows, inserted with Kysely's query
// builder in one transaction per batch, one multi-row INSERT … ON CONFLICT DO NOTHING per table
// (chunked under SQLite's 32,766-parameter limit). Profile updates are left out: this compares the
// hot path (accounts, posts, follows).

const toObjects = (columns: readonly string[], rows: Row[]): Array<Record<string, string | number | null>> =>
  rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? null])));

export const kyselyBatchWrite = async (database: Database, events: CanonicalEvent[]): Promise<void> => {
  const accounts: Row[] = [];
  const profiles: Row[] = [];
  const posts: Row[] = [];
  const follows: Row[] = [];
  const enforcement: Row[] = [];
  for (const e of events) {
    if (e.type === 'account') {
      accounts.push(accountRow(e));
      profiles.push(accountProfileRow(e));
    } else if (e.type === 'post') posts.push(postRow(e));
    else if (e.type === 'follow') follows.push(followRow(e));
    else if (e.type === 'enforcement') enforcement.push(enforcementRow(e));
  }
  await database.db.transaction().execute(async (tx) => {
    const insert = async (
      table: 'accounts' | 'account_profiles' | 'posts' | 'follows' | 'enforcement',
      columns: readonly string[],
      rows: Row[],
    ): Promise<void> => {
      const per = Math.floor(30_000 / columns.length);
      for (let i = 0; i < rows.length; i += per) {
        const values = toObjects(columns, rows.slice(i, i + per));
        await tx
          .insertInto(table)
          .values(values as never)
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    };
    if (accounts.length) await insert('accounts', ACCOUNT_COLUMNS, accounts);
    if (profiles.length) await insert('account_profiles', PROFILE_COLUMNS, profiles);
    if (posts.length) await insert('posts', POST_COLUMNS, posts);
    if (follows.length) await insert('follows', FOLLOW_COLUMNS, follows);
    if (enforcement.length) await insert('enforcement', ENFORCEMENT_COLUMNS, enforcement);
  });
};
