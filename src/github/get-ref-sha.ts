import type { GitHub } from "./octokit.js";

/**
 * The commit SHA a ref (a tag name, branch or SHA) points at: `GET /repos/{owner}/{repo}/commits/{ref}`
 * with the `sha` media type, which answers the 40 hex digits alone (an annotated tag is peeled to
 * its commit).
 */
export async function getRefSha(params: { octokit: GitHub; owner: string; repo: string; ref: string }): Promise<string> {
  const { octokit, owner, repo, ref } = params;
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/commits/{ref}", { owner, repo, ref, headers: { accept: "application/vnd.github.sha" } });
  // Octokit hands a body whose media type is neither JSON nor text (no charset) over as bytes.
  const sha = (data instanceof ArrayBuffer ? new TextDecoder().decode(data) : String(data)).trim();
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`GitHub answered no commit SHA for ${owner}/${repo}@${ref}`);
  return sha;
}
