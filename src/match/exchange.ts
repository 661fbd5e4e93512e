// Bank import/export formats.
//
// - `hma`: HMA / ThreatExchange-style CSV: `signal_type,signal_value` with python-threatexchange
//   signal names (`pdq`, `photo_md5`, `video_md5`, plus our `text_minhash`, `sha256`; `md5` is
//   accepted too). A header line is optional on import; extra columns are read by header name
//   (label, source, reason, quality, added_at, added_by). Export writes a header and all columns.
//   Lines `hash,quality,path` as the reference pdq-photo-hasher prints them are read as PDQ.
// - `csv`: our CSV, header required: signal,value,label,source,reason,quality,added_at,added_by.
// - `ndjson`: one JSON object per line with the same keys as `csv`.
//
// Import is per line: a bad line (unknown signal type, wrong hash length, non-hex …) becomes an
// error naming the line and field, and the other lines still import.
import { parse as parseCsvLine } from 'csv-parse/sync';
import type { EntryInput } from './bank-service.js';
import { HMA_NAME, knownSignalNames, parseSignalType, signalValueProblem } from './signals.js';
import type { SignalType } from './tables.js';

export type ExchangeFormat = 'hma' | 'csv' | 'ndjson';
export const EXCHANGE_FORMATS: readonly ExchangeFormat[] = ['hma', 'csv', 'ndjson'];

export type ParsedLine =
  { ok: true; line: number; entry: EntryInput } | { ok: false; line: number; field: string; reason: string };

export const CSV_COLUMNS = [
  'signal',
  'value',
  'label',
  'source',
  'reason',
  'quality',
  'added_at',
  'added_by',
] as const;
const HMA_COLUMNS = [
  'signal_type',
  'signal_value',
  'label',
  'source',
  'reason',
  'quality',
  'added_at',
  'added_by',
];
const META = ['label', 'source', 'reason', 'added_at', 'added_by'] as const;

export const formatFromPath = (path: string): ExchangeFormat =>
  path.endsWith('.ndjson') || path.endsWith('.jsonl') ? 'ndjson' : path.endsWith('.hma.csv') ? 'hma' : 'csv';

const splitCsv = (text: string): string[] => {
  const rows = parseCsvLine(text, { relax_column_count: true, relax_quotes: true }) as string[][];
  return rows[0] ?? [];
};

const toEntry = (
  line: number,
  rec: Record<string, unknown>,
  signalField: string,
  valueField: string,
): ParsedLine => {
  const rawSignal = rec[signalField];
  if (typeof rawSignal !== 'string' || rawSignal.trim() === '') {
    return { ok: false, line, field: signalField, reason: 'missing signal type' };
  }
  const signal = parseSignalType(rawSignal);
  if (!signal) {
    return {
      ok: false,
      line,
      field: signalField,
      reason: `unknown signal type "${rawSignal.slice(0, 40)}" (known: ${knownSignalNames()})`,
    };
  }
  const rawValue = rec[valueField];
  if (typeof rawValue !== 'string')
    return { ok: false, line, field: valueField, reason: 'missing hash value' };
  const value = rawValue.trim();
  const problem = signalValueProblem(signal, value);
  if (problem) return { ok: false, line, field: valueField, reason: problem };
  const entry: EntryInput = { signal, value: value.toLowerCase() };
  for (const key of META) {
    const v = rec[key];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string') return { ok: false, line, field: key, reason: 'must be a string' };
    entry[key] = v;
  }
  const q = rec['quality'];
  if (q !== undefined && q !== null && q !== '') {
    const n = typeof q === 'number' ? q : Number(q);
    if (!Number.isInteger(n) || n < 0 || n > 100)
      return { ok: false, line, field: 'quality', reason: 'must be an integer 0..100' };
    entry.quality = n;
  }
  if (entry.added_at !== undefined && Number.isNaN(Date.parse(entry.added_at))) {
    return { ok: false, line, field: 'added_at', reason: `not a time: "${entry.added_at.slice(0, 40)}"` };
  }
  return { ok: true, line, entry };
};

