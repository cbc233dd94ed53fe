/**
 * Where a repository's deployments come from (`metrics.deployments`, ADR 0044), by the name users
 * write in the config. Written once: the schema, the recorders and the store read this list.
 */
export const DEPLOYMENT_SOURCES = ["github_deployments", "workflow_runs", "releases", "merges"] as const;
export type DeploymentSource = (typeof DEPLOYMENT_SOURCES)[number];

/**
 * The store key of a deployment of `source` whose GitHub id is `id`. GitHub deployments keep
 * their own id (the key rows had before sources existed); the others live in id spaces of their
 * own (workflow runs, releases, pull requests), so they are folded into the negative numbers,
 * one residue per source, and can never collide (ids stay far below 2^53 / 4).
 */
export function deploymentKey(source: DeploymentSource, id: number): number {
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`a ${source} id must be a positive integer; got ${id}`);
  const index = DEPLOYMENT_SOURCES.indexOf(source);
  return index === 0 ? id : -(id * 4 + index);
}
