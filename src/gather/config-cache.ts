import type { BoundedCache } from "../lib/bounded-cache.js";
import type { ConfigResult } from "../config/parse-config.js";

/**
 * The key of a repository's configuration in `AppDeps.caches.config`. Entries are kept for a few
 * minutes so a busy PR does not re-read the file on every event; a push that touches the file
 * drops the entry at once (in this process; other replicas see the change when theirs expires).
 */
export function configCacheKey(owner: string, repo: string): string {
  return `${owner}/${repo}`.toLowerCase();
}

/** Drops one repository, or every repository of `owner` when `repo` is omitted (org `.github` changes). */
export function invalidateConfig(cache: BoundedCache<ConfigResult>, owner: string, repo?: string): void {
  if (repo !== undefined) {
    cache.delete(configCacheKey(owner, repo));
    return;
  }
  const prefix = `${owner}/`.toLowerCase();
  cache.deleteWhere((key) => key.startsWith(prefix));
}
