import type { IssueKind, IssueRef } from "../model/ticket-references.js";
import type { GitHub } from "./octokit.js";

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
