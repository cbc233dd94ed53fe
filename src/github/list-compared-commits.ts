import type { GitHub } from "./octokit.js";

/** Pages of the compare API read at most: 10 x 100 commits between two deployments is plenty. */
export const MAX_COMPARE_PAGES = 10;

/** SHAs of the commits reachable from `head` and not from `base` (the compare API, paginated). */
export async function listComparedCommits(params: { octokit: GitHub; owner: string; repo: string; base: string; head: string }): Promise<string[]> {
  const { octokit, owner, repo, base, head } = params;
  const shas: string[] = [];
  for (let page = 1; page <= MAX_COMPARE_PAGES; page++) {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${head}`, per_page: 100, page });
    for (const commit of data.commits) shas.push(commit.sha);
    if (data.commits.length < 100 || shas.length >= data.total_commits) break;
  }
  return shas;
}