/**
 * Parses lines of a bank file one at a time (`line` is 1-based). Keeps the header state between
 * calls, so it works on streams: create one per file.
 */
export class BankFileParser {
  private header: string[] | null = null;
  private first = true;

  constructor(readonly format: ExchangeFormat) {}

  /** Returns null for blank lines and header lines. */
  parseLine(text: string, line: number): ParsedLine | null {
    if (text.trim() === '') return null;
    if (this.format === 'ndjson') {
      let rec: unknown;
      try {
        rec = JSON.parse(text);
      } catch (err) {
        return { ok: false, line, field: 'json', reason: `not JSON: ${(err as Error).message}` };
      }
      if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
        return { ok: false, line, field: 'json', reason: 'each line must be a JSON object' };
      }
      return toEntry(line, rec as Record<string, unknown>, 'signal', 'value');
    }
    let cells: string[];
    try {
      cells = splitCsv(text);
    } catch (err) {
      return { ok: false, line, field: 'csv', reason: `not a CSV line: ${(err as Error).message}` };
    }
    const wasFirst = this.first;
    this.first = false;
    if (this.format === 'hma') {
      if (wasFirst && cells[0]?.trim().toLowerCase() === 'signal_type') {
        this.header = cells.map((c) => c.trim().toLowerCase());
        return null;
      }
      // The reference pdq-photo-hasher's output (`hash,quality,path`) is accepted as PDQ rows.
      if (!this.header && /^[0-9a-fA-F]{64}$/.test(cells[0]?.trim() ?? '')) {
        const rec: Record<string, unknown> = {
          signal_type: 'pdq',
          signal_value: cells[0],
          quality: cells[1]?.trim(),
        };
        if (cells[2]) rec['source'] = cells[2];
        return toEntry(line, rec, 'signal_type', 'signal_value');
      }
      const cols = this.header ?? HMA_COLUMNS;
      return toEntry(
        line,
        Object.fromEntries(cols.map((c, i) => [c, cells[i]])),
        'signal_type',
        'signal_value',
      );
    }
    if (wasFirst) {
      this.header = cells.map((c) => c.trim().toLowerCase());
      if (!this.header.includes('signal') || !this.header.includes('value')) {
        this.header = null;
        return {
          ok: false,
          line,
          field: 'header',
          reason: `the first line must be a header with at least "signal,value" (columns: ${CSV_COLUMNS.join(',')})`,
        };
      }
      return null;
    }
    if (!this.header) return { ok: false, line, field: 'header', reason: 'no valid header line' };
    const cols = this.header;
    return toEntry(line, Object.fromEntries(cols.map((c, i) => [c, cells[i]])), 'signal', 'value');
  }
}

export interface ExportRow {
  signal: SignalType;
  value: string;
  label: string;
  source: string;
  reason: string;
  quality: number | null;
  added_at: string;
  added_by: string;
}

const csvCell = (v: string): string =>
  /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;

export const exportHeader = (format: ExchangeFormat): string | null =>
  format === 'ndjson' ? null : (format === 'hma' ? HMA_COLUMNS : [...CSV_COLUMNS]).join(',');

/** One line of an export (no newline). */
export const exportLine = (format: ExchangeFormat, row: ExportRow): string => {
  if (format === 'ndjson') {
    return JSON.stringify({
      signal: row.signal,
      value: row.value,
      label: row.label,
      source: row.source,
      reason: row.reason,
      quality: row.quality,
      added_at: row.added_at,
      added_by: row.added_by,
    });
  }
  const signal = format === 'hma' ? HMA_NAME[row.signal] : row.signal;
  return [
    signal,
    row.value,
    row.label,
    row.source,
    row.reason,
    row.quality === null ? '' : String(row.quality),
    row.added_at,
    row.added_by,
  ]
    .map(csvCell)
    .join(',');
};
