import { DAY_MS, isCalendarMonth } from './buckets.js';
import { METRIC_WORDS, date, monthName, namedFraction, num, percentChange, type Metric } from './texts.js';

// Period comparisons in words: "Flagged posts: September is one third of August (120 vs 360)",
// "Engagement with flagged posts: −92% in this period compared with the previous period".
// A ratio within 6 % of a simple fraction or multiple is named; otherwise it is a percentage.

export interface Comparison {
  metric: Metric;
  current: number;
  previous: number;
  /** current / previous. */
  ratio: number;
  text_en: string;
  text_ar: string;
}

interface Names {
  en: [string, string];
  ar: [string, string];
}

const periodNames = (from: number, to: number, prevFrom: number): Names => {
  if (isCalendarMonth(from, to))
    return {
      en: [monthName(from, 'en'), monthName(prevFrom, 'en')],
      ar: [monthName(from, 'ar'), monthName(prevFrom, 'ar')],
    };
  if (to - from === DAY_MS && from % DAY_MS === 0)
    return { en: [date(from, 'en'), date(prevFrom, 'en')], ar: [date(from, 'ar'), date(prevFrom, 'ar')] };
  return { en: ['this period', 'the previous period'], ar: ['هذه الفترة', 'الفترة السابقة'] };
};

export const compare = (
  metric: Metric,
  current: number,
  previous: number,
  period: { from: number; to: number; prevFrom: number },
): Comparison | undefined => {
  if (previous <= 0) return undefined;
  const ratio = current / previous;
  const names = periodNames(period.from, period.to, period.prevFrom);
  const words = METRIC_WORDS[metric];
  const [curEn, prevEn] = names.en;
  const [curAr, prevAr] = names.ar;
  const figures = {
    en: `${num(current, 'en')} vs ${num(previous, 'en')}`,
    ar: `${num(current, 'ar')} مقابل ${num(previous, 'ar')}`,
  };
  const verb = words.arFeminine ? 'تعادل' : 'يعادل';
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const same = Math.abs(ratio - 1) <= 0.03;
  const named = same ? undefined : namedFraction(ratio);
  let en: string;
  let ar: string;
  if (same) {
    en = `${words.en}: ${cap(curEn)} is about the same as ${prevEn} (${figures.en})`;
    ar = `${words.ar} في ${curAr} ${verb} تقريبًا ${prevAr} (${figures.ar})`;
  } else if (named) {
    en = `${words.en}: ${cap(curEn)} is ${named.en} ${prevEn} (${figures.en})`;
    ar = `${words.ar} في ${curAr} ${verb} ${named.ar} ${prevAr} (${figures.ar})`;
  } else {
    en = `${words.en}: ${percentChange(ratio, 'en')} in ${curEn} compared with ${prevEn} (${figures.en})`;
    ar = `${words.ar}: ${percentChange(ratio, 'ar')} في ${curAr} مقارنة ب${prevAr} (${figures.ar})`;
  }
  return { metric, current, previous, ratio, text_en: en, text_ar: ar };
};
