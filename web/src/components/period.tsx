import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Bucket } from '../api-types';

// The period of a page lives in the URL (?from&to&bucket&platform&lang): links can be shared.

export interface PeriodState {
  from?: string | undefined;
  to?: string | undefined;
  bucket?: Bucket | undefined;
  platform?: string | undefined;
  lang?: string | undefined;
}

const BUCKETS: Bucket[] = ['hour', 'day', 'week'];
const PRESETS = [
  { key: 'last24h', ms: 24 * 3600_000, bucket: 'hour' as Bucket },
  { key: 'last7d', ms: 7 * 24 * 3600_000, bucket: 'day' as Bucket },
  { key: 'last30d', ms: 30 * 24 * 3600_000, bucket: 'day' as Bucket },
];

export const usePeriod = (): [PeriodState, (p: PeriodState) => void] => {
  const [params, setParams] = useSearchParams();
  const bucket = params.get('bucket');
  const state: PeriodState = {
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    // Hourly by default: the scenarios and live feeds span days, where daily points say little.
    bucket: BUCKETS.includes(bucket as Bucket) ? (bucket as Bucket) : 'hour',
    platform: params.get('platform') ?? undefined,
    lang: params.get('lang_filter') ?? undefined,
  };
  const set = (p: PeriodState) => {
    const next = new URLSearchParams(params);
    const put = (k: string, v: string | undefined) => (v ? next.set(k, v) : next.delete(k));
    put('from', p.from);
    put('to', p.to);
    put('bucket', p.bucket);
    put('platform', p.platform);
    put('lang_filter', p.lang);
    setParams(next);
  };
  return [state, set];
};

const toInput = (iso: string | undefined) => (iso ? iso.slice(0, 16) : '');
const fromInput = (v: string) => (v ? new Date(`${v}:00Z`).toISOString() : undefined);

/** A labelled select over `choices`, with "all" (undefined) first. */
const ChoiceFilter = ({
  id,
  label,
  value,
  choices,
  onChange,
}: {
  id: string;
  label: string;
  value: string | undefined;
  choices: string[];
  onChange(v: string | undefined): void;
}) => {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{t('filters.all')}</option>
        {choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </>
  );
};

export const PeriodBar = ({
  value,
  onChange,
  now,
  platforms = [],
  langs = [],
  showBucket = true,
}: {
  value: PeriodState;
  onChange(p: PeriodState): void;
  /** Stream time: presets count back from the latest event, not from the wall clock. */
  now: string | null | undefined;
  platforms?: string[];
  langs?: string[];
  showBucket?: boolean;
}) => {
  const { t } = useTranslation();
  const id = useId();
  const preset = (ms: number, bucket: Bucket) => {
    const end = now ? new Date(now) : new Date();
    onChange({ ...value, from: new Date(end.getTime() - ms).toISOString(), to: end.toISOString(), bucket });
  };
  return (
    <form className="period" aria-label={t('filters.period')} onSubmit={(e) => e.preventDefault()}>
      <div className="presets" role="group" aria-label={t('filters.period')}>
        {PRESETS.map((p) => (
          <button key={p.key} type="button" onClick={() => preset(p.ms, p.bucket)}>
            {t(`filters.${p.key}`)}
          </button>
        ))}
        <button type="button" onClick={() => onChange({ ...value, from: undefined, to: undefined })}>
          {t('filters.everything')}
        </button>
      </div>
      <label htmlFor={`${id}-from`}>{t('filters.from')}</label>
      <input
        id={`${id}-from`}
        type="datetime-local"
        value={toInput(value.from)}
        onChange={(e) => onChange({ ...value, from: fromInput(e.target.value) })}
      />
      <label htmlFor={`${id}-to`}>{t('filters.to')}</label>
      <input
        id={`${id}-to`}
        type="datetime-local"
        value={toInput(value.to)}
        onChange={(e) => onChange({ ...value, to: fromInput(e.target.value) })}
      />
      {showBucket ? (
        <>
          <label htmlFor={`${id}-bucket`}>{t('filters.bucket')}</label>
          <select
            id={`${id}-bucket`}
            value={value.bucket ?? 'hour'}
            onChange={(e) => onChange({ ...value, bucket: e.target.value as Bucket })}
          >
            {BUCKETS.map((b) => (
              <option key={b} value={b}>
                {t(`filters.${b}`)}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <ChoiceFilter
        id={`${id}-platform`}
        label={t('filters.platform')}
        value={value.platform}
        choices={platforms}
        onChange={(platform) => onChange({ ...value, platform })}
      />
      <ChoiceFilter
        id={`${id}-lang`}
        label={t('filters.lang')}
        value={value.lang}
        choices={langs}
        onChange={(lang) => onChange({ ...value, lang })}
      />
    </form>
  );
};
