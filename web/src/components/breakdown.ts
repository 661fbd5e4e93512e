// by_platform / by_lang of the overview: accepted as `{key: number | {metric: number}}` or as
// `[{key|platform|lang, ...metrics}]`; turned into rows of numeric columns.

export interface BreakdownRow {
  key: string;
  values: Record<string, number>;
}

const numbers = (o: Record<string, unknown>): Record<string, number> =>
  Object.fromEntries(Object.entries(o).filter((e): e is [string, number] => typeof e[1] === 'number'));

export const breakdownRows = (v: unknown): BreakdownRow[] => {
  if (Array.isArray(v))
    return v
      .filter((x): x is Record<string, unknown> => !!x && typeof x === 'object')
      .map((x) => ({
        key: String(x['key'] ?? x['platform'] ?? x['lang'] ?? x['name'] ?? '?'),
        values: numbers(x),
      }));
  if (v && typeof v === 'object')
    return Object.entries(v as Record<string, unknown>).map(([key, x]) => ({
      key,
      values:
        typeof x === 'number'
          ? { posts: x }
          : x && typeof x === 'object'
            ? numbers(x as Record<string, unknown>)
            : {},
    }));
  return [];
};

export const breakdownColumns = (rows: BreakdownRow[]): string[] => {
  const cols = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.values)) cols.add(k);
  return [...cols];
};
