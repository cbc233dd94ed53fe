import type { ApplicationFunction } from "probot";
import type { AppDeps } from "./app-deps.js";
import { CHECK_RERUN_TRIGGERS, onCheckRerequested } from "./handlers/on-check-rerequested.js";
import { onIssueComment } from "./handlers/on-issue-comment.js";
import { onPullRequest, PULL_REQUEST_TRIGGERS } from "./handlers/on-pull-request.js";

/**
 * Shipshape's Probot app: only wiring. Each handler gathers, hands plain data to a pure rule,
 * then acts; see STYLE.md.
 */
export function shipshape(deps: AppDeps): ApplicationFunction {
  return (app) => {
    app.on([...PULL_REQUEST_TRIGGERS], onPullRequest(deps));
    app.on("issue_comment.created", onIssueComment(deps));
    app.on([...CHECK_RERUN_TRIGGERS], onCheckRerequested(deps));
  };
}
