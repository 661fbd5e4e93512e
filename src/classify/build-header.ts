// The header of a model before calibration (shared by build.ts and the weak-label filter).
import { DEFAULT_FEATURE_PARAMS, type FeatureParams } from './features.js';
import type { ModelHeader } from './model.js';
import { MAX_TEXT_CHARS, normalizerFingerprint } from './text-prep.js';

/** The header of a freshly trained model (temperature 1, threshold 0.5 until calibrated/chosen). */
export const headerFor = (
  labels: string[],
  opts: {
    features?: FeatureParams | undefined;
    positiveLabel?: string | undefined;
    dtype?: 'f32' | 'f16' | undefined;
  } = {},
): ModelHeader => ({
  format: 'marsad-text-model',
  version: 1,
  labels,
  positiveLabel: opts.positiveLabel ?? (labels.includes('extremist') ? 'extremist' : (labels[0] as string)),
  features: opts.features ?? DEFAULT_FEATURE_PARAMS,
  normalizer: normalizerFingerprint(),
  maxTextChars: MAX_TEXT_CHARS,
  temperature: 1,
  threshold: 0.5,
  dtype: opts.dtype ?? 'f16',
  createdAt: new Date().toISOString(),
});
