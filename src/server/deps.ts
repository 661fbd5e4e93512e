import type { BankService } from '../match/index.js';
import type { ReviewServices } from '../review/index.js';
import type { Database } from '../store/index.js';

/** What handlers may call: services only (handlers stay thin). */
export interface ServerDeps {
  database: Database;
  review: ReviewServices;
  banks: BankService;
}
