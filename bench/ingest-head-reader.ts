import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IngestItem } from '../src/ingest/types.js';
import type { ParseWorkerData } from '../src/ingest/worker-protocol.js';
import { POST_LIST_COLUMNS } from '../src/store/event-rows.js';
import type { HeadWorkerMessage } from './ingest-head-worker.js';

// The writer side of the parse worker as it was at commit c28d5e8 (see ingest-head-worker.ts),
// for bench/ingest.ts's "before" row. Runs from sources only (tsx).

export async function* readCanonicalInHeadWorker(data: ParseWorkerData): AsyncGenerator<IngestItem[]> {
  const url = new URL('./ingest-head-worker.ts', import.meta.url);
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const boot = `require(${JSON.stringify(tsx)}).require(${JSON.stringify(fileURLToPath(url))}, __filename)`;
  const worker = new Worker(boot, { eval: true, workerData: data });
  const queue: HeadWorkerMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  const signal = (): void => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (m: HeadWorkerMessage) => {
    queue.push(m);
    signal();
  });
  worker.on('error', (err) => {
    failure = err;
    signal();
  });
  worker.on('exit', () => {
    exited = true;
    signal();
  });
  try {
    for (;;) {
      while (queue.length === 0 && failure === undefined && !exited) {
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const m = queue.shift();
      if (m === undefined) throw failure ?? new Error('the parse worker stopped unexpectedly');
      if (m.type === 'done') return;
      if (m.type === 'error') throw new Error(m.message);
      let next = 0;
      for (const item of m.items) {
        if (item.ok && item.event.type === 'post') {
          (item.event as { [POST_LIST_COLUMNS]?: string[] })[POST_LIST_COLUMNS] = m.lists.slice(
            next,
            next + 3,
          );
          next += 3;
        }
      }
      worker.postMessage(0);
      yield m.items;
    }
  } finally {
    await worker.terminate();
  }
}
