import { describe, expect, it } from 'vitest';
import { sha256FromCid } from '../../../src/ingest/bluesky-map.js';
import { errors, events, readFixture } from './helpers.js';

const A = 'did:plc:q6gjnaw2blty4crticxkmujt';
const B = 'did:plc:z72i7hdynmk6r22z27h6tvur';
const C = 'did:web:library.example.org';
const POST1 = `at://${A}/app.bsky.feed.post/3kpost0001aa`;

describe('Bluesky Jetstream connector', () => {
  it('maps posts with facets, images, replies, quotes, reposts and follows, synthesizing accounts on first sight', async () => {
    const got = events(await readFixture('bluesky', 'jetstream.jsonl'));
    expect(got.map((e) => e.type)).toEqual([
      'account',
      'post',
      'account',
      'post',
      'post',
      'account',
      'post',
      'follow',
      'profile_update',
      'profile_update',
      'post',
      'enforcement',
      'enforcement',
    ]);
    expect(got[0]).toEqual({
      type: 'account',
      platform: 'bluesky',
      id: A,
      handle: 'city-news.bsky.social',
      name: '',
      created_at: '2024-03-01T08:00:00.123Z',
    });
    expect(got[1]).toEqual({
      type: 'post',
      platform: 'bluesky',
      id: POST1,
      account_id: A,
      text: 'افتتاح الجسر الجديد اليوم #عين_الإسلام مع @reporter.bsky.social التفاصيل example.org/bridge',
      // time_us, not the record's createdAt (08:00:59)
      created_at: '2024-03-01T08:01:00.123Z',
      lang: 'ar',
      hashtags: ['عين_الإسلام'],
      mentions: ['reporter.bsky.social'],
      urls: ['https://example.org/bridge'],
      media: [
        {
          kind: 'image',
          sha256: '833f047b307e33b5bd5a3a92043b1e88d040ffaf9b3a65299d34ae4d0d693690',
          url: `https://cdn.bsky.app/img/feed_fullsize/plain/${A}/bafkreiedh4chwmd6go232wr2sicdwhui2bap7l43hjssthjuvzgq22jwsa@jpeg`,
        },
      ],
    });
    expect(got[2]).toMatchObject({ type: 'account', id: B, handle: B, name: '' });
    expect(got[3]).toMatchObject({ account_id: B, reply_to: POST1, lang: 'en' });
    expect(got[4]).toMatchObject({
      quote_of: POST1,
      media: [{ kind: 'video', sha256: 'a0b25f951d4d49a0b6322e87b935d48cd10c9ccd6b4e405fd533b2ee96c0cd2a' }],
    });
    expect(got[6]).toEqual({
      type: 'post',
      platform: 'bluesky',
      id: `at://${C}/app.bsky.feed.repost/3krepost001`,
      account_id: C,
      text: '',
      repost_of: POST1,
      created_at: '2024-03-01T08:15:00.123Z',
    });
    expect(got[7]).toMatchObject({ type: 'follow', src: B, dst: A });
    expect(got[8]).toMatchObject({ account_id: A, name: 'أخبار المدينة', bio: 'أخبار محلية يومية' });
    expect(got[9]).toMatchObject({ account_id: A, handle: 'citynews.example.org' });
    expect(got[10]).toMatchObject({ account_id: C, urls: ['https://library.example.org/hours'] });
  });

  it('turns a takedown into a suspension and a later reactivation into a restore, ignoring deactivation', async () => {
    const got = events(await readFixture('bluesky', 'jetstream.jsonl')).filter(
      (e) => e.type === 'enforcement',
    );
    expect(got).toEqual([
      {
        type: 'enforcement',
        platform: 'bluesky',
        account_id: B,
        action: 'suspend',
        reason: 'takendown',
        created_at: '2024-03-01T08:30:00.123Z',
      },
      {
        type: 'enforcement',
        platform: 'bluesky',
        account_id: B,
        action: 'restore',
        created_at: '2024-03-01T08:40:00.123Z',
      },
    ]);
  });

  it('reports invalid JSON, a create without its record and an unknown kind on their lines', async () => {
    const items = await readFixture('bluesky', 'jetstream.jsonl');
    expect(errors(items).map((e) => [e.loc.line, e.field, e.reason])).toEqual([
      [9, '', expect.stringMatching(/^invalid JSON: /)],
      [16, 'commit.record', 'required for a create commit'],
      [17, 'kind', 'unknown event kind "handle" (expected commit, identity or account)'],
    ]);
    // Deletes and likes give nothing and are not errors.
    expect(items.some((i) => i.loc.line === 11 || i.loc.line === 12)).toBe(false);
  });

  it('decodes the SHA-256 of a raw CIDv1 and refuses other CIDs', () => {
    expect(sha256FromCid('bafkreiedh4chwmd6go232wr2sicdwhui2bap7l43hjssthjuvzgq22jwsa')).toBe(
      '833f047b307e33b5bd5a3a92043b1e88d040ffaf9b3a65299d34ae4d0d693690',
    );
    expect(sha256FromCid('QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG')).toBeUndefined();
    expect(sha256FromCid('bafkrei')).toBeUndefined();
  });
});
