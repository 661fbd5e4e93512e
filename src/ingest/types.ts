import type { Readable } from 'node:stream';
import type { CanonicalEvent } from '../events/index.js';

export const FORMATS = ['canonical', 'twitter', 'telegram', 'bluesky', 'csv'] as const;
export type FormatName = (typeof FORMATS)[number];

/** Where a record came from: file name, 1-based line, and the byte offset where the record starts. */
export interface SourceLocation {
  file: string;
  line: number;
  offset: number;
  /** Byte offset just after the record (line-based formats): a safe resume point once it is stored. */
  end?: number;
}

/**
 * What a connector yields for each record of its input: canonical events (a record may give
 * several, e.g. a tweet gives its author's `account` and the `post`), or an error naming the
 * field and reason, with the raw text so that it can be quarantined.
 */
export type IngestItem =
  | { ok: true; event: CanonicalEvent; loc: SourceLocation }
  | { ok: false; loc: SourceLocation; field: string; reason: string; raw: string };

/** Column mapping for CSV: canonical field -> CSV column name (e.g. `text=tweet_text`). */
export type CsvMapping = Record<string, string>;

export interface ConnectorInput {
  /** Name used in messages and as the cursor key (a path, `-` for stdin, `http` for API bodies). */
  name: string;
  /** The bytes of the input, starting at `startOffset`. */
  stream: Readable;
  /** Byte offset at which `stream` starts (for resuming line-based inputs after a crash). */
  startOffset: number;
  /** Line number of the first line of `stream` minus one (for messages after resuming). */
  startLine: number;
  /** Platform to stamp on events when the format does not say (CSV, canonical without platform). */
  platform?: string;
  csvMapping?: CsvMapping;
  /** Receives notes for the user that are not errors (e.g. the CSV column mapping that was guessed). */
  notice?: (message: string) => void;
}

export interface Connector {
  readonly format: FormatName;
  readonly description: string;
  /** True when byte offsets are meaningful resume points (line-based formats). */
  readonly resumable: boolean;
  /** Confidence in [0, 1] that an input beginning with `head` (first 64 KiB, decoded) is in this format. */
  sniff(head: string, name: string): number;
  /** Reads the whole input and yields its items in batches, in input order. */
  read(input: ConnectorInput): AsyncIterable<IngestItem[]>;
}
