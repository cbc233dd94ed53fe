import type { CommitFacts, FileFacts } from "../model/pull-request-facts.js";

/**
 * A PR's commits and files for one (head SHA, base SHA): they cannot change while both SHAs stay
 * the same, so events that do not move the head (labels, edits, reviews) reuse them instead of
 * asking GitHub again. Least recently used entries go first.
 */
export class PullRequestCache {
  readonly #entries = new Map<string, { commits?: Promise<CommitFacts[]>; firstCommits?: Promise<CommitFacts[]>; files?: Promise<FileFacts[]> }>();

  constructor(private readonly maxEntries = 500) {}

  static key(params: { owner: string; repo: string; number: number; headSha: string; baseSha: string }): string {
    return `${params.owner}/${params.repo}#${params.number}@${params.headSha}..${params.baseSha}`.toLowerCase();
  }

  /** Loads once per key; a failed load is forgotten so the next event tries again. */
  get<K extends "commits" | "firstCommits" | "files">(key: string, kind: K, load: () => Promise<K extends "files" ? FileFacts[] : CommitFacts[]>) {
    let entry = this.#entries.get(key);
    if (entry) {
      this.#entries.delete(key);
    } else {
      entry = {};
      if (this.#entries.size >= this.maxEntries) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
    }
    this.#entries.set(key, entry);
    const cached = entry[kind] as ReturnType<typeof load> | undefined;
    if (cached) return cached;
    const loading = load();
    (entry as Record<string, unknown>)[kind] = loading;
    loading.catch(() => {
      if (entry[kind] === (loading as unknown)) delete entry[kind];
    });
    return loading;
  }
}
