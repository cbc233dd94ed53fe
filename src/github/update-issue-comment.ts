import type { GitHub } from "./octokit.js";

/** Replaces the body of an existing comment (sticky comments are edited in place, never reposted). */
export async function updateIssueComment(params: { octokit: GitHub; owner: string; repo: string; commentId: number; body: string }): Promise<void> {
  const { octokit, owner, repo, commentId, body } = params;
  await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
}
