import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import {
  ITEM_KINDS,
  ITEM_STATUSES,
  REASON_CODES,
  type Decision,
  type QueueItem,
  type ReasonCode,
} from '../api-types';
import { ItemSubject } from '../components/item-subject';
import { TableHead } from '../components/data-table';
import { EvidenceList, Panel, RiskBadge, RolePage, Status } from '../components/ui';
import { useFormat } from '../format';
import { hasRole, useSession } from '../session';
import { useApi } from '../use-api';

/** The reason a decision gets unless the reviewer picks one. */
export const defaultReason = (item: QueueItem, decision: Decision): ReasonCode => {
  if (decision === 'escalate') return 'other';
  if (decision === 'dismiss') return item.label === 'news' ? 'news_or_counter_speech' : 'not_violating';
  if (item.kind === 'evasion') return 'ban_evasion';
  if (item.kind === 'campaign') return 'coordinated_campaign';
  return 'propaganda';
};

const FILTERS = ['kind', 'status', 'platform', 'lang', 'label', 'riskMin'] as const;

const subjectLink = (item: QueueItem): string | null => {
  if (item.kind === 'campaign') return `/campaigns/${encodeURIComponent(item.subjectId)}`;
  const account = item.kind === 'post' ? item.accountId : item.subjectId;
  return account ? `/accounts/${encodeURIComponent(item.platform)}/${encodeURIComponent(account)}` : null;
};

const typing = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName));

