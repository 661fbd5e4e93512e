export { SCALES, SCALE_CONFIGS, scenarioConfig, type Scale, type ScenarioConfig } from './config.js';
export { Rng, flipBits, hammingHex } from './rng.js';
export { simulate, SCENARIOS, type SimulateOptions, type SimProgress, type StreamSink } from './simulate.js';
export { writeSimulation, type SimulationFiles } from './output.js';
export { loadCorpus, type Corpus } from './texts.js';
export type * from './truth.js';
export { DIFFICULTIES, RAID_KINDS } from './truth.js';
export {
  evaluateDetections,
  CAMPAIGN_JACCARD,
  type DetectOutputs,
  type EvaluationReport,
} from './evaluate.js';
export { evaluateFiles, readTruth, readPostTimes, type EvaluationRun } from './eval-io.js';
export { formatEvaluation } from './eval-format.js';
export { rocAuc, jaccard, median } from './metrics.js';
