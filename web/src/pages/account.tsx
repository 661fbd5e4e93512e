import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import type { LineageEnd, LineageLink } from '../api-types';
import { Chart } from '../components/chart';
import { timeSeriesOption } from '../components/chart-options';
import { Highlighted, ngramsOf } from '../components/highlight';
import { TableHead } from '../components/data-table';
import { EvidenceList, Panel, RiskBadge, RolePage, Status } from '../components/ui';
import { useFormat } from '../format';
import { useApi } from '../use-api';

/** Orders lineage links into chains A → B → C (each link: an old account re-created as a new one). */
export const chains = (links: readonly LineageLink[]): LineageLink[][] => {
  const byFrom = new Map<string, LineageLink[]>();
  const targets = new Set<string>();
  for (const l of links) {
    byFrom.set(l.from.id, [...(byFrom.get(l.from.id) ?? []), l]);
    targets.add(l.to.id);
  }
  const out: LineageLink[][] = [];
  const seen = new Set<LineageLink>();
  const walk = (start: string, path: LineageLink[]) => {
    const next = (byFrom.get(start) ?? []).filter((l) => !seen.has(l));
    if (!next.length) {
      if (path.length) out.push(path);
      return;
    }
    for (const l of next) {
      seen.add(l);
      walk(l.to.id, [...path, l]);
    }
  };
  for (const from of byFrom.keys()) if (!targets.has(from)) walk(from, []);
  for (const l of links) if (!seen.has(l)) walk(l.from.id, []); // cycles
  return out;
};

const Lineage = ({ links, self }: { links: LineageLink[]; self: string }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const node = (end: LineageEnd) => {
    const name = <bdi>{end.handle ? `@${end.handle}` : end.id}</bdi>;
    return end.id === self ? (
      <strong>{name}</strong>
    ) : (
      <Link to={`/accounts/${encodeURIComponent(end.platform)}/${encodeURIComponent(end.id)}`}>{name}</Link>
    );
  };
  return (
    <ol className="lineage" data-testid="lineage">
      {chains(links).map((chain, i) => (
        <li key={i}>
          {node(chain[0]!.from)}
          {chain.map((l) => (
            <Fragment key={`${l.from.id}>${l.to.id}`}>
              <span className="arrow" aria-hidden="true">
                {fmt.rtl ? ' ← ' : ' → '}
              </span>
              {node(l.to)}
              <span className="linked-by">
                {' '}
                ({fmt.num(l.score, 2)}
                {l.at ? ` · ${fmt.dateTime(l.at)}` : ''})
              </span>
              <ul className="linked-by-list" aria-label={t('accounts.linkedBy')}>
                {l.linked_by.map((why, k) => (
                  <li key={k}>
                    <bdi>{why}</bdi>
                  </li>
                ))}
              </ul>
              <span></span>
            </Fragment>
          ))}
        </li>
      ))}
    </ol>
  );
};

