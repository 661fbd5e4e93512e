import { useTranslation } from 'react-i18next';
import { api, itemsOf } from '../api';
import { DataTable, hashtagColumns } from '../components/data-table';
import { PeriodBar, usePeriod } from '../components/period';
import { Loadable, RolePage } from '../components/ui';
import { useFormat } from '../format';
import { useApi } from '../use-api';

const HashtagsBody = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [period, setPeriod] = usePeriod();
  const state = useApi(JSON.stringify(period), (signal) => api.hashtags(period, signal));
  return (
    <>
      <PeriodBar value={period} onChange={setPeriod} now={undefined} showBucket={false} />
      <Loadable state={state} isEmpty={(d) => !itemsOf(d).length}>
        {(d) => (
          <DataTable
            testId="hashtags"
            rows={itemsOf(d)}
            rowKey={(h) => h.key}
            columns={hashtagColumns(t, fmt)}
          />
        )}
      </Loadable>
    </>
  );
};

export const HashtagsPage = () => {
  const { t } = useTranslation();
  return (
    <RolePage title={t('hashtags.title')} role="viewer">
      <HashtagsBody />
    </RolePage>
  );
};
