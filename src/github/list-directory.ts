import type { BoundedCache } from "../lib/bounded-cache.js";
import type { GitHub } from "./octokit.js";

/** One entry of a repository directory, as the contents API lists it. */
export interface DirectoryEntry {
  name: string;
  path: string;
  type: "file" | "dir" | "symlink" | "submodule";
  /** The blob (or tree) SHA: the same SHA means the same content. */
  sha: string;
}

/** A listing already read, with the ETag GitHub sent, so the next read can be conditional. */
export interface DirectoryListing {
  etag: string;
  entries: DirectoryEntry[];
}

/** Most entries kept from one listing: GitHub's own limit for this API, enforced here too. */
export const MAX_DIRECTORY_ENTRIES = 1000;

/**
 * The entries of `path` at `ref`, or null when there is no such directory. The request is
 * conditional on the cached ETag: a 304 reuses the cached listing and does not count against the
 * rate limit. The request is always sent, so a token without access never reads the cache.
 * GitHub lists at most 1,000 entries of a directory this way.
 */
export async function listDirectory(params: {
  octokit: GitHub;
  owner: string;
  repo: string;
  path: string;
  ref: string;
  /** Shared by every evaluation in the process (`AppDeps.caches.directories`). */
  cache: BoundedCache<DirectoryListing>;
}): Promise<DirectoryEntry[] | null> {
  const { octokit, owner, repo, path, ref, cache } = params;
  // Owner and repo names are case-insensitive on GitHub; refs and paths are not.
  const key = `${owner.toLowerCase()}/${repo.toLowerCase()}@${ref}:${path}`;
  const cached = cache.get(key);
  try {
    const response = await octokit.rest.repos.getContent({
      owner,
      repo,
      path,
      ref,
      ...(cached ? { headers: { "if-none-match": cached.etag } } : {}),
    });
    const data: unknown = response.data;
    if (!Array.isArray(data)) return null; // a file, not a directory
    // A server that sends more than GitHub's 1,000 (a proxy, a fake) cannot grow the cache.
    const entries = data.slice(0, MAX_DIRECTORY_ENTRIES).map(toEntry);
    const etag = response.headers.etag;
    if (etag) cache.set(key, { etag, entries });
    return entries;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 304 && cached) return cached.entries;
    if (status === 404) return null;
    throw error;
  }
}

function toEntry(item: { name: string; path: string; type: string; sha: string }): DirectoryEntry {
  const type = item.type === "dir" || item.type === "symlink" || item.type === "submodule" ? item.type : "file";
  return { name: item.name, path: item.path, type, sha: item.sha };
}
