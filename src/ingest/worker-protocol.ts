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
 * Worker -> writer. `lists` holds three strings (hashtags, mentions, urls columns) for each post
 * item of `items`, in order. The writer acknowledges each batch with an empty message.
 */
export type WorkerMessage =
  | { type: 'batch'; items: IngestItem[]; lists: string[] }
  | { type: 'done' }
  | { type: 'error'; message: string };
