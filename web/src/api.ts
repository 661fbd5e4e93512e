import { storedKey } from './auth';
import type {
  AccountDetail,
  AccountHit,
  Appeal,
  Bucket,
  CampaignDetail,
  CampaignSummary,
  Decision,
  HashtagDetail,
  Overview,
  Page,
  QueueItem,
  ReasonCode,
  TopHashtag,
  TransparencyReport,
  Whoami,
} from './api-types';

/** An API error in the server's stable format `{error: {code, message}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export const withQuery = (path: string, query: Query = {}): string => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
};

export const authHeaders = (): Record<string, string> => {
  const key = storedKey();
  return key ? { authorization: `Bearer ${key}` } : {};
};

declare global {
  interface Window {
    /** A request index.html started before the scripts loaded (the overview's data); used once. */
    __marsadPrefetch?: { url: string; response: Promise<Response> };
  }
}

/** The prefetched response for `url`, if index.html started exactly this request. */
const takePrefetched = (url: string): Promise<Response> | undefined => {
  const p = window.__marsadPrefetch;
  if (!p) return undefined;
  window.__marsadPrefetch = undefined;
  return p.url === url ? p.response : undefined;
};

export const request = async <T>(
  path: string,
  init: { method?: string; body?: unknown; query?: Query; signal?: AbortSignal } = {},
): Promise<T> => {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const url = withQuery(path, init.query);
  const prefetched = init.method === undefined || init.method === 'GET' ? takePrefetched(url) : undefined;
  const res = await (prefetched ??
    fetch(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
      signal: init.signal ?? null,
    }));
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? 'http_error',
      err?.message ?? `${res.status} ${res.statusText}`,
    );
  }
  return json as T;
};

/** List routes answer `{items}`; accept a bare array too. */
export const itemsOf = <T>(v: { items: T[] } | T[] | null | undefined): T[] =>
  Array.isArray(v) ? v : (v?.items ?? []);

export interface Period {
  from?: string | undefined;
  to?: string | undefined;
  bucket?: Bucket | undefined;
  platform?: string | undefined;
  lang?: string | undefined;
}

/** The typed client: one function per route the dashboard uses. */
export const api = {
  whoami: () => request<Whoami>('/v1/whoami'),
  overview: (p: Period, signal?: AbortSignal) =>
    request<Overview>('/v1/observe/overview', { query: { ...p }, signal }),
  hashtags: (p: Period, signal?: AbortSignal) =>
    request<{ items: TopHashtag[] } | TopHashtag[]>('/v1/observe/hashtags', { query: { ...p }, signal }),
  hashtag: (key: string, p: Period, signal?: AbortSignal) =>
    request<HashtagDetail>(`/v1/observe/hashtags/${encodeURIComponent(key)}`, { query: { ...p }, signal }),
  campaigns: (signal?: AbortSignal) =>
    request<{ items: CampaignSummary[] } | CampaignSummary[]>('/v1/observe/campaigns', { signal }),
  campaign: (id: string, signal?: AbortSignal) =>
    request<CampaignDetail>(`/v1/observe/campaigns/${encodeURIComponent(id)}`, { signal }),
  accounts: (q: string, signal?: AbortSignal) =>
    request<{ items: AccountHit[] } | AccountHit[]>('/v1/observe/accounts', { query: { q }, signal }),
  account: (platform: string, id: string, signal?: AbortSignal) =>
    request<AccountDetail>(`/v1/observe/accounts/${encodeURIComponent(platform)}/${encodeURIComponent(id)}`, {
      signal,
    }),
  queue: (query: Query, signal?: AbortSignal) => request<Page<QueueItem>>('/v1/queue', { query, signal }),
  decide: (id: string, decision: Decision, reasonCode: ReasonCode, note?: string) =>
    request<QueueItem>(`/v1/queue/${encodeURIComponent(id)}/decision`, {
      method: 'POST',
      body: { decision, reasonCode, ...(note ? { note } : {}) },
    }),
  bulkCampaign: (campaignId: string, decision: Decision, reasonCode: ReasonCode) =>
    request<{ decided: string[]; skipped: Array<{ id: string; reason: string }> }>(
      '/v1/queue/bulk-decision',
      {
        method: 'POST',
        body: { target: { campaignId }, decision, reasonCode },
      },
    ),
  appeals: (status?: string, signal?: AbortSignal) =>
    request<{ items: Appeal[] }>('/v1/appeals', { query: { status }, signal }),
  decideAppeal: (id: string, decision: 'uphold' | 'overturn', note?: string) =>
    request<Appeal>(`/v1/appeals/${encodeURIComponent(id)}/decision`, {
      method: 'POST',
      body: { decision, ...(note ? { note } : {}) },
    }),
  report: (body: {
    platform: string;
    kind: 'post' | 'account';
    id: string;
    reason: string;
    reporter?: string;
  }) => request<{ accepted: boolean; duplicate: boolean }>('/v1/reports', { method: 'POST', body }),
  transparency: (from: string, to: string, signal?: AbortSignal) =>
    request<TransparencyReport>('/v1/transparency', { query: { from, to }, signal }),
};
