import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { postListColumns } from '../store/event-rows.js';
import { canonicalConnector } from './canonical.js';
import { encodePost, type ParseWorkerData, type WireItem, type WorkerMessage } from './worker-protocol.js';

// The parse side of a parallel canonical ingest (see worker-reader.ts): reads the file from the
// resume offset, splits, JSON.parses and validates it, computes the posts' list columns, and
// posts the items in input order (posts as tuples: worker-protocol.ts). It runs at most MAX_AHEAD
// batches ahead of the writer, so that memory stays flat when the writer is the slower side.

const MAX_AHEAD = 8;

const run = async (): Promise<void> => {
  const port = parentPort;
  if (!port) throw new Error('parse-worker must run in a worker thread');
  const data = workerData as ParseWorkerData;
  let credits = MAX_AHEAD;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    credits += 1;
    wake?.();
  });
  const send = (m: WorkerMessage): void => port.postMessage(m);
  try {
    const stream = createReadStream(data.file, { start: data.startOffset, highWaterMark: 256 * 1024 });
    const input = {
      name: data.name,
      stream,
      startOffset: data.startOffset,
      startLine: data.startLine,
      ...(data.platform !== undefined ? { platform: data.platform } : {}),
    };
    for await (const items of canonicalConnector.read(input)) {
      const wire: WireItem[] = items.map((item) =>
        item.ok && item.event.type === 'post'
          ? encodePost(item.event, item.loc, postListColumns(item.event))
          : item,
      );
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      credits -= 1;
      send({ type: 'batch', items: wire });
    }
    send({ type: 'done' });
  } catch (err) {
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  } finally {
    port.close();
  }
};

void run();
