import { BlueskyState, mapJetstreamEvent } from './bluesky-map.js';
import { readJsonLines } from './json-lines.js';
import type { Connector, ConnectorInput, IngestItem } from './types.js';

/** Bluesky Jetstream JSON lines (commit, identity and account events). */
export const blueskyConnector: Connector = {
  format: 'bluesky',
  description:
    'Bluesky Jetstream events, one JSON object per line (posts, reposts, follows, profiles, identity, account status)',
  resumable: true,

  sniff(head: string): number {
    const lines = head.split('\n', 6).filter((l) => l.trim() !== '');
    if (!lines[0]?.trimStart().startsWith('{')) return 0;
    const hits = lines.filter(
      (l) =>
        /"did"\s*:\s*"did:/.test(l) &&
        /"time_us"\s*:/.test(l) &&
        /"kind"\s*:\s*"(commit|identity|account)"/.test(l),
    ).length;
    return hits === 0 ? 0 : Math.min(1, 0.7 + 0.25 * (hits / lines.length));
  },

  read(input: ConnectorInput): AsyncIterable<IngestItem[]> {
    const state = new BlueskyState();
    return readJsonLines(input, (value, loc, out) => {
      for (const event of mapJetstreamEvent(value, state)) out.push({ ok: true, event, loc });
    });
  },
};
