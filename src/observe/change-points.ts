import { DAY_MS, HOUR_MS, bucketMs, iso, type Bucket } from './buckets.js';
import { METRIC_WORDS, arCount, date, duration, enCount, namedFraction, num, type Metric } from './texts.js';

// Change points of one series (docs/api.md "Change points"). Deliberately simple and explainable:
// - silence: a run of zero buckets lasting at least `silenceMs` (2 days) after a busy stretch (at
//   least `minBusy` events in the same length of time just before the run);
// - drop / surge: a bucket at most 1/k (drop) or at least k times (surge) the median of its trailing
//   baseline (k = 3). The baseline of an hourly bucket is the same hour on the previous 7 days (the
//   daily rhythm would otherwise make every night a drop); of a daily bucket the 7 days before; of a
//   weekly bucket the 4 weeks before. Drops need a baseline median ≥ `minBaseline`; surges need
//   ≥ `minSurge` events. Consecutive buckets of the same kind are one change point.
// Buckets that are not over yet (their end is after `now`) are never a drop or a silence.

export interface ChangeOptions {
  silenceMs: number;
  minBusy: number;
  k: number;
  minBaseline: number;
  minSurge: number;
  /** Baseline values a bucket needs before it can be judged. */
  minHistory: number;
}

export const DEFAULT_CHANGE_OPTIONS: ChangeOptions = {
  silenceMs: 2 * DAY_MS,
  minBusy: 10,
  k: 3,
  minBaseline: 5,
  minSurge: 10,
  minHistory: 3,
};

export type ChangeKind = 'silence' | 'drop' | 'surge';

export interface ChangePoint {
  metric: Metric;
  at: string;
  /** End of the change (exclusive); absent while a silence is still going on. */
  until?: string;
  kind: ChangeKind;
  /** The bucket value furthest from the baseline (0 for a silence), and the baseline median. */
  value: number;
  baseline: number;
  text_en: string;
  text_ar: string;
}

