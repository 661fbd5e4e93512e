import { Batcher } from './batch.js';
import { peekStream } from './input.js';
import { readJsonLines } from './json-lines.js';
import { isJsonBreak, streamJsonRecords } from './json-document.js';
import { describeError } from './describe-error.js';
import { mapTwitterValue, TwitterState } from './twitter-map.js';
import type { Connector, ConnectorInput, IngestItem, SourceLocation } from './types.js';

// A search/all page of 500 tweets with its includes can pass 1 MiB on one line.
const MAX_LINE_BYTES = 32 * 1024 * 1024;

/** True when the input starts with a complete JSON value on its first line (JSONL), false for a pretty-printed document. */
const startsWithJsonLine = (bytes: Buffer): boolean => {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const first = text.split('\n').find((l) => l.trim() !== '');
  if (first === undefined) return true;
  try {
    JSON.parse(first);
    return true;
  } catch {
    return false;
  }
};

/** A single (possibly pretty-printed) response document, or an array of tweets: streamed with stream-json. */
async function* readDocument(input: ConnectorInput, state: TwitterState): AsyncGenerator<IngestItem[]> {
  const batch = new Batcher();
  for await (const records of streamJsonRecords(input.stream, (path) => path.length === 0)) {
    for (const r of records) {
      // Line numbers are not known inside a document: `line` is the 1-based document index.
      if (isJsonBreak(r)) {
        const loc: SourceLocation = { file: input.name, line: 0, offset: 0 };
        batch.push({
          ok: false,
          loc,
          field: '',
          reason: `invalid JSON near character ${r.position}: ${r.error}`,
          raw: '',
        });
        continue;
      }
      const loc: SourceLocation = { file: input.name, line: r.doc + 1, offset: 0 };
      const out: IngestItem[] = [];
      try {
        mapTwitterValue(r.value, state, loc, out);
        for (const item of out) batch.push(item);
      } catch (err) {
        batch.push({ ok: false, loc, ...describeError(err), raw: JSON.stringify(r.value).slice(0, 65536) });
      }
    }
    if (batch.full) yield batch.take();
  }
  const rest = batch.take();
  if (rest.length > 0) yield rest;
}

export const twitterConnector: Connector = {
  format: 'twitter',
  description:
    'Twitter/X API v2 responses (JSON or JSONL pages, as written by twarc2) and twarc2 flattened tweets',
  resumable: true,

  sniff(head: string): number {
    const start = head.trimStart();
    if (!start.startsWith('{') && !start.startsWith('[')) return 0;
    if (head.includes('"__twarc"')) return 0.95;
    const author = head.includes('"author_id"');
    if (author && /"includes"\s*:/.test(head) && /"data"\s*:/.test(head)) return 0.9;
    if (/"data"\s*:/.test(head) && /"edit_history_tweet_ids"|"referenced_tweets"|"public_metrics"/.test(head))
      return 0.8;
    if (author && /"text"\s*:/.test(head)) return 0.7;
    return 0;
  },

  async *read(input: ConnectorInput): AsyncIterable<IngestItem[]> {
    const state = new TwitterState();
    let jsonl = input.startOffset > 0;
    let source = input;
    if (!jsonl) {
      // Look at the first line (up to 4 MiB) to choose between JSONL pages and one JSON document.
      const peeked = await peekStream(input.stream, (size, last) => size >= 4 << 20 || last.includes(0x0a));
      jsonl = startsWithJsonLine(peeked.bytes);
      source = { ...input, stream: peeked.stream };
    }
    if (!jsonl) {
      yield* readDocument(source, state);
      return;
    }
    yield* readJsonLines(source, (value, loc, out) => mapTwitterValue(value, state, loc, out), {
      maxLineBytes: MAX_LINE_BYTES,
    });
  },
};
