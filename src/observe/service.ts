import type { Database } from '../store/index.js';
import { accountPage, searchAccounts } from './accounts.js';
import { iso, resolvePeriod, type Bucket } from './buckets.js';
import { campaignDetail, listCampaigns } from './campaigns.js';
import { hashtagPage, topHashtags } from './hashtags.js';
import { overview, type OverviewQuery } from './overview.js';
import { streamBounds } from './overview-queries.js';

interface Span {
  from?: string | undefined;
  to?: string | undefined;
}

/** The observatory's reads; the API's handlers call these and nothing else. */
export class ObserveService {
  /** `clock` is used only on an empty database (no stream time yet). */
  constructor(
    private readonly database: Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private get db() {
    return this.database.db;
  }

  overview(q: OverviewQuery) {
    return overview(this.db, q, this.clock);
  }

  /** A period in days for routes without a bucket: by default the 30 days up to now (stream time). */
  private async span(f: Span) {
    const bounds = await streamBounds(this.db);
    const now = bounds.latest ? Date.parse(bounds.latest) : this.clock().getTime();
    const p = resolvePeriod({ bucket: 'day', ...f }, now, undefined);
    return { from: iso(p.from), to: iso(p.to) };
  }

  async hashtags(f: Span & { limit?: number | undefined }) {
    const span = await this.span(f);
    return { ...span, items: await topHashtags(this.db, { ...span, limit: f.limit ?? 50 }) };
  }

  hashtag(key: string, f: Span & { bucket?: Bucket | undefined }) {
    return hashtagPage(this.db, key, { ...f, bucket: f.bucket ?? 'hour' }, this.clock);
  }

  async campaigns(f: Span & { kind?: string | undefined; limit?: number | undefined }) {
    const span = await this.span(f);
    return { ...span, items: await listCampaigns(this.db, { ...span, kind: f.kind, limit: f.limit ?? 50 }) };
  }

  campaign(id: string) {
    return campaignDetail(this.db, id);
  }

  searchAccounts(q: string, limit?: number) {
    return searchAccounts(this.db, q, limit ?? 20);
  }

  account(platform: string, id: string, posts?: number) {
    return accountPage(this.db, platform, id, posts ?? 50);
  }
}
