import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { applyPullRequestEvent } from "../metrics/apply-pull-request-event.js";
import { listComparedCommits } from "../github/list-compared-commits.js";
import { markDeploymentPrsMarked, previousSuccessfulDeployment, recordDeployment, recordDeploymentStatus } from "../store/deployments.js";
import { recordRepository } from "../store/metric-repos.js";
import { markPullRequestsDeployed } from "../store/pull-requests.js";
import { metricsConfig } from "./metrics-config.js";

type DeploymentPayload = Context<"deployment_status.created">["payload"]["deployment"];
type Repository = Context<"deployment_status.created">["payload"]["repository"];

/** `deployment.created`: remembers the deployment and whether it goes to production. */
export function recordDeploymentCreated(deps: AppDeps) {
  return async (context: Context<"deployment.created">): Promise<void> => {
    await saveDeployment(deps, context as unknown as Context, context.payload.deployment as unknown as DeploymentPayload, context.payload.repository as unknown as Repository);
  };
}

/**
 * `deployment_status.created`: folds the status in; the first success of a production
 * deployment marks as deployed every merged PR whose merge commit it added since the previous
 * successful production deployment (the compare API between their SHAs).
 */
export function recordDeploymentStatusCreated(deps: AppDeps) {
  return async (context: Context<"deployment_status.created">): Promise<void> => {
    const { deployment, deployment_status: status, repository } = context.payload;
    const production = await saveDeployment(deps, context as unknown as Context, deployment, repository);
    const at = Date.parse(status.created_at);
    const recorded = await recordDeploymentStatus(deps.db, { deploymentId: deployment.id, state: status.state, at });
    if (!production || !recorded || recorded.succeededAt === null || recorded.prsMarked) return;
    await deps.db.withLock(`metrics:deploys:${repository.id}`, async () => {
      const previous = await previousSuccessfulDeployment(deps.db, recorded);
      // With no earlier deployment there is nothing to compare with: PRs merged before the first
      // deployment Shipshape saw are left out of deploy time (ADR 0040).
      if (previous) {
        const shas = await listComparedCommits({ octokit: context.octokit, owner: repository.owner.login, repo: repository.name, base: previous.sha, head: recorded.sha });
        await markPullRequestsDeployed(deps.db, { repoId: repository.id, commitShas: shas, at: recorded.succeededAt as number }, applyPullRequestEvent);
      }
      await markDeploymentPrsMarked(deps.db, recorded.deploymentId);
    });
  };
}

async function saveDeployment(deps: AppDeps, context: Context, deployment: DeploymentPayload, repository: Repository): Promise<boolean> {
  const config = await metricsConfig(deps, context, { owner: repository.owner.login, name: repository.name });
  const production = config.production_environments.some((name) => name.toLowerCase() === deployment.environment.toLowerCase());
  await recordRepository(deps.db, { repoId: repository.id, owner: repository.owner.login, name: repository.name, at: Date.parse(deployment.created_at) });
  await recordDeployment(deps.db, {
    repoId: repository.id,
    deploymentId: deployment.id,
    environment: deployment.environment,
    production,
    sha: deployment.sha,
    ref: deployment.ref ?? null,
    createdAt: Date.parse(deployment.created_at),
  });
  return production;
}
