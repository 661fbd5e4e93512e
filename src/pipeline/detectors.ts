import { createEvasionDetector, createRiskDetector } from '../accounts/index.js';
import { createCoordinationDetector } from '../coordination/detector.js';
import { createHashtagDetector } from './hashtags.js';
import { createPostDecisionDetector } from './posts.js';
import type { Detector } from './types.js';

/**
 * The detectors `marsad detect` runs, in this order for each event (a detector sees the `account`
 * decisions of the ones before it through the PipelineView). Each runs in its own try/catch: one
 * that throws is logged and counted, the others go on. Add yours here with a one-line edit.
 */
export const defaultDetectors = (): Detector[] =>
  [
    createPostDecisionDetector(),
    createHashtagDetector(),
    createRiskDetector(),
    createEvasionDetector(),
    createCoordinationDetector(),
  ] as Detector[];

/**
 * The default detectors without the named ones (`marsad detect --skip-detectors`, e.g. to measure
 * what one costs). Unknown names are refused so that a typo does not silently run everything.
 */
export const detectorsWithout = (skip: readonly string[]): Detector[] => {
  const all = defaultDetectors();
  const names = all.map((d) => d.name);
  const unknown = skip.filter((n) => !names.includes(n));
  if (unknown.length > 0)
    throw new RangeError(`unknown detector ${unknown.join(', ')} (detectors: ${names.join(', ')})`);
  return all.filter((d) => !skip.includes(d.name));
};
