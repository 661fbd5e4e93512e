import { Batcher } from './batch.js';
import { readLines, TRUNCATED_REASON } from './line-reader.js';
import { describeError, firstLine } from './describe-error.js';
import type { ConnectorInput, IngestItem, SourceLocation } from './types.js';

/** Turns one decoded JSON value into items (events or errors) pushed onto `out`. */
export type JsonLineMapper = (value: unknown, loc: SourceLocation, out: IngestItem[], raw: string) => void;

/**
 * The shared loop of the line-based JSON formats (canonical NDJSON, twarc2 JSONL, Jetstream):
 * lines -> JSON.parse -> mapper, with every failure turned into an error item for that line.
 */
export async function* readJsonLines(
  input: ConnectorInput,
  map: JsonLineMapper,
  options: { batchSize?: number; maxLineBytes?: number } = {},
): AsyncGenerator<IngestItem[]> {
  const batch = new Batcher(options.batchSize);
  const scratch: IngestItem[] = [];
  const lineOptions = {
    startOffset: input.startOffset,
    startLine: input.startLine,
    ...(options.maxLineBytes !== undefined ? { maxLineBytes: options.maxLineBytes } : {}),
  };
  for await (const lines of readLines(input.stream, lineOptions)) {
    for (const l of lines) {
      const loc: SourceLocation = { file: input.name, line: l.line, offset: l.offset, end: l.end };
      if (l.error !== undefined) {
        batch.push({ ok: false, loc, field: '', reason: l.error, raw: l.text });
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(l.text);
      } catch (err) {
        if (l.text.trim() === '') continue;
        const reason = l.unterminated
          ? TRUNCATED_REASON
          : `invalid JSON: ${firstLine((err as Error).message)}`;
        batch.push({ ok: false, loc, field: '', reason, raw: l.text });
        continue;
      }
      try {
        map(value, loc, scratch, l.text);
        for (const item of scratch) batch.push(item);
      } catch (err) {
        // A record that failed half-way yields nothing but its error, so that it is quarantined whole.
        batch.push({ ok: false, loc, ...describeError(err), raw: l.text });
      }
      scratch.length = 0;
    }
    if (batch.full) yield batch.take();
  }
  const rest = batch.take();
  if (rest.length > 0) yield rest;
}
