interface Entry<V> {
  value: V;
  generation: number;
  expiresAt: number;
}

/**
 * A per-process copy of what a store answered: each entry lives `ttlMs`, and only while the caller
 * still reads the generation it was stored with (when it passes one). At `maxEntries` the oldest entry
 * goes first, so memory stays bounded whatever the number of keys.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  /** The value stored under `key` with this generation less than `ttlMs` ago; undefined otherwise. */
  get(key: string, now: number, generation = 0): V | undefined {
    const entry = this.entries.get(key);
    return entry && entry.generation === generation && entry.expiresAt > now ? entry.value : undefined;
  }

  set(key: string, value: V, now: number, generation = 0): void {
    // Deleted first, so the entry moves to the end of the map's order, which is the eviction order.
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, generation, expiresAt: now + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  deleteWhere(matches: (value: V) => boolean): void {
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
  }
}
