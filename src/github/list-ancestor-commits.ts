import type { GitHub } from "./octokit.js";

/**
 * `sha` and its newest ancestors, newest first: one page (100) of `GET /repos/{o}/{r}/commits`,
 * enough to find the newest commit with a coverage report on a busy base branch.
 */
export async function listAncestorCommits(params: { octokit: GitHub; owner: string; repo: string; sha: string }): Promise<string[]> {
  const { octokit, owner, repo, sha } = params;
  try {
    const { data } = await octokit.rest.repos.listCommits({ owner, repo, sha, per_page: 100 });
    return data.map((commit) => commit.sha);
  } catch (error) {
    // A base SHA GitHub no longer has (force-pushed away): no ancestors to offer.
    if ((error as { status?: number }).status === 404 || (error as { status?: number }).status === 422) return [];
    throw error;
  }
}
