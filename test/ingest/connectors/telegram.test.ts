import { describe, expect, it } from 'vitest';
import { getConnector } from '../../../src/ingest/index.js';
import { collect, errors, events, fixture, memoryInput, readFixture } from './helpers.js';

describe('Telegram Desktop export connector', () => {
  it('maps a channel export: the channel account first, then its posts with entities, replies and media', async () => {
    const items = await readFixture('telegram', 'telegram-channel/result.json');
    const got = events(items);
    expect(got.map((e) => (e.type === 'post' ? e.id : e.type))).toEqual([
      'account',
      '1234567890/2',
      '1234567890/3',
      '1234567890/4',
      '1234567890/5',
      '1234567890/7',
      '1234567890/9',
    ]);
    expect(got[0]).toEqual({
      type: 'account',
      platform: 'telegram',
      id: 'channel1234567890',
      handle: 'channel1234567890',
      name: 'قناة أخبار المدينة',
      created_at: '2024-03-01T08:00:00.000Z',
    });
    expect(got[2]).toEqual({
      type: 'post',
      platform: 'telegram',
      id: '1234567890/3',
      account_id: 'channel1234567890',
      text: 'افتتاح المعرض #عين_الإسلام التفاصيل: https://example.org/expo والبرنامج مع @city_library',
      created_at: '2024-03-01T10:00:00.000Z',
      hashtags: ['عين_الإسلام'],
      mentions: ['city_library'],
      urls: ['https://example.org/expo', 'https://example.org/program'],
      media: [{ kind: 'image', path: fixture('telegram-channel/photos/photo_1@01-03-2024_13-00-00.jpg') }],
    });
    // Forwarded: no source message id, so the source is recorded as a mention.
    expect(got[3]).toMatchObject({ id: '1234567890/4', mentions: ['Weather Service'] });
    expect(got[4]).toMatchObject({
      reply_to: '1234567890/3',
      hashtags: ['قل_موتوا_بغيظكم'],
      media: [{ kind: 'video', path: fixture('telegram-channel/video_files/expo_tour.mp4') }],
    });
    // Without date_unixtime the local `date` is read as UTC; a photo that was not downloaded has no path.
    expect(got[5]).toMatchObject({ created_at: '2024-03-01T15:00:00.000Z' });
    expect(got[6]).toMatchObject({ media: [{ kind: 'image' }] });
  });

  it('reports a message without a date, numbering messages in file order', async () => {
    const bad = errors(await readFixture('telegram', 'telegram-channel/result.json'));
    expect(bad.map((e) => [e.loc.line, e.field, e.reason])).toEqual([
      [8, 'date_unixtime', 'message 8: required field is missing (and no usable date)'],
    ]);
    expect(JSON.parse(bad[0]!.raw)).toMatchObject({ id: 8, text: 'رسالة بلا تاريخ' });
  });

  it('reads every chat of a full-account export: members on first sight, joins as follows, renames as profile updates', async () => {
    const items = await readFixture('telegram', 'telegram-account/result.json');
    const got = events(items);
    expect(got.map((e) => `${e.type}:${e.type === 'post' || e.type === 'account' ? e.id : ''}`)).toEqual([
      'account:channel987654321',
      'account:user555',
      'follow:',
      'post:987654321/101',
      'account:user777',
      'post:987654321/102',
      'profile_update:',
      'post:987654321/103',
      'post:777/1',
    ]);
    expect(got[1]).toMatchObject({ name: 'سارة', created_at: '2024-04-01T08:00:00.000Z' });
    expect(got[2]).toEqual({
      type: 'follow',
      platform: 'telegram',
      src: 'user555',
      dst: 'channel987654321',
      created_at: '2024-04-01T08:00:00.000Z',
    });
    expect(got[5]).toMatchObject({ account_id: 'user777', reply_to: '987654321/101' });
    expect(got[6]).toEqual({
      type: 'profile_update',
      platform: 'telegram',
      account_id: 'user555',
      name: 'سارة أحمد',
      created_at: '2024-04-02T09:00:00.000Z',
    });
    expect(errors(items).map((e) => [e.loc.line, e.field, e.reason])).toEqual([
      [5, 'from_id', 'message 104: required field is missing'],
    ]);
  });

  it('keeps the messages before a point where the export is cut off, and reports the cut', async () => {
    const msg = (id: number) =>
      JSON.stringify({
        id,
        type: 'message',
        date_unixtime: '1700000000',
        from: 'A',
        from_id: 'user1',
        text: 'نص',
      });
    const text = `{"name":"G","type":"private_group","id":5,"messages":[${msg(1)},${msg(2)},{"id":3,"type":"mess`;
    const items = await collect(getConnector('telegram').read(memoryInput(text, {}, 7)));
    expect(events(items).filter((e) => e.type === 'post')).toHaveLength(2);
    expect(errors(items)).toHaveLength(1);
    expect(errors(items)[0]?.reason).toMatch(/^invalid JSON after message 2/);
  });
});
