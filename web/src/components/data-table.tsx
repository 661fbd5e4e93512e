import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { CampaignSummary, TopHashtag } from '../api-types';
import type { Formatters } from '../format';

export interface Column<T> {
  header: ReactNode;
  cell(row: T): ReactNode;
  /** Right-aligned figures (`td.num`). */
  num?: boolean;
}

export const TableHead = ({ headers }: { headers: ReactNode[] }) => (
  <thead>
    <tr>
      {headers.map((h, i) => (
        <th scope="col" key={i}>
          {h}
        </th>
      ))}
    </tr>
  </thead>
);

/** A plain table: one header per column, one row per item. */
export const DataTable = <T,>({
  rows,
  columns,
  rowKey,
  testId,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey(row: T): string;
  testId?: string;
}) => (
  <table data-testid={testId}>
    <TableHead headers={columns.map((c) => c.header)} />
    <tbody>
      {rows.map((r) => (
        <tr key={rowKey(r)}>
          {columns.map((c, i) => (
            <td key={i} className={c.num ? 'num' : undefined}>
              {c.cell(r)}
            </td>
          ))}
        </tr>
      ))}
    </tbody>
  </table>
);

// Columns shown both on a list page and in the overview's top-N panels.

export const hashtagColumns = (t: TFunction, fmt: Formatters): Column<TopHashtag>[] => [
  {
    header: t('table.hashtag'),
    cell: (h) => (
      <Link to={`/hashtags/${encodeURIComponent(h.key)}`}>
        <bdi>#{h.display}</bdi>
      </Link>
    ),
  },
  { header: t('table.posts'), cell: (h) => fmt.num(h.posts), num: true },
  { header: t('table.flaggedShare'), cell: (h) => fmt.pct(h.flagged_share), num: true },
];

export const campaignColumns = (
  t: TFunction,
  fmt: Formatters,
  { times = false }: { times?: boolean } = {},
): Column<CampaignSummary>[] => [
  {
    header: t('table.campaign'),
    cell: (c) => <Link to={`/campaigns/${encodeURIComponent(c.id)}`}>{c.id}</Link>,
  },
  { header: t('table.kind'), cell: (c) => c.kind },
  { header: t('table.accounts'), cell: (c) => fmt.num(c.accounts), num: true },
  { header: t('table.posts'), cell: (c) => fmt.num(c.posts), num: true },
  { header: t('table.extremistShare'), cell: (c) => fmt.pct(c.extremist_share), num: true },
  ...(times
    ? [
        { header: t('table.firstAt'), cell: (c: CampaignSummary) => fmt.dateTime(c.first_at) },
        { header: t('table.lastAt'), cell: (c: CampaignSummary) => fmt.dateTime(c.last_at) },
      ]
    : []),
];
