import type { Database } from '../../src/store/index.js';

// Invented events for the ingestion tests: ordinary talk and news, in Arabic and English.

export const line = (value: Record<string, unknown>): string => JSON.stringify(value);

export const account = (id: string, extra: Record<string, unknown> = {}): string =>
  line({
    type: 'account',
    platform: 'twitter',
    id,
    handle: `user_${id}`,
    name: `حساب ${id}`,
    created_at: '2024-01-01T00:00:00Z',
    ...extra,
  });

export const post = (id: string, accountId: string, extra: Record<string, unknown> = {}): string =>
  line({
    type: 'post',
    platform: 'twitter',
    id,
    account_id: accountId,
    text: `نشرة الطقس ${id} #طقس`,
    created_at: '2024-02-01T10:00:00Z',
    ...extra,
  });

export const ndjson = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** Table contents in a fixed order, to compare two databases or two states of one. */
export const dumpTables = async (database: Database): Promise<Record<string, unknown[]>> => {
  const { db } = database;
  return {
    accounts: await db.selectFrom('accounts').selectAll().orderBy('platform').orderBy('id').execute(),
    account_profiles: await db
      .selectFrom('account_profiles')
      .selectAll()
      .orderBy('platform')
      .orderBy('kind')
      .orderBy('event_key')
      .execute(),
    posts: await db.selectFrom('posts').selectAll().orderBy('platform').orderBy('id').execute(),
    follows: await db.selectFrom('follows').selectAll().orderBy('platform').orderBy('event_key').execute(),
    enforcement: await db
      .selectFrom('enforcement')
      .selectAll()
      .orderBy('platform')
      .orderBy('event_key')
      .execute(),
    quarantine: await db
      .selectFrom('quarantine')
      .select(['digest', 'source', 'line', 'byte_offset', 'field', 'reason', 'raw', 'raw_length'])
      .orderBy('id')
      .execute(),
  };
};
