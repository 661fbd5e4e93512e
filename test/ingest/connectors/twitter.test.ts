import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { getConnector, openConnectorInput } from '../../../src/ingest/index.js';
import { collect, errors, events, memoryInput, readFixture } from './helpers.js';

describe('Twitter/X connector', () => {
  it('maps a twarc2 search page to accounts before their posts, with entities, references and media', async () => {
    const got = events(await readFixture('twitter', 'twitter-search.jsonl'));
    expect(got.map((e) => `${e.type}:${e.type === 'account' || e.type === 'post' ? e.id : ''}`)).toEqual([
      'account:1001',
      'post:2001',
      'account:1002',
      'post:2002',
      'account:1003',
      'post:2003',
      'post:2005',
      'post:2006',
    ]);
    expect(got[0]).toEqual({
      type: 'account',
      platform: 'twitter',
      id: '1001',
      handle: 'sahafi_ahmad',
      name: 'أحمد الصحفي',
      bio: 'صحفي يغطي الأخبار المحلية',
      created_at: '2019-05-01T08:00:00.000Z',
      followers_count: 1200,
      following_count: 300,
      url: 'https://x.com/sahafi_ahmad',
    });
    expect(got[1]).toEqual({
      type: 'post',
      platform: 'twitter',
      id: '2001',
      account_id: '1001',
      text: 'تقرير: افتتاح جسر جديد في المدينة اليوم #عين_الإسلام @city_weather https://t.co/abc123',
      created_at: '2024-03-01T09:00:00.000Z',
      lang: 'ar',
      hashtags: ['عين_الإسلام'],
      mentions: ['city_weather'],
      urls: ['https://example.org/news/bridge'],
      media: [{ kind: 'image', url: 'https://pbs.twimg.com/media/bridge.jpg' }],
    });
    expect(got[3]).toMatchObject({ id: '2002', reply_to: '2001', media: [{ kind: 'video' }] });
    expect(got[5]).toMatchObject({ id: '2003', repost_of: '2001' });
    expect(got[6]).toMatchObject({ id: '2005', quote_of: '2001', hashtags: [] });
    // "und" is not a language; absent entities stay absent so that they are taken from the text.
    expect(got[7]).toEqual({
      type: 'post',
      platform: 'twitter',
      id: '2006',
      account_id: '1001',
      text: '🌉',
      created_at: '2024-03-01T12:00:00.000Z',
    });
  });

  it('reports a tweet whose author is missing from includes and a broken line, keeping the rest', async () => {
    const items = await readFixture('twitter', 'twitter-search.jsonl');
    const bad = errors(items);
    expect(bad.map((e) => [e.loc.line, e.field, e.reason])).toEqual([
      [1, 'author_id', 'tweet 2004: author 1099 is not in includes.users'],
      [3, '', expect.stringMatching(/^invalid JSON: /)],
    ]);
    expect(JSON.parse(bad[0]!.raw)).toMatchObject({ id: '2004', author_id: '1099' });
    expect(items.filter((i) => i.ok && i.loc.line === 2)).toHaveLength(2);
  });

  it('reads a pretty-printed single API response, using the full text of a long post', async () => {
    const got = events(await readFixture('twitter', 'twitter-response.json'));
    expect(got).toHaveLength(2);
    expect(got[0]).toMatchObject({ type: 'account', id: '1101', handle: 'roads_info' });
    expect(got[1]).toMatchObject({
      type: 'post',
      id: '2101',
      text: 'Road works on the coastal highway finish this week. #traffic The ministry says all lanes reopen on Friday morning.',
      hashtags: ['traffic'],
    });
  });

  it('reads twarc2 flattened tweets with their embedded author and media', async () => {
    const items = await readFixture('twitter', 'twitter-flat.jsonl');
    expect(events(items).map((e) => e.type)).toEqual(['account', 'post', 'account', 'post']);
    expect(events(items)[3]).toMatchObject({
      id: '2002',
      reply_to: '2001',
      media: [{ kind: 'video', url: 'https://pbs.twimg.com/tweet_video_thumb/g.jpg' }],
    });
    expect(errors(items).map((e) => [e.loc.line, e.field, e.reason])).toEqual([
      [3, 'author', expect.stringMatching(/^tweet 2008: the tweet has no embedded author/)],
      [4, 'author.username', 'tweet 2009: required field is missing'],
    ]);
  });

  it('emits an account once per input even when its user appears on many pages', async () => {
    const page = (id: string) =>
      JSON.stringify({
        data: [{ id, author_id: '9', text: 'مرحبا', created_at: '2024-01-01T00:00:00Z' }],
        includes: { users: [{ id: '9', username: 'u9', name: 'U9', created_at: '2020-01-01T00:00:00Z' }] },
      });
    const items = await collect(getConnector('twitter').read(memoryInput(`${page('1')}\n${page('2')}\n`)));
    expect(events(items).map((e) => e.type)).toEqual(['account', 'post', 'post']);
  });
  it('reads concatenated pretty-printed responses and an array of flattened tweets, from standard input too', async () => {
    const page = (id: string, user: string) =>
      JSON.stringify(
        {
          data: { id, author_id: user, text: `خبر رقم ${id}`, created_at: '2024-06-01T00:00:00Z' },
          includes: {
            users: [{ id: user, username: `u${user}`, name: 'N', created_at: '2020-01-01T00:00:00Z' }],
          },
        },
        null,
        2,
      );
    const docs = `${page('1', '7')}\n${page('2', '8')}\n`;
    const input = await openConnectorInput('-', { stdin: Readable.from([Buffer.from(docs)]) });
    const items = await collect(getConnector('twitter').read(input));
    expect(items.map((i) => (i.ok ? `${i.loc.line}:${i.event.type}` : 'error'))).toEqual([
      '1:account',
      '1:post',
      '2:account',
      '2:post',
    ]);
    const flat = JSON.stringify(
      [
        {
          id: '3',
          text: 'a',
          created_at: '2024-06-01T00:00:00Z',
          author: { id: '9', username: 'u9', name: 'N' },
        },
      ],
      null,
      1,
    );
    expect(events(await collect(getConnector('twitter').read(memoryInput(flat)))).map((e) => e.type)).toEqual(
      ['account', 'post'],
    );
  });
});
