import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { MarsadError } from '../errors.js';
import {
  loadBatchClassifier,
  type BatchClassifier,
  type ClassifierSpec,
  type ClassifyItem,
} from './classifier.js';
import type { PostClassification } from './types.js';

/** Classifies batches somewhere (worker threads, or the main thread); results come back per batch. */
export interface ClassifierPool {
  readonly size: number;
  /** Milliseconds spent classifying, summed over workers (CPU time of the classify stage). */
  readonly busyMs: number;
  classify(items: ClassifyItem[]): Promise<PostClassification[]>;
  close(): Promise<void>;
}

/** The classification failed in a worker (model load or batch); fatal for the run. */
export class ClassifierWorkerError extends MarsadError {}

/** Runs the classifier in the calling thread (tests, tiny inputs, or a single core). */
export const inlinePool = (classifier: BatchClassifier): ClassifierPool => {
  let busyMs = 0;
  return {
    size: 0,
    get busyMs() {
      return busyMs;
    },
    classify: async (items) => {
      const t0 = performance.now();
      const results = await classifier.classifyBatch(items);
      busyMs += performance.now() - t0;
      return results;
    },
    close: async () => {},
  };
};

interface Pending {
  resolve: (r: PostClassification[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

// From compiled dist/ the worker is a .js file. Under tsx/vitest this module is .ts: Node 20 does not
// apply `--import tsx` to worker threads, so a small bootstrap registers tsx's loader, then imports it.
const startWorker = (workerData: unknown): Worker => {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./classify-worker.js', import.meta.url), { workerData });
  const target = new URL('./classify-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(target)}); })`;
  return new Worker(boot, { eval: true, workerData });
};

export const defaultWorkerCount = (): number => Math.max(1, availableParallelism());

/** A pool of `size` worker threads, each loading the classifier from `spec`. */
export const workerPool = (spec: ClassifierSpec, size: number = defaultWorkerCount()): ClassifierPool => {
  let nextId = 0;
  let failure: Error | undefined;
  let busyMs = 0;
  const slots: Slot[] = [];
  const failAll = (slot: Slot, err: Error) => {
    failure ??= err;
    for (const p of slot.pending.values()) p.reject(err);
    slot.pending.clear();
  };
  for (let i = 0; i < size; i++) {
    const worker = startWorker({ spec });
    const slot: Slot = { worker, pending: new Map() };
    worker.on(
      'message',
      (msg: { id: number; results?: PostClassification[]; error?: string; ms?: number }) => {
        busyMs += msg.ms ?? 0;
        if (msg.id === -1)
          return failAll(slot, new ClassifierWorkerError(`classifier failed to load: ${msg.error}`));
        const p = slot.pending.get(msg.id);
        if (!p) return;
        slot.pending.delete(msg.id);
        if (msg.error !== undefined) p.reject(new ClassifierWorkerError(`classifier failed: ${msg.error}`));
        else p.resolve(msg.results ?? []);
      },
    );
    worker.on('error', (err) =>
      failAll(slot, new ClassifierWorkerError(`classifier worker crashed: ${err.message}`)),
    );
    worker.on('exit', (code) => {
      if (slot.pending.size > 0)
        failAll(slot, new ClassifierWorkerError(`classifier worker exited with code ${code}`));
    });
    slots.push(slot);
  }
  return {
    size,
    get busyMs() {
      return busyMs;
    },
    classify(items) {
      if (failure) return Promise.reject(failure);
      // Least-loaded worker: batches are similar in size, so pending count is a good proxy.
      let slot = slots[0] as Slot;
      for (const s of slots) if (s.pending.size < slot.pending.size) slot = s;
      const id = nextId++;
      return new Promise<PostClassification[]>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, items });
      });
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
};

/** The pool for a run: `workers` = 0 runs inline in this thread. */
export const createPool = async (spec: ClassifierSpec, workers: number): Promise<ClassifierPool> =>
  workers <= 0 ? inlinePool(await loadBatchClassifier(spec)) : workerPool(spec, workers);
