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
