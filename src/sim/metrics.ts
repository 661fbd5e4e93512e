// Small exact metrics used by `marsad evaluate`.

/**
 * ROC-AUC from scores of positives and negatives: the Mann–Whitney U statistic with tied scores
 * given their average rank (a tie counts one half). Null when either class is empty.
 */
export const rocAuc = (positives: readonly number[], negatives: readonly number[]): number | null => {
  const nPos = positives.length;
  const nNeg = negatives.length;
  if (nPos === 0 || nNeg === 0) return null;
  const all: Array<{ s: number; pos: boolean }> = [];
  for (const s of positives) all.push({ s, pos: true });
  for (const s of negatives) all.push({ s, pos: false });
  all.sort((a, b) => a.s - b.s);
  let rankSumPos = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j]?.s === all[i]?.s) j++;
    const avgRank = (i + 1 + j) / 2; // ranks i+1 … j
    for (let k = i; k < j; k++) if (all[k]?.pos) rankSumPos += avgRank;
    i = j;
  }
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
};

export const jaccard = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
};

export const median = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** a / b, or null when b is 0 (a metric over nothing is unknown, not 0). */
export const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
