import { listComparedCommits } from "../github/list-compared-commits.js";
import type { GitHub } from "../github/octokit.js";
import { applyPullRequestEvent } from "../metrics/apply-pull-request-event.js";
import type { Db } from "../store/db.js";
import {
  getDeployment,
  earliestDeploymentOf,
  listDeploymentCommits,
  nextSuccessfulDeployment,
  previousSuccessfulDeployment,
  saveDeploymentCommits,
  type DeploymentRecord,
} from "../store/deployments.js";
import { markPullRequestsDeployed, recordPullRequestEvent } from "../store/pull-requests.js";

/** The SHAs of the commits reachable from `head` and not from `base` (GitHub's compare API). */
export type CompareCommits = (base: string, head: string) => Promise<string[]>;

const lockKey = (repoId: number) => `metrics:deploys:${repoId}`;

/**
 * Links a successful production deployment to the PRs it shipped, whatever order deployments
 * arrive in (ADR 0042): its commits are those it adds over the deployment that succeeded just
 * before it, and each PR whose merge commit is among them is deployed at the earliest such
 * success. A deployment arriving between two others changes its successor's predecessor, so the
 * successor is compared again; one whose predecessor did not change is not. `relink`: mark the
 * PRs of its stored commits even then (the backfill, for PRs recorded since). Returns the PRs
 * whose deploy time was set or moved earlier.
 */
export async function linkDeployment(params: { db: Db; repoId: number; deploymentId: number; compare: CompareCommits; relink?: boolean }): Promise<number[]> {
  const { db, repoId } = params;
  return db.withLock(lockKey(repoId), async () => {
    const deployment = await getDeployment(db, params.deploymentId);
    if (!deployment || !deployment.production || deployment.succeededAt === null) return [];
    const marked = await linkOne(db, deployment, params);
    const next = await nextSuccessfulDeployment(db, deployment);
    if (next) marked.push(...(await linkOne(db, next, { ...params, relink: false })));
    return [...new Set(marked)].sort((a, b) => a - b);
  });
}

async function linkOne(db: Db, deployment: DeploymentRecord, params: { compare: CompareCommits; relink?: boolean }): Promise<number[]> {
  const previous = await previousSuccessfulDeployment(db, deployment);
  const after = previous?.deploymentId ?? null;
  let shas: string[];
  if (deployment.prsMarked && deployment.linkedAfter === after) {
    if (!params.relink) return [];
    shas = await listDeploymentCommits(db, deployment.deploymentId);
  } else {
    // A merge deployment ships its own merge commit and nothing else. The first other deployment
    // seen has nothing to compare with: PRs merged before it stay out of deploy time (ADR 0040).
    if (deployment.source === "merges") shas = [deployment.sha];
    else shas = previous ? [deployment.sha, ...(await params.compare(previous.sha, deployment.sha))] : [];
    await saveDeploymentCommits(db, { repoId: deployment.repoId, deploymentId: deployment.deploymentId, linkedAfter: after, shas });
  }
  return markPullRequestsDeployed(db, { repoId: deployment.repoId, commitShas: shas, at: deployment.succeededAt as number }, applyPullRequestEvent);
}

/**
 * A merge recorded after the deployment that shipped it (ADR 0042, bug 2 of issue 16): the
 * earliest stored successful production deployment holding the merge commit deploys the PR.
 * Under the repo's deployment lock, so a deployment being linked at the same time sees the
 * merge or is seen by it.
 */
export async function deployIfAlreadyShipped(db: Db, params: { repoId: number; number: number; mergeCommitSha: string | null }): Promise<boolean> {
  const { repoId, number, mergeCommitSha } = params;
  if (mergeCommitSha === null) return false;
  return db.withLock(lockKey(repoId), async () => {
    const at = await earliestDeploymentOf(db, { repoId, sha: mergeCommitSha });
    if (at === null) return false;
    const record = await recordPullRequestEvent(db, { kind: "deployed", repoId, number, at }, applyPullRequestEvent);
    return record.deployedAt === at;
  });
}

/** Commits between two SHAs through the compare API, for attribution (ADR 0042). */
export function compareWith(octokit: GitHub, owner: string, repo: string): CompareCommits {
  return (base, head) => listComparedCommits({ octokit, owner, repo, base, head });
}
