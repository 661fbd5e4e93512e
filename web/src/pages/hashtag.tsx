import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import type { HashtagDetail, Point } from '../api-types';
import { Chart } from '../components/chart';
import { timeSeriesOption } from '../components/chart-options';
import { PeriodBar, usePeriod } from '../components/period';
import { Panel, RolePage, Status } from '../components/ui';
import { useFormat } from '../format';
import { useApi } from '../use-api';

// Volume: posts per bucket; dominance: the share of the hashtag's accounts that are flagged.
const volumeOf = (h: HashtagDetail): Point[] => h.series['posts'] ?? [];
const flaggedOf = (h: HashtagDetail): Point[] => h.series['flagged_posts'] ?? [];
const dominanceOf = (h: HashtagDetail): Point[] =>
  h.series['flagged_account_share'] ?? h.series['flagged_share'] ?? [];

const HashtagBody = ({ tagKey }: { tagKey: string }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [period, setPeriod] = usePeriod();
  const {
    data: h,
    error,
    loading,
  } = useApi(`${tagKey}:${JSON.stringify(period)}`, (signal) => api.hashtag(tagKey, period, signal));
  const option = useMemo(() => {
    if (!h) return null;
    const markers = h.markers ?? [];
    const kindName = (k: string) => t(`hashtags.${k}`, { defaultValue: k });
    return timeSeriesOption(
      [
        {
          name: t('hashtags.volume'),
          type: 'bar',
          data: volumeOf(h),
          // Raids and hijackings: a shaded span from start to end, or a line when there is no end.
          markArea: markers.some((m) => m.until)
            ? {
                itemStyle: { color: 'rgba(192, 57, 43, 0.15)' },
                label: { formatter: '{b}' },
                data: markers
                  .filter((m) => m.until)
                  .map((m) => [{ xAxis: m.at, name: kindName(m.kind) }, { xAxis: m.until }]),
              }
            : undefined,
          markLine: markers.some((m) => !m.until)
            ? {
                symbol: 'none',
                label: { formatter: '{b}' },
                lineStyle: { type: 'dashed', color: '#c0392b' },
                data: markers.filter((m) => !m.until).map((m) => ({ xAxis: m.at, name: kindName(m.kind) })),
              }
            : undefined,
        },
        { name: t('metric.flagged_posts'), type: 'bar', data: flaggedOf(h) },
        { name: t('hashtags.dominance'), data: dominanceOf(h), yAxisIndex: 1 },
      ],
      fmt,
      { bucket: h.bucket ?? period.bucket ?? 'hour' },
    );
  }, [h, t, fmt, period.bucket]);
  const tag = h?.display ?? tagKey;
  return (
    <>
      <PeriodBar value={period} onChange={setPeriod} now={undefined} />
      <Status loading={loading && !h} error={error} />
      {h && option ? (
        <>
          <Panel title={t('hashtags.chart', { tag: `#${tag}` })}>
            <Chart
              id="hashtag-series"
              option={option}
              label={t('hashtags.chart', { tag: `#${tag}` })}
              height={340}
            />
          </Panel>
          <Panel title={t('hashtags.markers')}>
            {h.markers?.length ? (
              <ul className="sentences">
                {h.markers.map((m, i) => (
                  <li key={i}>
                    <time dateTime={m.at}>{fmt.dateTime(m.at)}</time> —{' '}
                    {t(`hashtags.${m.kind}`, { defaultValue: m.kind })}
                    {m.campaign_id ? (
                      <>
                        {' '}
                        · <Link to={`/campaigns/${encodeURIComponent(m.campaign_id)}`}>{m.campaign_id}</Link>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <Status empty />
            )}
          </Panel>
        </>
      ) : null}
    </>
  );
};

export const HashtagPage = () => {
  const { t } = useTranslation();
  const { key = '' } = useParams();
  return (
    <RolePage
      title={
        <>
          {t('hashtags.title')}: <bdi>#{key}</bdi>
        </>
      }
      role="viewer"
    >
      <HashtagBody tagKey={key} />
    </RolePage>
  );
};
