// Probability calibration by temperature scaling (Guo et al. 2017): one scalar T divides the logits,
// fitted by minimising the negative log-likelihood on a split the weights never saw.

/** Softmax of `logits / temperature` into `out` (stable: subtracts the max first). */
export const softmaxInto = (
  logits: ArrayLike<number>,
  temperature: number,
  out: Float64Array,
): Float64Array => {
  const k = out.length;
  let max = -Infinity;
  for (let i = 0; i < k; i++) max = Math.max(max, (logits[i] as number) / temperature);
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const e = Math.exp((logits[i] as number) / temperature - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < k; i++) out[i]! /= sum;
  return out;
};

/** Mean negative log-likelihood of `labels` under softmax(logits / T); logits are row-major n × k. */
export const nll = (logits: Float64Array, labels: Int32Array, k: number, temperature: number): number => {
  const p = new Float64Array(k);
  let total = 0;
  for (let r = 0; r < labels.length; r++) {
    softmaxInto(logits.subarray(r * k, r * k + k), temperature, p);
    total -= Math.log(Math.max(p[labels[r] as number] as number, 1e-12));
  }
  return total / Math.max(1, labels.length);
};

/** Temperature minimising NLL, by golden-section search on log T in [ln 0.05, ln 20]. */
export const fitTemperature = (logits: Float64Array, labels: Int32Array, k: number): number => {
  if (labels.length === 0) return 1;
  const f = (logT: number): number => nll(logits, labels, k, Math.exp(logT));
  let a = Math.log(0.05);
  let b = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 60; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return Math.exp((a + b) / 2);
};

/**
 * Expected calibration error over `bins` equal-width confidence bins: the weighted mean gap between
 * the top-class confidence and the accuracy in each bin. `probs` is row-major n × k.
 */
export const expectedCalibrationError = (
  probs: Float64Array,
  labels: Int32Array,
  k: number,
  bins = 15,
): number => {
  const n = labels.length;
  if (n === 0) return 0;
  const conf = new Float64Array(bins);
  const acc = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (let r = 0; r < n; r++) {
    let best = 0;
    for (let j = 1; j < k; j++) if ((probs[r * k + j] as number) > (probs[r * k + best] as number)) best = j;
    const c = probs[r * k + best] as number;
    const b = Math.min(bins - 1, Math.floor(c * bins));
    conf[b]! += c;
    acc[b]! += best === labels[r] ? 1 : 0;
    count[b]! += 1;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const cnt = count[b] as number;
    if (cnt > 0) ece += (cnt / n) * Math.abs((acc[b] as number) / cnt - (conf[b] as number) / cnt);
  }
  return ece;
};

/** Row-major probabilities of logits at a temperature. */
export const probabilities = (logits: Float64Array, k: number, temperature: number): Float64Array => {
  const out = new Float64Array(logits.length);
  const p = new Float64Array(k);
  for (let r = 0; r * k < logits.length; r++) {
    softmaxInto(logits.subarray(r * k, r * k + k), temperature, p);
    out.set(p, r * k);
  }
  return out;
};
