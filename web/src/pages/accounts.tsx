import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, itemsOf } from '../api';
import { DataTable } from '../components/data-table';
import { Loadable, RiskBadge, RolePage } from '../components/ui';
import { useApi } from '../use-api';

const AccountsBody = () => {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const id = useId();
  const state = useApi(`accounts:${q}`, (signal) => api.accounts(q, signal), { live: false });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(text.trim() ? { q: text.trim() } : {});
  };
  return (
    <>
      <form role="search" className="row" onSubmit={submit}>
        <label htmlFor={id}>{t('accounts.search')}</label>
        <input
          id={id}
          type="search"
          value={text}
          placeholder={t('accounts.searchPlaceholder')}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit">{t('accounts.search')}</button>
      </form>
      <Loadable state={state} isEmpty={(d) => !itemsOf(d).length}>
        {(d) => (
          <DataTable
            testId="accounts"
            rows={itemsOf(d)}
            rowKey={(a) => `${a.platform}:${a.id}`}
            columns={[
              {
                header: t('table.account'),
                cell: (a) => (
                  <Link to={`/accounts/${encodeURIComponent(a.platform)}/${encodeURIComponent(a.id)}`}>
                    <bdi>{a.name ?? a.id}</bdi>
                  </Link>
                ),
              },
              { header: t('table.handle'), cell: (a) => <bdi>{a.handle ? `@${a.handle}` : '—'}</bdi> },
              { header: t('table.platform'), cell: (a) => a.platform },
              { header: t('table.risk'), cell: (a) => <RiskBadge risk={a.risk} /> },
              { header: t('table.label'), cell: (a) => a.label ?? '—' },
            ]}
          />
        )}
      </Loadable>
    </>
  );
};

export const AccountsPage = () => {
  const { t } = useTranslation();
  return (
    <RolePage title={t('accounts.title')} role="viewer">
      <AccountsBody />
    </RolePage>
  );
};
