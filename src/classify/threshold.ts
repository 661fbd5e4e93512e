/** Precision and recall of "score ≥ t" for the positive class. */
export interface ThresholdPoint {
  threshold: number;
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
}

/**
 * All operating points of a score, from the highest threshold down (one per distinct score).
 * `positives[i]` says whether example i is of the positive class.
 */
export const precisionRecallCurve = (
  scores: ArrayLike<number>,
  positives: ArrayLike<boolean>,
): ThresholdPoint[] => {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[b] as number) - (scores[a] as number),
  );
  let totalPos = 0;
  for (let i = 0; i < n; i++) if (positives[i]) totalPos++;
  const points: ThresholdPoint[] = [];
  let tp = 0;
  let fp = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    if (positives[i]) tp++;
    else fp++;
    const s = scores[i] as number;
    const next = order[r + 1];
    if (next !== undefined && scores[next] === s) continue; // ties share one threshold
    points.push({
      threshold: s,
      precision: tp / (tp + fp),
      recall: totalPos ? tp / totalPos : 0,
      tp,
      fp,
      fn: totalPos - tp,
    });
  }
  return points;
};

/**
 * The lowest threshold whose precision reaches `target` (so the highest recall at that precision),
 * or null when no threshold reaches it.
 */
export const chooseThreshold = (
  scores: ArrayLike<number>,
  positives: ArrayLike<boolean>,
  target: number,
): ThresholdPoint | null => {
  let best: ThresholdPoint | null = null;
  for (const p of precisionRecallCurve(scores, positives)) if (p.tp > 0 && p.precision >= target) best = p;
  return best;
};
