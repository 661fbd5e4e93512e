import type { IngestProgress, IngestSummary } from './ingest-service.js';

const num = (n: number): string => Math.round(n).toLocaleString('en-US');

const bytes = (n: number): string => {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024).toFixed(0)} KiB`;
};

const duration = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (x: number): string => String(x).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
};

/** One progress line: percentage, events/s, and ETA from the bytes consumed so far. */
export const formatProgress = (p: IngestProgress): string => {
  const rate = p.elapsedMs > 0 ? (p.read * 1000) / p.elapsedMs : 0;
  const parts = [`ingest ${p.source}`];
  if (p.totalBytes !== undefined && p.totalBytes > 0) {
    const done = p.bytesRead - p.startOffset;
    const left = p.totalBytes - p.bytesRead;
    const bytesPerMs = p.elapsedMs > 0 ? done / p.elapsedMs : 0;
    parts.push(
      `${((100 * p.bytesRead) / p.totalBytes).toFixed(1)}%`,
      `${bytes(p.bytesRead)}/${bytes(p.totalBytes)}`,
    );
    parts.push(`${num(rate)} events/s`, `ETA ${bytesPerMs > 0 ? duration(left / bytesPerMs) : '?'}`);
  } else {
    parts.push(`${num(p.read)} records`, `${num(rate)} events/s`);
  }
  if (p.quarantined > 0) parts.push(`${num(p.quarantined)} quarantined`);
  return parts.join('  ');
};

export const formatSummary = (s: IngestSummary): string => {
  const resumed = s.resumedFrom
    ? ` (resumed at line ${num(s.resumedFrom.line + 1)}, byte ${num(s.resumedFrom.offset)})`
    : '';
  return (
    `${s.source} [${s.format}]${resumed}: read ${num(s.read)}, stored ${num(s.stored)}, duplicates ${num(s.duplicates)}, ` +
    `quarantined ${num(s.quarantined)} in ${(s.elapsedMs / 1000).toFixed(2)} s (${num(s.rate)} records/s)`
  );
};

/**
 * Draws the progress line on a terminal (at most 4 times a second) and prints messages above it.
 * On anything that is not a TTY it draws nothing, so logs and pipes stay clean.
 */
export class ProgressLine {
  private last = 0;
  private shown = false;

  constructor(private readonly out: NodeJS.WriteStream | { isTTY?: boolean; write(s: string): boolean }) {}

  private get tty(): boolean {
    return this.out.isTTY === true;
  }

  update(p: IngestProgress): void {
    if (!this.tty) return;
    const now = performance.now();
    if (now - this.last < 250) return;
    this.last = now;
    this.out.write(`\r\x1b[K${formatProgress(p)}`);
    this.shown = true;
  }

  /** Prints a full line (a message) without breaking the progress line. */
  message(line: string): void {
    this.clear();
    this.out.write(`${line}\n`);
  }

  clear(): void {
    if (this.shown) this.out.write('\r\x1b[K');
    this.shown = false;
  }
}
