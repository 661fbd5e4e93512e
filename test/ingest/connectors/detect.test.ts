import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  detectFormat,
  FormatDetectionError,
  getConnector,
  openConnectorInput,
} from '../../../src/ingest/index.js';
import { collect, events, fixture } from './helpers.js';

const head = (name: string): string => readFileSync(fixture(name), 'utf8').slice(0, 65536);

describe('format detection', () => {
  it.each([
    ['canonical.ndjson', 'canonical'],
    ['twitter-search.jsonl', 'twitter'],
    ['twitter-response.json', 'twitter'],
    ['twitter-flat.jsonl', 'twitter'],
    ['telegram-channel/result.json', 'telegram'],
    ['telegram-account/result.json', 'telegram'],
    ['jetstream.jsonl', 'bluesky'],
    ['posts.csv', 'csv'],
    ['guess.csv', 'csv'],
  ])('recognises %s as %s', (name, format) => {
    expect(detectFormat(head(name), fixture(name))).toBe(format);
  });

  it('recognises content without a telling file name', () => {
    expect(detectFormat(head('jetstream.jsonl'), 'stdin')).toBe('bluesky');
    expect(detectFormat(head('telegram-channel/result.json'), 'export.json')).toBe('telegram');
    expect(detectFormat('id,text,created_at,user_id\n1,hi,2024-01-01,a\n', '-')).toBe('csv');
  });

  it('asks for --format when it cannot tell', () => {
    expect(() => detectFormat('hello world\n', 'notes.txt')).toThrow(FormatDetectionError);
    expect(() => detectFormat('{"foo": 1}\n', 'x.json')).toThrow(
      /cannot tell the format of x\.json.*--format/,
    );
    expect(() => detectFormat('', 'empty.ndjson')).toThrow(/it is empty/);
  });

  it('names the known formats for an unknown --format', () => {
    expect(() => getConnector('xml')).toThrow(
      /unknown format "xml" \(expected one of canonical, twitter, telegram, bluesky, csv\)/,
    );
  });
});

describe('openConnectorInput', () => {
  it('reads standard input through `-`, replaying the head used for detection', async () => {
    const text = readFileSync(fixture('jetstream.jsonl'));
    const stdin = Readable.from([text.subarray(0, 100), text.subarray(100)]);
    const input = await openConnectorInput('-', { stdin });
    expect(detectFormat(input.head, input.name)).toBe('bluesky');
    const got = events(await collect(getConnector('bluesky').read(input)));
    expect(got).toHaveLength(13);
  });

  it('starts a file at a resume offset with the right line numbers', async () => {
    const file = fixture('canonical.ndjson');
    const lines = readFileSync(file, 'utf8').split('\n');
    const offset = Buffer.byteLength(lines.slice(0, 2).join('\n')) + 1;
    const input = await openConnectorInput(file, { startOffset: offset, startLine: 2 });
    const items = await collect(getConnector('canonical').read(input));
    expect(items[0]).toMatchObject({ ok: true, loc: { line: 3, offset } });
  });

  it('fails clearly on a missing file', async () => {
    await expect(openConnectorInput(fixture('nope.ndjson'))).rejects.toThrow(
      /cannot read .*nope\.ndjson: no such file/,
    );
  });
});
