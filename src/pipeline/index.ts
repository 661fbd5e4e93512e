// The online pipeline: runner, classification across worker threads, shared view, outputs.
export type * from './types.js';
export {
  PipelineRunner,
  type PipelineSink,
  type PostMatcher,
  type RunnerOptions,
  type RunStats,
} from './runner.js';
export { PipelineFacts, DEFAULT_VIEW_CAPS, type ViewCaps } from './view.js';
export {
  loadBatchClassifier,
  modelBatchClassifier,
  moduleSpec,
  resolveModelPath,
  type BatchClassifier,
  type ClassifierSpec,
  type ClassifyItem,
} from './classifier.js';
export {
  createPool,
  inlinePool,
  workerPool,
  defaultWorkerCount,
  ClassifierWorkerError,
  type ClassifierPool,
} from './pool.js';
export {
  createHashtagDetector,
  hashtagKey,
  HOUR_MS,
  DEFAULT_HASHTAG_CAPS,
  type HashtagCaps,
} from './hashtags.js';
export { createPostDecisionDetector } from './posts.js';
export { defaultDetectors, detectorsWithout } from './detectors.js';
export { DetectSink, OUTPUT_FILES, QUARANTINE_FILE } from './outputs.js';
export { createDecisionStore, type DecisionStore } from './decision-store.js';
export { decisionLine, SnapshotLog } from './records.js';
export { runDetect, type DetectOptions, type DetectSummary } from './detect.js';
export { ttyProgress, formatSummary, type ProgressReporter } from './progress.js';
export { LruMap } from './lru.js';
export { DistinctCounter } from './hll.js';
