// Streams a bank file into a bank: parses line by line, imports the good lines in batches, and
// reports every bad line with its line number, field and reason.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { BankService, EntryInput } from './bank-service.js';
import { BankFileParser, type ExchangeFormat } from './exchange.js';

export interface RejectedLine {
  line: number;
  field: string;
  reason: string;
}

export interface ImportReport {
  lines: number;
  added: number;
  duplicates: number;
  rejected: RejectedLine[];
}

const BATCH = 2000;

export const importBankStream = async (
  service: BankService,
  bank: string,
  input: Readable,
  format: ExchangeFormat,
  onProgress?: (linesRead: number) => void,
): Promise<ImportReport> => {
  await service.getBank(bank);
  const parser = new BankFileParser(format);
  const report: ImportReport = { lines: 0, added: 0, duplicates: 0, rejected: [] };
  let batch: EntryInput[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const r = await service.addEntries(bank, batch);
    report.added += r.added;
    report.duplicates += r.duplicates;
    batch = [];
  };
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let pending = '';
  let pendingStart = 0;
  let lineNo = 0;
  for await (const text of rl) {
    lineNo++;
    // A quoted CSV field may span lines: join until the quotes balance.
    const joined = pending ? `${pending}\n${text}` : text;
    if (format !== 'ndjson' && (joined.split('"').length - 1) % 2 === 1) {
      if (!pending) pendingStart = lineNo;
      pending = joined;
      continue;
    }
    const start = pending ? pendingStart : lineNo;
    pending = '';
    const parsed = parser.parseLine(joined, start);
    if (!parsed) continue;
    report.lines++;
    if (parsed.ok) batch.push(parsed.entry);
    else report.rejected.push({ line: parsed.line, field: parsed.field, reason: parsed.reason });
    if (batch.length >= BATCH) {
      await flush();
      onProgress?.(lineNo);
    }
  }
  if (pending) {
    report.lines++;
    report.rejected.push({ line: pendingStart, field: 'csv', reason: 'unterminated quoted field' });
  }
  await flush();
  onProgress?.(lineNo);
  return report;
};

/** Imports a file; the bank is checked first so that no stream is left open on a bad bank name. */
export const importBankFile = async (
  service: BankService,
  bank: string,
  path: string,
  format: ExchangeFormat,
  onProgress?: (linesRead: number) => void,
): Promise<ImportReport> => {
  await service.getBank(bank);
  return importBankStream(service, bank, createReadStream(path, { encoding: 'utf8' }), format, onProgress);
};
