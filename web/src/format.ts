import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

// Numbers and dates through Intl in the active locale (Arabic month names and, for the locales that
// use them, Arabic-Indic digits); times are shown in UTC because stream time (the events' clock) is UTC.

export interface Formatters {
  locale: string;
  rtl: boolean;
  num(n: number | null | undefined, digits?: number): string;
  pct(r: number | null | undefined): string;
  change(r: number | null | undefined): string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  axisTime(iso: string | number, bucket?: string): string;
}

export const makeFormatters = (lang: string): Formatters => {
  // The browser's own variant of the language when it has one (ar-EG: Arabic-Indic digits; ar-MA: Latin).
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages;
  const locale = preferred.find((l) => l.toLowerCase().startsWith(lang)) ?? (lang === 'ar' ? 'ar' : 'en');
  const ints = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const signedPct = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  const hour = new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });
  const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const dash = '—';
  const ok = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);
  return {
    locale,
    rtl: lang === 'ar',
    num: (n, digits = 0) =>
      ok(n)
        ? digits
          ? new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n)
          : ints.format(n)
        : dash,
    pct: (r) => (ok(r) ? pct.format(r) : dash),
    // `change` is a ratio new/old − 1 (−0.92 = "−92%").
    change: (r) => (ok(r) ? signedPct.format(r) : dash),
    date: (iso) => (iso ? date.format(new Date(iso)) : dash),
    dateTime: (iso) => (iso ? dateTime.format(new Date(iso)) : dash),
    axisTime: (iso, bucket) => (bucket === 'hour' ? hour : day).format(new Date(iso)),
  };
};

export const useFormat = (): Formatters => {
  const { i18n } = useTranslation();
  return useMemo(() => makeFormatters(i18n.language), [i18n.language]);
};
