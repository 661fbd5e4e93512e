import { useTranslation } from 'react-i18next';
import { api, itemsOf } from '../api';
import { campaignColumns, DataTable } from '../components/data-table';
import { Loadable, RolePage } from '../components/ui';
import { useFormat } from '../format';
import { useApi } from '../use-api';

const CampaignsBody = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const state = useApi('campaigns', (signal) => api.campaigns(signal));
  return (
    <Loadable state={state} isEmpty={(d) => !itemsOf(d).length}>
      {(d) => (
        <DataTable
          testId="campaigns"
          rows={itemsOf(d)}
          rowKey={(c) => c.id}
          columns={campaignColumns(t, fmt, { times: true })}
        />
      )}
    </Loadable>
  );
};

export const CampaignsPage = () => {
  const { t } = useTranslation();
  return (
    <RolePage title={t('campaigns.title')} role="viewer">
      <CampaignsBody />
    </RolePage>
  );
};
