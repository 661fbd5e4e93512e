import { describe, expect, it } from 'vitest';
import { getConnector, InputError } from '../../../src/ingest/index.js';
import { guessCsvMapping, parseCsvMapping, parseCsvTime } from '../../../src/ingest/csv-mapping.js';
import { collect, errors, events, memoryInput, readFixture } from './helpers.js';

const MAP =
  'id=tweet_id,account_id=user_id,handle=username,name=display_name,text=content,created_at=date,lang=language,hashtags=hashtags';

describe('CSV connector', () => {
  it('maps rows to an account (once) and a post, with the dates of common formats as UTC', async () => {
    const items = await readFixture('csv', 'posts.csv', {
      csvMapping: parseCsvMapping(MAP),
      platform: 'twitter',
    });
    const got = events(items);
    expect(got.map((e) => `${e.type}:${e.type === 'post' || e.type === 'account' ? e.id : ''}`)).toEqual([
      'account:u1',
      'post:5001',
      'account:u2',
      'post:5002',
      'post:5003',
      'account:u4',
      'post:5006',
    ]);
    expect(got[0]).toEqual({
      type: 'account',
      platform: 'twitter',
      id: 'u1',
      handle: 'radio_salam',
      name: 'إذاعة السلام',
      created_at: '2024-03-01T08:00:00.000Z',
    });
    expect(got[1]).toEqual({
      type: 'post',
      platform: 'twitter',
      id: '5001',
      account_id: 'u1',
      text: 'نشرة الساعة الثامنة: افتتاح المكتبة #عين_الإسلام',
      created_at: '2024-03-01T08:00:00.000Z',
      lang: 'ar',
      hashtags: ['عين_الإسلام'],
    });
    // An empty optional cell is absent (hashtags then come from the text), an offset is converted to UTC.
    expect(got[3]).toMatchObject({ created_at: '2024-03-01T07:15:00.000Z' });
    expect(got[3]).not.toHaveProperty('hashtags');
    // A quoted field over two lines; epoch seconds and epoch milliseconds.
    expect(got[4]).toMatchObject({
      text: 'سطر أول\r\nسطر ثان مع #قل_موتوا_بغيظكم',
      created_at: '2024-03-01T11:00:00.000Z',
      hashtags: ['قل_موتوا_بغيظكم'],
    });
    expect(got[6]).toMatchObject({ created_at: '2024-03-01T12:00:00.000Z' });
    expect(items.filter((i) => i.ok).map((i) => i.loc.line)).toEqual([2, 2, 3, 3, 4, 9, 9]);
  });

  it('reports a row with a missing column and a row with an unreadable date, naming line and column', async () => {
    const bad = errors(await readFixture('csv', 'posts.csv', { csvMapping: parseCsvMapping(MAP) }));
    expect(bad.map((e) => [e.loc.line, e.field, e.reason])).toEqual([
      [6, 'date', 'missing value (the row has only 4 columns)'],
      [7, 'date', expect.stringMatching(/^cannot read "yesterday" as a time/)],
    ]);
    expect(bad[0]?.raw).toBe('5004,u3,short_row,Short Row');
  });

  it('guesses the mapping from common header names and says which it used', async () => {
    const notices: string[] = [];
    const input = memoryInput(
      'id,text,created_at,user_id,username\ng1,Library opens at nine,2024-05-01 09:00:00,a1,city_library\n',
    );
    input.notice = (m) => notices.push(m);
    const got = events(await collect(getConnector('csv').read(input)));
    expect(got).toEqual([
      {
        type: 'account',
        platform: 'csv',
        id: 'a1',
        handle: 'city_library',
        name: 'city_library',
        created_at: '2024-05-01T09:00:00.000Z',
      },
      {
        type: 'post',
        platform: 'csv',
        id: 'g1',
        account_id: 'a1',
        text: 'Library opens at nine',
        created_at: '2024-05-01T09:00:00.000Z',
      },
    ]);
    expect(notices[0]).toContain('id=id,account_id=user_id,text=text,created_at=created_at,handle=username');
    expect(guessCsvMapping(['tweet_id', 'full_text', 'screen_name', 'date', 'author_id'])).toEqual({
      id: 'tweet_id',
      account_id: 'author_id',
      text: 'full_text',
      created_at: 'date',
      handle: 'screen_name',
    });
  });

  it('reports a broken quote as an invalid CSV record and goes on', async () => {
    const data = 'id,text,created_at,account_id\n1,"fine",2024-01-01,a\n2,"bad"x,2024-01-01,a\n';
    const items = await collect(
      getConnector('csv').read(
        memoryInput(data, {
          csvMapping: parseCsvMapping('id=id,text=text,created_at=created_at,account_id=account_id'),
        }),
      ),
    );
    expect(events(items)).toHaveLength(1);
    expect(errors(items)[0]).toMatchObject({
      loc: { line: 3 },
      reason: expect.stringMatching(/^invalid CSV: Invalid Closing Quote/),
    });
  });

  it('refuses a mapping that names a column the header does not have', async () => {
    const input = memoryInput('a,b\n1,2\n', {
      csvMapping: { text: 'content', id: 'a', account_id: 'b', created_at: 'a' },
    });
    await expect(collect(getConnector('csv').read(input))).rejects.toThrow(
      /CSV column "content" \(mapped to text\) is not in the header/,
    );
    expect(() => parseCsvMapping('colour=x')).toThrow(InputError);
  });

  it('reads the usual time formats and rejects ambiguous ones', () => {
    expect(parseCsvTime('2024-03-01T10:00:00+03:00')).toBe('2024-03-01T07:00:00.000Z');
    expect(parseCsvTime('2024-03-01 10:00:00')).toBe('2024-03-01T10:00:00.000Z');
    expect(parseCsvTime('2024-03-01 10:00')).toBe('2024-03-01T10:00:00.000Z');
    expect(parseCsvTime('2024-03-01')).toBe('2024-03-01T00:00:00.000Z');
    expect(parseCsvTime('1709290800')).toBe('2024-03-01T11:00:00.000Z');
    expect(parseCsvTime('1709290800000')).toBe('2024-03-01T11:00:00.000Z');
    expect(parseCsvTime('Fri Mar 01 11:00:00 +0000 2024')).toBe('2024-03-01T11:00:00.000Z');
    expect(parseCsvTime('03/01/2024')).toBeUndefined();
    expect(parseCsvTime('yesterday')).toBeUndefined();
  });
});
