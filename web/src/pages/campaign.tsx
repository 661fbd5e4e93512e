import { GraphChart } from 'echarts/charts';
import { use as registerEcharts } from 'echarts/core';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import { REASON_CODES, type CampaignDetail, type Decision, type ReasonCode } from '../api-types';
import { Chart, type ChartOption } from '../components/chart';
import { timeSeriesOption } from '../components/chart-options';
import { EvidenceList, Panel, RolePage, Status } from '../components/ui';
import { useFormat, type Formatters } from '../format';
import { hasRole, useSession } from '../session';
import { useApi } from '../use-api';

// The force-directed graph is only drawn here: registered with this page's chunk.
registerEcharts([GraphChart]);

const RISK_COLOURS = ['#2e86c1', '#f1c40f', '#e67e22', '#c0392b'];

/** Risk 0…1 to a colour along RISK_COLOURS (grey when unscored). */
export const riskColour = (risk: number | null): string => {
  if (risk === null) return '#9aa0a6';
  const x = Math.min(1, Math.max(0, risk)) * (RISK_COLOURS.length - 1);
  const i = Math.min(RISK_COLOURS.length - 2, Math.floor(x));
  const hex = (c: string) => [1, 3, 5].map((k) => parseInt(c.slice(k, k + 2), 16));
  const [a, b] = [hex(RISK_COLOURS[i]!), hex(RISK_COLOURS[i + 1]!)];
  const f = x - i;
  return `rgb(${a.map((v, k) => Math.round(v + (b[k]! - v) * f)).join(', ')})`;
};

const graphOption = (c: CampaignDetail, fmt: Formatters): ChartOption => {
  const maxActivity = Math.max(1, ...c.graph.nodes.map((n) => n.activity));
  const maxWeight = Math.max(1, ...c.graph.edges.map((e) => e.weight));
  // Names only for the most active accounts: a label on every node of a dense network is unreadable.
  const labelled = new Set(
    [...c.graph.nodes]
      .sort((a, b) => b.activity - a.activity)
      .slice(0, 10)
      .map((n) => n.id),
  );
  return {
    tooltip: {
      formatter: (p: {
        dataType?: string;
        data?: { name?: string; activity?: number; risk?: number | null };
      }) =>
        p.dataType === 'node' && p.data
          ? `${p.data.name ?? ''}<br/>activity ${fmt.num(p.data.activity)} · risk ${fmt.num(p.data.risk ?? null, 2)}`
          : '',
    },
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        // Laid out before the first paint (no animation): what is shown is where the nodes stay.
        force: { repulsion: 450, edgeLength: [60, 180], gravity: 0.05, layoutAnimation: false },
        label: { position: 'right', fontSize: 11 },
        lineStyle: { opacity: 0.25, curveness: 0.1, color: '#8a94a6' },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
        data: c.graph.nodes.map((n) => ({
          id: n.id,
          name: n.handle ? `@${n.handle}` : n.id,
          activity: n.activity,
          risk: n.risk,
          value: n.activity,
          itemStyle: { color: riskColour(n.risk) },
          symbolSize: 6 + 22 * Math.sqrt(n.activity / maxActivity),
          label: { show: labelled.has(n.id) },
        })),
        links: c.graph.edges.map((e) => ({
          source: e.source,
          target: e.target,
          value: e.weight,
          lineStyle: { width: 0.5 + 3 * (e.weight / maxWeight) },
        })),
      },
    ],
  };
};

