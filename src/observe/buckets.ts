import { ValidationError } from '../errors.js';

// Time buckets of the observatory (UTC). Stored times are ISO-8601 UTC strings, so a bucket of an hour
// or a day is a prefix of the string (`YYYY-MM-DDTHH`, `YYYY-MM-DD`): the databases group by
// `substr(time, 1, n)` and weeks (Monday 00:00 UTC) are folded from days here.

export const BUCKETS = ['hour', 'day', 'week'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const BUCKET_MS: Record<Bucket, number> = { hour: HOUR_MS, day: DAY_MS, week: 7 * DAY_MS };

/** Buckets shown when the caller gives no `from`. */
const DEFAULT_SPAN: Record<Bucket, number> = { hour: 48, day: 30, week: 12 };
/** Most buckets one response may hold. */
export const MAX_BUCKETS = 2000;

/** The granularity the databases group by: hours for hourly series, days otherwise. */
export type Base = 'hour' | 'day';
export const baseOf = (bucket: Bucket): Base => (bucket === 'hour' ? 'hour' : 'day');
/** Length of the ISO prefix that names a base bucket. */
export const prefixLength = (base: Base): number => (base === 'hour' ? 13 : 10);

/** Epoch ms of a base key (`2026-03-01T12` or `2026-03-01`). */
export const baseKeyMs = (key: string): number =>
  Date.parse(key.length === 13 ? `${key}:00:00.000Z` : `${key}T00:00:00.000Z`);

export const bucketMs = (bucket: Bucket): number => BUCKET_MS[bucket];

// 1970-01-01 was a Thursday: weeks start 3 days later (Monday 1970-01-05).
const WEEK_OFFSET = 4 * DAY_MS;

export const floorTo = (t: number, bucket: Bucket): number => {
  if (bucket === 'week') return Math.floor((t - WEEK_OFFSET) / BUCKET_MS.week) * BUCKET_MS.week + WEEK_OFFSET;
  return Math.floor(t / BUCKET_MS[bucket]) * BUCKET_MS[bucket];
};
export const ceilTo = (t: number, bucket: Bucket): number => {
  const f = floorTo(t, bucket);
  return f === t ? t : f + BUCKET_MS[bucket];
};

export const iso = (t: number): string => new Date(t).toISOString();

/** A resolved period: `[from, to)` on bucket boundaries, and the bucket starts in it. */
export interface Period {
  bucket: Bucket;
  from: number;
  to: number;
  starts: number[];
}

export interface PeriodInput {
  bucket: Bucket;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * `to` defaults to the end of the bucket holding `now` (stream time), `from` to a default number of
 * buckets before it, but not before the bucket of the earliest stored event. Explicit bounds are
 * widened to whole buckets.
 */
export const resolvePeriod = (input: PeriodInput, now: number, earliest: number | undefined): Period => {
  const { bucket } = input;
  const size = BUCKET_MS[bucket];
  const to = input.to !== undefined ? ceilTo(Date.parse(input.to), bucket) : floorTo(now, bucket) + size;
  let from: number;
  if (input.from !== undefined) from = floorTo(Date.parse(input.from), bucket);
  else {
    from = to - DEFAULT_SPAN[bucket] * size;
    if (earliest !== undefined && earliest < to) from = Math.max(from, floorTo(earliest, bucket));
  }
  if (from >= to)
    throw new ValidationError('`from` must be before `to`', {
      field: 'query.from',
      from: iso(from),
      to: iso(to),
    });
  const n = bucketCount(from, to, bucket);
  if (n > MAX_BUCKETS) {
    throw new ValidationError(
      `the period holds ${n} ${bucket} buckets; at most ${MAX_BUCKETS}: use a larger bucket`,
      {
        field: 'query.bucket',
      },
    );
  }
  return { bucket, from, to, starts: bucketStarts(from, to, bucket) };
};

const bucketCount = (from: number, to: number, bucket: Bucket): number =>
  Math.ceil((to - from) / BUCKET_MS[bucket]);

export const bucketStarts = (from: number, to: number, bucket: Bucket): number[] => {
  const out: number[] = [];
  for (let t = floorTo(from, bucket); t < to; t += BUCKET_MS[bucket]) out.push(t);
  return out;
};

/** True when `[from, to)` is exactly one calendar month (UTC). */
export const isCalendarMonth = (from: number, to: number): boolean => {
  const a = new Date(from);
  if (a.getUTCDate() !== 1 || from % DAY_MS !== 0) return false;
  return Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + 1, 1) === to;
};

/** The period compared with `[from, to)`: the month before a calendar month, else the same length just before. */
export const previousPeriod = (from: number, to: number): { from: number; to: number } => {
  if (isCalendarMonth(from, to)) {
    const a = new Date(from);
    return { from: Date.UTC(a.getUTCFullYear(), a.getUTCMonth() - 1, 1), to: from };
  }
  return { from: from - (to - from), to: from };
};
