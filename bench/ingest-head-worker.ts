import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { canonicalConnector } from '../src/ingest/canonical.js';
import type { ParseWorkerData } from '../src/ingest/worker-protocol.js';
import type { IngestItem } from '../src/ingest/types.js';
import { postListColumns } from '../src/store/event-rows.js';

// The parse worker as it was at commit c28d5e8 (items sent as event objects, list columns beside
// them), kept for bench/ingest.ts's "before" row. Not used by Marsad itself.

const MAX_AHEAD = 8;

export type HeadWorkerMessage =
  | { type: 'batch'; items: IngestItem[]; lists: string[] }
  | { type: 'done' }
  | { type: 'error'; message: string };

const run = async (): Promise<void> => {
  const port = parentPort;
  if (!port) throw new Error('ingest-head-worker must run in a worker thread');
  const data = workerData as ParseWorkerData;
  let credits = MAX_AHEAD;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    credits += 1;
    wake?.();
  });
  const send = (m: HeadWorkerMessage): void => port.postMessage(m);
  try {
    const stream = createReadStream(data.file, { start: data.startOffset, highWaterMark: 256 * 1024 });
    const input = { name: data.name, stream, startOffset: data.startOffset, startLine: data.startLine };
    for await (const items of canonicalConnector.read(input)) {
      const lists: string[] = [];
      for (const item of items) {
        if (item.ok && item.event.type === 'post') lists.push(...postListColumns(item.event));
      }
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      credits -= 1;
      send({ type: 'batch', items, lists });
    }
    send({ type: 'done' });
  } catch (err) {
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  } finally {
    port.close();
  }
};

void run();
