// Public API of the content classifier: a multinomial logistic regression over hashed word and
// character n-grams of normalised text, calibrated, with an operating threshold and explanations.
import { fileURLToPath } from 'node:url';
import { readEnv, type MarsadEnv } from '../config/index.js';

export {
  TextModel,
  formatNgramWeight,
  type Classification,
  type ModelHeader,
  type NgramWeight,
  type LinearWeights,
} from './model.js';
export { loadTextModel, saveTextModel, encodeModel, decodeModel } from './model-file.js';
export { Featurizer, DEFAULT_FEATURE_PARAMS, type FeatureParams, type SparseVector } from './features.js';
export {
  trainLinear,
  DEFAULT_TRAIN_OPTIONS,
  type TrainExample,
  type TrainOptions,
  type TrainProgress,
  type TrainResult,
} from './train.js';
export { fitTemperature, expectedCalibrationError, probabilities } from './calibrate.js';
export { chooseThreshold, precisionRecallCurve, type ThresholdPoint } from './threshold.js';
export {
  evaluate,
  rocAuc,
  binaryStats,
  type EvalReport,
  type BinaryStats,
  type ScoredSet,
} from './metrics.js';
export {
  loadCorpus,
  readCorpusFile,
  assignSplit,
  DEFAULT_SPLIT,
  type CorpusRecord,
  type SplitParams,
  type SplitName,
} from './data.js';
export {
  DEFAULT_RECIPE,
  NEWS_AGGREGATOR_ACCOUNTS,
  prepareData,
  parseLabelMap,
  toExample,
  type DataRecipe,
  type PreparedData,
  type PreparedExample,
} from './recipe.js';
export {
  buildTextModel,
  headerFor,
  DEFAULT_MIN_FLAG_WORDS,
  MIN_VALIDATION_POSITIVES,
  MIN_VALIDATION_NEGATIVES,
  logitsOf,
  scoredSet,
  type BuildOptions,
  type BuildResult,
} from './build.js';
export { prepareWords, normalizerFingerprint, contentWordCount, MAX_TEXT_CHARS } from './text-prep.js';
export {
  operatingReport,
  formatOperatingReport,
  type OperatingReport,
  type OperatingCounts,
} from './operating.js';

export const DEFAULT_MODEL_FILE = 'marsad-text-v1.bin';

/** The shipped model (`models/marsad-text-v1.bin`), unless MARSAD_MODEL_PATH names another. */
export const defaultModelPath = (env: MarsadEnv = readEnv()): string =>
  env.MARSAD_MODEL_PATH ?? fileURLToPath(new URL(`../../models/${DEFAULT_MODEL_FILE}`, import.meta.url));
