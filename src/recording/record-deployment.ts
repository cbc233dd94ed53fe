import { deploymentSource, deploymentSources } from "../metrics/deployment-sources.js";
import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { recordDeployment, recordDeploymentStatus } from "../store/deployments.js";
import { recordRepository } from "../store/metric-repos.js";
import { compareWith, linkDeployment } from "./link-deployment.js";
export { compareWith };
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
 * `deployment_status.created`: folds the status in; a success of a production deployment links
 * it (and its successor) to the PRs it shipped, by the compare API (ADR 0042), whatever order
 * the statuses arrive in.
 */
export function recordDeploymentStatusCreated(deps: AppDeps) {
  return async (context: Context<"deployment_status.created">): Promise<void> => {
    const { deployment, deployment_status: status, repository } = context.payload;
    const production = await saveDeployment(deps, context as unknown as Context, deployment, repository);
    const at = Date.parse(status.created_at);
    const recorded = await recordDeploymentStatus(deps.db, { deploymentId: deployment.id, state: status.state, at });
    if (!production || !recorded || recorded.succeededAt === null) return;
    await linkDeployment({ db: deps.db, repoId: repository.id, deploymentId: recorded.deploymentId, compare: compareWith(context.octokit, repository.owner.login, repository.name) });
  };
}

/** The compare API of one repository, as `linkDeployment` asks for it. */
async function saveDeployment(deps: AppDeps, context: Context, deployment: DeploymentPayload, repository: Repository): Promise<boolean> {
  const config = await metricsConfig(deps, context, { id: repository.id, owner: repository.owner.login, name: repository.name });
  // Recorded always; counted only when GitHub Deployments is one of the repo's sources, as the backfill imports it (ADR 0070).
  const counted = deploymentSource(deploymentSources(config), "github_deployments") !== undefined;
  const production = counted && config.production_environments.some((name) => name.toLowerCase() === deployment.environment.toLowerCase());
  await recordRepository(deps.db, { repoId: repository.id, owner: repository.owner.login, name: repository.name, at: Date.parse(deployment.created_at), htmlUrl: repository.html_url });
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
