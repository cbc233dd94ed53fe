import type { CommitFacts, FileFacts } from "../model/pull-request-facts.js";
import { getFileText, type RepoFile } from "../github/get-file-text.js";
import { listDirectory, type DirectoryEntry, type DirectoryListing } from "../github/list-directory.js";
import type { IssueRef, TicketLookup } from "../model/ticket-references.js";
import { listClosingIssues, type LinkedIssue } from "../github/list-closing-issues.js";
import { getIssue } from "../github/get-issue.js";
import { listAncestorCommits } from "../github/list-ancestor-commits.js";
import { listPullRequestCommits } from "../github/list-pull-request-commits.js";
import { listPullRequestFiles } from "../github/list-pull-request-files.js";
import type { GitHub } from "../github/octokit.js";
import type { BoundedCache } from "../lib/bounded-cache.js";
import { loadThroughPullRequestCache, pullRequestCacheKey, type PullRequestCacheEntry } from "./pull-request-cache.js";

/**
 * GitHub reads about one pull request, each made at most once per evaluation however many
 * checks ask: checks share it so the whole pipeline stays within the request budget.
 */
export interface PullRequestData {
  /** The PR's commits, oldest first (GitHub lists at most 250). */
  commits(): Promise<CommitFacts[]>;
  /** The first page of the PR's commits (at most 100, one request); `complete` when that is all of them. */
  firstCommits(): Promise<{ commits: CommitFacts[]; complete: boolean }>;
  /** The PR's changed files (GitHub lists at most 3,000). */
  files(): Promise<FileFacts[]>;
  /** Whether a referenced issue exists and is not a PR; cached for a few minutes unless `fresh`. */
  issue(ref: IssueRef, options?: { fresh?: boolean }): Promise<TicketLookup>;
  /** The issues GitHub links to the PR (Development sidebar), one GraphQL request; cached per head unless `fresh`. */
  linkedIssues(options?: { fresh?: boolean }): Promise<LinkedIssue[]>;
  /** A directory's entries at `ref` (null: none), conditional on the ETag the process cached. */
  directory(path: string, ref: string): Promise<DirectoryEntry[] | null>;
  /** A file at `ref`: its text, or its size when over the cap (see `getFileText`). */
  fileText(path: string, ref: string): Promise<RepoFile>;
  /** `sha` and its newest ancestors, newest first (one page of 100): coverage looks for a base report. */
  ancestors(sha: string): Promise<string[]>;
  /** How many GitHub requests the loaders made, for budgets and tests. */
  readonly requests: number;
}

export function createPullRequestData(params: {
  octokit: GitHub;
  owner: string;
  repo: string;
  number: number;
  /** With the PR's SHAs, commits and files are shared across events through this cache. */
  cache?: { store: BoundedCache<PullRequestCacheEntry>; headSha: string; baseSha: string };
  /** Issue lookups and directory listings shared by every evaluation (`AppDeps.caches`). */
  caches: { issues: BoundedCache<TicketLookup>; directories: BoundedCache<DirectoryListing>; linkedIssues: BoundedCache<LinkedIssue[]> };
  /** The PR's head SHA, keying the linked issues; without it they are read once per evaluation. */
  headSha?: string;
}): PullRequestData {
  let requests = 0;
  const count = (n: number) => {
    requests += n;
  };
  const { cache, caches } = params;
  const cacheKey = cache ? pullRequestCacheKey({ ...params, headSha: cache.headSha, baseSha: cache.baseSha }) : "";
  const loadFirstCommits = () => listPullRequestCommits({ ...params, maxPages: 1, onRequest: count });
  const firstPage = once(() => (cache ? loadThroughPullRequestCache(cache.store, cacheKey, "firstCommits", loadFirstCommits) : loadFirstCommits()));
  // The whole list reuses the first page when it has been read already.
  const loadCommits = async () => {
    const first = await firstPage();
    if (first.length < 100) return first;
    const rest = await listPullRequestCommits({ ...params, startPage: 2, onRequest: count });
    return [...first, ...rest].slice(0, 250);
  };
  const loadFiles = () => listPullRequestFiles({ ...params, onRequest: count });
  const commits = once(() => (cache ? loadThroughPullRequestCache(cache.store, cacheKey, "commits", loadCommits) : loadCommits()));
  const files = once(() => (cache ? loadThroughPullRequestCache(cache.store, cacheKey, "files", loadFiles) : loadFiles()));
  const issue = (ref: IssueRef, options: { fresh?: boolean } = {}) => {
    const load = () => {
      count(1);
      return getIssue({ octokit: params.octokit, ...ref });
    };
    const remember = (lookup: TicketLookup) => {
      // An outage is not remembered: the next evaluation asks again.
      if (lookup.kind !== "unreachable") caches.issues.set(issueCacheKey(ref), lookup);
      return lookup;
    };
    const cached = options.fresh ? undefined : caches.issues.get(issueCacheKey(ref));
    return cached ? Promise.resolve(cached) : load().then(remember);
  };
  const linkedKey = `${params.owner}/${params.repo}#${params.number}@${params.headSha ?? cache?.headSha ?? ""}`.toLowerCase();
  const loadLinked = once(async () => {
    count(1);
    const linked = await listClosingIssues({ octokit: params.octokit, owner: params.owner, repo: params.repo, number: params.number });
    caches.linkedIssues.set(linkedKey, linked);
    return linked;
  });
  const linkedIssues = (options: { fresh?: boolean } = {}) => {
    const cached = options.fresh ? undefined : caches.linkedIssues.get(linkedKey);
    return cached ? Promise.resolve(cached) : loadLinked();
  };
  const { octokit, owner, repo } = params;
  const directory = memo((path: string, ref: string) => {
    count(1);
    return listDirectory({ octokit, owner, repo, path, ref, cache: caches.directories });
  });
  const fileText = memo((path: string, ref: string) => {
    count(1);
    return getFileText({ octokit, owner, repo, path, ref });
  });
  const ancestors = memo((sha: string) => {
    count(1);
    return listAncestorCommits({ octokit, owner, repo, sha });
  });
  return {
    commits,
    firstCommits: async () => {
      const commits = await firstPage();
      return { commits, complete: commits.length < 100 };
    },
    files,
    ancestors: (sha: string) => ancestors(sha, ""),
    directory,
    fileText,
    issue,
    linkedIssues,
    get requests() {
      return requests;
    },
  };
}

/** Keys carry the installation's repo (`owner/repo#n`), so entries never leak between installations. */
function issueCacheKey(ref: IssueRef): string {
  return `${ref.owner}/${ref.repo}#${ref.number}`.toLowerCase();
}

function memo<T>(load: (path: string, ref: string) => Promise<T>): (path: string, ref: string) => Promise<T> {
  const loaded = new Map<string, Promise<T>>();
  return (path, ref) => {
    const key = `${ref}:${path}`;
    let promise = loaded.get(key);
    if (!promise) loaded.set(key, (promise = load(path, ref)));
    return promise;
  };
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= load());
}
