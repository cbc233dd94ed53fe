import { MAX_COMMENT_CHARS, truncate } from "../model/github-limits.js";
import type { GitHub } from "./octokit.js";

/** Posts a one-off comment (a reply); sticky comments go through `upsertStickyComment`. */
export async function createIssueComment(params: { octokit: GitHub; owner: string; repo: string; number: number; body: string }): Promise<number> {
  const { octokit, owner, repo, number, body } = params;
  const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: truncate(body, MAX_COMMENT_CHARS) });
  return data.id;
}
