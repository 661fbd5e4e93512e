import { parse, type CsvError, type InfoRecord } from 'csv-parse';
import type { CanonicalEvent, Media } from '../events/index.js';
import { validateEvent } from './validate.js';
import { Batcher } from './batch.js';
import { describeError } from './describe-error.js';
import { describeCsvMapping, guessCsvMapping, parseCsvTime, type CsvField } from './csv-mapping.js';
import { InputError, RecordError } from './errors.js';
import { LineCounter } from './line-counter.js';
import { SeenSet } from './seen-set.js';
import type { Connector, ConnectorInput, CsvMapping, IngestItem, SourceLocation } from './types.js';

export const DEFAULT_CSV_PLATFORM = 'csv';

type Queued =
  | { kind: 'record'; fields: string[]; raw: string; line: number; end: number }
  | { kind: 'skip'; reason: string; line: number; raw: string };

const splitList = (value: string, strip: RegExp): string[] => {
  const v = value.trim();
  let parts: unknown[] = [];
  if (v.startsWith('[')) {
    try {
      parts = JSON.parse(v) as unknown[];
    } catch {
      parts = v.slice(1, -1).split(/[\s,;|'"]+/);
    }
  } else parts = v.split(/[\s,;|]+/);
  const out: string[] = [];
  for (const p of parts) {
    const s = typeof p === 'string' ? p.trim().replace(strip, '') : '';
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
};

const VIDEO = /\.(mp4|mov|m3u8|webm|mkv)(\?|$)/i;

/** Turns CSV rows into events according to a column mapping (header -> index resolved once). */
class RowMapper {
  private readonly index = new Map<CsvField, number>();
  private readonly accounts = new SeenSet();
  readonly posts: boolean;
  readonly hasAccounts: boolean;

  constructor(
    header: string[],
    private readonly mapping: CsvMapping,
    private readonly platform: string,
    name: string,
  ) {
    for (const [field, column] of Object.entries(mapping)) {
      const i = header.indexOf(column);
      if (i < 0) {
        throw new InputError(
          `${name}: CSV column "${column}" (mapped to ${field}) is not in the header (columns: ${header.join(', ')})`,
        );
      }
      this.index.set(field as CsvField, i);
    }
    this.posts = this.index.has('text');
    this.hasAccounts = this.index.has('handle') || this.index.has('name');
    const need: CsvField[] = this.posts ? ['id', 'account_id', 'created_at'] : ['account_id'];
    const missing = need.filter((f) => !this.index.has(f));
    if (!this.posts && !this.hasAccounts) missing.unshift('text');
    if (missing.length > 0) {
      throw new InputError(
        `${name}: no column for ${missing.join(', ')} (mapping used: ${describeCsvMapping(mapping)}); give one with --csv-map FIELD=COLUMN,…`,
      );
    }
  }

  /** The value of a mapped field: undefined when unmapped, RecordError when the row lacks it. */
  private get(row: string[], field: CsvField, required: boolean): string | undefined {
    const i = this.index.get(field);
    if (i === undefined) return undefined;
    const value = row[i];
    const column = this.mapping[field] ?? field;
    if (value === undefined) {
      if (required) throw new RecordError(column, `missing value (the row has only ${row.length} columns)`);
      return undefined;
    }
    if (value.trim() === '') {
      if (required && field !== 'text') throw new RecordError(column, `empty value (mapped to ${field})`);
      return field === 'text' ? value : undefined;
    }
    return value;
  }

  private time(row: string[], field: CsvField, required: boolean): string | undefined {
    const raw = this.get(row, field, required);
    if (raw === undefined) return undefined;
    const t = parseCsvTime(raw);
    if (t === undefined) {
      throw new RecordError(
        this.mapping[field] ?? field,
        `cannot read "${raw.slice(0, 40)}" as a time (expected RFC 3339, YYYY-MM-DD HH:MM:SS in UTC, or epoch seconds/milliseconds)`,
      );
    }
    return t;
  }

  private count(row: string[], field: CsvField): number | undefined {
    const raw = this.get(row, field, false);
    if (raw === undefined) return undefined;
    const n = Number(raw.replace(/[,_ ]/g, ''));
    if (!Number.isInteger(n) || n < 0)
      throw new RecordError(this.mapping[field] ?? field, `not a count: "${raw.slice(0, 40)}"`);
    return n;
  }

  /** Validates with the event schema, naming the CSV column on failure. */
  private event(value: Record<string, unknown>): CanonicalEvent {
    try {
      return validateEvent(value);
    } catch (err) {
      const { field, reason } = describeError(err);
      const canonical = field === 'id' && value['type'] === 'account' ? 'account_id' : field;
      throw new RecordError(this.mapping[canonical] ?? field, reason);
    }
  }

  map(row: string[]): CanonicalEvent[] {
    const out: CanonicalEvent[] = [];
    const accountId = this.get(row, 'account_id', true)!;
    const created = this.time(row, 'created_at', this.posts);
    let post: CanonicalEvent | undefined;
    if (this.posts) {
      const lists = (field: CsvField, strip: RegExp): { [k: string]: string[] } => {
        const v = this.get(row, field, false);
        return v === undefined ? {} : { [field]: splitList(v, strip) };
      };
      const media = this.get(row, 'media_url', false);
      const refs: Record<string, string> = {};
      for (const f of ['reply_to', 'repost_of', 'quote_of'] as const) {
        const v = this.get(row, f, false);
        if (v !== undefined) refs[f] = v.trim();
      }
      post = this.event({
        type: 'post',
        platform: this.platform,
        id: this.get(row, 'id', true)!.trim(),
        account_id: accountId.trim(),
        text: this.get(row, 'text', true),
        created_at: created,
        lang: this.get(row, 'lang', false)?.trim(),
        ...lists('hashtags', /^[#＃]/),
        ...lists('mentions', /^@/),
        ...lists('urls', /^$/),
        ...refs,
        media:
          media === undefined
            ? undefined
            : splitList(media, /^$/).map((url): Media => ({
                kind: VIDEO.test(url) ? 'video' : 'image',
                url,
              })),
      });
    }
    if (this.hasAccounts && !this.accounts.has(accountId.trim())) {
      const handle = this.get(row, 'handle', false)?.trim();
      const name = this.get(row, 'name', false)?.trim();
      // Without a creation-time column the account's first row in the file stands in.
      const at = this.time(row, 'account_created_at', false) ?? created;
      if (at === undefined)
        throw new RecordError(this.mapping['created_at'] ?? 'created_at', 'no time for the account');
      out.push(
        this.event({
          type: 'account',
          platform: this.platform,
          id: accountId.trim(),
          handle: handle ?? '',
          name: name ?? handle ?? '',
          bio: this.get(row, 'bio', false),
          created_at: at,
          followers_count: this.count(row, 'followers_count'),
          following_count: this.count(row, 'following_count'),
        }),
      );
    }
    if (post) out.push(post);
    if (out[0]?.type === 'account') this.accounts.add(accountId.trim());
    return out;
  }
}

const countNewlines = (fields: string[]): number => {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) n++;
  return n;
};

export const csvConnector: Connector = {
  format: 'csv',
  description:
    'CSV with a header row; columns mapped to canonical fields with --csv-map (or guessed from the header)',
  resumable: false,

  sniff(head: string, name: string): number {
    if (/\.(csv|tsv)$/i.test(name)) return 0.9;
    const first = head.split('\n', 1)[0] ?? '';
    if (first.trimStart().startsWith('{') || first.trimStart().startsWith('[')) return 0;
    return first.split(',').length >= 3 && /(^|,)"?(id|text|created_at|date)"?(,|$)/i.test(first.trim())
      ? 0.6
      : 0;
  },

  async *read(input: ConnectorInput): AsyncIterable<IngestItem[]> {
    const queue: Queued[] = [];
    const counter = new LineCounter(input.startOffset, input.startLine);
    let prevEnd = input.startOffset;
    const parser = parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      record_delimiter: ['\r\n', '\n'],
      // With `raw`, records come as {record, raw}; the raw text is what gets quarantined.
      on_record: (value: unknown, ctx: InfoRecord) => {
        const { record, raw } = value as { record: string[]; raw: string };
        // The record's last byte is on its last line; its quoted newlines say how far back it starts.
        const end = input.startOffset + ctx.bytes;
        const line = counter.lineOfByte(end - 1) - countNewlines(record);
        queue.push({ kind: 'record', fields: record, raw, line, end });
        return null;
      },
      on_skip: (err: CsvError | undefined, raw: string | undefined) => {
        const line = typeof err?.lines === 'number' ? err.lines : 0;
        queue.push({
          kind: 'skip',
          reason: `invalid CSV: ${err?.message ?? 'unreadable record'}`,
          line,
          raw: raw ?? '',
        });
        return undefined;
      },
      raw: true,
    });
    parser.resume();
    const ended = new Promise<void>((resolve, reject) => {
      parser.on('end', resolve);
      parser.on('error', reject);
    });
    const write = (chunk: Buffer | string): Promise<void> =>
      new Promise((resolve, reject) => parser.write(chunk, (err) => (err ? reject(err) : resolve())));

    const batch = new Batcher();
    let mapper: RowMapper | undefined;
    const platform = input.platform ?? DEFAULT_CSV_PLATFORM;
    const drain = (): void => {
      for (const q of queue) {
        const loc: SourceLocation = { file: input.name, line: q.line, offset: prevEnd };
        if (q.kind === 'skip') {
          batch.push({ ok: false, loc, field: '', reason: q.reason, raw: q.raw });
          continue;
        }
        loc.end = q.end;
        prevEnd = q.end;
        if (!mapper) {
          const header = q.fields.map((h) => h.trim());
          const guessed = input.csvMapping === undefined;
          const mapping = input.csvMapping ?? guessCsvMapping(header);
          mapper = new RowMapper(header, mapping, platform, input.name);
          if (guessed)
            input.notice?.(
              `${input.name}: CSV columns mapped as ${describeCsvMapping(mapping)} (guessed from the header)`,
            );
          if (input.platform === undefined)
            input.notice?.(`${input.name}: no --platform given, events are stamped "${platform}"`);
          continue;
        }
        try {
          for (const event of mapper.map(q.fields)) batch.push({ ok: true, event, loc });
        } catch (err) {
          batch.push({ ok: false, loc, ...describeError(err), raw: q.raw.replace(/^[\r\n]+|[\r\n]+$/g, '') });
        }
      }
      queue.length = 0;
    };

    for await (const raw of input.stream as AsyncIterable<Buffer | string>) {
      const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
      counter.push(chunk);
      await write(chunk);
      drain();
      if (batch.full) yield batch.take();
    }
    parser.end();
    await ended;
    drain();
    if (!mapper) throw new InputError(`${input.name}: the CSV has no header row`);
    const rest = batch.take();
    if (rest.length > 0) yield rest;
  },
};