const QueueBody = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const ids = useId();
  const { who } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f: Record<string, string> = {};
    for (const k of FILTERS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    f['status'] ??= 'open';
    return f;
  }, [params]);
  const key = JSON.stringify(filters);
  const { data, error, loading, reload } = useApi(`queue:${key}`, (signal) =>
    api.queue({ ...filters, limit: 100 }, signal),
  );
  const [decided, setDecided] = useState<Set<string>>(new Set());
  const items = useMemo(() => (data?.items ?? []).filter((i) => !decided.has(i.id)), [data, decided]);
  const [current, setCurrent] = useState<string | null>(params.get('item'));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState<ReasonCode | ''>('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const rows = useRef<Map<string, HTMLTableRowElement>>(new Map());
  const canDecideNow = useRef(false);
  canDecideNow.current = hasRole(who, 'moderator');

  const index = Math.max(
    0,
    items.findIndex((i) => i.id === current),
  );
  const item = items[index];

  useEffect(() => {
    if (item) rows.current.get(item.id)?.scrollIntoView({ block: 'nearest' });
  }, [item]);

  const move = useCallback(
    (delta: number) => {
      const next = items[Math.min(items.length - 1, Math.max(0, index + delta))];
      if (next) setCurrent(next.id);
    },
    [items, index],
  );

  const decide = useCallback(
    async (targets: QueueItem[], decision: Decision) => {
      if (!targets.length) return;
      const done: string[] = [];
      const failures: string[] = [];
      for (const it of targets) {
        try {
          await api.decide(it.id, decision, reason || defaultReason(it, decision), note || undefined);
          done.push(it.id);
        } catch (err) {
          failures.push(`${it.id}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      // Move on to the item after the last decided one before the list shrinks.
      const last = items.findIndex((i) => i.id === targets[targets.length - 1]!.id);
      const after = items.slice(last + 1).find((i) => !done.includes(i.id));
      setDecided((s) => new Set([...s, ...done]));
      setSelected(new Set());
      setNote('');
      setCurrent(after?.id ?? null);
      setMessage(
        [
          ...done.map((id) => t('queue.decided', { id, decision: t(`queue.${decision}`) })),
          ...failures.map((f) => t('app.error', { message: f })),
        ].join(' · '),
      );
      reload();
    },
    [items, reason, note, reload, t],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || !canDecideNow.current) return;
      const act: Record<string, () => void> = {
        j: () => move(1),
        n: () => move(1),
        ArrowDown: () => move(1),
        k: () => move(-1),
        ArrowUp: () => move(-1),
        c: () => item && void decide([item], 'confirm'),
        d: () => item && void decide([item], 'dismiss'),
        e: () => item && void decide([item], 'escalate'),
        x: () =>
          item &&
          setSelected((s) => {
            const next = new Set(s);
            if (next.has(item.id)) next.delete(item.id);
            else next.add(item.id);
            return next;
          }),
      };
      const f = act[e.key];
      if (f) {
        e.preventDefault();
        f();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move, decide, item]);

  const setFilter = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('item');
    setParams(next);
  };

  const canDecide = hasRole(who, 'moderator');
  const selectedItems = items.filter((i) => selected.has(i.id));
  return (
    <>
      <p className="hint" id={`${ids}-keys`}>
        {t('queue.keys')}
      </p>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('filters.period')}>
        <label htmlFor={`${ids}-kind`}>{t('queue.kind')}</label>
        <select
          id={`${ids}-kind`}
          value={filters['kind'] ?? ''}
          onChange={(e) => setFilter('kind', e.target.value)}
        >
          <option value="">{t('filters.all')}</option>
          {ITEM_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`values.${k}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-status`}>{t('queue.status')}</label>
        <select
          id={`${ids}-status`}
          value={filters['status'] ?? ''}
          onChange={(e) => setFilter('status', e.target.value)}
        >
          {ITEM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`values.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-platform`}>{t('filters.platform')}</label>
        <input
          id={`${ids}-platform`}
          value={filters['platform'] ?? ''}
          onChange={(e) => setFilter('platform', e.target.value)}
          size={10}
        />
        <label htmlFor={`${ids}-lang`}>{t('filters.lang')}</label>
        <input
          id={`${ids}-lang`}
          value={filters['lang'] ?? ''}
          onChange={(e) => setFilter('lang', e.target.value)}
          size={4}
        />
        <label htmlFor={`${ids}-risk`}>{t('queue.riskMin')}</label>
        <input
          id={`${ids}-risk`}
          type="number"
          min={0}
          max={1}
          step={0.05}
          value={filters['riskMin'] ?? ''}
          onChange={(e) => setFilter('riskMin', e.target.value)}
        />
      </form>
      <div className="row decide-bar" hidden={!canDecide}>
        <label htmlFor={`${ids}-reason`}>{t('queue.reason')}</label>
        <select
          id={`${ids}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value as ReasonCode | '')}
        >
          <option value="">—</option>
          {REASON_CODES.map((r) => (
            <option key={r} value={r}>
              {t(`reason.${r}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-note`}>{t('queue.note')}</label>
        <input id={`${ids}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
        <button type="button" disabled={!item} onClick={() => item && void decide([item], 'confirm')}>
          {t('queue.confirm')} <kbd>c</kbd>
        </button>
        <button type="button" disabled={!item} onClick={() => item && void decide([item], 'dismiss')}>
          {t('queue.dismiss')} <kbd>d</kbd>
        </button>
        <button type="button" disabled={!item} onClick={() => item && void decide([item], 'escalate')}>
          {t('queue.escalate')} <kbd>e</kbd>
        </button>
        <span>{t('queue.selected', { count: selected.size })}</span>
        <button type="button" disabled={!selected.size} onClick={() => void decide(selectedItems, 'confirm')}>
          {t('queue.bulkConfirm')}
        </button>
        <button type="button" disabled={!selected.size} onClick={() => void decide(selectedItems, 'dismiss')}>
          {t('queue.bulkDismiss')}
        </button>
      </div>
      <p className="status" role="status" aria-live="polite" data-testid="queue-message">
        {message}
      </p>
      <Status loading={loading && !data} error={error} />
      {data && !items.length ? <p className="status">{t('queue.empty')}</p> : null}
      <div className="queue">
        {items.length ? (
          <table className="queue-list" aria-describedby={`${ids}-keys`} data-testid="queue">
            <TableHead
              headers={[
                t('table.select'),
                t('table.kind'),
                t('table.subject'),
                t('table.risk'),
                t('table.reach'),
                t('table.reporters'),
                t('table.status'),
              ]}
            />
            <tbody>
              {items.map((it) => (
                <tr
                  key={it.id}
                  ref={(el) => {
                    if (el) rows.current.set(it.id, el);
                    else rows.current.delete(it.id);
                  }}
                  className={it.id === item?.id ? 'current' : undefined}
                  aria-current={it.id === item?.id ? 'true' : undefined}
                  data-item={it.id}
                  onClick={() => setCurrent(it.id)}
                >
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${t('table.select')} ${it.id}`}
                      checked={selected.has(it.id)}
                      onChange={(e) =>
                        setSelected((s) => {
                          const next = new Set(s);
                          if (e.target.checked) next.add(it.id);
                          else next.delete(it.id);
                          return next;
                        })
                      }
                    />
                  </td>
                  <td>{t(`values.${it.kind}`)}</td>
                  <td>
                    <bdi>{it.subjectId}</bdi>
                  </td>
                  <td>
                    <RiskBadge risk={it.risk} />
                  </td>
                  <td className="num">{fmt.num(it.reach)}</td>
                  <td className="num">{fmt.num(it.reporters)}</td>
                  <td>{t(`values.${it.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {item ? (
          <Panel title={item.id} id={`${ids}-detail`}>
            <dl className="facts">
              <dt>{t('table.kind')}</dt>
              <dd>{t(`values.${item.kind}`)}</dd>
              <dt>{t('table.platform')}</dt>
              <dd>{item.platform}</dd>
              <dt>{t('table.label')}</dt>
              <dd>{item.label ?? '—'}</dd>
              <dt>{t('table.risk')}</dt>
              <dd>
                <RiskBadge risk={item.risk} />
              </dd>
              <dt>{t('table.origin')}</dt>
              <dd>{t(`values.${item.origin}`, { defaultValue: item.origin })}</dd>
              <dt>{t('table.time')}</dt>
              <dd>{fmt.dateTime(item.sourceAt)}</dd>
            </dl>
            <ItemSubject item={item} />
            {subjectLink(item) ? <Link to={subjectLink(item)!}>{t('queue.openSubject')}</Link> : null}
            <h3>{t('queue.evidence')}</h3>
            <EvidenceList items={item.evidence} />
          </Panel>
        ) : null}
      </div>
    </>
  );
};

export const QueuePage = () => {
  const { t } = useTranslation();
  return (
    <RolePage title={t('queue.title')} role="analyst">
      <QueueBody />
    </RolePage>
  );
};
