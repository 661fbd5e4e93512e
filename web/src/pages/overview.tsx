import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { SERIES_KEYS, type ChangePoint, type Overview, type Point, type SeriesKey } from '../api-types';
import { breakdownColumns, breakdownRows } from '../components/breakdown';
import { Chart } from '../components/chart';
import { campaignColumns, DataTable, hashtagColumns, TableHead } from '../components/data-table';
import { timeSeriesOption, type LineSeries } from '../components/chart-options';
import { PeriodBar, usePeriod } from '../components/period';
import { Loadable, Panel, RolePage, Status } from '../components/ui';
import { useFormat, type Formatters } from '../format';
import { useApi } from '../use-api';

const ACTIVITY: SeriesKey[] = ['posts', 'flagged_posts'];
const ACCOUNTS: SeriesKey[] = ['active_flagged_accounts', 'new_accounts', 'suspensions', 'recreations'];
const ENGAGEMENT: SeriesKey[] = ['flagged_engagement'];

const textOf = (v: string | string[] | undefined): string[] =>
  (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s.trim() !== '');

/** Change points become marked areas (a silence of two days) or lines (a jump) on their metric. */
const marks = (points: ChangePoint[], metric: SeriesKey, lang: string) => {
  const mine = points.filter((p) => p.metric === metric);
  const text = (p: ChangePoint) => (lang === 'ar' ? p.text_ar : p.text_en);
  const areas = mine.filter((p) => p.until).map((p) => [{ xAxis: p.at, name: text(p) }, { xAxis: p.until }]);
  const lines = mine.filter((p) => !p.until).map((p) => ({ xAxis: p.at, name: text(p) }));
  return {
    ...(areas.length ? { markArea: { silent: false, itemStyle: { opacity: 0.12 }, data: areas } } : {}),
    ...(lines.length
      ? {
          markLine: {
            symbol: 'none',
            label: { formatter: '{b}' },
            lineStyle: { type: 'dashed' },
            data: lines,
          },
        }
      : {}),
  };
};

const seriesFor = (o: Overview, keys: SeriesKey[], t: (k: string) => string, lang: string): LineSeries[] =>
  keys.map((k) => ({
    name: t(`metric.${k}`),
    data: (o.series[k] ?? []) as Point[],
    area: k === 'flagged_posts',
    ...marks(o.change_points ?? [], k, lang),
  }));

const Totals = ({ o, fmt }: { o: Overview; fmt: Formatters }) => {
  const { t } = useTranslation();
  return (
    <ul className="cards" aria-label={t('overview.comparison')}>
      {SERIES_KEYS.map((k) => {
        const change = o.change?.[k];
        return (
          <li key={k} className="card" data-metric={k}>
            <span className="card-label">{t(`metric.${k}`)}</span>
            <span className="card-value" data-value={o.totals[k] ?? ''}>
              {fmt.num(o.totals[k])}
            </span>
            <span
              className={`card-change ${typeof change === 'number' ? (change < 0 ? 'down' : 'up') : ''}`}
              title={t('overview.vsPrevious')}
            >
              {fmt.change(change)} <span className="muted">{t('overview.vsPrevious')}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
};

const Breakdown = ({ title, data, fmt }: { title: string; data: unknown; fmt: Formatters }) => {
  const { t } = useTranslation();
  const rows = breakdownRows(data);
  const cols = breakdownColumns(rows);
  return (
    <Panel title={title}>
      {rows.length ? (
        // Seven metrics may not fit a narrow screen: the table scrolls (focusable, so keyboards can too).
        <div className="scroll" tabIndex={0} role="region" aria-label={title}>
          <table>
            <TableHead
              headers={[t('table.key'), ...cols.map((c) => t(`metric.${c}`, { defaultValue: c }))]}
            />
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.key}</th>
                  {cols.map((c) => (
                    <td key={c} className="num">
                      {fmt.num(r.values[c])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Status empty />
      )}
    </Panel>
  );
};

const OverviewBody = () => {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const [period, setPeriod] = usePeriod();
  const key = JSON.stringify(period);
  const state = useApi(key, (signal) => api.overview(period, signal));
  const o = state.data;

  const charts = useMemo(() => {
    if (!o) return null;
    const opts = { bucket: o.bucket };
    return {
      activity: timeSeriesOption(seriesFor(o, ACTIVITY, t, i18n.language), fmt, opts),
      accounts: timeSeriesOption(seriesFor(o, ACCOUNTS, t, i18n.language), fmt, opts),
      engagement: timeSeriesOption(seriesFor(o, ENGAGEMENT, t, i18n.language), fmt, opts),
    };
  }, [o, t, i18n.language, fmt]);

  const platforms = breakdownRows(o?.by_platform).map((r) => r.key);
  const langs = breakdownRows(o?.by_lang).map((r) => r.key);
  const comparison = textOf(i18n.language === 'ar' ? o?.comparison_text?.ar : o?.comparison_text?.en);

  return (
    <>
      <PeriodBar value={period} onChange={setPeriod} now={o?.now} platforms={platforms} langs={langs} />
      {o ? (
        <p className="muted" data-testid="stream-time">
          {fmt.dateTime(o.from)} – {fmt.dateTime(o.to)} · {t('app.streamTime', { time: fmt.dateTime(o.now) })}
        </p>
      ) : null}
      <Loadable state={state}>
        {(o) =>
          charts ? (
            <>
              <Totals o={o} fmt={fmt} />
              {comparison.length ? (
                <Panel title={t('overview.comparison')}>
                  <ul className="sentences" data-testid="comparison">
                    {comparison.map((s, i) => (
                      <li key={i}>{s}</li>
                    ))}
                  </ul>
                </Panel>
              ) : null}
              <div className="grid2">
                <Panel title={t('overview.activity')}>
                  <Chart id="overview-activity" option={charts.activity} label={t('overview.activity')} />
                </Panel>
                <Panel title={t('overview.accounts')}>
                  <Chart id="overview-accounts" option={charts.accounts} label={t('overview.accounts')} />
                </Panel>
                <Panel title={t('overview.engagement')}>
                  <Chart
                    id="overview-engagement"
                    option={charts.engagement}
                    label={t('overview.engagement')}
                  />
                </Panel>
                <Panel title={t('overview.changePoints')}>
                  {o.change_points?.length ? (
                    <ul className="sentences" data-testid="change-points">
                      {o.change_points.map((c, i) => (
                        <li key={i}>
                          <time dateTime={c.at}>{fmt.dateTime(c.at)}</time> —{' '}
                          {i18n.language === 'ar' ? c.text_ar : c.text_en}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <Status empty />
                  )}
                </Panel>
              </div>
              <div className="grid2">
                <Panel title={t('overview.topHashtags')}>
                  <DataTable
                    rows={o.top_hashtags ?? []}
                    rowKey={(h) => h.key}
                    columns={hashtagColumns(t, fmt)}
                  />
                </Panel>
                <Panel title={t('overview.topCampaigns')}>
                  <DataTable
                    rows={o.top_campaigns ?? []}
                    rowKey={(c) => c.id}
                    columns={campaignColumns(t, fmt)}
                  />
                </Panel>
              </div>
              <Breakdown title={t('overview.byPlatform')} data={o.by_platform} fmt={fmt} />
              <Breakdown title={t('overview.byLang')} data={o.by_lang} fmt={fmt} />
            </>
          ) : null
        }
      </Loadable>
    </>
  );
};

export const OverviewPage = () => {
  const { t } = useTranslation();
  return (
    <RolePage title={t('overview.title')} role="viewer">
      <OverviewBody />
    </RolePage>
  );
};
