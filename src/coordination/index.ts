// Coordinated campaign detection (issue 6): pair evidence, communities, copypasta, hashtag raids.
export { createCoordinationDetector, createCoordinationState, type CoordinationState } from './detector.js';
export {
  coordinationOptions,
  DEFAULT_COORDINATION_OPTIONS,
  TRACE_KINDS,
  type CoordinationOptions,
  type TraceKind,
  type TraceOptions,
} from './options.js';
export { normalizeUrl, SHORTENERS } from './url.js';
export { copySignature, copyFeatures, similarity } from './text-key.js';
export { PairGraph, type Edge } from './pair-graph.js';
export { TraceWindow } from './trace-window.js';
export { CommunityTracker, type Community } from './communities.js';
export { IntervalEstimator } from './interval.js';
export { replayCampaigns, type BatchOptions, type BatchResult } from './batch.js';
