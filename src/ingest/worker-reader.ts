import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from './errors.js';
import type { IngestItem } from './types.js';
import { decodeItem, type ParseWorkerData, type WorkerMessage } from './worker-protocol.js';

// Under tsx or vitest this module is a .ts file and so is the worker: the worker then first loads
// tsx's loader (resolved from here, so that the working directory does not matter; Node 20 does not
// apply `--import` from a worker's execArgv). From dist/ the worker is plain JS.
const startWorker = (data: ParseWorkerData): Worker => {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./parse-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(url, { workerData: data });
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const boot = `require(${JSON.stringify(tsx)}).require(${JSON.stringify(fileURLToPath(url))}, __filename)`;
  return new Worker(boot, { eval: true, workerData: data });
};

/**
 * The canonical connector's items for a file, parsed in a worker thread so that parsing and
 * writing use both cores. Same items, same order and same source locations as
 * `canonicalConnector.read` on the same input; post events carry their list columns precomputed.
 */
export async function* readCanonicalInWorker(data: ParseWorkerData): AsyncGenerator<IngestItem[]> {
  const worker = startWorker(data);
  const queue: WorkerMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  const signal = (): void => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (m: WorkerMessage) => {
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
      if (m === undefined) throw failure ?? new Error('the ingest parse worker stopped unexpectedly');
      if (m.type === 'done') return;
      if (m.type === 'error')
        throw new InputError(`cannot read ${data.name}: ${m.message}`, { file: data.name });
      const items = m.items.map((w) => decodeItem(w, data.name));
      worker.postMessage(0);
      yield items;
    }
  } finally {
    await worker.terminate();
  }
}
