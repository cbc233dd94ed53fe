import type { PayloadPullRequest } from "../model/pull-request-facts.js";
import type { GitHub } from "./octokit.js";

/**
 * A pull request as the REST API has it, for events whose payload lacks it (comments, re-requested
 * checks); the fields `pullRequestFacts` needs have the same shape as in `pull_request` payloads.
 * Null when it does not exist (deleted repository, or not a PR).
 */
export async function getPullRequest(params: { octokit: GitHub; owner: string; repo: string; number: number }): Promise<PayloadPullRequest | null> {
  const { octokit, owner, repo, number } = params;
  try {
    const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
    return data;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}
