import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { checks } from "../checks/index.js";
import { pullRequestFacts } from "../model/pull-request-facts.js";
import { evaluatePullRequest } from "../pipeline/evaluate-pull-request.js";

/** The `pull_request` actions after which the checks are judged again. */
export const PULL_REQUEST_TRIGGERS = [
  "pull_request.opened",
  "pull_request.reopened",
  "pull_request.edited",
  "pull_request.synchronize",
  "pull_request.labeled",
  "pull_request.unlabeled",
  "pull_request.ready_for_review",
  "pull_request.converted_to_draft",
] as const;

export function onPullRequest(deps: AppDeps) {
  return async (context: Context<"pull_request">): Promise<void> => {
    const { payload } = context;
    if (payload.action === "edited" && !editTouchesChecks(payload)) return;
    await evaluatePullRequest({
      deps,
      octokit: context.octokit,
      pr: pullRequestFacts(payload.pull_request, payload.repository),
      trigger: `pull_request.${payload.action}`,
      checks,
    });
  };
}

/** An edit of the title, body or base can change a verdict; anything else cannot. */
function editTouchesChecks(payload: Context<"pull_request.edited">["payload"]): boolean {
  const changes = payload.changes ?? {};
  return "title" in changes || "body" in changes || "base" in changes;
}
