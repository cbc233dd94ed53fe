import type { ApplicationFunction } from "probot";
import type { AppDeps } from "./app-deps.js";
import { appBackfills } from "./app-backfills.js";
import { CHECK_RERUN_TRIGGERS, onCheckRerequested } from "./handlers/on-check-rerequested.js";
import { onCheckSuiteCompleted } from "./handlers/on-check-suite-completed.js";
import { onIssueComment } from "./handlers/on-issue-comment.js";
import { INSTALLATION_TRIGGERS, onInstallation } from "./handlers/on-installation.js";
import { onPullRequest, PULL_REQUEST_TRIGGERS } from "./handlers/on-pull-request.js";
import { onPush } from "./handlers/on-push.js";
import { onWorkflowRun } from "./handlers/on-workflow-run.js";
import { recordDeploymentCreated, recordDeploymentStatusCreated } from "./recording/record-deployment.js";
import { RECORDED_ISSUE_ACTIONS, recordIssue } from "./recording/record-incident.js";
import { RECORDED_PULL_REQUEST_ACTIONS, recordPullRequest } from "./recording/record-pull-request.js";
import { readTeamsOnMerge } from "./recording/read-teams.js";
import { readChangedTeam, TEAM_CHANGE_TRIGGERS } from "./recording/read-changed-team.js";
import { recordReview, recordReviewComment } from "./recording/record-review.js";
import { recordReleaseDeployment, recordWorkflowRunDeployment } from "./recording/record-source-deployment.js";

/**
 * Shipshape's Probot app: only wiring. Each handler gathers, hands plain data to a pure rule,
 * then acts; see docs/design.md.
 */
export function shipshape(deps: AppDeps): ApplicationFunction {
  return (app) => {
    app.on([...PULL_REQUEST_TRIGGERS], onPullRequest(deps));
    app.on("workflow_run.completed", onWorkflowRun(deps));
    app.on("workflow_run.completed", recordWorkflowRunDeployment(deps));
    app.on("release.published", recordReleaseDeployment(deps));
    app.on("push", onPush(deps));
    app.on([...INSTALLATION_TRIGGERS], onInstallation(appBackfills(deps, app)));
    app.on("issue_comment.created", onIssueComment(deps));
    app.on([...CHECK_RERUN_TRIGGERS], onCheckRerequested(deps));
    app.on("check_suite.completed", onCheckSuiteCompleted(deps));
    app.on([...RECORDED_PULL_REQUEST_ACTIONS], recordPullRequest(deps));
    app.on("pull_request.closed", readTeamsOnMerge(deps));
    app.on([...TEAM_CHANGE_TRIGGERS], readChangedTeam(deps));
    app.on("pull_request_review.submitted", recordReview(deps));
    app.on("pull_request_review_comment.created", recordReviewComment(deps));
    app.on("deployment.created", recordDeploymentCreated(deps));
    app.on("deployment_status.created", recordDeploymentStatusCreated(deps));
    app.on([...RECORDED_ISSUE_ACTIONS], recordIssue(deps));
  };
}
