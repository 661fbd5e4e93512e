import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Loadable, Panel, RolePage, Status } from '../components/ui';
import { useFormat, type Formatters } from '../format';
import { useApi } from '../use-api';

// Actions and appeals carry server time, so the default period is the last 30 days of the wall clock.
const DAY = 24 * 3600_000;
const dayInput = (d: Date) => d.toISOString().slice(0, 10);

const Counts = ({
  title,
  counts,
  fmt,
  label,
}: {
  title: string;
  counts: Record<string, number>;
  fmt: Formatters;
  label?: (k: string) => string;
}) => {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return (
    <Panel title={title}>
      {entries.length ? (
        <table>
          <tbody>
            {entries.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{label ? label(k) : k}</th>
                <td className="num">{fmt.num(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Status empty />
      )}
    </Panel>
  );
};

const Card = ({ label, children }: { label: string; children: ReactNode }) => (
  <li className="card">
    <span className="card-label">{label}</span>
    <span className="card-value">{children}</span>
  </li>
);

const TransparencyBody = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const [from, setFrom] = useState(() => dayInput(new Date(Date.now() - 30 * DAY)));
  const [to, setTo] = useState(() => dayInput(new Date(Date.now() + DAY)));
  const fromIso = `${from}T00:00:00.000Z`;
  const toIso = `${to}T00:00:00.000Z`;
  const state = useApi(`transparency:${from}:${to}`, (signal) => api.transparency(fromIso, toIso, signal));
  return (
    <>
      <div className="row no-print">
        <label htmlFor={`${id}-from`}>{t('filters.from')}</label>
        <input
          id={`${id}-from`}
          type="date"
          value={from}
          onChange={(e) => e.target.value && setFrom(e.target.value)}
        />
        <label htmlFor={`${id}-to`}>{t('filters.to')}</label>
        <input
          id={`${id}-to`}
          type="date"
          value={to}
          onChange={(e) => e.target.value && setTo(e.target.value)}
        />
        <button type="button" onClick={() => window.print()}>
          {t('transparency.print')}
        </button>
      </div>
      <Loadable state={state}>
        {(r) => (
          <article className="report" data-testid="transparency">
            <p>
              {fmt.date(r.period.from)} – {fmt.date(r.period.to)}
            </p>
            <ul className="cards">
              <Card label={t('transparency.actions')}>{fmt.num(r.actions.total)}</Card>
              <Card label={t('transparency.proactiveShare')}>{fmt.pct(r.proactiveShare)}</Card>
              <Card label={t('transparency.median')}>
                {r.medianHoursFirstPostToAction === null
                  ? '—'
                  : t('transparency.hours', { n: fmt.num(r.medianHoursFirstPostToAction, 1) })}
              </Card>
              <Card label={t('transparency.recreations')}>{fmt.num(r.recreationsCaught)}</Card>
              <Card label={t('transparency.overturnRate')}>{fmt.pct(r.appeals.overturnRate)}</Card>
            </ul>
            <div className="grid2">
              <Counts title={t('transparency.byType')} counts={r.actions.byType} fmt={fmt} />
              <Counts
                title={t('transparency.byReason')}
                counts={r.actions.byReason}
                fmt={fmt}
                label={(k) => t(`reason.${k}`, { defaultValue: k })}
              />
              <Counts title={t('transparency.byPlatform')} counts={r.actions.byPlatform} fmt={fmt} />
              <Counts title={t('transparency.foundBy')} counts={r.foundBy} fmt={fmt} />
              <Counts
                title={t('transparency.appeals')}
                counts={{
                  [t('transparency.filed')]: r.appeals.filed,
                  [t('transparency.decided')]: r.appeals.decided,
                  [t('transparency.overturned')]: r.appeals.overturned,
                }}
                fmt={fmt}
              />
            </div>
          </article>
        )}
      </Loadable>
    </>
  );
};

export const TransparencyPage = () => {
  const { t } = useTranslation();
  return (
    <RolePage title={t('transparency.title')} role="viewer">
      <TransparencyBody />
    </RolePage>
  );
};
