/**
 * A queue between a message iterator and the loop that processes its messages in batches: `fill`
 * drains the iterator into the queue as messages arrive, `take` waits for at least one message (or
 * the iterator's end) and returns what has arrived, up to `max`. The processing loop thus never
 * waits for a message that is not coming, whatever the iterator reports as pending.
 */
export class Inbox<T> {
  private queue: T[] = [];
  private ended = false;
  private wake: (() => void) | undefined;

  get size(): number {
    return this.queue.length;
  }

  /** Moves every item of `source` into the queue; resolves when the source ends (or fails). */
  async fill(source: AsyncIterable<T>): Promise<void> {
    try {
      for await (const item of source) {
        this.queue.push(item);
        this.signal();
      }
    } finally {
      this.ended = true;
      this.signal();
    }
  }

  /** Up to `max` queued items, waiting for one if none; empty only once the source has ended. */
  async take(max: number): Promise<T[]> {
    while (this.queue.length === 0 && !this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.queue.splice(0, max);
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
