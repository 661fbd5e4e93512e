import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { Appeal } from '../api-types';
import { TableHead } from '../components/data-table';
import { Loadable, RolePage } from '../components/ui';
import { useFormat } from '../format';
import { useApi } from '../use-api';

const AppealRow = ({ appeal, onDone }: { appeal: Appeal; onDone(msg: string): void }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [note, setNote] = useState('');
  const id = useId();
  const decide = async (decision: 'uphold' | 'overturn') => {
    try {
      await api.decideAppeal(appeal.id, decision, note || undefined);
      onDone(`${appeal.id}: ${t(`appeals.${decision}`)}`);
    } catch (err) {
      onDone(t('app.error', { message: err instanceof Error ? err.message : String(err) }));
    }
  };
  return (
    <tr>
      <td>{appeal.id}</td>
      <td>{fmt.dateTime(appeal.createdAt)}</td>
      <td>
        <bdi>{appeal.statement}</bdi>
      </td>
      <td>{appeal.status}</td>
      <td>
        {appeal.status === 'open' ? (
          <div className="row">
            <label htmlFor={id} className="visually-hidden">
              {t('queue.note')}
            </label>
            <input
              id={id}
              value={note}
              placeholder={t('queue.note')}
              onChange={(e) => setNote(e.target.value)}
            />
            <button type="button" onClick={() => void decide('uphold')}>
              {t('appeals.uphold')}
            </button>
            <button type="button" onClick={() => void decide('overturn')}>
              {t('appeals.overturn')}
            </button>
          </div>
        ) : null}
      </td>
    </tr>
  );
};

const AppealsBody = () => {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const state = useApi('appeals', (signal) => api.appeals(undefined, signal));
  return (
    <>
      <p className="status" role="status">
        {message}
      </p>
      <Loadable state={state} isEmpty={(d) => !d.items.length}>
        {(d) => (
          <table>
            <TableHead
              headers={['id', t('table.time'), t('table.statement'), t('table.status'), t('table.decision')]}
            />
            <tbody>
              {d.items.map((a) => (
                <AppealRow
                  key={a.id}
                  appeal={a}
                  onDone={(m) => {
                    setMessage(m);
                    state.reload();
                  }}
                />
              ))}
            </tbody>
          </table>
        )}
      </Loadable>
    </>
  );
};

export const AppealsPage = () => {
  const { t } = useTranslation();
  return (
    <RolePage title={t('appeals.title')} role="moderator">
      <AppealsBody />
    </RolePage>
  );
};
