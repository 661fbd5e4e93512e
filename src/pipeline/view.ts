import { LruMap } from './lru.js';
import type {
  AccountRecord,
  EvasionRecord,
  PipelineEvent,
  PipelineView,
  PostClassification,
} from './types.js';

/** Caps of the shared facts; see docs/pipeline.md. */
export interface ViewCaps {
  /** Accounts whose created_at / suspension / risk are remembered (LRU). */
  accounts: number;
  /** Posts whose author and classification are remembered for reposts/quotes/replies (LRU). */
  posts: number;
}

export const DEFAULT_VIEW_CAPS: ViewCaps = { accounts: 1_000_000, posts: 1_000_000 };

interface AccountFacts {
  createdAt: number | undefined;
  suspended: boolean;
  risk: number;
  flagged: boolean;
  recreationOf: string | undefined;
}

interface PostFacts {
  author: string;
  classification: PostClassification | undefined;
}

/**
 * The facts detectors share (PipelineView), updated by the runner from each event before the
 * detectors see it, and from `account` decisions as they are emitted. Keyed by id alone, as the
 * PipelineView interface is: ids of different platforms that collide share an entry.
 */
export class PipelineFacts implements PipelineView {
  private readonly accounts: LruMap<string, AccountFacts>;
  private readonly posts: LruMap<string, PostFacts>;

  constructor(readonly caps: ViewCaps = DEFAULT_VIEW_CAPS) {
    this.accounts = new LruMap(caps.accounts);
    this.posts = new LruMap(caps.posts);
  }

  private account(id: string): AccountFacts {
    let facts = this.accounts.get(id);
    if (!facts) {
      facts = { createdAt: undefined, suspended: false, risk: 0, flagged: false, recreationOf: undefined };
      this.accounts.set(id, facts);
    }
    return facts;
  }

  /** Applies what an event tells about accounts and posts (called before detectors see it). */
  observe(pe: PipelineEvent): void {
    const ev = pe.event;
    switch (ev.type) {
      case 'account':
        this.account(ev.id).createdAt = pe.time;
        break;
      case 'enforcement':
        if (ev.account_id !== undefined && ev.action !== 'remove') {
          this.account(ev.account_id).suspended = ev.action === 'suspend';
        }
        break;
      case 'post':
        this.posts.set(ev.id, { author: ev.account_id, classification: pe.classification });
        break;
      default:
        break;
    }
  }

  /** An `account` decision was emitted: later events see the new risk and flag. */
  observeAccountDecision(record: AccountRecord): void {
    const facts = this.account(record.id);
    facts.risk = record.risk;
    facts.flagged = record.flagged_at !== null;
  }

  /** An `evasion` decision was emitted: later events see the account as a re-creation. */
  observeEvasionDecision(record: EvasionRecord): void {
    this.account(record.account_id).recreationOf = record.suspended_account_id;
  }

  accountRisk(accountId: string): number {
    return this.accounts.peek(accountId)?.risk ?? 0;
  }

  isAccountFlagged(accountId: string): boolean {
    return this.accounts.peek(accountId)?.flagged ?? false;
  }

  isAccountSuspended(accountId: string): boolean {
    return this.accounts.peek(accountId)?.suspended ?? false;
  }

  recreationOf(accountId: string): string | undefined {
    return this.accounts.peek(accountId)?.recreationOf;
  }

  accountCreatedAt(accountId: string): number | undefined {
    return this.accounts.peek(accountId)?.createdAt;
  }

  postClassification(postId: string): PostClassification | undefined {
    return this.posts.peek(postId)?.classification;
  }

  postAuthor(postId: string): string | undefined {
    return this.posts.peek(postId)?.author;
  }

  stats(): { accounts: number; posts: number; accountEvictions: number; postEvictions: number } {
    return {
      accounts: this.accounts.size,
      posts: this.posts.size,
      accountEvictions: this.accounts.evictions,
      postEvictions: this.posts.evictions,
    };
  }
}
