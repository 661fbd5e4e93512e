import { readJsonLines } from './json-lines.js';
import { validateEvent } from './validate.js';
import type { Connector, ConnectorInput, IngestItem } from './types.js';

const looksCanonical = (line: string): boolean =>
  /"type"\s*:\s*"(account|profile_update|post|follow|enforcement)"/.test(line) &&
  /"created_at"\s*:/.test(line);

/** Canonical NDJSON (contracts/events.md): one event per line, validated with the event schemas. */
export const canonicalConnector: Connector = {
  format: 'canonical',
  description: 'canonical event NDJSON (one account/profile_update/post/follow/enforcement event per line)',
  resumable: true,

  sniff(head: string, name: string): number {
    const lines = head.split('\n', 6).filter((l) => l.trim() !== '');
    const first = lines[0]?.trimStart() ?? '';
    if (!first.startsWith('{')) return 0;
    const hits = lines.filter(looksCanonical).length;
    if (hits === 0) return 0;
    const byName = /\.(nd)?jsonl?$/i.test(name) ? 0.1 : 0;
    return Math.min(1, 0.6 + 0.3 * (hits / lines.length) + byName);
  },

  read(input: ConnectorInput): AsyncIterable<IngestItem[]> {
    const platform = input.platform;
    return readJsonLines(input, (value, loc, out) => {
      // The command line may supply the platform for streams that do not carry it.
      if (platform !== undefined && typeof value === 'object' && value !== null && !('platform' in value)) {
        (value as Record<string, unknown>)['platform'] = platform;
      }
      out.push({ ok: true, event: validateEvent(value), loc });
    });
  },
};
