/**
 * A set of keys with a size cap: when full, the oldest inserted keys go first. Used for the
 * accounts known to exist, so that a 5 GB input needs no unbounded memory; a key evicted
 * too early only costs one more database lookup.
 */
export class BoundedKeySet {
  private readonly keys = new Set<string>();

  constructor(readonly cap: number) {
    if (!(cap > 0)) throw new RangeError('cap must be positive');
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  add(key: string): void {
    if (this.keys.has(key)) return;
    if (this.keys.size >= this.cap) {
      const oldest = this.keys.values().next();
      if (!oldest.done) this.keys.delete(oldest.value);
    }
    this.keys.add(key);
  }

  get size(): number {
    return this.keys.size;
  }

  clear(): void {
    this.keys.clear();
  }
}

export const accountKey = (platform: string, id: string): string => `${platform}\0${id}`;
