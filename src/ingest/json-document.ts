import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { getManyValues, isMany, none } from 'stream-chain/defs.js';
import { jsonParser, type Token } from 'stream-json/core/parser.js';

export type JsonPath = readonly (string | number)[];

/** A value picked out of a large JSON document, with where it was. */
export interface JsonRecord {
  path: JsonPath;
  value: unknown;
  /** 0-based index of the top-level document (inputs may hold several concatenated documents). */
  doc: number;
  /** Bytes of the input read before the chunk in which the value ended (a position, not a resume point). */
  near: number;
}

/** The input stopped being valid JSON; the records before it were yielded. */
export interface JsonBreak {
  error: string;
  /** Characters of the input read so far (approximate position of the error). */
  position: number;
}

const SLICE = 4096;

type Container = Record<string, unknown> | unknown[];

/**
 * Streams a JSON document (or several concatenated ones) and yields, in order, the values whose
 * path `select` accepts, assembled whole, without building the rest of the document: memory stays
 * flat on multi-GB exports. Batches follow input chunks. A syntax error ends the stream with a
 * JsonBreak item instead of throwing, so that records already read are kept.
 */
export async function* streamJsonRecords(
  stream: Readable,
  select: (path: JsonPath) => boolean,
): AsyncGenerator<(JsonRecord | JsonBreak)[]> {
  // The core parser is a flushable function: strings in, tokens out, `none` to flush at the end.
  const parse = jsonParser({ packValues: true, streamValues: false, jsonStreaming: true }) as unknown as (
    text: string | typeof none,
  ) => unknown;
  const decoder = new StringDecoder('utf8');
  // Where the walker is, outside captured values.
  const path: (string | number)[] = [];
  const inArray: boolean[] = [];
  let doc = -1;
  // The value being assembled: a stack of open containers, and the key for the next value.
  const builders: Container[] = [];
  let key = '';
  let capturePath: JsonPath = [];
  let out: (JsonRecord | JsonBreak)[] = [];
  let position = 0;
  let near = 0;
  let bytesRead = 0;

  const place = (value: unknown): void => {
    const top = builders[builders.length - 1];
    if (Array.isArray(top)) top.push(value);
    else if (top) top[key] = value;
  };

  // Called when a value starts outside a capture: advances array indices, returns whether to capture it.
  const starts = (): boolean => {
    const depth = path.length;
    if (depth === 0) doc += 1;
    else if (inArray[depth - 1]) path[depth - 1] = (path[depth - 1] as number) + 1;
    return select(path);
  };

  const open = (container: Container, array: boolean): void => {
    if (builders.length > 0) {
      place(container);
      builders.push(container);
    } else if (starts()) {
      capturePath = [...path];
      builders.push(container);
    } else {
      path.push(array ? -1 : '');
      inArray.push(array);
    }
  };

  const close = (): void => {
    if (builders.length > 0) {
      const done = builders.pop();
      if (builders.length === 0) out.push({ path: capturePath, value: done, doc, near });
      return;
    }
    path.pop();
    inArray.pop();
  };

  const scalar = (value: unknown): void => {
    if (builders.length > 0) place(value);
    else if (starts()) out.push({ path: [...path], value, doc, near });
  };

  const onToken = (t: Token): void => {
    switch (t.name) {
      case 'startObject':
        open({}, false);
        break;
      case 'startArray':
        open([], true);
        break;
      case 'endObject':
      case 'endArray':
        close();
        break;
      case 'keyValue':
        if (builders.length > 0) key = t.value;
        else path[path.length - 1] = t.value;
        break;
      case 'stringValue':
        scalar(t.value);
        break;
      case 'numberValue':
        scalar(Number(t.value));
        break;
      case 'nullValue':
        scalar(null);
        break;
      case 'trueValue':
        scalar(true);
        break;
      case 'falseValue':
        scalar(false);
        break;
      default:
        break;
    }
  };

  const feed = (text: string | typeof none): string | undefined => {
    try {
      const result = parse(text);
      if (isMany(result)) for (const t of getManyValues(result) as Token[]) onToken(t);
      else if (result !== none) onToken(result as Token);
      return undefined;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  };

  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    near = bytesRead;
    bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (position === 0) text = text.replace(/^\uFEFF/, '');
    position += text.length;
    // The parser drops the tokens of a call that fails: small slices bound what a syntax error loses.
    let error: string | undefined;
    for (let i = 0; i < text.length && error === undefined; i += SLICE)
      error = feed(text.slice(i, i + SLICE));
    if (error !== undefined) {
      out.push({ error, position });
      yield out;
      return;
    }
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  const error = feed(decoder.end()) ?? feed(none);
  if (error === undefined && (builders.length > 0 || path.length > 0)) {
    out.push({ error: 'unexpected end of input (the file is truncated)', position });
  } else if (error !== undefined) out.push({ error, position });
  if (out.length > 0) yield out;
}

export const isJsonBreak = (item: JsonRecord | JsonBreak): item is JsonBreak => 'error' in item;
