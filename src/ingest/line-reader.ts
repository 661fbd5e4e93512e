import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';

/** One line of a byte stream, without its `\n` / `\r\n` terminator. */
export interface RawLine {
  /** 1-based line number. */
  line: number;
  /** Byte offset of the first byte of the line. */
  offset: number;
  /** Byte offset just after the line's terminator: where reading resumes after this line. */
  end: number;
  /** The decoded text; invalid UTF-8 is replaced by U+FFFD, an over-long line is cut to a prefix. */
  text: string;
  /** Set when the line cannot be used as it is (invalid UTF-8, over the length limit). */
  error?: string;
  /** True for a last line that has no final newline (the file may have been cut mid-record). */
  unterminated?: boolean;
}

export interface LineReaderOptions {
  /** Byte offset of the first byte of the stream (when resuming). Default 0. */
  startOffset?: number;
  /** Number of lines before the stream (when resuming). Default 0. */
  startLine?: number;
  /** Longest accepted line in bytes, terminator excluded. Default 1 MiB. */
  maxLineBytes?: number;
  /** How much of an over-long line is kept for the quarantine. Default 4 KiB. */
  keepPrefixBytes?: number;
  /** Skip lines that are empty (after removing `\r`). Default true. */
  skipEmpty?: boolean;
}

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
const NL = 0x0a;
const CR = 0x0d;

const formatSize = (bytes: number): string => {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes.toLocaleString('en-US')} bytes`;
};

export const overLimitReason = (bytes: number, limit: number): string =>
  `line is ${bytes.toLocaleString('en-US')} bytes, over the ${formatSize(limit)} limit`;

export const INVALID_UTF8_REASON = 'invalid UTF-8 (bytes replaced by U+FFFD in the raw text)';

/**
 * Splits a byte stream into lines at the Buffer level and yields them in batches (one batch per
 * input chunk), so that the hot path allocates no per-line Buffers and concatenates no strings.
 * Never throws on content: bad lines come back with `error` set; only stream errors propagate.
 */
export async function* readLines(
  stream: Readable,
  options: LineReaderOptions = {},
): AsyncGenerator<RawLine[]> {
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const keepPrefix = Math.min(options.keepPrefixBytes ?? 4096, maxLine);
  const skipEmpty = options.skipEmpty ?? true;
  let lineNo = options.startLine ?? 0;
  // Absolute offset of the first byte of the current chunk.
  let chunkOffset = options.startOffset ?? 0;

  // A line that spans chunks: its parts (while within the limit) or just a prefix (once over it).
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let pendingStart = chunkOffset;
  let overLong = false;
  let prefix: Buffer | undefined;
  let lastByte = -1;

  const make = (bytes: Buffer, start: number, end: number, unterminated: boolean): RawLine | undefined => {
    let body = bytes;
    if (body.length > 0 && body[body.length - 1] === CR) body = body.subarray(0, body.length - 1);
    lineNo += 1;
    if (body.length === 0 && skipEmpty) return undefined;
    if (body.length > maxLine) {
      return {
        line: lineNo,
        offset: start,
        end,
        text: body.subarray(0, keepPrefix).toString('utf8'),
        error: overLimitReason(body.length, maxLine),
        ...(unterminated ? { unterminated } : {}),
      };
    }
    const line: RawLine = { line: lineNo, offset: start, end, text: body.toString('utf8') };
    if (!isUtf8(body)) line.error = INVALID_UTF8_REASON;
    if (unterminated) line.unterminated = true;
    return line;
  };

  const finishOverLong = (end: number, unterminated: boolean): RawLine => {
    // pendingBytes counts every byte of the line; drop a final CR from the count.
    const bytes = pendingBytes - (lastByte === CR ? 1 : 0);
    lineNo += 1;
    const line: RawLine = {
      line: lineNo,
      offset: pendingStart,
      end,
      text: (prefix ?? Buffer.alloc(0)).toString('utf8'),
      error: overLimitReason(bytes, maxLine),
    };
    if (unterminated) line.unterminated = true;
    return line;
  };

  const resetPending = (start: number): void => {
    pending = [];
    pendingBytes = 0;
    pendingStart = start;
    overLong = false;
    prefix = undefined;
  };

  const addPending = (part: Buffer): void => {
    if (part.length === 0) return;
    lastByte = part[part.length - 1] ?? -1;
    pendingBytes += part.length;
    if (overLong) return;
    pending.push(part);
    // One byte of slack for a CR that may precede the newline.
    if (pendingBytes > maxLine + 1) {
      overLong = true;
      prefix = Buffer.concat(pending, Math.min(pendingBytes, keepPrefix));
      pending = [];
    }
  };

  for await (const raw of stream as AsyncIterable<Buffer | string>) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    const out: RawLine[] = [];
    let pos = 0;
    let nl = chunk.indexOf(NL, 0);
    if (nl !== -1 && (pendingBytes > 0 || overLong)) {
      // The first newline ends the line carried over from earlier chunks.
      addPending(chunk.subarray(0, nl));
      const end = chunkOffset + nl + 1;
      if (overLong) out.push(finishOverLong(end, false));
      else {
        const line = make(Buffer.concat(pending, pendingBytes), pendingStart, end, false);
        if (line) out.push(line);
      }
      resetPending(end);
      pos = nl + 1;
      nl = chunk.indexOf(NL, pos);
    }
    while (nl !== -1) {
      const line = make(chunk.subarray(pos, nl), chunkOffset + pos, chunkOffset + nl + 1, false);
      if (line) out.push(line);
      pos = nl + 1;
      nl = chunk.indexOf(NL, pos);
    }
    if (pos < chunk.length) {
      if (pendingBytes === 0 && !overLong) pendingStart = chunkOffset + pos;
      // Copy: the stream may reuse its chunk buffers.
      addPending(Buffer.from(chunk.subarray(pos)));
    }
    chunkOffset += chunk.length;
    if (out.length > 0) yield out;
  }
  if (overLong) yield [finishOverLong(chunkOffset, true)];
  else if (pendingBytes > 0) {
    const line = make(Buffer.concat(pending, pendingBytes), pendingStart, chunkOffset, true);
    if (line) yield [line];
  }
}

/** The message for a last line that has no newline and does not parse. */
export const TRUNCATED_REASON = 'truncated last line (file does not end with a newline)';
