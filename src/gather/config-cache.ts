import type { ConfigResult } from "../config/parse-config.js";

/**
 * Configuration per repository, kept for a few minutes so a busy PR does not re-read the file on
 * every event. A push that touches the file drops the entry at once (in this process; other
 * replicas see the change when their entry expires).
 */
export class ConfigCache {
  readonly #entries = new Map<string, { result: ConfigResult; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly maxEntries = 5000,
  ) {}

  get(owner: string, repo: string): ConfigResult | undefined {
    const key = `${owner}/${repo}`.toLowerCase();
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.result;
  }

  set(owner: string, repo: string, result: ConfigResult): void {
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(`${owner}/${repo}`.toLowerCase(), { result, expires: this.now() + this.ttlMs });
  }

  /** Drops one repository, or every repository of `owner` when `repo` is omitted (org `.github` changes). */
  invalidate(owner: string, repo?: string): void {
    if (repo !== undefined) {
      this.#entries.delete(`${owner}/${repo}`.toLowerCase());
      return;
    }
    const prefix = `${owner}/`.toLowerCase();
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
  }
}
