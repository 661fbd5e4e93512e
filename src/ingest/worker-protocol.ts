import type { PostEvent } from '../events/index.js';
import { POST_LIST_COLUMNS } from '../store/event-rows.js';
import type { IngestItem } from './types.js';

/** What the parse worker is started with. */
export interface ParseWorkerData {
  file: string;
  /** Name used in source locations (as the connector input's name). */
  name: string;
  startOffset: number;
  startLine: number;
  platform?: string;
}

/**
 * A post item as the worker sends it: a flat tuple rather than the item object, because the
 * structured clone of nested objects cost the writing thread ~1.5 µs per event against ~0.7 µs for
 * a tuple (bench/ingest.ts; docs/benchmarks/ingest.md). Holds the location, the event's fields in
 * schema order (undefined when absent) and the three list columns the worker computed.
 */
export type PostWire = [
  offset: number,
  line: number,
  end: number | undefined,
  platform: string,
  created_at: string,
  id: string,
  account_id: string,
  text: string,
  lang: string | undefined,
  hashtags: string[] | undefined,
  mentions: string[] | undefined,
  urls: string[] | undefined,
  reply_to: string | undefined,
  repost_of: string | undefined,
  quote_of: string | undefined,
  media: PostEvent['media'],
  hashtagsColumn: string,
  mentionsColumn: string,
  urlsColumn: string,
];

/** Posts go as tuples, other items (accounts, follows, errors: a few per cent) as they are. */
export type WireItem = IngestItem | PostWire;

/**
 * Worker -> writer. The writer acknowledges each batch with an empty message.
 */
export type WorkerMessage =
  { type: 'batch'; items: WireItem[] } | { type: 'done' } | { type: 'error'; message: string };

export const encodePost = (
  e: PostEvent,
  loc: IngestItem['loc'],
  lists: readonly [string, string, string],
): PostWire => [
  loc.offset,
  loc.line,
  loc.end,
  e.platform,
  e.created_at,
  e.id,
  e.account_id,
  e.text,
  e.lang,
  e.hashtags,
  e.mentions,
  e.urls,
  e.reply_to,
  e.repost_of,
  e.quote_of,
  e.media,
  lists[0],
  lists[1],
  lists[2],
];

/**
 * The item `encodePost` encoded: the same event (same keys in the same order as the parser gives
 * them, so JSON.stringify of it is the same too) carrying its list columns for the writer.
 */
export const decodeItem = (w: WireItem, file: string): IngestItem => {
  if (!Array.isArray(w)) return w;
  const e: Record<PropertyKey, unknown> = {
    type: 'post',
    platform: w[3],
    created_at: w[4],
    id: w[5],
    account_id: w[6],
    text: w[7],
  };
  if (w[8] !== undefined) e['lang'] = w[8];
  if (w[9] !== undefined) e['hashtags'] = w[9];
  if (w[10] !== undefined) e['mentions'] = w[10];
  if (w[11] !== undefined) e['urls'] = w[11];
  if (w[12] !== undefined) e['reply_to'] = w[12];
  if (w[13] !== undefined) e['repost_of'] = w[13];
  if (w[14] !== undefined) e['quote_of'] = w[14];
  if (w[15] !== undefined) e['media'] = w[15];
  e[POST_LIST_COLUMNS] = [w[16], w[17], w[18]];
  const loc =
    w[2] === undefined ? { file, line: w[1], offset: w[0] } : { file, line: w[1], offset: w[0], end: w[2] };
  return { ok: true, event: e as unknown as PostEvent, loc };
};
