import type { Generated } from 'kysely';

// Tables of the foundation (issue 2). Times are ISO-8601 UTC strings (`YYYY-MM-DDTHH:MM:SS.sssZ`),
// which sort as time on both engines; lists are JSON text. The types are the same on both engines.

/** The current profile of each account. `updated_at` is the stream time of the profile last applied. */
export interface AccountsTable {
  platform: string;
  id: string;
  handle: string;
  name: string;
  bio: string | null;
  lang: string | null;
  avatar_pdq: string | null;
  followers_count: number | null;
  following_count: number | null;
  url: string | null;
  created_at: string;
  updated_at: string;
}

/** Profile history: one row per `account` event (kind `account`) and per `profile_update`. */
export interface AccountProfilesTable {
  platform: string;
  /** Event type that produced the row: `account` or `profile_update`. */
  kind: string;
  /** `eventKey` of that event (the account id for `account`). */
  event_key: string;
  account_id: string;
  handle: string | null;
  name: string | null;
  bio: string | null;
  avatar_pdq: string | null;
  created_at: string;
}

export interface PostsTable {
  platform: string;
  id: string;
  account_id: string;
  created_at: string;
  text: string;
  lang: string | null;
  /** JSON arrays; taken from the text when the event did not carry them. */
  hashtags: string;
  mentions: string;
  urls: string;
  /** JSON array of media objects, or null. */
  media: string | null;
  reply_to: string | null;
  repost_of: string | null;
  quote_of: string | null;
}

export interface FollowsTable {
  platform: string;
  event_key: string;
  src: string;
  dst: string;
  created_at: string;
}

export interface EnforcementTable {
  platform: string;
  event_key: string;
  account_id: string | null;
  post_id: string | null;
  action: string;
  reason: string | null;
  created_at: string;
}

/** Records that could not be stored, with where they came from and why. */
export interface QuarantineTable {
  id: Generated<number>;
  /** Hash of (source, offset, field, raw): re-ingesting the same bad record does not add a row. */
  digest: string;
  source: string;
  line: number;
  byte_offset: number;
  field: string;
  reason: string;
  /** The raw record, cut at RAW_CAP bytes; `raw_length` is the full length in bytes. */
  raw: string;
  raw_length: number;
  received_at: string;
}

/** How far each resumable input has been committed, so that a re-run after a crash resumes there. */
export interface IngestCursorTable {
  source: string;
  /** `size:mtimeMs` of the file when the cursor was written; a different file starts over. */
  fingerprint: string;
  byte_offset: number;
  line: number;
  /** 1 when the whole input was ingested (a re-run then reads it again; idempotence makes that a no-op). */
  complete: number;
  updated_at: string;
}

/** Secondary indexes a bulk load dropped and has yet to rebuild (src/store/deferred-indexes.ts; SQLite only). */
export interface DeferredIndexesTable {
  name: string;
  table_name: string;
  /** The index's CREATE INDEX statement, as SQLite stored it. */
  sql: string;
  /** The process loading the table: while it runs, others leave the index to it. */
  owner_pid: number;
  deferred_at: string;
}

export interface CoreTables {
  accounts: AccountsTable;
  account_profiles: AccountProfilesTable;
  posts: PostsTable;
  follows: FollowsTable;
  enforcement: EnforcementTable;
  quarantine: QuarantineTable;
  ingest_cursor: IngestCursorTable;
  deferred_indexes: DeferredIndexesTable;
}