const AccountBody = ({ platform, id }: { platform: string; id: string }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const {
    data: a,
    error,
    loading,
  } = useApi(`account:${platform}:${id}`, (signal) => api.account(platform, id, signal));
  const history = useMemo(
    () =>
      a
        ? timeSeriesOption([{ name: t('table.risk'), data: a.risk_history ?? [] }], fmt, {
            percentAxis: true,
          })
        : null,
    [a, t, fmt],
  );
  if (!a) return <Status loading={loading} error={error} />;
  const risk = { risk: a.risk?.risk ?? null, label: a.risk?.label ?? null };
  const p = a.profile;
  return (
    <>
      <dl className="facts">
        <dt>{t('table.handle')}</dt>
        <dd>
          <bdi>{p?.handle ? `@${p.handle}` : '—'}</bdi>
        </dd>
        <dt>{t('table.platform')}</dt>
        <dd>{a.platform}</dd>
        <dt>{t('table.risk')}</dt>
        <dd>
          <RiskBadge risk={risk.risk} /> {risk.label ?? ''}
        </dd>
        <dt>{t('accounts.followers')}</dt>
        <dd>{fmt.num(p?.followers)}</dd>
        <dt>{t('accounts.created')}</dt>
        <dd>{fmt.dateTime(p?.created_at)}</dd>
        {p?.bio ? (
          <>
            <dt>{t('accounts.bio')}</dt>
            <dd>
              <bdi>{p.bio}</bdi>
            </dd>
          </>
        ) : null}
      </dl>
      <div className="grid2">
        <Panel title={t('accounts.riskHistory')}>
          {history ? <Chart id="account-risk" option={history} label={t('accounts.riskHistory')} /> : null}
        </Panel>
        <Panel title={t('accounts.evidence')}>
          <EvidenceList items={a.evidence} />
        </Panel>
      </div>
      {a.campaigns?.length || a.enforcement?.length ? (
        <div className="grid2">
          <Panel title={t('campaigns.title')}>
            {a.campaigns?.length ? (
              <ul className="sentences">
                {a.campaigns.map((c) => (
                  <li key={c.id}>
                    <Link to={`/campaigns/${encodeURIComponent(c.id)}`}>
                      <bdi>{c.id}</bdi>
                    </Link>{' '}
                    ({c.kind}, {fmt.dateTime(c.last_at)})
                  </li>
                ))}
              </ul>
            ) : (
              <Status empty />
            )}
          </Panel>
          <Panel title={t('accounts.enforcement')}>
            {a.enforcement?.length ? (
              <ul className="sentences">
                {a.enforcement.map((e, i) => (
                  <li key={i}>
                    <time dateTime={e.at}>{fmt.dateTime(e.at)}</time> — {e.action}
                    {e.reason ? ` (${e.reason})` : ''}
                  </li>
                ))}
              </ul>
            ) : (
              <Status empty />
            )}
          </Panel>
        </div>
      ) : null}
      <Panel title={t('accounts.lineage')}>
        {a.lineage?.length ? <Lineage links={a.lineage} self={a.id} /> : <Status empty />}
      </Panel>
      <Panel title={t('accounts.posts')}>
        {a.posts?.length ? (
          <table className="posts" data-testid="posts">
            <TableHead headers={[t('table.time'), t('table.text'), t('table.label'), t('table.scores')]} />
            <tbody>
              {a.posts.map((post) => {
                const d = post.decision;
                return (
                  <tr key={post.id} className={d?.flagged ? 'flagged' : undefined}>
                    <td>
                      <time dateTime={post.created_at}>{fmt.dateTime(post.created_at)}</time>
                    </td>
                    <td lang={post.lang ?? undefined}>
                      {post.text ? (
                        <Highlighted
                          text={post.text}
                          ngrams={ngramsOf(d?.explanations.map((e) => e.ngram))}
                        />
                      ) : post.repost_of ? (
                        <span className="muted">↻ {post.repost_of}</span>
                      ) : null}
                      {d?.explanations.length ? (
                        <div className="explanations">
                          {d.explanations.map((e, i) => (
                            <code key={i}>
                              «<bdi>{e.ngram}</bdi>» {fmt.num(e.weight, 2)}
                            </code>
                          ))}
                        </div>
                      ) : null}
                    </td>
                    <td>
                      {d?.label ?? '—'}
                      {d?.flagged ? <span className="badge risk-high">{t('accounts.flagged')}</span> : null}
                    </td>
                    <td className="scores">
                      {Object.entries(d?.scores ?? {}).map(([k, v]) => (
                        <span key={k}>
                          {k} {fmt.num(v, 2)}
                        </span>
                      ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <Status empty />
        )}
      </Panel>
    </>
  );
};

export const AccountPage = () => {
  const { t } = useTranslation();
  const { platform = '', id = '' } = useParams();
  return (
    <RolePage
      title={
        <>
          {t('table.account')}: <bdi>{id}</bdi>
        </>
      }
      role="viewer"
    >
      <AccountBody platform={platform} id={id} />
    </RolePage>
  );
};
