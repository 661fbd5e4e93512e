import { describe, expect, it } from 'vitest';
import {
  EventValidationError,
  eventKey,
  extractHashtags,
  extractMentions,
  extractUrls,
  parseEvent,
  withEntities,
} from '../../src/events/index.js';

const post = (extra: Record<string, unknown> = {}) => ({
  type: 'post',
  platform: 'sim',
  created_at: '2024-03-01T10:00:00Z',
  id: 'p1',
  account_id: 'a1',
  text: 'مرحبا',
  ...extra,
});

const fieldOf = (value: unknown): string => {
  try {
    parseEvent(value);
  } catch (err) {
    if (err instanceof EventValidationError) return `${err.field}|${err.reason}`;
    throw err;
  }
  return 'valid';
};

describe('hashtag, mention and URL extraction', () => {
  it('extracts Arabic hashtags whole, with underscores, and drops trailing underscores', () => {
    expect(extractHashtags('بيان عن #قل_موتوا_بغيظكم و #عين_الإسلام_ اليوم')).toEqual([
      'قل_موتوا_بغيظكم',
      'عين_الإسلام',
    ]);
  });

  it('keeps diacritics inside a hashtag and ignores pure numbers and URL fragments', () => {
    expect(extractHashtags('#سُورِيَا #2024 https://example.com/page#section')).toEqual(['سُورِيَا']);
  });

  it('extracts handles of Twitter, Telegram and Bluesky shapes but not e-mail addresses', () => {
    expect(extractMentions('تابعوا @new_acc2، و @alice.bsky.social. راسلني a@b.com')).toEqual([
      'new_acc2',
      'alice.bsky.social',
    ]);
  });

  it('extracts URLs without the punctuation that ends the sentence', () => {
    expect(extractUrls('الرابط: https://t.me/channel/12، و(www.example.org/a?b=1).')).toEqual([
      'https://t.me/channel/12',
      'www.example.org/a?b=1',
    ]);
  });

  it('fills entities from the text only when the post does not carry them', () => {
    const parsed = parseEvent(post({ text: '#وسم @someone', hashtags: ['given'] }));
    if (parsed.type !== 'post') throw new Error('expected a post');
    const full = withEntities(parsed);
    expect(full.hashtags).toEqual(['given']);
    expect(full.mentions).toEqual(['someone']);
    expect(full.urls).toEqual([]);
  });
});

describe('canonical event validation', () => {
  it('accepts a valid post, drops unknown fields and nulls, and normalises the time to UTC', () => {
    const event = parseEvent(post({ created_at: '2024-03-01T12:00:00+02:00', lang: null, extra: 1 }));
    expect(event).toEqual({
      type: 'post',
      platform: 'sim',
      created_at: '2024-03-01T10:00:00.000Z',
      id: 'p1',
      account_id: 'a1',
      text: 'مرحبا',
    });
  });

  it('names the missing field', () => {
    const { account_id: _drop, ...noAccount } = post();
    expect(fieldOf(noAccount)).toBe('account_id|required field is missing');
  });

  it('names a field of the wrong type', () => {
    expect(
      fieldOf({ type: 'follow', platform: 'sim', created_at: '2024-03-01T10:00:00Z', src: 5, dst: 'b' }),
    ).toBe('src|expected string, got number');
  });

  it('rejects an unknown type, a bad time, a bad PDQ and a non-object', () => {
    expect(fieldOf(post({ type: 'tweet' }))).toMatch(/^type\|unknown event type "tweet"/);
    expect(fieldOf(post({ created_at: 'yesterday' }))).toMatch(/^created_at\|not an RFC 3339 time/);
    expect(fieldOf(post({ media: [{ kind: 'image', pdq: 'abc' }] }))).toMatch(
      /^media\.0\.pdq\|must be 64 hex/,
    );
    expect(fieldOf([1, 2])).toBe('|expected a JSON object, got array');
  });

  it('requires an account or a post on enforcement events', () => {
    expect(
      fieldOf({
        type: 'enforcement',
        platform: 'sim',
        created_at: '2024-03-01T10:00:00Z',
        action: 'suspend',
      }),
    ).toBe('account_id|needs account_id or post_id');
  });
});

describe('event keys', () => {
  it('derives stable keys for events without ids, distinct for distinct content', () => {
    const base = { platform: 'sim', created_at: '2024-03-01T10:00:00Z' };
    const f1 = parseEvent({ type: 'follow', ...base, src: 'a', dst: 'b' });
    const f2 = parseEvent({ type: 'follow', ...base, src: 'a', dst: 'c' });
    expect(eventKey(f1)).toBe(eventKey(parseEvent({ type: 'follow', ...base, src: 'a', dst: 'b' })));
    expect(eventKey(f1)).not.toBe(eventKey(f2));
    const u1 = parseEvent({ type: 'profile_update', ...base, account_id: 'a', name: 'x' });
    const u2 = parseEvent({ type: 'profile_update', ...base, account_id: 'a', name: 'y' });
    expect(eventKey(u1)).not.toBe(eventKey(u2));
  });
});
