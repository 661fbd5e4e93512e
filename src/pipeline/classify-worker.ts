// Worker thread entry: loads a classifier from the spec in workerData and answers batches.
import { parentPort, workerData } from 'node:worker_threads';
import { loadBatchClassifier, type ClassifierSpec, type ClassifyItem } from './classifier.js';

interface Job {
  id: number;
  items: ClassifyItem[];
}

const port = parentPort;
if (!port) throw new Error('classify-worker must run in a worker thread');

const spec = (workerData as { spec: ClassifierSpec }).spec;
const ready = loadBatchClassifier(spec);
// Report a load failure once, up front, so the pool can fail with the real reason.
ready.catch((err: unknown) =>
  port.postMessage({ id: -1, error: err instanceof Error ? err.message : String(err) }),
);

port.on('message', (job: Job) => {
  let t0 = 0;
  ready
    .then((classifier) => {
      t0 = performance.now();
      return classifier.classifyBatch(job.items);
    })
    .then(
      (results) => port.postMessage({ id: job.id, results, ms: performance.now() - t0 }),
      (err: unknown) =>
        port.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) }),
    );
});
