/**
 * The one cache type of the app: an in-memory map with a size bound (the oldest entry goes first
 * when full) and an optional time to live. Every instance is created with the other dependencies
 * (`AppDeps`) and handed in; none lives at module level. Per process: other replicas keep their own.
 */
export class BoundedCache<V> {
  readonly #entries = new Map<string, { value: V; expires: number }>();

  /** With `lru`, a read makes the entry the newest, so the least recently used goes first instead. */
  constructor(private readonly options: { maxEntries: number; ttlMs?: number; now?: () => number; lru?: boolean }) {}

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    if (this.options.lru) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.options.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, expires: this.options.ttlMs === undefined ? Infinity : this.#now() + this.options.ttlMs });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Drops every entry whose key matches. */
  deleteWhere(predicate: (key: string) => boolean): void {
    for (const key of this.#entries.keys()) if (predicate(key)) this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached value, else `load()`'s, remembered. */
  async getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const value = await load();
    this.set(key, value);
    return value;
  }

  #now(): number {
    return (this.options.now ?? Date.now)();
  }
}
