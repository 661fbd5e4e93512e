import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { QueueItem } from '../api-types';
import { useFormat } from '../format';
import { useApi } from '../use-api';
import { Highlighted, ngramsOf } from './highlight';
import { RiskBadge } from './ui';

/**
 * What a reviewer decides on: the post itself (text with the classifier's n-grams marked) or the
 * account, read from the account page of the observatory API.
 */
export const ItemSubject = ({ item }: { item: QueueItem }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const accountId = item.kind === 'post' ? item.accountId : item.kind === 'campaign' ? null : item.subjectId;
  const { data: account } = useApi(
    accountId ? `subject:${item.platform}:${accountId}` : null,
    (signal) => api.account(item.platform, accountId!, signal),
    { live: false },
  );
  if (!account) return null;
  const post = item.kind === 'post' ? account.posts?.find((p) => p.id === item.subjectId) : undefined;
  return (
    <div className="subject" data-testid="item-subject">
      <p>
        <bdi>{account.profile?.name ?? account.id}</bdi>{' '}
        <bdi className="muted">{account.profile?.handle ? `@${account.profile.handle}` : ''}</bdi>{' '}
        <RiskBadge risk={account.risk?.risk} />
      </p>
      {post?.text ? (
        <blockquote lang={post.lang ?? undefined}>
          <Highlighted text={post.text} ngrams={ngramsOf(post.decision?.explanations.map((e) => e.ngram))} />
          <footer className="muted">
            <time dateTime={post.created_at}>{fmt.dateTime(post.created_at)}</time> · {t('table.label')}:{' '}
            {post.decision?.label ?? '—'}
          </footer>
        </blockquote>
      ) : null}
    </div>
  );
};
