import type { Config } from "../config/schema.js";
import type { DeploymentSource } from "../model/deployment-source.js";
import { compileGlob } from "../lib/glob.js";

/** One configured deployment source with every option filled in (`metrics.deployments`, ADR 0044). */
export type DeploymentSourceSettings =
  | { source: "github_deployments" }
  | { source: "workflow_runs"; workflows: string[]; environment: string }
  | { source: "releases"; tags: string[]; prereleases: boolean; environment: string }
  | { source: "merges"; environment: string };

const WORKFLOW_DEFAULTS = ["*deploy*"];

/** The repo's deployment sources as the recorders read them: bare names get their defaults. */
export function deploymentSources(metrics: Pick<Config["metrics"], "deployments" | "production_environments">): DeploymentSourceSettings[] {
  const environment = (given: string | undefined) => given ?? metrics.production_environments[0] ?? "production";
  return metrics.deployments.map((entry): DeploymentSourceSettings => {
    if (entry === "github_deployments") return { source: "github_deployments" };
    if (entry === "workflow_runs") return { source: "workflow_runs", workflows: WORKFLOW_DEFAULTS, environment: environment(undefined) };
    if (entry === "releases") return { source: "releases", tags: [], prereleases: false, environment: environment(undefined) };
    if (entry === "merges") return { source: "merges", environment: environment(undefined) };
    if ("workflow_runs" in entry) return { source: "workflow_runs", workflows: entry.workflow_runs?.workflows ?? WORKFLOW_DEFAULTS, environment: environment(entry.workflow_runs?.environment) };
    if ("releases" in entry) return { source: "releases", tags: entry.releases?.tags ?? [], prereleases: entry.releases?.prereleases ?? false, environment: environment(entry.releases?.environment) };
    return { source: "merges", environment: environment(entry.merges?.environment) };
  });
}

/** The settings of `source` when the repo uses it. */
export function deploymentSource<S extends DeploymentSource>(sources: readonly DeploymentSourceSettings[], source: S): Extract<DeploymentSourceSettings, { source: S }> | undefined {
  return sources.find((candidate): candidate is Extract<DeploymentSourceSettings, { source: S }> => candidate.source === source);
}

/**
 * Whether a completed workflow run is a deployment, and how it went: a run of a workflow whose
 * name or file matches one of the globs (case-insensitively), on the default branch, concluded
 * success (a deployment) or failure / timed_out (a failed deployment). Cancelled, skipped and
 * other conclusions deployed nothing: null.
 */
export function workflowRunOutcome(
  run: { name: string | null; path: string; headBranch: string | null; conclusion: string | null },
  params: { defaultBranch: string; workflows: readonly string[] },
): "success" | "failure" | null {
  if (run.headBranch !== params.defaultBranch || !isDeployWorkflow(run, params.workflows)) return null;
  if (run.conclusion === "success") return "success";
  return run.conclusion === "failure" || run.conclusion === "timed_out" ? "failure" : null;
}

/** Whether a workflow (by its name, its file path or the file's base name) matches one of the globs, case-insensitively. */
export function isDeployWorkflow(workflow: { name: string | null; path: string }, workflows: readonly string[]): boolean {
  const file = workflow.path.split("@")[0] ?? workflow.path;
  const names = [workflow.name ?? "", file, file.split("/").at(-1) ?? file].map((name) => name.toLowerCase());
  const globs = workflows.map((glob) => compileGlob(glob.toLowerCase()));
  return names.some((name) => name !== "" && globs.some((glob) => glob.matches(name)));
}

/** Whether a release is a deployment: published, not a draft, a pre-release only when asked for, its tag matching `tags` (empty: any). */
export function releaseCounts(release: { tagName: string; draft: boolean; prerelease: boolean; publishedAt: string | null }, settings: { tags: readonly string[]; prereleases: boolean }): boolean {
  if (release.draft || release.publishedAt === null) return false;
  if (release.prerelease && !settings.prereleases) return false;
  return settings.tags.length === 0 || settings.tags.some((glob) => compileGlob(glob).matches(release.tagName));
}
