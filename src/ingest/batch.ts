import type { IngestItem } from './types.js';

export const DEFAULT_BATCH_SIZE = 1000;

/** Collects items and hands out batches of about `size` items, keeping input order. */
export class Batcher {
  private items: IngestItem[] = [];

  constructor(private readonly size = DEFAULT_BATCH_SIZE) {}

  push(item: IngestItem): void {
    this.items.push(item);
  }

  get full(): boolean {
    return this.items.length >= this.size;
  }

  /** Returns the collected items (possibly empty) and starts a new batch. */
  take(): IngestItem[] {
    const out = this.items;
    this.items = [];
    return out;
  }
}
