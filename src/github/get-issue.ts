import type { IssueRef, TicketLookup } from "../model/ticket-references.js";
import type { GitHub } from "./octokit.js";

/**
 * What `owner/repo#number` is: an issue (with its title, `open`/`closed` state and link), a pull
 * request (GitHub serves both from the issues endpoint; a PR carries `pull_request`) or missing.
 * 404 and 410 (deleted) are "missing"; so is a repository the installation cannot see, which
 * GitHub also answers with 404. 5xx is unreachable, for the check to conclude neutral.
 */
export async function getIssue(params: { octokit: GitHub } & IssueRef): Promise<TicketLookup> {
  const { octokit, owner, repo, number } = params;
  try {
    const { data } = await octokit.rest.issues.get({ owner, repo, issue_number: number });
    const title = data.title ?? `#${number}`;
    const url = data.html_url ?? "";
    if (data.pull_request) return { kind: "pull-request", title, url };
    const state = data.state ?? "open";
    return { kind: "found", title, status: state, group: state, url };
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 410) return { kind: "missing" };
    if (status !== undefined && status >= 500) return { kind: "unreachable", reason: `GitHub answered ${status}` };
    throw error;
  }
}