const BulkReview = ({ id }: { id: string }) => {
  const { t } = useTranslation();
  const [reason, setReason] = useState<ReasonCode>('coordinated_campaign');
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonId = useId();
  const run = async (decision: Decision) => {
    setBusy(true);
    try {
      const r = await api.bulkCampaign(id, decision, reason);
      setResult(t('campaigns.bulkDone', { decided: r.decided.length, skipped: r.skipped.length }));
    } catch (err) {
      setResult(t('app.error', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title={t('campaigns.bulk')}>
      <p className="hint">{t('campaigns.bulkHelp')}</p>
      <div className="row">
        <label htmlFor={reasonId}>{t('queue.reason')}</label>
        <select id={reasonId} value={reason} onChange={(e) => setReason(e.target.value as ReasonCode)}>
          {REASON_CODES.map((r) => (
            <option key={r} value={r}>
              {t(`reason.${r}`)}
            </option>
          ))}
        </select>
        <button type="button" disabled={busy} onClick={() => void run('confirm')}>
          {t('queue.confirm')}
        </button>
        <button type="button" disabled={busy} onClick={() => void run('dismiss')}>
          {t('queue.dismiss')}
        </button>
        <button type="button" disabled={busy} onClick={() => void run('escalate')}>
          {t('queue.escalate')}
        </button>
      </div>
      {result ? (
        <p className="status" role="status">
          {result}
        </p>
      ) : null}
    </Panel>
  );
};

const CampaignBody = ({ id }: { id: string }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { who } = useSession();
  const { data: c, error, loading } = useApi(`campaign:${id}`, (signal) => api.campaign(id, signal));
  const graph = useMemo(() => (c ? graphOption(c, fmt) : null), [c, fmt]);
  const timeline = useMemo(
    () =>
      c
        ? timeSeriesOption([{ name: t('table.posts'), data: c.timeline ?? [], area: true }], fmt, {
            bucket: c.timeline_bucket ?? 'hour',
          })
        : null,
    [c, fmt, t],
  );
  if (!c) return <Status loading={loading} error={error} />;
  const r = c;
  return (
    <>
      <dl className="facts">
        <dt>{t('table.kind')}</dt>
        <dd>{r.kind}</dd>
        <dt>{t('table.accounts')}</dt>
        <dd>{fmt.num(r.accounts)}</dd>
        <dt>{t('table.posts')}</dt>
        <dd>{fmt.num(r.posts)}</dd>
        <dt>{t('table.extremistShare')}</dt>
        <dd>{fmt.pct(r.extremist_share)}</dd>
        <dt>{t('table.firstAt')}</dt>
        <dd>{fmt.dateTime(r.first_at)}</dd>
        <dt>{t('table.lastAt')}</dt>
        <dd>{fmt.dateTime(r.last_at)}</dd>
        {c.queue_item ? (
          <>
            <dt>{t('campaigns.queueItem')}</dt>
            <dd>
              <Link to={`/queue?item=${encodeURIComponent(c.queue_item.id)}&status=${c.queue_item.status}`}>
                {c.queue_item.id}
              </Link>{' '}
              ({c.queue_item.status})
            </dd>
          </>
        ) : null}
        {r.hashtags?.length ? (
          <>
            <dt>{t('table.hashtag')}</dt>
            <dd>
              {r.hashtags.map((h) => (
                <bdi key={h} className="tag">
                  #{h}{' '}
                </bdi>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      <div className="grid2">
        <Panel title={t('campaigns.network')}>
          {graph ? (
            <Chart id="campaign-graph" option={graph} label={t('campaigns.network')} height={420} />
          ) : null}
          <p className="risk-scale">
            <span>{t('table.risk')}</span> <span>{fmt.num(0)}</span>
            <span
              className="gradient"
              style={{
                background: `linear-gradient(to ${fmt.rtl ? 'left' : 'right'}, ${RISK_COLOURS.join(', ')})`,
              }}
              aria-hidden="true"
            />
            <span>{fmt.num(1)}</span>
          </p>
          <ul className="node-links" aria-label={t('table.accounts')}>
            {c.graph.nodes.slice(0, 30).map((n) => (
              <li key={n.id}>
                <Link to={`/accounts/${encodeURIComponent(n.platform)}/${encodeURIComponent(n.id)}`}>
                  <bdi>{n.handle ? `@${n.handle}` : n.id}</bdi>
                </Link>
              </li>
            ))}
          </ul>
        </Panel>
        <Panel title={t('campaigns.timeline')}>
          {timeline ? (
            <Chart id="campaign-timeline" option={timeline} label={t('campaigns.timeline')} />
          ) : null}
        </Panel>
      </div>
      <Panel title={t('campaigns.evidence')}>
        <EvidenceList items={c.evidence} />
      </Panel>
      {c.bulk_review && hasRole(who, 'moderator') ? <BulkReview id={c.bulk_review.campaignId} /> : null}
    </>
  );
};

export const CampaignPage = () => {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <RolePage
      title={
        <>
          {t('table.campaign')}: {id}
        </>
      }
      role="viewer"
    >
      <CampaignBody id={id} />
    </RolePage>
  );
};
