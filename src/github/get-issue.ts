import type { IssueKind, IssueRef } from "../model/ticket-references.js";
import type { GitHub } from "./octokit.js";
import { BoundedCache } from "../lib/bounded-cache.js";

/**
 * Whether `owner/repo#number` is an issue, a pull request (GitHub serves both from the issues
 * endpoint; a PR carries `pull_request`) or missing. 404 and 410 (deleted) are "missing"; so is a
 * repository the installation cannot see, which GitHub also answers with 404.
 */
export async function getIssue(params: { octokit: GitHub } & IssueRef): Promise<IssueKind> {
  const { octokit, owner, repo, number } = params;
  try {
    const { data } = await octokit.rest.issues.get({ owner, repo, issue_number: number });
    return data.pull_request ? "pull-request" : "issue";
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 410) return "missing";
    throw error;
  }
}

/** How long an issue lookup is trusted: an issue that is created or deleted shows up within this. */
export const ISSUE_CACHE_TTL_MS = 5 * 60_000;

/**
 * Issue lookups shared by every evaluation in this process. Keys carry the installation's repo
 * (`owner/repo#n`), and a repository belongs to exactly one installation, so entries never
 * leak between installations.
 */
export const issueCache = new BoundedCache<IssueKind>({ ttlMs: ISSUE_CACHE_TTL_MS, maxEntries: 10_000, now: Date.now });

export function issueCacheKey(ref: IssueRef): string {
  return `${ref.owner}/${ref.repo}#${ref.number}`.toLowerCase();
}