export interface SeriesInput {
  metric: Metric;
  bucket: Bucket;
  /** Bucket starts (contiguous, ascending) including history before `from`, and their values. */
  starts: number[];
  values: number[];
  /** Only changes that start at or after `from` are reported. */
  from: number;
  /** Stream time now: buckets ending after it are incomplete. */
  now: number;
  /** Earliest stored event: buckets that end before it hold no data (not zeros). */
  dataFrom?: number | undefined;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Baseline values of bucket `i`: only buckets from `first` (the first bucket with data) on. */
const baselineOf = (values: number[], i: number, bucket: Bucket, first: number): number[] => {
  const out: number[] = [];
  if (bucket === 'hour') {
    for (let j = 1; j <= 7 && i - 24 * j >= first; j++) out.push(values[i - 24 * j]!);
  } else {
    const n = bucket === 'day' ? 7 : 4;
    for (let j = 1; j <= n && i - j >= first; j++) out.push(values[i - j]!);
  }
  return out;
};

export const findChangePoints = (
  s: SeriesInput,
  o: ChangeOptions = DEFAULT_CHANGE_OPTIONS,
): ChangePoint[] => {
  const size = bucketMs(s.bucket);
  const n = s.values.length;
  const complete = (i: number) => s.starts[i]! + size <= s.now;
  const out: ChangePoint[] = [];
  const inSilence = new Uint8Array(n);
  // Index of the first bucket with data: earlier buckets are neither silent nor a baseline.
  let first = 0;
  while (s.dataFrom !== undefined && first < n && s.starts[first]! + size <= s.dataFrom) first++;

  // Silences: maximal runs of zeros (among complete buckets).
  for (let i = 0; i < n;) {
    if (s.values[i] !== 0 || !complete(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && s.values[j] === 0 && complete(j)) j++;
    const runMs = (j - i) * size;
    const before = Math.max(1, Math.round(runMs / size));
    let busy = 0;
    for (let b = Math.max(0, i - before); b < i; b++) busy += s.values[b]!;
    if (runMs >= o.silenceMs && i - before >= first && busy >= o.minBusy) {
      inSilence.fill(1, i, j);
      if (s.starts[i]! >= s.from) {
        const ongoing = j === n || !complete(j);
        out.push(silence(s, s.starts[i]!, s.starts[i]! + runMs, ongoing, busy));
      }
    }
    i = j;
  }

  // Drops and surges, merged over consecutive buckets.
  let open: ChangePoint | undefined;
  let openEnd = 0;
  for (let i = 0; i < n; i++) {
    const t = s.starts[i]!;
    const v = s.values[i]!;
    let kind: ChangeKind | undefined;
    let m = 0;
    const window = baselineOf(s.values, i, s.bucket, first);
    if (t >= s.from && !inSilence[i] && window.length >= o.minHistory) {
      m = median(window);
      if (m >= o.minBaseline && v * o.k <= m && complete(i)) kind = 'drop';
      else if (v >= o.minSurge && v >= o.k * Math.max(m, 1)) kind = 'surge';
    }
    if (open && (kind !== open.kind || t !== openEnd)) {
      out.push(open);
      open = undefined;
    }
    if (!kind) continue;
    if (open) {
      const further =
        kind === 'drop'
          ? v / Math.max(m, 1) < open.value / Math.max(open.baseline, 1)
          : v / Math.max(m, 1) > open.value / Math.max(open.baseline, 1);
      if (further) {
        open.value = v;
        open.baseline = m;
      }
      openEnd = t + size;
      open.until = iso(openEnd);
    } else {
      open = {
        metric: s.metric,
        at: iso(t),
        until: iso(t + size),
        kind,
        value: v,
        baseline: m,
        text_en: '',
        text_ar: '',
      };
      openEnd = t + size;
    }
  }
  if (open) out.push(open);

  for (const c of out) if (c.kind !== 'silence') describeLevel(c, s.bucket);
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
};

const span = (from: number, to: number, lang: 'en' | 'ar', hourly: boolean): string =>
  to - from <= (hourly ? HOUR_MS : DAY_MS)
    ? date(from, lang, hourly)
    : `${date(from, lang, hourly)} – ${date(to - (hourly ? HOUR_MS : DAY_MS), lang, hourly)}`;

const silence = (s: SeriesInput, from: number, to: number, ongoing: boolean, busy: number): ChangePoint => {
  const words = METRIC_WORDS[s.metric];
  const d = duration(to - from);
  const hourly = s.bucket === 'hour';
  return {
    metric: s.metric,
    at: iso(from),
    ...(ongoing ? {} : { until: iso(to) }),
    kind: 'silence',
    value: 0,
    baseline: busy,
    text_en: ongoing
      ? `${words.en}: silent since ${date(from, 'en', hourly)} (${enCount(d.n, d.unit)} so far)`
      : `${words.en} fell silent for ${enCount(d.n, d.unit)} (${span(from, to, 'en', hourly)})`,
    text_ar: ongoing
      ? `${words.ar}: صمت تام منذ ${date(from, 'ar', hourly)} (${arCount(d.n, d.unit)} حتى الآن)`
      : `${words.ar}: صمت تام لمدة ${arCount(d.n, d.unit)} (${span(from, to, 'ar', hourly)})`,
  };
};

const describeLevel = (c: ChangePoint, bucket: Bucket): void => {
  const words = METRIC_WORDS[c.metric];
  const hourly = bucket === 'hour';
  const from = Date.parse(c.at);
  const to = Date.parse(c.until ?? c.at);
  const when = { en: span(from, to, 'en', hourly), ar: span(from, to, 'ar', hourly) };
  const ratio = c.value / Math.max(c.baseline, 1);
  const named = namedFraction(ratio);
  const pct = Math.round(Math.abs(ratio - 1) * 100);
  const figures = {
    en: `${num(c.value, 'en')} vs a median of ${num(c.baseline, 'en')}`,
    ar: `${num(c.value, 'ar')} مقابل وسيط ${num(c.baseline, 'ar')}`,
  };
  if (c.kind === 'drop' && c.value === 0) {
    c.text_en = `${words.en} fell to zero (${when.en}; usual level: a median of ${num(c.baseline, 'en')})`;
    c.text_ar = `${words.ar}: انخفاض إلى الصفر (${when.ar}؛ المستوى المعتاد: وسيط ${num(c.baseline, 'ar')})`;
  } else if (c.kind === 'drop') {
    c.text_en = named
      ? `${words.en} dropped to ${named.en} the usual level (${when.en}; ${figures.en})`
      : `${words.en} dropped ${num(pct, 'en')}% below the usual level (${when.en}; ${figures.en})`;
    c.text_ar = named
      ? `${words.ar}: انخفاض إلى ${named.ar} المستوى المعتاد (${when.ar}؛ ${figures.ar})`
      : `${words.ar}: انخفاض بنسبة ${num(pct, 'ar')}٪ عن المستوى المعتاد (${when.ar}؛ ${figures.ar})`;
  } else {
    c.text_en = named
      ? `${words.en} surged to ${named.en} the usual level (${when.en}; ${figures.en})`
      : `${words.en} surged ${num(pct, 'en')}% above the usual level (${when.en}; ${figures.en})`;
    c.text_ar = named
      ? `${words.ar}: ارتفاع إلى ${named.ar} المستوى المعتاد (${when.ar}؛ ${figures.ar})`
      : `${words.ar}: ارتفاع بنسبة ${num(pct, 'ar')}٪ عن المستوى المعتاد (${when.ar}؛ ${figures.ar})`;
  }
};
