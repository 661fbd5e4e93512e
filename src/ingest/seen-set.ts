/**
 * A set of ids seen in one input, used to emit an account once before its first post. Bounded:
 * past `cap` ids it starts afresh, which only re-emits an account or post that storage then
 * finds to be a duplicate (ingestion is idempotent), so memory stays flat on huge inputs.
 */
export class SeenSet {
  private ids = new Set<string>();

  constructor(private readonly cap = 1_000_000) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    if (this.ids.size >= this.cap) this.ids = new Set();
    this.ids.add(id);
  }
}
