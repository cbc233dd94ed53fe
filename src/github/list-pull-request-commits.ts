import type { CommitFacts } from "../model/pull-request-facts.js";
import type { GitHub } from "./octokit.js";

/** GitHub's pulls/{n}/commits endpoint returns at most 250 commits, 100 a page. */
export const MAX_PR_COMMITS = 250;

export async function listPullRequestCommits(params: {
  octokit: GitHub;
  owner: string;
  repo: string;
  number: number;
  /** First page to read (100 commits a page). */
  startPage?: number;
  /** Stop after this many pages. */
  maxPages?: number;
  onRequest?: (count: number) => void;
}): Promise<CommitFacts[]> {
  const { octokit, owner, repo, number, onRequest } = params;
  const commits: CommitFacts[] = [];
  let pages = 0;
  for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listCommits, {
    owner,
    repo,
    pull_number: number,
    per_page: 100,
    ...(params.startPage ? { page: params.startPage } : {}),
  })) {
    pages++;
    onRequest?.(1);
    for (const commit of page.data) {
      commits.push({
        sha: commit.sha,
        message: commit.commit.message,
        authorDate: commit.commit.author?.date ?? null,
        authorLogin: commit.author?.login ?? null,
      });
    }
    if (commits.length >= MAX_PR_COMMITS || page.data.length < 100 || pages === params.maxPages) break;
  }
  return commits.slice(0, MAX_PR_COMMITS);
}
