import type { DeploymentRecord } from "../github/list-deployments.js";
import type { IncidentIssue } from "../github/list-incident-issues.js";
import type { PullRequestEvent } from "../model/pull-request-event.js";
import type { RevertTarget } from "../metrics/revert-target.js";
import type { SourceDeployment } from "../recording/record-source-deployment.js";

/** Where imported facts go: the same recorders the webhooks feed (idempotent, order-independent). */
export interface BackfillRecorder {
  pullRequest(events: PullRequestEvent[]): Promise<void>;
  /** A page of deployments in the window, each with its statuses. */
  deployments(params: { repoId: number; deployments: DeploymentRecord[] }): Promise<void>;
  /** Deployments read from workflow runs, releases or merges (ADR 0044). */
  sourceDeployments(params: { repoId: number; deployments: SourceDeployment[] }): Promise<void>;
  /** A merged PR that reverts another (ADR 0048). */
  revert(params: { repoId: number; number: number; target: RevertTarget }): Promise<void>;
  incidents(params: { repoId: number; issues: IncidentIssue[] }): Promise<void>;
  /** The repository's web address as GitHub gave it, so links work for a repo no webhook has brought yet (ADR 0074). */
  repositoryUrl?(params: { repoId: number; url: string }): Promise<void>;
  /** After the last page: e.g. link deployments to the PRs they shipped, oldest first. */
  finish?(params: { repoId: number; since: number }): Promise<void>;
}
