import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getConnector } from '../../../src/ingest/index.js';
import { collect, errors, events, fixture, memoryInput, readFixture } from './helpers.js';

describe('canonical NDJSON connector', () => {
  it('reads the valid events of the fixture in order and normalises times to UTC', async () => {
    const items = await readFixture('canonical', 'canonical.ndjson');
    const got = events(items);
    expect(got.map((e) => e.type)).toEqual([
      'account',
      'account',
      'post',
      'post',
      'follow',
      'profile_update',
      'enforcement',
      'post',
    ]);
    expect(got[3]).toEqual({
      type: 'post',
      platform: 'sim',
      id: 'p2',
      account_id: 'a2',
      text: 'Sunny tomorrow in the city @news_desk https://example.org/forecast',
      created_at: '2024-01-02T07:05:00.000Z',
    });
    const ok = items.filter((i) => i.ok);
    expect(ok.map((i) => i.loc.line)).toEqual([1, 2, 3, 4, 6, 7, 8, 13]);
    const firstLine = readFileSync(fixture('canonical.ndjson'), 'utf8').split('\n')[0] ?? '';
    expect(ok[1]?.loc).toMatchObject({
      offset: Buffer.byteLength(firstLine) + 1,
      file: fixture('canonical.ndjson'),
    });
  });

  it('turns each bad line into an error naming the line, field and reason', async () => {
    const bad = errors(await readFixture('canonical', 'canonical.ndjson'));
    expect(bad.map((e) => [e.loc.line, e.field, e.reason])).toEqual([
      [9, 'created_at', 'not an RFC 3339 time: "yesterday"'],
      [10, '', expect.stringMatching(/^invalid JSON: /)],
      [11, 'type', expect.stringMatching(/^unknown event type "tweet"/)],
      [12, 'id', 'required field is missing'],
      [14, '', 'truncated last line (file does not end with a newline)'],
    ]);
    expect(bad[0]?.raw).toContain('نص بتاريخ خاطئ');
  });

  it('stamps the platform given on the command line on events without one', async () => {
    const line = '{"type":"follow","src":"a","dst":"b","created_at":"2024-05-01T00:00:00Z"}\n';
    const items = await collect(getConnector('canonical').read(memoryInput(line, { platform: 'telegram' })));
    expect(events(items)).toEqual([
      { type: 'follow', platform: 'telegram', src: 'a', dst: 'b', created_at: '2024-05-01T00:00:00.000Z' },
    ]);
  });

  it('yields batches of at most about a thousand items in input order', async () => {
    const data = Array.from(
      { length: 2500 },
      (_, i) =>
        `{"type":"follow","platform":"sim","src":"a${i}","dst":"b","created_at":"2024-05-01T00:00:00Z"}\n`,
    ).join('');
    const sizes: number[] = [];
    const all: string[] = [];
    for await (const batch of getConnector('canonical').read(memoryInput(data))) {
      sizes.push(batch.length);
      for (const i of batch) if (i.ok && i.event.type === 'follow') all.push(i.event.src);
    }
    expect(all).toHaveLength(2500);
    expect(all[2499]).toBe('a2499');
    expect(Math.max(...sizes)).toBeLessThan(2000);
    expect(sizes.length).toBeGreaterThan(1);
  });
  it('reports invalid UTF-8 and a 10 MB line as errors on their lines, with the lines around them kept', async () => {
    const good = (id: string) =>
      `{"type":"follow","platform":"sim","src":"${id}","dst":"b","created_at":"2024-05-01T00:00:00Z"}`;
    const bad = Buffer.concat([
      Buffer.from('{"type":"post","text":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const huge = Buffer.alloc(10 * 1024 * 1024, 0x20);
    const data = Buffer.concat([
      Buffer.from(good('a') + '\r\n'),
      bad,
      Buffer.from('\r\n'),
      huge,
      Buffer.from('\n' + good('c') + '\n'),
    ]);
    const items = await collect(getConnector('canonical').read(memoryInput(data)));
    expect(items.map((i) => (i.ok ? ['ok', i.loc.line] : [i.loc.line, i.reason]))).toEqual([
      ['ok', 1],
      [2, 'invalid UTF-8 (bytes replaced by U+FFFD in the raw text)'],
      [3, 'line is 10,485,760 bytes, over the 1 MiB limit'],
      ['ok', 4],
    ]);
    const utf8 = errors(items)[0]!;
    expect(utf8.raw).toBe('{"type":"post","text":"\ufffd("}');
    expect(errors(items)[1]!.raw.length).toBeLessThanOrEqual(4096);
    expect(items[3]?.loc.offset).toBe(data.length - Buffer.byteLength(good('c')) - 1);
  });
});
