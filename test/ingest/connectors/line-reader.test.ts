import { describe, expect, it } from 'vitest';
import { readLines, TRUNCATED_REASON, type RawLine } from '../../../src/ingest/index.js';
import { chunked } from './helpers.js';

const lines = async (data: Buffer | string, chunk = 65536, options = {}): Promise<RawLine[]> => {
  const out: RawLine[] = [];
  for await (const batch of readLines(chunked(data, chunk), options)) out.push(...batch);
  return out;
};

describe('readLines', () => {
  it('gives each line its 1-based number and the byte offset where it starts', async () => {
    const got = await lines('ab\nمرصد\nc\n');
    expect(got.map((l) => [l.line, l.offset, l.end, l.text])).toEqual([
      [1, 0, 3, 'ab'],
      [2, 3, 12, 'مرصد'],
      [3, 12, 14, 'c'],
    ]);
  });

  it('strips the carriage return of CRLF line ends but counts its byte', async () => {
    const got = await lines('a\r\nb\r\n');
    expect(got.map((l) => [l.text, l.offset, l.end])).toEqual([
      ['a', 0, 3],
      ['b', 3, 6],
    ]);
  });

  it('skips empty lines while still counting them', async () => {
    const got = await lines('a\n\n\r\nb\n');
    expect(got.map((l) => [l.line, l.text])).toEqual([
      [1, 'a'],
      [4, 'b'],
    ]);
  });

  it('reassembles a multi-byte character split across 1-byte chunks', async () => {
    const text = '#عين_الإسلام نص\nsecond 😀\n';
    const got = await lines(text, 1);
    expect(got.map((l) => l.text)).toEqual(['#عين_الإسلام نص', 'second 😀']);
    expect(got.every((l) => l.error === undefined)).toBe(true);
    expect(got[1]?.offset).toBe(Buffer.byteLength('#عين_الإسلام نص\n'));
  });

  it('reports invalid UTF-8 on its line and keeps the text with U+FFFD', async () => {
    const data = Buffer.concat([
      Buffer.from('ok\nbad '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' end\nok2\n'),
    ]);
    for (const chunk of [1, 3, 65536]) {
      const got = await lines(data, chunk);
      expect(got.map((l) => l.text)).toEqual(['ok', 'bad \ufffd\ufffd end', 'ok2']);
      expect(got[1]?.error).toMatch(/invalid UTF-8/);
      expect(got[1]?.line).toBe(2);
      expect(got[0]?.error).toBeUndefined();
      expect(got[2]?.error).toBeUndefined();
    }
  });

  it('reports a 10 MB line as over the limit, keeps only a prefix and goes on with the next line', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 0x61);
    const data = Buffer.concat([Buffer.from('first\n'), big, Buffer.from('\nafter\n')]);
    const got = await lines(data, 65536);
    expect(got.map((l) => l.line)).toEqual([1, 2, 3]);
    expect(got[1]?.error).toBe('line is 10,485,760 bytes, over the 1 MiB limit');
    expect(got[1]?.text.length).toBeLessThanOrEqual(4096);
    expect(got[1]?.offset).toBe(6);
    expect(got[2]).toMatchObject({ text: 'after', offset: 6 + big.length + 1 });
  });

  it('reports an over-long line that arrives in one chunk and one that ends the file', async () => {
    const got = await lines('x'.repeat(20) + '\n' + 'y'.repeat(30), 1 << 20, {
      maxLineBytes: 10,
      keepPrefixBytes: 4,
    });
    expect(got.map((l) => [l.text, l.error, l.unterminated ?? false])).toEqual([
      ['xxxx', 'line is 20 bytes, over the 10 bytes limit', false],
      ['yyyy', 'line is 30 bytes, over the 10 bytes limit', true],
    ]);
    const split = await lines('y'.repeat(30) + '\r\nz\n', 3, { maxLineBytes: 16, keepPrefixBytes: 4 });
    expect(split.map((l) => [l.text, l.error])).toEqual([
      ['yyyy', 'line is 30 bytes, over the 16 bytes limit'],
      ['z', undefined],
    ]);
  });

  it('marks a last line without a final newline as unterminated', async () => {
    const got = await lines('{"a":1}\n{"a":', 4);
    expect(got.map((l) => [l.text, l.unterminated ?? false])).toEqual([
      ['{"a":1}', false],
      ['{"a":', true],
    ]);
    expect(TRUNCATED_REASON).toBe('truncated last line (file does not end with a newline)');
  });

  it('numbers lines and offsets from a resume point', async () => {
    const got = await lines('c\nd\n', 65536, { startOffset: 100, startLine: 41 });
    expect(got.map((l) => [l.line, l.offset])).toEqual([
      [42, 100],
      [43, 102],
    ]);
  });
});
