import type { GitHub } from "./octokit.js";

/**
 * Reacts 👍 to a PR comment, so whoever commented `/shipshape skip|unskip|refresh` sees it worked
 * without a reply cluttering the conversation. GitHub answers 200 when the same reaction exists
 * already (a redelivery), so this is idempotent.
 */
export async function createReaction(params: { octokit: GitHub; owner: string; repo: string; commentId: number }): Promise<void> {
  const { octokit, owner, repo, commentId } = params;
  await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content: "+1" });
}
