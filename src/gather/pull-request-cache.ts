import type { BoundedCache } from "../lib/bounded-cache.js";
import type { CommitFacts, FileFacts } from "../model/pull-request-facts.js";

/**
 * A PR's commits and files for one (head SHA, base SHA): they cannot change while both SHAs stay
 * the same, so events that do not move the head (labels, edits, reviews) reuse them instead of
 * asking GitHub again. Promises, so checks of one event running at once share one load.
 */
export interface PullRequestCacheEntry {
  commits?: Promise<CommitFacts[]>;
  firstCommits?: Promise<CommitFacts[]>;
  files?: Promise<FileFacts[]>;
}

/** The key of one (PR, head, base) in `AppDeps.caches.pullRequests`. */
export function pullRequestCacheKey(params: { owner: string; repo: string; number: number; headSha: string; baseSha: string }): string {
  return `${params.owner}/${params.repo}#${params.number}@${params.headSha}..${params.baseSha}`.toLowerCase();
}

/** Loads once per key (the cache is least-recently-used); a failed load is forgotten so the next event tries again. */
export function loadThroughPullRequestCache<K extends keyof PullRequestCacheEntry>(
  cache: BoundedCache<PullRequestCacheEntry>,
  key: string,
  kind: K,
  load: () => NonNullable<PullRequestCacheEntry[K]>,
): NonNullable<PullRequestCacheEntry[K]> {
  let entry = cache.get(key);
  if (!entry) {
    entry = {};
    cache.set(key, entry);
  }
  const cached = entry[kind];
  if (cached) return cached as NonNullable<PullRequestCacheEntry[K]>;
  const loading = load();
  entry[kind] = loading;
  const held = entry;
  loading.catch(() => {
    if (held[kind] === loading) delete held[kind];
  });
  return loading;
}
