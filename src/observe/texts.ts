// Sentences of the overview in English and Arabic: change points and period comparisons. The Arabic
// sentences put the metric first ("المنشورات المُعلَّمة: …") so that no verb has to agree with it,
// except the comparison verb, which takes the metric's gender. Numbers and dates use each language's
// locale (Arabic-Indic digits in Arabic).

export const METRICS = [
  'posts',
  'flagged_posts',
  'active_flagged_accounts',
  'new_accounts',
  'suspensions',
  'recreations',
  'flagged_engagement',
] as const;
export type Metric = (typeof METRICS)[number];

interface MetricWords {
  en: string;
  ar: string;
  /** Grammatical gender of the Arabic noun phrase (non-human plurals are feminine singular). */
  arFeminine: boolean;
}

export const METRIC_WORDS: Record<Metric, MetricWords> = {
  posts: { en: 'Posts', ar: 'المنشورات', arFeminine: true },
  flagged_posts: { en: 'Flagged posts', ar: 'المنشورات المُعلَّمة', arFeminine: true },
  active_flagged_accounts: { en: 'Active flagged accounts', ar: 'الحسابات المُعلَّمة النشطة', arFeminine: true },
  new_accounts: { en: 'New accounts', ar: 'الحسابات الجديدة', arFeminine: true },
  suspensions: { en: 'Suspensions', ar: 'حالات الإيقاف', arFeminine: true },
  recreations: { en: 'Re-created accounts caught', ar: 'الحسابات المُعاد إنشاؤها المكتشفة', arFeminine: true },
  flagged_engagement: {
    en: 'Engagement with flagged posts',
    ar: 'التفاعل مع المنشورات المُعلَّمة',
    arFeminine: false,
  },
};

const enNumber = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const arNumber = new Intl.NumberFormat('ar', { maximumFractionDigits: 1 });
export const num = (n: number, lang: 'en' | 'ar'): string => (lang === 'en' ? enNumber : arNumber).format(n);

const enDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const arDate = new Intl.DateTimeFormat('ar', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const enHour = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});
const arHour = new Intl.DateTimeFormat('ar', {
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});
/** A date (or a date and hour when `withHour`), UTC. */
export const date = (t: number, lang: 'en' | 'ar', withHour = false): string =>
  (withHour ? (lang === 'en' ? enHour : arHour) : lang === 'en' ? enDate : arDate).format(t);

const enMonth = new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' });
const arMonth = new Intl.DateTimeFormat('ar', { month: 'long', timeZone: 'UTC' });
export const monthName = (t: number, lang: 'en' | 'ar'): string =>
  (lang === 'en' ? enMonth : arMonth).format(t);

const EN_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

export type Unit = 'hour' | 'day' | 'week';
const EN_UNIT: Record<Unit, string> = { hour: 'hour', day: 'day', week: 'week' };
// Arabic counted nouns: 1, 2 (genitive dual, after لمدة), 3–10 (plural), 11+ (accusative singular).
const AR_UNIT: Record<Unit, [string, string, string, string]> = {
  hour: ['ساعة واحدة', 'ساعتين', 'ساعات', 'ساعة'],
  day: ['يوم واحد', 'يومين', 'أيام', 'يومًا'],
  week: ['أسبوع واحد', 'أسبوعين', 'أسابيع', 'أسبوعًا'],
};

/** "two days", "36 hours". */
export const enCount = (n: number, unit: Unit): string =>
  `${n <= 10 ? EN_WORDS[n] : num(n, 'en')} ${EN_UNIT[unit]}${n === 1 ? '' : 's'}`;

/** "يومين", "٣ أيام", "١٢ يومًا". */
export const arCount = (n: number, unit: Unit): string => {
  const [one, two, few, many] = AR_UNIT[unit];
  if (n === 1) return one;
  if (n === 2) return two;
  const m = n % 100;
  return `${num(n, 'ar')} ${m >= 3 && m <= 10 ? few : many}`;
};

/** A duration in the largest whole unit that fits: weeks, days or hours. */
export const duration = (ms: number): { n: number; unit: Unit } => {
  const hours = Math.round(ms / 3_600_000);
  if (hours % (24 * 7) === 0 && hours >= 24 * 14) return { n: hours / (24 * 7), unit: 'week' };
  if (hours % 24 === 0) return { n: hours / 24, unit: 'day' };
  return { n: hours, unit: 'hour' };
};

interface Fraction {
  value: number;
  en: string;
  ar: string;
}

// Ratios said in words when the measured ratio is within 6 % of one of these.
const FRACTIONS: Fraction[] = [
  { value: 0.1, en: 'one tenth of', ar: 'عُشر' },
  { value: 0.2, en: 'one fifth of', ar: 'خُمس' },
  { value: 0.25, en: 'one quarter of', ar: 'ربع' },
  { value: 1 / 3, en: 'one third of', ar: 'ثلث' },
  { value: 0.5, en: 'half of', ar: 'نصف' },
  { value: 2 / 3, en: 'two thirds of', ar: 'ثلثي' },
  { value: 0.75, en: 'three quarters of', ar: 'ثلاثة أرباع' },
  { value: 2, en: 'twice', ar: 'ضعف' },
  { value: 3, en: 'three times', ar: 'ثلاثة أضعاف' },
  { value: 4, en: 'four times', ar: 'أربعة أضعاف' },
  { value: 5, en: 'five times', ar: 'خمسة أضعاف' },
  { value: 10, en: 'ten times', ar: 'عشرة أضعاف' },
];

export const namedFraction = (ratio: number): Fraction | undefined =>
  FRACTIONS.find((f) => Math.abs(ratio - f.value) <= 0.06 * f.value);

/** "−92%", "+40%" (a true minus sign; the Arabic form has its own percent sign and digits). */
export const percentChange = (ratio: number, lang: 'en' | 'ar'): string => {
  const pct = Math.round((ratio - 1) * 100);
  const sign = pct < 0 ? '−' : '+';
  return lang === 'en' ? `${sign}${num(Math.abs(pct), 'en')}%` : `\u200e${sign}${num(Math.abs(pct), 'ar')}٪`;
};
