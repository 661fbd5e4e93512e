import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { InputError } from './errors.js';
import type { ConnectorInput, CsvMapping } from './types.js';

export const HEAD_BYTES = 64 * 1024;
const READ_CHUNK = 256 * 1024;

export interface OpenInputOptions {
  startOffset?: number;
  startLine?: number;
  platform?: string;
  csvMapping?: CsvMapping;
  /** Stream to use for `-` (tests pass their own). Default process.stdin. */
  stdin?: Readable;
}

/** A ConnectorInput plus the first 64 KiB of the input (decoded), for format detection. */
export interface OpenedInput extends ConnectorInput {
  head: string;
}

// A multi-byte character cut at the end of the head decodes as U+FFFD: harmless for sniffing.
const decodeHead = (buf: Buffer): string => buf.toString('utf8').replace(/^\uFEFF/, '');

const readFileHead = async (path: string): Promise<string> => {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    return decodeHead(buf.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
};

/**
 * Reads the beginning of a stream until `enough(bytesSoFar, lastChunk)` or its end, and gives back
 * the bytes read and a stream that replays them before the rest.
 */
export const peekStream = async (
  stream: Readable,
  enough: (size: number, last: Buffer) => boolean = (size) => size >= HEAD_BYTES,
): Promise<{ bytes: Buffer; head: string; stream: Readable }> => {
  const iterator = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let size = 0;
  let done = false;
  let last: Buffer = Buffer.alloc(0);
  while (size === 0 || !enough(size, last)) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    seen.push(chunk);
    size += chunk.length;
    last = chunk;
  }
  async function* replay(): AsyncGenerator<Buffer> {
    yield* seen;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  }
  const bytes = Buffer.concat(seen);
  return {
    bytes,
    head: decodeHead(bytes.subarray(0, HEAD_BYTES)),
    stream: Readable.from(replay(), { objectMode: false }),
  };
};

/**
 * Opens a file, or `-` for standard input, as a ConnectorInput starting at `startOffset`
 * (a resume point of a line-based format), with the head of the input for `detectFormat`.
 */
export const openConnectorInput = async (
  path: string,
  options: OpenInputOptions = {},
): Promise<OpenedInput> => {
  const startOffset = options.startOffset ?? 0;
  const common = {
    name: path,
    startOffset,
    startLine: options.startLine ?? 0,
    ...(options.platform !== undefined ? { platform: options.platform } : {}),
    ...(options.csvMapping !== undefined ? { csvMapping: options.csvMapping } : {}),
  };
  if (path === '-') {
    if (startOffset !== 0) throw new InputError('standard input cannot be resumed at a byte offset');
    const peeked = await peekStream(options.stdin ?? process.stdin);
    return { ...common, head: peeked.head, stream: peeked.stream };
  }
  let head: string;
  try {
    head = await readFileHead(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new InputError(`cannot read ${path}: ${why}`, { file: path });
  }
  const stream = createReadStream(path, { start: startOffset, highWaterMark: READ_CHUNK });
  return { ...common, head, stream };
};
