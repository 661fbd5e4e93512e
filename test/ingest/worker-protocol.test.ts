import { describe, expect, it } from 'vitest';
import { parseEvent, type PostEvent } from '../../src/events/index.js';
import { fastParseEvent } from '../../src/ingest/canonical-fast.js';
import { decodeItem, encodePost } from '../../src/ingest/worker-protocol.js';
import { POST_LIST_COLUMNS, postListColumns, postRow } from '../../src/store/event-rows.js';
import type { IngestItem } from '../../src/ingest/types.js';

// The parse worker sends posts as tuples; the writer must get back the very event the parser made
// (same keys, same order: the quarantine stores JSON.stringify of it) and the same row.

const base = {
  type: 'post',
  platform: 'twitter',
  id: 'p1',
  account_id: 'a1',
  text: 'نشرة الطقس اليوم #طقس مع @a2 https://example.org/x',
  created_at: '2024-02-01T10:00:00Z',
};
const inputs: Array<Record<string, unknown>> = [
  base,
  { ...base, lang: 'ar' },
  { ...base, hashtags: ['given'], mentions: [], urls: ['https://example.org/y'] },
  { ...base, reply_to: 'p0', repost_of: 'p00', quote_of: 'p000' },
  // Through zod rather than the fast path: media, and a time with an offset.
  { ...base, media: [{ kind: 'image', pdq: 'f'.repeat(64) }], created_at: '2024-03-02T01:02:03+02:00' },
  {
    quote_of: 'q',
    text: 'بلا وسوم',
    account_id: 'a1',
    id: 'p2',
    platform: 'x',
    created_at: '2024-01-01T00:00:00Z',
    type: 'post',
    lang: 'en',
  },
];

describe('parse worker wire format', () => {
  it.each(inputs.map((v, i) => [i, v] as const))(
    'round-trips post %i through structured clone',
    (_, value) => {
      const event = (fastParseEvent(value) ?? parseEvent(value)) as PostEvent;
      const loc = { file: 'in.ndjson', line: 7, offset: 1234, end: 1500 };
      const wire = structuredClone(encodePost(event, loc, postListColumns(event)));
      const item = decodeItem(wire, 'in.ndjson');
      expect(item).toEqual({
        ok: true,
        event: { ...event, [POST_LIST_COLUMNS]: postListColumns(event) },
        loc,
      });
      if (!item.ok) throw new Error('unreachable');
      expect(JSON.stringify(item.event)).toBe(JSON.stringify(event));
      expect(Object.keys(item.event)).toEqual(Object.keys(event));
      expect((item.event as PostEvent & { [POST_LIST_COLUMNS]?: string[] })[POST_LIST_COLUMNS]).toEqual(
        postListColumns(event),
      );
      expect(postRow(item.event as PostEvent)).toEqual(postRow(event));
    },
  );

  it('passes other items through, and keeps a location without an end', () => {
    const error: IngestItem = {
      ok: false,
      loc: { file: 'f', line: 2, offset: 10 },
      field: 'text',
      reason: 'r',
      raw: '{}',
    };
    expect(decodeItem(structuredClone(error), 'f')).toEqual(error);
    const event = parseEvent(base) as PostEvent;
    const item = decodeItem(
      encodePost(event, { file: 'f', line: 3, offset: 5 }, postListColumns(event)),
      'f',
    );
    expect(item.loc).toEqual({ file: 'f', line: 3, offset: 5 });
    expect('end' in item.loc).toBe(false);
  });
});
