// Observatory read model (issue 9): overview, hashtags, campaigns and accounts for the dashboard, over
// the stored events and the pipeline's decision tables. "Now" is stream time (the latest stored event).

export { ObserveService } from './service.js';
export { BUCKETS, type Bucket } from './buckets.js';
export {
  findChangePoints,
  DEFAULT_CHANGE_OPTIONS,
  type ChangePoint,
  type ChangeOptions,
} from './change-points.js';
export { buildGraph, type GraphPost } from './graph.js';
export { METRICS, type Metric } from './texts.js';
export { parseExplanations } from './accounts.js';
