import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { getRefSha } from "../github/get-ref-sha.js";
import type { WorkflowRunSummary } from "../github/list-workflow-runs.js";
import { deploymentSource, deploymentSources, releaseCounts, workflowRunOutcome } from "../metrics/deployment-sources.js";
import { deploymentKey, type DeploymentSource } from "../model/deployment-source.js";
import type { Db } from "../store/db.js";
import { recordDeployment, recordDeploymentStatus, type DeploymentRecord } from "../store/deployments.js";
import { recordRepository } from "../store/metric-repos.js";
import { linkDeployment } from "./link-deployment.js";
import { metricsConfig } from "./metrics-config.js";
import { compareWith } from "./link-deployment.js";

/** A deployment read from a workflow run, a release or a merge (ADR 0044): it happened once, with one outcome. */
export interface SourceDeployment {
  source: Exclude<DeploymentSource, "github_deployments">;
  /** The run's, release's or pull request's GitHub id. */
  id: number;
  environment: string;
  sha: string;
  ref: string | null;
  createdAt: number;
  state: "success" | "failure";
  /** When it concluded. */
  at: number;
}

/** Stores a source deployment as a deployment with its one status; webhook and backfill alike. */
export async function saveSourceDeployment(db: Db, params: { repoId: number; deployment: SourceDeployment; productionEnvironments: readonly string[] }): Promise<DeploymentRecord | undefined> {
  const { repoId, deployment } = params;
  const deploymentId = deploymentKey(deployment.source, deployment.id);
  const production = params.productionEnvironments.some((name) => name.toLowerCase() === deployment.environment.toLowerCase());
  await recordDeployment(db, { repoId, deploymentId, environment: deployment.environment, production, sha: deployment.sha, ref: deployment.ref, createdAt: deployment.createdAt, source: deployment.source });
  return recordDeploymentStatus(db, { deploymentId, state: deployment.state, at: deployment.at });
}

type Repository = { id: number; name: string; owner: { login: string }; html_url?: string };

/** Stores it and, once it succeeded in production, links it to the PRs it shipped. */
async function recordAndLink(deps: AppDeps, context: Context, params: { repository: Repository; deployment: SourceDeployment; productionEnvironments: readonly string[] }): Promise<void> {
  const { repository, deployment } = params;
  await recordRepository(deps.db, { repoId: repository.id, owner: repository.owner.login, name: repository.name, at: deployment.createdAt, htmlUrl: repository.html_url });
  const recorded = await saveSourceDeployment(deps.db, { repoId: repository.id, deployment, productionEnvironments: params.productionEnvironments });
  if (!recorded?.production || recorded.succeededAt === null) return;
  await linkDeployment({ db: deps.db, repoId: repository.id, deploymentId: recorded.deploymentId, compare: compareWith(context.octokit, repository.owner.login, repository.name) });
}

/**
 * `workflow_run.completed`, beside the coverage handler: with `workflow_runs` among the repo's
 * deployment sources, a run of a deploy workflow on the default branch is a deployment of its
 * head commit.
 */
export function recordWorkflowRunDeployment(deps: AppDeps) {
  return async (context: Context<"workflow_run.completed">): Promise<void> => {
    const { workflow_run: run, repository } = context.payload;
    const metrics = await metricsConfig(deps, context as unknown as Context, { id: repository.id, owner: repository.owner.login, name: repository.name });
    const settings = deploymentSource(deploymentSources(metrics), "workflow_runs");
    if (!settings) return;
    const deployment = workflowRunDeployment(
      { id: run.id, name: run.name ?? null, path: run.path, headSha: run.head_sha, headBranch: run.head_branch, conclusion: run.conclusion, createdAt: run.created_at, runStartedAt: run.run_started_at ?? null, updatedAt: run.updated_at },
      { defaultBranch: repository.default_branch, settings },
    );
    if (!deployment) return;
    await recordAndLink(deps, context as unknown as Context, { repository, deployment, productionEnvironments: metrics.production_environments });
  };
}

/** `release.published`: with `releases` among the sources, a deployment of the commit its tag points at. */
export function recordReleaseDeployment(deps: AppDeps) {
  return async (context: Context<"release.published">): Promise<void> => {
    const { release, repository } = context.payload;
    const metrics = await metricsConfig(deps, context as unknown as Context, { id: repository.id, owner: repository.owner.login, name: repository.name });
    const settings = deploymentSource(deploymentSources(metrics), "releases");
    const published = release.published_at ?? release.created_at;
    if (!settings || published === null || !releaseCounts({ tagName: release.tag_name, draft: release.draft, prerelease: release.prerelease, publishedAt: published }, settings)) return;
    const sha = await getRefSha({ octokit: context.octokit, owner: repository.owner.login, repo: repository.name, ref: release.tag_name });
    const deployment = releaseDeployment({ id: release.id, tagName: release.tag_name, publishedAt: published }, { sha, environment: settings.environment });
    await recordAndLink(deps, context as unknown as Context, { repository, deployment, productionEnvironments: metrics.production_environments });
  };
}

/** The deployment a workflow run is (its head commit, from its start to its conclusion), or null when it is none. */
export function workflowRunDeployment(run: WorkflowRunSummary, params: { defaultBranch: string; settings: { workflows: readonly string[]; environment: string } }): SourceDeployment | null {
  const state = workflowRunOutcome(run, { defaultBranch: params.defaultBranch, workflows: params.settings.workflows });
  if (state === null) return null;
  const createdAt = Date.parse(run.runStartedAt ?? run.createdAt);
  return { source: "workflow_runs", id: run.id, environment: params.settings.environment, sha: run.headSha, ref: run.headBranch, createdAt, state, at: Date.parse(run.updatedAt) };
}

/** The deployment a counted release is: its tag's commit, at its publication. */
export function releaseDeployment(release: { id: number; tagName: string; publishedAt: string }, params: { sha: string; environment: string }): SourceDeployment {
  const at = Date.parse(release.publishedAt);
  return { source: "releases", id: release.id, environment: params.environment, sha: params.sha, ref: release.tagName, createdAt: at, state: "success", at };
}

/** A merged PR as the `merges` source reads it. */
export interface MergeFacts {
  id: number;
  baseRef: string;
  mergedAt: number;
  mergeCommitSha: string | null;
}

/** The deployment a merge is, when the repo deploys on merge and it merged into the default branch. */
export function mergeDeployment(pr: MergeFacts, params: { defaultBranch: string; environment: string }): SourceDeployment | null {
  if (pr.baseRef !== params.defaultBranch || pr.mergeCommitSha === null) return null;
  return { source: "merges", id: pr.id, environment: params.environment, sha: pr.mergeCommitSha, ref: pr.baseRef, createdAt: pr.mergedAt, state: "success", at: pr.mergedAt };
}

/** `pull_request.closed` (merged): with `merges` among the sources, the merge is the deployment. */
export async function recordMergeDeployment(deps: AppDeps, context: Context<"pull_request">, pr: MergeFacts): Promise<void> {
  const { repository } = context.payload;
  const metrics = await metricsConfig(deps, context as unknown as Context, { id: repository.id, owner: repository.owner.login, name: repository.name });
  const settings = deploymentSource(deploymentSources(metrics), "merges");
  const deployment = settings ? mergeDeployment(pr, { defaultBranch: repository.default_branch, environment: settings.environment }) : null;
  if (!deployment) return;
  await recordAndLink(deps, context as unknown as Context, { repository, deployment, productionEnvironments: metrics.production_environments });
}
