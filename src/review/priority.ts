// Queue priority = risk × reach factor × reporter factor × recency, with
//   reach factor    = 1 + log10(1 + followers + reposts)
//   reporter factor = 1 + log2(1 + distinct reporters)
//   recency         = 2^(-(now - t) / 24 h), t = stream time of the decision (or of the report)
// The recency term shares `now` across all items, so ordering by
//   ln(risk) + ln(reach factor) + ln(reporter factor) + t × ln2 / 24 h
// orders exactly as the product at any `now`. That sum is stored (`log_priority`) and indexed,
// and the shown priority is exp(log_priority − now × ln2 / 24 h).

export const HALF_LIFE_MS = 24 * 3600 * 1000;
/**
 * Posts in the model's review band (`review: true`, not flagged) enter the queue with their model
 * score times this factor as risk: with the same reach, reporters and time they rank below every
 * flagged post (band scores < flag thresholds ≤ 1, so risk < 0.1 vs ≥ 0.95 for flagged ones) unless
 * their reach factor is over ten times larger.
 */
export const REVIEW_RISK_FACTOR = 0.1;
/** Label of such items: shown to moderators so they see the post was not flagged. */
export const NEEDS_REVIEW_LABEL = 'needs_review';
/** Items found only through reports carry no model risk; a floor keeps them orderable. */
export const RISK_FLOOR = 0.01;
const RATE = Math.LN2 / HALF_LIFE_MS;

export interface PriorityInput {
  risk: number;
  reach: number;
  reporters: number;
  sourceAt: string;
}

export const logPriority = (p: PriorityInput): number =>
  Math.log(Math.max(p.risk, RISK_FLOOR)) +
  Math.log(1 + Math.log10(1 + Math.max(0, p.reach))) +
  Math.log(1 + Math.log2(1 + Math.max(0, p.reporters))) +
  Date.parse(p.sourceAt) * RATE;

/** The product itself at time `now` (for display). */
export const priorityAt = (log: number, now: Date): number => Math.exp(log - now.getTime() * RATE);
