// Queue priority = risk × reach factor × reporter factor × recency, with
//   reach factor    = 1 + log10(1 + followers + reposts)
//   reporter factor = 1 + log2(1 + distinct reporters)
//   recency         = 2^(-(now - t) / 24 h), t = stream time of the decision (or of the report)
// The recency term shares `now` across all items, so ordering by
//   ln(risk) + ln(reach factor) + ln(reporter factor) + t × ln2 / 24 h
// orders exactly as the product at any `now`. That sum is stored (`log_priority`) and indexed,
// and the shown priority is exp(log_priority − now × ln2 / 24 h).

export const HALF_LIFE_MS = 24 * 3600 * 1000;
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
